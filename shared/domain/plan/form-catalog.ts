/**
 * The assessment form's words in every language (form-texts.ts: the keys and the English;
 * form-texts-es.ts: Spanish), with the red-flag questions and the movements' words from their own
 * catalogs (red-flags.ts, catalog.ts, catalog-es.ts). To add a language: a form-texts-xx.ts, its
 * red-flag questions and its lines here (docs/PATIENTS.md#spanish).
 */
import type { Language } from '../language.ts';
import { CATALOG, type HoldName, type MovementId } from './catalog.ts';
import { HOLDS_ES, MOVEMENTS_ES } from './catalog-es.ts';
import { FORM_EN, type FormTexts, type RedFlagTexts } from './form-texts.ts';
import { FORM_ES, RED_FLAGS_ES } from './form-texts-es.ts';
import { RED_FLAGS } from './red-flags.ts';

export const FORM_TEXTS: Record<Language, FormTexts> = { en: FORM_EN, es: FORM_ES };

const RED_FLAGS_EN = Object.fromEntries(RED_FLAGS.map((f) => [f.id, f.label])) as RedFlagTexts;
export const RED_FLAG_TEXTS: Record<Language, RedFlagTexts> = { en: RED_FLAGS_EN, es: RED_FLAGS_ES };

/** A movement's name, how-to and equipment in a language. */
export function movementWords(
  language: Language,
  id: MovementId,
): { name: string; howTo: string; equipment?: string } {
  if (language === 'es') return MOVEMENTS_ES[id];
  const movement = CATALOG.find((m) => m.id === id)!;
  return {
    name: movement.name,
    howTo: movement.howTo,
    ...(movement.equipment ? { equipment: movement.equipment } : {}),
  };
}

/** A kettlebell hold's name in a language, capitalised as a choice shows it ("By the side"). */
export function holdWords(language: Language, hold: HoldName): string {
  const name = language === 'es' ? HOLDS_ES[hold].name : hold;
  return name[0]!.toUpperCase() + name.slice(1);
}

/** `{name}` placeholders of a sentence, filled (a missing value throws: the catalogs' test keeps them equal). */
export function fillPlaceholders(sentence: string, values: Readonly<Record<string, string>>): string {
  return sentence.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`form text: no value for {${name}}`);
    return values[name]!;
  });
}
