/**
 * The movement pictures as the pages show them: an `<img>` naming the picture's own SVG file (hashed
 * name, served from the edge and cached on the phone for a year), not the SVG inlined into every
 * page. The files are drawn from shared/domain/plan/pictures.ts by scripts/build-web-assets.mjs; this
 * module reads only the small generated map, so no function carries the drawings.
 */
import { CATALOG } from '../domain/plan/catalog.ts';
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

/**
 * The `<img>` of a movement's picture (its alt text describes the movement), sized as the SVG's
 * viewBox so the page does not jump while it loads; '' when the movement has none.
 */
export function pictureImg(id: string, variation?: string): string {
  const file = pictureFile(id, variation);
  if (!file) return '';
  return (
    `<img class="picture" src="${escapeAttr(file.url)}" alt="${escapeAttr(file.alt)}"` +
    ` width="240" height="132" decoding="async" />`
  );
}
