/**
 * The assessment form's words in every language (form-texts.ts: the keys and the English;
 * form-texts-es.ts: Spanish), with the red-flag questions and the movements' words from their own
 * catalogs (red-flags.ts, catalog.ts, catalog-es.ts). To add a language: a form-texts-xx.ts, its
 * red-flag questions and its lines here (docs/PATIENTS.md#spanish).
 */
import type { Language } from '../language.ts';
import { CATALOG, type HoldName, type MovementId } from './catalog.ts';
import { HOLDS_ES, MOVEMENTS_ES } from './catalog-es.ts';
import {
  FORM_EN,
  FORM_MESSAGES_EN,
  type FormMessageKey,
  type FormMessages,
  type FormTexts,
  type PluralCategory,
  type RedFlagTexts,
} from './form-texts.ts';
import { FORM_ES, FORM_MESSAGES_ES, RED_FLAGS_ES } from './form-texts-es.ts';
import { HOLD_LADDER } from './progression.ts';
import { RED_FLAGS } from './red-flags.ts';

export const FORM_TEXTS: Record<Language, FormTexts> = { en: FORM_EN, es: FORM_ES };

/**
 * The script's messages by language, each typed with its language's plural categories (English:
 * one, other; Spanish: one, many, other); test/unit/form-texts.test.ts holds them to Intl.PluralRules.
 */
export const FORM_MESSAGES: {
  en: FormMessages<'one' | 'other'>;
  es: FormMessages<'one' | 'many' | 'other'>;
} = { en: FORM_MESSAGES_EN, es: FORM_MESSAGES_ES };

/** A message: a sentence, or a count's sentences by plural category. */
export type FormMessage = string | Readonly<Partial<Record<PluralCategory, string>>>;

/**
 * Everything the form's script may write in `language`: its messages, and each kettlebell hold's
 * name (`holdWord.<hold>`, as a choice's note names it) — sent to the page as JSON.
 */
export function formMessages(language: Language): Record<string, FormMessage> {
  const messages: Record<string, FormMessage> = {};
  for (const [key, message] of Object.entries(FORM_MESSAGES[language]))
    messages[key as FormMessageKey] = message as FormMessage;
  // As a note names it, inside a sentence: lowercase ("by the side", "al costado").
  for (const hold of HOLD_LADDER)
    messages[`holdWord.${hold}`] = language === 'es' ? HOLDS_ES[hold as HoldName].name : hold;
  return messages;
}

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
