/**
 * The movement pictures as the pages show them: an `<img>` naming the picture's own SVG file (hashed
 * name, served from the edge and cached on the phone for a year), not the SVG inlined into every
 * page. The files are drawn from shared/domain/plan/pictures.ts by scripts/build-web-assets.mjs; this
 * module reads only the small generated map, so no function carries the drawings.
 */
import { CATALOG, type HoldName, type MovementId } from '../domain/plan/catalog.ts';
import { HOLDS_ES, MOVEMENTS_ES } from '../domain/plan/catalog-es.ts';
import type { Language } from '../domain/language.ts';
import { PICTURE_FILES } from './asset-urls.generated.ts';

const escapeAttr = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The picture's file for a movement (and its variation, for kettlebell walks). */
export function pictureFile(id: string, variation?: string): { url: string; alt: string } | undefined {
  if (id === 'kettlebell-walk') {
    const kb = CATALOG.find((m) => m.id === id)!;
    return PICTURE_FILES[`kettlebell-walk:${variation ?? kb.startingVariation}`];
  }
  return PICTURE_FILES[id];
}

/** The picture's alt text in a language (the drawings' own alt text is the English). */
export function pictureAlt(
  language: Language,
  id: string,
  variation: string | undefined,
  english: string,
): string {
  if (language !== 'es') return english;
  if (id === 'kettlebell-walk') {
    const kb = CATALOG.find((m) => m.id === id)!;
    return HOLDS_ES[(variation ?? kb.startingVariation) as HoldName]?.alt ?? english;
  }
  return MOVEMENTS_ES[id as MovementId]?.alt ?? english;
}

/**
 * The `<img>` of a movement's picture (its alt text describes the movement, in the page's
 * language), sized as the SVG's viewBox so the page does not jump while it loads; '' when the
 * movement has none.
 */
export function pictureImg(id: string, variation?: string, language: Language = 'en'): string {
  const file = pictureFile(id, variation);
  if (!file) return '';
  return (
    `<img class="picture" src="${escapeAttr(file.url)}" alt="${escapeAttr(pictureAlt(language, id, variation, file.alt))}"` +
    ` width="240" height="132" decoding="async" />`
  );
}
