/** Debian's Chromium (see TOOLCHAIN.md), never a downloaded browser: for the tests, benches and the scripts that draw. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A phone's browser context for the journeys and the page-weight bench: the width (320 px, the
 * narrowest phone the pages hold up on, or 390 px), touch, and what else the journey sets.
 * @default height 740 px at 320 px wide, else 844 px
 */
export function phoneContext(
  width: number,
  options: { height?: number; locale?: string; timezoneId?: string; javaScriptEnabled?: boolean } = {},
) {
  const { height = width <= 320 ? 740 : 844, ...rest } = options;
  return { viewport: { width, height }, isMobile: true, hasTouch: true, ...rest };
}
