/**
 * Pictures of the movements: original, simple line drawings as inline SVG (no files, no external
 * resources, so they pass the pages' strict CSP and work offline). Each shows a side-on (or, for
 * the sideways crawl, front-on) stick figure in its start and end position, on a floor line, in one
 * ink colour, with an accent colour on what moves (a limb, the back, a kettlebell) and an arrow.
 * Colours are presentation attributes, not `style`, so the CSP's `style-src 'self'` allows them.
 *
 * Coordinates: each panel is 110 wide with the floor at y = 100 (arms may reach up to y = -14);
 * the picture puts the start panel on the left, an arrow, and the end panel on the right, each
 * labelled under its floor (viewBox 0 0 240 132).
 */
import { CATALOG } from './catalog.ts';

export const INK = '#1d3557';
export const ACCENT = '#c2410c';

type P = readonly [number, number];

/** A stick figure: every joint (near limbs drawn bold, far limbs lighter), and what to draw in accent. */
interface Pose {
  head: P;
  neck: P;
  hip: P;
  /** A curve for the back (cat-camel): the control point between hip and neck. */
  spine?: P;
  near: { elbow: P; hand: P; knee: P; foot: P };
  far: { elbow: P; hand: P; knee: P; foot: P };
  accent?: ReadonlyArray<'nearArm' | 'farArm' | 'nearLeg' | 'farLeg' | 'back'>;
  /** Extra marks drawn over the figure (kettlebells, a support, motion arcs), as SVG markup. */
  extra?: string;
}

const pt = (p: P) => `${p[0]} ${p[1]}`;

function line(points: readonly P[], colour: string, width = 4, opacity = 1): string {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${pt(p)}`).join(' ');
  return (
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"` +
    ` stroke-linejoin="round"${opacity < 1 ? ` stroke-opacity="${opacity}"` : ''}/>`
  );
}

function figure(pose: Pose): string {
  const accent = new Set(pose.accent ?? []);
  const colour = (part: 'nearArm' | 'farArm' | 'nearLeg' | 'farLeg' | 'back') =>
    accent.has(part) ? ACCENT : INK;
  const far = pose.far;
  const near = pose.near;
  const back = pose.spine
    ? `<path d="M${pt(pose.hip)} Q${pt(pose.spine)} ${pt(pose.neck)}" fill="none" stroke="${colour('back')}"` +
      ` stroke-width="5" stroke-linecap="round"/>`
    : line([pose.hip, pose.neck], colour('back'), 5);
  return [
    // Far limbs first and lighter, so the near ones read in front.
    line([pose.neck, far.elbow, far.hand], colour('farArm'), 4, 0.5),
    line([pose.hip, far.knee, far.foot], colour('farLeg'), 4, 0.5),
    back,
    `<circle cx="${pose.head[0]}" cy="${pose.head[1]}" r="7" fill="#ffffff" stroke="${INK}" stroke-width="3.5"/>`,
    line([pose.hip, near.knee, near.foot], colour('nearLeg')),
    line([pose.neck, near.elbow, near.hand], colour('nearArm')),
    pose.extra ?? '',
  ].join('');
}

/** A kettlebell whose handle is at `at`: hanging below it, or bottoms up (the bell above the handle). */
function kettlebell(at: P, bottomsUp = false): string {
  const [x, y] = at;
  const cy = bottomsUp ? y - 8 : y + 8;
  return (
    `<path d="M${x - 4} ${cy + (bottomsUp ? 5 : -5)} Q${x} ${y + (bottomsUp ? 5 : -5)} ${x + 4} ${cy + (bottomsUp ? 5 : -5)}"` +
    ` fill="none" stroke="${ACCENT}" stroke-width="2.5"/>` +
    `<circle cx="${x}" cy="${cy}" r="6" fill="${ACCENT}"/>`
  );
}

/** A curved motion arrow around a point (a circle drawn by the knee, a halo around the head). */
function circling(c: P, r: number): string {
  const [x, y] = c;
  return (
    `<path d="M${x - r} ${y} A${r} ${r} 0 1 1 ${x} ${y + r}" fill="none" stroke="${ACCENT}" stroke-width="2.5"` +
    ` stroke-dasharray="4 3"/>` +
    `<path d="M${x - 5} ${y + r - 4} L${x} ${y + r} L${x - 5} ${y + r + 4}" fill="none" stroke="${ACCENT}" stroke-width="2.5"/>`
  );
}

