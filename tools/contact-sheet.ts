/**
 * The movement pictures' contact sheet (docs/movement-pictures.png): every picture at about a
 * phone's width, named, in one PNG drawn by Chromium from the very SVG the pages serve. Run
 * `npm run pictures:sheet` after changing shared/domain/plan/pictures.ts (the plan page's e2e
 * draws it too, through `contactSheetHtml`).
 */
import { chromium } from 'playwright-core';
import { MOVEMENT_PICTURES } from '../shared/domain/plan/pictures.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

/** The width of each picture on the sheet: about a phone's column. */
const SHEET_PICTURE_WIDTH = 360;
const COLUMNS = 3;
/** The page the sheet is drawn in (its height grows to the whole sheet). */
export const SHEET_VIEWPORT = { width: COLUMNS * (SHEET_PICTURE_WIDTH + 8) + 8, height: 900 };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The sheet as a page: a grid of figures, each picture above its key and alt text. */
export function contactSheetHtml(
  pictures: Readonly<Record<string, { svg: string; alt: string }>> = MOVEMENT_PICTURES,
): string {
  return (
    '<!doctype html><html lang="en"><head><title>Movement pictures</title></head>' +
    '<body style="margin:0;background:#fff;font:14px system-ui,sans-serif;color:#1d3557">' +
    `<main style="display:grid;grid-template-columns:repeat(${COLUMNS},${SHEET_PICTURE_WIDTH}px);gap:8px;padding:8px">` +
    Object.entries(pictures)
      .map(
        ([id, p]) =>
          `<figure style="margin:0;border:1px solid #ccc" data-id="${escape(id)}">${p.svg}` +
          `<figcaption style="padding:4px 8px"><b>${escape(id)}</b><br>` +
          `<span style="font-size:12px">${escape(p.alt)}</span></figcaption></figure>`,
      )
      .join('') +
    '</main></body></html>'
  );
}

/** Draws the sheet into a PNG at `path`. */
export async function renderContactSheet(path: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: SHEET_VIEWPORT });
    await page.setContent(contactSheetHtml());
    await page.screenshot({ path, fullPage: true });
  } finally {
    await browser.close();
  }
}
