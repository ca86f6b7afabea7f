/**
 * The console's progress chart passes WCAG 2.2's contrast minimums: 3:1 for the marks that carry
 * meaning (1.4.11 non-text contrast: bars, pain dots, the paused/stopped shading's edge, axes)
 * against their background and against each mark they touch, 4.5:1 for its text (1.4.3). The
 * colours are read from the one place they are defined, console.css's `--chart-*` properties, and
 * the chart's rules are checked to use those properties only (no colour written twice).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(join(import.meta.dirname, '..', '..', 'web', 'console', 'console.css'), 'utf8');

/** The `--chart-*` properties of :root, as #rrggbb. */
function chartColours(css: string): Record<string, string> {
  const root = /:root\s*{([^}]*)}/.exec(css)![1]!;
  return Object.fromEntries(
    [...root.matchAll(/--chart-([a-z-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]),
  );
}

/** WCAG 2.x relative luminance of an sRGB colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const colour = chartColours(CSS);

/**
 * Every pair that touches in the chart (web/console/console.js progressChart): what it is, the two
 * colours, and the minimum. The pain dot's white ring is what touches a bar; its fill touches the
 * ring, and (where the ring blends in) the paper or the shading behind it.
 */
const PAIRS: [string, string, string, number][] = [
  ['bar on the paper', 'bar', 'paper', 3],
  ['bar on a paused/stopped shade', 'bar', 'off', 3],
  ['pain dot on the paper', 'pain', 'paper', 3],
  ['pain dot on a paused/stopped shade', 'pain', 'off', 3],
  ['pain dot inside its ring', 'pain', 'pain-ring', 3],
  ['pain dot’s ring on a bar', 'pain-ring', 'bar', 3],
  ['shade’s edge on the paper', 'off-edge', 'paper', 3],
  ['shade’s edge on the shade', 'off-edge', 'off', 3],
  ['axes on the paper', 'axis', 'paper', 3],
  ['axis ticks and names (text) on the paper', 'text', 'paper', 4.5],
  ['P / S letters (text) on a shade', 'text', 'off', 4.5],
  ['legend text on the paper', 'legend-text', 'paper', 4.5],
];

describe('the progress chart’s colours (WCAG contrast)', () => {
  it('computes contrast as WCAG does (black on white 21:1, a colour on itself 1:1, a known pair)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#37806b', '#37806b')).toBe(1);
    // #767676 on white is the classic 4.54:1 (the lightest grey that passes AA for text).
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#ffffff', '#767676')).toBe(contrast('#767676', '#ffffff'));
  });

  it('reads every colour the chart uses from console.css’s --chart-* properties', () => {
    const names = new Set(PAIRS.flatMap(([, a, b]) => [a, b]));
    for (const name of names) expect(colour[name], `--chart-${name}`).toMatch(/^#[0-9a-f]{6}$/);
  });

  it.each(PAIRS)('%s: at least the minimum', (_what, a, b, minimum) => {
    const ratio = contrast(colour[a]!, colour[b]!);
    expect(
      ratio,
      `--chart-${a} ${colour[a]} against --chart-${b} ${colour[b]}: ${ratio.toFixed(2)}:1`,
    ).toBeGreaterThanOrEqual(minimum);
  });

  it('the chart’s and the legend’s rules name the colours only through those properties', () => {
    const rules = [...CSS.matchAll(/([^{}]+){([^}]*)}/g)].filter(([, selector]) =>
      /\.chart|\.key|\.legend/.test(selector!),
    );
    expect(rules.length).toBeGreaterThanOrEqual(8);
    for (const [, selector, body] of rules) {
      for (const declaration of body!.matchAll(/(fill|stroke|background|color|border)[a-z-]*:\s*([^;]+);/g)) {
        expect(declaration[2], `${selector!.trim()} ${declaration[1]}`).not.toMatch(
          /#[0-9a-f]{3,6}\b|rgb|hsl/i,
        );
        if (/#|rgb|hsl|var\(/.test(declaration[2]!))
          expect(declaration[2], `${selector!.trim()}`).toMatch(/var\(--chart-[a-z-]+\)/);
      }
    }
  });

  it('the chart’s own script draws with the classes those rules colour, and no colour of its own', () => {
    const script = readFileSync(
      join(import.meta.dirname, '..', '..', 'web', 'console', 'console.js'),
      'utf8',
    );
    const chart = script.slice(
      script.indexOf('function progressChart'),
      script.indexOf('const TIMELINE_WORDS'),
    );
    for (const cls of [
      "class: 'bar'",
      "class: 'pain'",
      'class: `off ${d.state}`',
      "class: 'axis'",
      "class: 'tick'",
    ])
      expect(chart).toContain(cls);
    expect(chart).not.toMatch(/#[0-9a-f]{3,6}\b|fill:|stroke:/i);
  });
});