/** A straight motion arrow from `a` to `b` (both heads when `both`). */
function arrow(a: P, b: P, both = false): string {
  const [x1, y1] = a;
  const [x2, y2] = b;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = (x: number, y: number, t: number) => {
    const l = 6;
    const p1: P = [x - l * Math.cos(t - 0.5), y - l * Math.sin(t - 0.5)];
    const p2: P = [x - l * Math.cos(t + 0.5), y - l * Math.sin(t + 0.5)];
    return line([p1, [x, y], p2], ACCENT, 2.5);
  };
  const r = (n: number) => Math.round(n * 10) / 10;
  return (
    line([a, b], ACCENT, 2.5) +
    head(x2, y2, angle).replace(/(\d+\.\d+)/g, (m) => String(r(Number(m)))) +
    (both ? head(x1, y1, angle + Math.PI).replace(/(\d+\.\d+)/g, (m) => String(r(Number(m)))) : '')
  );
}

// --- Poses ----------------------------------------------------------------------------------

const standing = (extra = '', accent: Pose['accent'] = []): Pose => ({
  head: [50, 22],
  neck: [50, 34],
  hip: [50, 66],
  near: { elbow: [53, 50], hand: [54, 66], knee: [52, 83], foot: [53, 100] },
  far: { elbow: [47, 50], hand: [46, 66], knee: [48, 83], foot: [47, 100] },
  accent,
  extra,
});

const stepping = (hold: Partial<Pose['near']> & { farHand?: P; farElbow?: P }, extra = ''): Pose => ({
  head: [52, 22],
  neck: [52, 34],
  hip: [50, 66],
  near: {
    elbow: hold.elbow ?? [54, 48],
    hand: hold.hand ?? [55, 64],
    knee: [60, 81],
    foot: [66, 100],
  },
  far: { elbow: hold.farElbow ?? [48, 48], hand: hold.farHand ?? [47, 64], knee: [44, 82], foot: [34, 100] },
  extra,
});

/** On hands and knees, side on, facing right. */
const quadruped = (over: Partial<Pose> = {}): Pose => ({
  head: [84, 54],
  neck: [72, 60],
  hip: [32, 60],
  near: { elbow: [72, 80], hand: [72, 100], knee: [32, 100], foot: [8, 100] },
  far: { elbow: [69, 80], hand: [68, 100], knee: [29, 100], foot: [6, 100] },
  ...over,
});

/** Beast position: hands and toes, knees an inch off the floor, back flat. */
const beast = (over: Partial<Pose> = {}): Pose => ({
  head: [86, 52],
  neck: [74, 58],
  hip: [34, 60],
  near: { elbow: [74, 79], hand: [74, 100], knee: [40, 90], foot: [16, 100] },
  far: { elbow: [71, 79], hand: [70, 100], knee: [37, 90], foot: [13, 100] },
  ...over,
});

/** Lying on the back, knees bent, feet flat: head to the left. */
const lyingBent = (over: Partial<Pose> = {}): Pose => ({
  head: [12, 91],
  neck: [24, 95],
  hip: [58, 96],
  near: { elbow: [40, 98], hand: [54, 98], knee: [76, 74], foot: [86, 100] },
  far: { elbow: [38, 98], hand: [52, 98], knee: [73, 75], foot: [83, 100] },
  ...over,
});

const support = `<path d="M84 40 L84 100 M76 40 L92 40" fill="none" stroke="${INK}" stroke-width="3" stroke-opacity="0.6"/>`;

/** A front view of the beast position (for the sideways crawl). */
function beastFront(dx: number, accent: boolean): string {
  const c = accent ? ACCENT : INK;
  const x = (n: number) => n + dx;
  return [
    line(
      [
        [x(38), 64],
        [x(34), 82],
        [x(34), 100],
      ],
      c,
    ), // near arm
    line(
      [
        [x(72), 64],
        [x(76), 82],
        [x(76), 100],
      ],
      INK,
    ),
    line(
      [
        [x(38), 64],
        [x(72), 64],
      ],
      INK,
      5,
    ), // shoulders
    line(
      [
        [x(45), 72],
        [x(42), 90],
        [x(46), 100],
      ],
      INK,
      4,
      0.5,
    ), // legs behind, knees off the floor
    line(
      [
        [x(65), 72],
        [x(68), 90],
        [x(64), 100],
      ],
      INK,
      4,
      0.5,
    ),
    `<circle cx="${x(55)}" cy="56" r="7" fill="#ffffff" stroke="${INK}" stroke-width="3.5"/>`,
  ].join('');
}

interface Picture {
  start: string;
  end: string;
  alt: string;
}

const PICTURES: Record<string, Picture> = {
  'hip-mobility': {
    start: figure({ ...standing(support), near: { ...standing().near, elbow: [66, 44], hand: [84, 48] } }),
    end: figure({
      ...standing(support + circling([66, 68], 12)),
      near: { elbow: [66, 44], hand: [84, 48], knee: [70, 62], foot: [66, 82] },
      accent: ['nearLeg'],
    }),
    alt: 'Standing tall, one hand on a support; then lifting one knee to hip height and drawing a slow circle with it.',
  },
  'cat-camel': {
    start: figure(quadruped({ spine: [52, 36], accent: ['back'] })),
    end: figure(quadruped({ spine: [52, 80], head: [84, 50], accent: ['back'] })),
    alt: 'On hands and knees: first the back rounded up towards the ceiling, then gently sagging down.',
  },
  'in-line-lunge-halo': {
    start: figure({
      head: [48, 22],
      neck: [48, 34],
      hip: [48, 66],
      near: { elbow: [58, 44], hand: [52, 52], knee: [76, 72], foot: [80, 100] },
      far: { elbow: [40, 44], hand: [48, 52], knee: [34, 100], foot: [10, 100] },
      extra: kettlebell([50, 50]),
    }),
    end: figure({
      head: [48, 22],
      neck: [48, 34],
      hip: [48, 66],
      // The far arm passes behind the head (drawn first, under it); the bell hangs beside the ear.
      near: { elbow: [34, 36], hand: [32, 14], knee: [76, 72], foot: [80, 100] },
      far: { elbow: [62, 24], hand: [38, 10], knee: [34, 100], foot: [10, 100] },
      accent: ['nearArm', 'farArm'],
      extra: kettlebell([32, 14]) + circling([48, 22], 24),
    }),
    alt: 'Kneeling in a narrow lunge holding a light weight at the chest; then circling the weight around the head.',
  },
  'forward-reverse-beast-walk': {
    start: figure(beast()),
    end: figure(
      beast({
        head: [96, 52],
        neck: [84, 58],
        hip: [44, 60],
        near: { elbow: [88, 79], hand: [90, 100], knee: [54, 90], foot: [28, 100] },
        far: { elbow: [79, 79], hand: [78, 100], knee: [45, 90], foot: [22, 100] },
        accent: ['nearArm', 'nearLeg'],
        extra: arrow([30, 30], [80, 30], true),
      }),
    ),
    alt: 'On hands and toes with the knees just off the floor and a flat back; then crawling a few small steps forward and back.',
  },
  'lateral-beast-walk': {
    start: beastFront(-6, false),
    end: beastFront(8, true) + arrow([30, 30], [90, 30], true),
    alt: 'Seen from the front: in the beast position, hands and toes down, knees just off the floor; then crawling sideways with hips level.',
  },
  'hip-bridges': {
    start: figure(lyingBent()),
    end: figure(
      lyingBent({
        hip: [58, 72],
        near: { elbow: [40, 98], hand: [54, 98], knee: [80, 66], foot: [86, 100] },
        far: { elbow: [38, 98], hand: [52, 98], knee: [77, 67], foot: [83, 100] },
        accent: ['back'],
        extra: arrow([58, 94], [58, 78]),
      }),
    ),
    alt: 'Lying on the back with knees bent and feet flat; then lifting the hips until knees, hips and shoulders are in a line.',
  },
  'single-leg-hip-bridges': {
    start: figure(lyingBent({ far: { elbow: [38, 98], hand: [52, 98], knee: [78, 66], foot: [100, 62] } })),
    end: figure(
      lyingBent({
        hip: [58, 72],
        near: { elbow: [40, 98], hand: [54, 98], knee: [80, 66], foot: [86, 100] },
        far: { elbow: [38, 98], hand: [52, 98], knee: [78, 60], foot: [102, 50] },
        accent: ['back', 'farLeg'],
        extra: arrow([58, 94], [58, 78]),
      }),
    ),
    alt: 'Lying on the back, one foot on the floor and the other leg lifted; then lifting the hips level on the one leg.',
  },
  'side-plank-clam-shells': {
    start: figure({
      head: [22, 54],
      neck: [28, 66],
      hip: [62, 82],
      near: { elbow: [40, 74], hand: [56, 80], knee: [86, 98], foot: [70, 100] },
      far: { elbow: [22, 100], hand: [42, 100], knee: [84, 100], foot: [68, 100] },
    }),
    end: figure({
      head: [22, 54],
      neck: [28, 66],
      hip: [62, 82],
      near: { elbow: [40, 74], hand: [56, 80], knee: [84, 66], foot: [70, 98] },
      far: { elbow: [22, 100], hand: [42, 100], knee: [84, 100], foot: [68, 100] },
      accent: ['nearLeg'],
      extra: arrow([96, 96], [96, 70]),
    }),
    alt: 'On one side, propped on the elbow and knees with the hips lifted; then opening the top knee like a clam shell, feet together.',
  },
  'bird-dog': {
    start: figure(quadruped()),
    end: figure(
      quadruped({
        near: { elbow: [86, 58], hand: [102, 56], knee: [32, 100], foot: [8, 100] },
        far: { elbow: [69, 80], hand: [68, 100], knee: [14, 60], foot: [-4, 60] },
        accent: ['nearArm', 'farLeg'],
      }),
    ),
    alt: 'On hands and knees with a flat back; then reaching one arm forward and the opposite leg back, long and level.',
  },
};

/** The kettlebell holds, each walked: the near hand's position and where the bell hangs. */
const HOLDS: Record<
  string,
  { near: Partial<Pose['near']>; far?: { hand: P; elbow: P }; bells: string; alt: string }
> = {
  'bottoms up': {
    near: { elbow: [64, 52], hand: [72, 40] },
    bells: kettlebell([72, 40], true),
    alt: 'the kettlebell held upside down in front, elbow bent, bell above the hand',
  },
  'by the side': {
    near: { elbow: [54, 48], hand: [55, 64] },
    bells: kettlebell([55, 64]),
    alt: 'the kettlebell hanging in one hand by the side',
  },
  overhead: {
    near: { elbow: [62, 18], hand: [64, -4] },
    bells: kettlebell([64, -4]),
    alt: 'the kettlebell held overhead on a straight arm',
  },
  'overhead and by the side': {
    near: { elbow: [62, 18], hand: [64, -4] },
    far: { elbow: [47, 48], hand: [46, 64] },
    bells: kettlebell([64, -4]) + kettlebell([46, 64]),
    alt: 'one kettlebell overhead on a straight arm and another hanging by the other side',
  },
  'bottoms up overhead': {
    near: { elbow: [62, 18], hand: [64, 2] },
    bells: kettlebell([64, 2], true),
    alt: 'the kettlebell held upside down overhead, bell above the hand',
  },
};

function holdPicture(variation: string): Picture {
  const hold = HOLDS[variation]!;
  const farHold = hold.far ? { farHand: hold.far.hand, farElbow: hold.far.elbow } : {};
  const startPose = standing(hold.bells, ['nearArm']);
  return {
    start: figure({
      ...startPose,
      near: { ...startPose.near, ...hold.near },
      far: hold.far ? { ...startPose.far, ...hold.far } : startPose.far,
    }),
    end: figure({
      ...stepping({ ...hold.near, ...farHold }),
      accent: ['nearArm'],
      extra: hold.bells + arrow([70, 40], [100, 40]),
    }),
    alt: `Walking tall and slow, about 10 steps, with ${hold.alt}.`,
  };
}

const ARROW_BETWEEN = arrow([112, 76], [128, 76]);

/** The picture as inline SVG markup, with its alt text as the accessible name and a title. */
function render(picture: Picture): string {
  // Each panel: the figure above a floor line at y = 100, its label below; room above for arms up.
  const panel = (x: number, body: string, label: string) =>
    `<g transform="translate(${x} 14)">${body}` +
    `<path d="M0 100 L110 100" stroke="${INK}" stroke-width="2" stroke-opacity="0.7"/>` +
    `<text x="55" y="114" text-anchor="middle" font-family="system-ui, sans-serif" font-size="11" fill="${INK}">${label}</text>` +
    `</g>`;
  const alt = picture.alt.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return (
    `<svg class="picture" viewBox="0 0 240 132" role="img" aria-label="${alt}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${alt}</title>` +
    panel(0, picture.start, 'Start') +
    ARROW_BETWEEN +
    panel(130, picture.end, 'End') +
    `</svg>`
  );
}

/** Every picture, keyed by movement id, and `kettlebell-walk:<variation>` for the holds. */
export const MOVEMENT_PICTURES: Readonly<Record<string, { svg: string; alt: string }>> = Object.fromEntries([
  ...Object.entries(PICTURES).map(([id, p]) => [id, { svg: render(p), alt: p.alt }]),
  ...Object.keys(HOLDS).map((variation) => {
    const p = holdPicture(variation);
    return [`kettlebell-walk:${variation}`, { svg: render(p), alt: p.alt }];
  }),
]);

/** The picture for a movement (and its variation, for kettlebell walks). */
export function pictureFor(id: string, variation?: string): { svg: string; alt: string } | undefined {
  if (id === 'kettlebell-walk') {
    const kb = CATALOG.find((m) => m.id === id)!;
    return MOVEMENT_PICTURES[`kettlebell-walk:${variation ?? kb.startingVariation}`];
  }
  return MOVEMENT_PICTURES[id];
}
