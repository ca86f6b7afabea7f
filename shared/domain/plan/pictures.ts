/**
 * Pictures of the movements: original, simple line drawings as SVG (each served as its own file,
 * no external resources, so they pass the pages' strict CSP and work offline). Each shows a
 * side-on stick figure (for the sideways crawl: seen from above, so the sideways steps show) in
 * its start and end position, in one ink colour, with an accent colour on what moves (a limb, the
 * back, a kettlebell) and an arrow. Arms start at the shoulders, a little way down the back from
 * the neck. Colours are presentation attributes, not `style`, so the CSP's `style-src 'self'`
 * allows them.
 *
 * Coordinates: each panel is 110 wide with the floor at y = 100 (arms may reach up to y = -14);
 * the picture puts the start panel on the left, an arrow, and the end panel on the right, each
 * labelled under its floor (viewBox 0 0 240 132). Every drawing also records its geometry
 * (`PICTURE_GEOMETRY`), so tests check what a picture shows: arms from the shoulders, a reaching
 * hand clear of the head, limbs clear of the arrows, a straight arm overhead.
 */
import { CATALOG } from './catalog.ts';

export const INK = '#1d3557';
export const ACCENT = '#c2410c';

export type P = readonly [number, number];
type Part = 'nearArm' | 'farArm' | 'nearLeg' | 'farLeg' | 'back';

/** A stick figure seen side on: every joint (near limbs drawn bold, far limbs lighter), and what to draw in accent. */
interface Pose {
  head: P;
  /** The top of the back, just under the head. */
  neck: P;
  hip: P;
  /** Where the arms start: by default 8 units down the back from the neck. */
  shoulder?: P;
  /** A curve for the back (cat-camel): the control point between hip and neck. */
  spine?: P;
  near: { elbow: P; hand: P; knee: P; foot: P };
  far: { elbow: P; hand: P; knee: P; foot: P };
  accent?: ReadonlyArray<Part>;
  /** Extra marks drawn over the figure (kettlebells, a support, motion arcs, arrows). */
  extra?: Drawn | string;
}

/** What a figure shows, for the tests: its head, its shoulders, and each limb as a polyline. */
export interface FigureGeometry {
  view: 'side' | 'above';
  head: { c: P; r: number };
  neck: P;
  /** One (side on) or two (from above: left, right). */
  shoulders: P[];
  arms: { part: string; points: P[] }[];
  legs: { part: string; points: P[] }[];
}

/** A box: [x1, y1, x2, y2]. */
export type Box = readonly [number, number, number, number];

/** Markup and what it shows. */
interface Drawn {
  svg: string;
  figures: FigureGeometry[];
  /** The boxes of the motion arrows drawn. */
  arrows: Box[];
}

const HEAD_R = 7;
/** How far down the back from the neck the arms start. */
const SHOULDER_DROP = 8;

const drawn = (...parts: (Drawn | string | undefined)[]): Drawn => ({
  svg: parts.map((p) => (typeof p === 'string' ? p : (p?.svg ?? ''))).join(''),
  figures: parts.flatMap((p) => (p && typeof p !== 'string' ? p.figures : [])),
  arrows: parts.flatMap((p) => (p && typeof p !== 'string' ? p.arrows : [])),
});

const round = (n: number) => Math.round(n * 10) / 10;
const pt = (p: P) => `${round(p[0])} ${round(p[1])}`;

function line(points: readonly P[], colour: string, width = 4, opacity = 1): string {
  const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${pt(p)}`).join(' ');
  return (
    `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${width}" stroke-linecap="round"` +
    ` stroke-linejoin="round"${opacity < 1 ? ` stroke-opacity="${opacity}"` : ''}/>`
  );
}

/** The head: a face side on (white inside), the back of the head from above (solid). */
const headCircle = (c: P, fill = '#ffffff') =>
  `<circle cx="${round(c[0])}" cy="${round(c[1])}" r="${HEAD_R}" fill="${fill}" stroke="${INK}" stroke-width="3.5"/>`;

/** The point `d` along from `a` towards `b`. */
function along(a: P, b: P, d: number): P {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  return [a[0] + ((b[0] - a[0]) * d) / len, a[1] + ((b[1] - a[1]) * d) / len];
}

/** Where a pose's arms start: on the back, a little way down from the neck. */
function shoulderOf(pose: Pose): P {
  if (pose.shoulder) return pose.shoulder;
  if (!pose.spine) return along(pose.neck, pose.hip, SHOULDER_DROP);
  // On the curve, SHOULDER_DROP from the neck (t = 1 is the neck), found by halving.
  const spine = pose.spine;
  const at = (t: number): P => {
    const b = (i: 0 | 1) => (1 - t) ** 2 * pose.hip[i] + 2 * (1 - t) * t * spine[i] + t ** 2 * pose.neck[i];
    return [b(0), b(1)];
  };
  let [lo, hi] = [0, 1];
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    const d = Math.hypot(at(mid)[0] - pose.neck[0], at(mid)[1] - pose.neck[1]);
    if (d > SHOULDER_DROP) lo = mid;
    else hi = mid;
  }
  return at(lo);
}

function figure(pose: Pose): Drawn {
  const accent = new Set(pose.accent ?? []);
  const colour = (part: Part) => (accent.has(part) ? ACCENT : INK);
  const { far, near } = pose;
  const shoulder = shoulderOf(pose);
  const back = pose.spine
    ? `<path d="M${pt(pose.hip)} Q${pt(pose.spine)} ${pt(pose.neck)}" fill="none" stroke="${colour('back')}"` +
      ` stroke-width="5" stroke-linecap="round"/>`
    : line([pose.hip, pose.neck], colour('back'), 5);
  const limbs = {
    farArm: [shoulder, far.elbow, far.hand],
    farLeg: [pose.hip, far.knee, far.foot],
    nearLeg: [pose.hip, near.knee, near.foot],
    nearArm: [shoulder, near.elbow, near.hand],
  } satisfies Record<string, P[]>;
  const extra = typeof pose.extra === 'string' ? drawn(pose.extra) : (pose.extra ?? drawn());
  return drawn(
    // Far limbs first and lighter (an accent one less light), so the near ones read in front.
    line(limbs.farArm, colour('farArm'), 4, accent.has('farArm') ? 0.7 : 0.5),
    line(limbs.farLeg, colour('farLeg'), 4, accent.has('farLeg') ? 0.7 : 0.5),
    back,
    headCircle(pose.head),
    line(limbs.nearLeg, colour('nearLeg')),
    line(limbs.nearArm, colour('nearArm')),
    {
      svg: '',
      arrows: [],
      figures: [
        {
          view: 'side',
          head: { c: pose.head, r: HEAD_R },
          neck: pose.neck,
          shoulders: [shoulder],
          arms: [
            { part: 'nearArm', points: limbs.nearArm },
            { part: 'farArm', points: limbs.farArm },
          ],
          legs: [
            { part: 'nearLeg', points: limbs.nearLeg },
            { part: 'farLeg', points: limbs.farLeg },
          ],
        },
      ],
    },
    extra,
  );
}

/** A crawl seen from above, head to the top: shoulders and hips across, each limb out to a print on the floor. */
interface TopPose {
  head: P;
  /** Left and right (as seen). */
  shoulders: [P, P];
  hips: [P, P];
  hands: [P, P];
  knees: [P, P];
  feet: [P, P];
  /** The side that steps, drawn in accent. */
  stepping?: 0 | 1;
  /** Where the stepping hand and foot were before the step. */
  was?: P[];
}

function fromAbove(pose: TopPose): Drawn {
  const mid = (a: P, b: P): P => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const neck = mid(...pose.shoulders);
  const colour = (side: 0 | 1) => (pose.stepping === side ? ACCENT : INK);
  // Elbows bent a little out to the side.
  const elbow = (side: 0 | 1): P => {
    const [x, y] = mid(pose.shoulders[side], pose.hands[side]);
    return [x + (side === 0 ? -4 : 4), y];
  };
  const arm = (side: 0 | 1): P[] => [pose.shoulders[side], elbow(side), pose.hands[side]];
  const leg = (side: 0 | 1): P[] => [pose.hips[side], pose.knees[side], pose.feet[side]];
  const print = (p: P, side: 0 | 1) =>
    `<circle cx="${round(p[0])}" cy="${round(p[1])}" r="3.5" fill="${colour(side)}"/>`;
  // The back seen from above: a solid shape, wide at the shoulders, narrower at the hips.
  const [sl, sr] = pose.shoulders;
  const [hl, hr] = pose.hips;
  const back =
    `<path d="M${pt(sl)} L${pt(sr)} L${pt(hr)} L${pt(hl)} Z" fill="${INK}" stroke="${INK}"` +
    ` stroke-width="5" stroke-linejoin="round"/>`;
  // Where the stepping hand and foot were: hollow prints.
  const was = (pose.was ?? []).map(
    (p) =>
      `<circle cx="${round(p[0])}" cy="${round(p[1])}" r="3.5" fill="none" stroke="${ACCENT}" stroke-width="1.5"` +
      ` stroke-dasharray="2 2"/>`,
  );
  return drawn(
    ...was,
    back,
    ...([0, 1] as const).flatMap((side) => [
      line(arm(side), colour(side)),
      line(leg(side), colour(side)),
      print(pose.hands[side], side),
      print(pose.feet[side], side),
    ]),
    headCircle(pose.head, INK),
    {
      svg: '',
      arrows: [],
      figures: [
        {
          view: 'above',
          head: { c: pose.head, r: HEAD_R },
          neck,
          shoulders: [...pose.shoulders],
          arms: ([0, 1] as const).map((side) => ({ part: `arm${side}`, points: arm(side) })),
          legs: ([0, 1] as const).map((side) => ({ part: `leg${side}`, points: leg(side) })),
        },
      ],
    },
  );
}

/** A kettlebell whose handle is at `at`: hanging below it, or bottoms up (the bell above the handle). */
function kettlebell(at: P, bottomsUp = false): string {
  const [x, y] = at;
  const cy = bottomsUp ? y - 8 : y + 8;
  return (
    `<path d="M${pt([x - 4, cy + (bottomsUp ? 5 : -5)])} Q${pt([x, y + (bottomsUp ? 5 : -5)])} ${pt([x + 4, cy + (bottomsUp ? 5 : -5)])}"` +
    ` fill="none" stroke="${ACCENT}" stroke-width="2.5"/>` +
    `<circle cx="${round(x)}" cy="${round(cy)}" r="6" fill="${ACCENT}"/>`
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

/** A straight motion arrow from `a` to `b` (both heads when `both`), and its box. */
function arrow(a: P, b: P, both = false): Drawn {
  const [x1, y1] = a;
  const [x2, y2] = b;
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const L = 6;
  const barbs = (x: number, y: number, t: number): P[] => [
    [x - L * Math.cos(t - 0.5), y - L * Math.sin(t - 0.5)],
    [x, y],
    [x - L * Math.cos(t + 0.5), y - L * Math.sin(t + 0.5)],
  ];
  const heads = [barbs(x2, y2, angle), ...(both ? [barbs(x1, y1, angle + Math.PI)] : [])];
  const all = [a, b, ...heads.flat()];
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  return {
    svg: line([a, b], ACCENT, 2.5) + heads.map((h) => line(h, ACCENT, 2.5)).join(''),
    figures: [],
    arrows: [[Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]],
  };
}

// --- Poses ----------------------------------------------------------------------------------

const standing = (extra: Drawn | string = '', accent: Pose['accent'] = []): Pose => ({
  head: [47, 21],
  neck: [49, 32],
  hip: [50, 66],
  near: { elbow: [53, 56], hand: [54, 72], knee: [52, 83], foot: [53, 100] },
  far: { elbow: [47, 56], hand: [46, 72], knee: [48, 83], foot: [47, 100] },
  accent,
  extra,
});

/** Walking, mid-step: the near leg forward, the upper body a little forward of standing. */
const stepping = (): Pose => ({
  head: [49, 21],
  neck: [51, 32],
  hip: [50, 66],
  near: { elbow: [55, 56], hand: [56, 72], knee: [60, 81], foot: [66, 100] },
  far: { elbow: [48, 56], hand: [47, 72], knee: [44, 82], foot: [34, 100] },
});

/** On hands and knees, side on, facing right, eyes to the floor (the head just below the back). */
const quadruped = (over: Partial<Pose> = {}): Pose => ({
  head: [92, 77],
  neck: [85, 72],
  hip: [53, 72],
  near: { elbow: [77, 86], hand: [77, 100], knee: [53, 100], foot: [33, 100] },
  far: { elbow: [74, 86], hand: [74, 100], knee: [50, 100], foot: [30, 100] },
  ...over,
});

/** Beast position: hands and toes, knees an inch off the floor, back flat. */
const beast = (over: Partial<Pose> = {}): Pose => ({
  head: [88, 74],
  neck: [81, 68],
  hip: [45, 70],
  near: { elbow: [73, 84], hand: [73, 100], knee: [47, 92], foot: [23, 100] },
  far: { elbow: [70, 84], hand: [70, 100], knee: [44, 92], foot: [20, 100] },
  ...over,
});

/** Lying on the back, knees bent, feet flat: head to the left. */
const lyingBent = (over: Partial<Pose> = {}): Pose => ({
  head: [12, 91],
  neck: [22, 95],
  hip: [58, 96],
  near: { elbow: [42, 98], hand: [54, 98], knee: [76, 74], foot: [86, 100] },
  far: { elbow: [40, 98], hand: [52, 98], knee: [73, 75], foot: [83, 100] },
  ...over,
});

const support = `<path d="M84 40 L84 100 M76 40 L92 40" fill="none" stroke="${INK}" stroke-width="3" stroke-opacity="0.6"/>`;

/**
 * The beast position from above, lying along the mat with the head to the right: hands forward
 * beside the head, elbows and knees out, feet back. `shift` moves it to its right (down the
 * picture); `step` > 0 puts the right hand and foot out that much further.
 */
function beastAbove(shift: number, step = 0): TopPose {
  // Drawn head up about the panel's middle, then turned a quarter clockwise (head to the right).
  const C: P = [58, 54];
  const turn = ([x, y]: P): P => [C[0] + (C[1] - y), C[1] + (x - C[0]) + shift];
  const pair = (a: P, b: P): [P, P] => [turn(a), turn(b)];
  return {
    head: turn([55, 26]),
    shoulders: pair([45, 36], [65, 36]),
    hips: pair([49, 64], [61, 64]),
    hands: pair([35, 20], [75 + step, 20]),
    knees: pair([37, 76], [73 + step, 76]),
    feet: pair([45, 94], [65 + step, 94]),
    ...(step ? { stepping: 1 as const, was: [turn([75, 20]), turn([65, 94])] } : {}),
  };
}

/** The mat under a crawl seen from above. */
const MAT = `<rect x="2" y="4" width="106" height="96" rx="6" fill="#eef2f7"/>`;

interface Picture {
  start: Drawn;
  end: Drawn;
  alt: string;
  /** Seen from above: a mat under each panel, and the labels say so. */
  above?: boolean;
}

const PICTURES: Record<string, Picture> = {
  'hip-mobility': {
    start: figure({ ...standing(support), near: { ...standing().near, elbow: [66, 48], hand: [80, 41] } }),
    end: figure({
      ...standing(drawn(support, circling([66, 68], 12))),
      near: { elbow: [66, 48], hand: [80, 41], knee: [70, 62], foot: [66, 82] },
      accent: ['nearLeg'],
    }),
    alt: 'Standing tall, one hand on a support; then lifting one knee to hip height and drawing a slow circle with it.',
  },
  'cat-camel': {
    start: figure(quadruped({ spine: [69, 48], head: [92, 80], accent: ['back'] })),
    end: figure(quadruped({ spine: [69, 90], head: [93, 70], accent: ['back'] })),
    alt: 'On hands and knees: first the back rounded up towards the ceiling, head down; then the back gently sagging, head up a little.',
  },
  'in-line-lunge-halo': {
    start: figure({
      head: [48, 21],
      neck: [48, 32],
      hip: [48, 66],
      // Both hands hold the bell upside down by its horns, at the chest.
      near: { elbow: [57, 56], hand: [62, 45], knee: [76, 72], foot: [80, 100] },
      far: { elbow: [52, 56], hand: [60, 45], knee: [34, 100], foot: [10, 100] },
      extra: kettlebell([62, 45], true),
    }),
    end: figure({
      head: [48, 21],
      neck: [48, 32],
      hip: [48, 66],
      // The far arm passes behind the head (drawn first, under it); the bell hangs beside the ear.
      near: { elbow: [34, 30], hand: [33, 10], knee: [76, 72], foot: [80, 100] },
      far: { elbow: [62, 26], hand: [38, 8], knee: [34, 100], foot: [10, 100] },
      accent: ['nearArm', 'farArm'],
      extra: kettlebell([33, 10]) + circling([48, 21], 24),
    }),
    alt: 'Kneeling in a narrow lunge holding a light weight at the chest; then circling the weight around the head.',
  },
  'forward-reverse-beast-walk': {
    start: figure(beast()),
    end: figure(
      beast({
        head: [98, 74],
        neck: [91, 68],
        hip: [55, 70],
        near: { elbow: [89, 84], hand: [92, 100], knee: [61, 92], foot: [37, 100] },
        far: { elbow: [80, 84], hand: [80, 100], knee: [53, 92], foot: [29, 100] },
        accent: ['nearArm', 'nearLeg'],
        extra: arrow([30, 30], [80, 30], true),
      }),
    ),
    alt: 'On hands and toes with the knees just off the floor and a flat back; then crawling a few small steps forward and back.',
  },
  'lateral-beast-walk': {
    above: true,
    start: drawn(MAT, fromAbove(beastAbove(-10))),
    end: drawn(MAT, fromAbove(beastAbove(0, 12)), arrow([9, 26], [9, 90], true)),
    alt: 'Seen from above: on hands and toes with the knees just off the floor; then stepping one hand and foot out to the side and following with the others, crawling sideways with hips level.',
  },
  'hip-bridges': {
    start: figure(lyingBent()),
    end: figure(
      lyingBent({
        hip: [58, 72],
        near: { elbow: [42, 98], hand: [54, 98], knee: [80, 66], foot: [86, 100] },
        far: { elbow: [40, 98], hand: [52, 98], knee: [77, 67], foot: [83, 100] },
        accent: ['back'],
        extra: arrow([58, 94], [58, 80]),
      }),
    ),
    alt: 'Lying on the back with knees bent and feet flat; then lifting the hips until knees, hips and shoulders are in a line.',
  },
  'single-leg-hip-bridges': {
    start: figure(lyingBent({ far: { elbow: [40, 98], hand: [52, 98], knee: [78, 66], foot: [100, 62] } })),
    end: figure(
      lyingBent({
        hip: [58, 72],
        near: { elbow: [42, 98], hand: [54, 98], knee: [80, 66], foot: [86, 100] },
        far: { elbow: [40, 98], hand: [52, 98], knee: [78, 60], foot: [102, 50] },
        accent: ['back', 'farLeg'],
        extra: arrow([58, 94], [58, 80]),
      }),
    ),
    alt: 'Lying on the back, one foot on the floor and the other leg lifted; then lifting the hips level on the one leg.',
  },
  'side-plank-clam-shells': {
    start: figure({
      head: [22, 54],
      neck: [28, 64],
      hip: [62, 82],
      near: { elbow: [44, 60], hand: [58, 76], knee: [86, 98], foot: [70, 100] },
      far: { elbow: [34, 100], hand: [14, 100], knee: [84, 100], foot: [68, 100] },
    }),
    end: figure({
      head: [22, 54],
      neck: [28, 64],
      hip: [62, 82],
      near: { elbow: [44, 60], hand: [58, 76], knee: [84, 66], foot: [70, 98] },
      far: { elbow: [34, 100], hand: [14, 100], knee: [84, 100], foot: [68, 100] },
      accent: ['nearLeg'],
      extra: arrow([98, 96], [98, 70]),
    }),
    alt: 'On one side, propped on the forearm and knees with the hips lifted, the top hand on the hip; then opening the top knee like a clam shell, feet together.',
  },
  'bird-dog': {
    start: figure(quadruped()),
    end: figure(
      quadruped({
        // The arm reaches forward and a little up, above the lowered head; the leg long behind.
        near: { elbow: [89, 65], hand: [101, 58], knee: [53, 100], foot: [33, 100] },
        far: { elbow: [74, 86], hand: [74, 100], knee: [26, 78], foot: [6, 82] },
        accent: ['nearArm', 'farLeg'],
      }),
    ),
    alt: 'On hands and knees with a flat back, eyes to the floor; then reaching one arm forward and the opposite leg back, long and level.',
  },
};

/** A straight arm overhead, forward enough to pass clear of the face: elbow and hand. */
const OVERHEAD: Pick<Pose['near'], 'elbow' | 'hand'> = { elbow: [60, 23], hand: [71, 6] };

/** The kettlebell holds, each walked: the near arm, the far one if it holds a bell too, and how the bell sits. */
const HOLDS: Record<
  string,
  {
    near: Pick<Pose['near'], 'elbow' | 'hand'>;
    far?: Pick<Pose['far'], 'elbow' | 'hand'>;
    bottomsUp: boolean;
    alt: string;
  }
> = {
  'bottoms up': {
    near: { elbow: [56, 56], hand: [70, 46] },
    bottomsUp: true,
    alt: 'the kettlebell held upside down in front, elbow bent, bell above the hand',
  },
  'by the side': {
    near: { elbow: [52, 56], hand: [53, 72] },
    bottomsUp: false,
    alt: 'the kettlebell hanging in one hand by the side',
  },
  overhead: {
    near: OVERHEAD,
    bottomsUp: false,
    alt: 'the kettlebell held overhead on a straight arm',
  },
  'overhead and by the side': {
    near: OVERHEAD,
    far: { elbow: [46, 56], hand: [45, 72] },
    bottomsUp: false,
    alt: 'one kettlebell overhead on a straight arm and another hanging by the other side',
  },
  'bottoms up overhead': {
    near: OVERHEAD,
    bottomsUp: true,
    alt: 'the kettlebell held upside down overhead on a straight arm, bell above the hand',
  },
};

function holdPicture(variation: string): Picture {
  const hold = HOLDS[variation]!;
  const shift = (p: P, dx: number): P => [p[0] + dx, p[1]];
  // Walking, the whole upper body sits 2 further forward: the arms move with it.
  const moved = (arm: Pick<Pose['near'], 'elbow' | 'hand'>) => ({
    elbow: shift(arm.elbow, 2),
    hand: shift(arm.hand, 2),
  });
  const bells = (near: P, far: P | undefined) =>
    kettlebell(near, hold.bottomsUp) + (far ? kettlebell(far) : '');
  const start = standing('', ['nearArm']);
  const walk = stepping();
  const walkNear = moved(hold.near);
  const walkFar = hold.far ? moved(hold.far) : undefined;
  return {
    start: figure({
      ...start,
      near: { ...start.near, ...hold.near },
      far: { ...start.far, ...hold.far },
      extra: bells(hold.near.hand, hold.far?.hand),
    }),
    end: figure({
      ...walk,
      near: { ...walk.near, ...walkNear },
      far: { ...walk.far, ...walkFar },
      accent: ['nearArm'],
      extra: drawn(bells(walkNear.hand, walkFar?.hand), arrow([78, 52], [104, 52])),
    }),
    alt: `Walking tall and slow, about 10 steps, with ${hold.alt}.`,
  };
}

/** The arrow between the panels, in the picture's coordinates. */
const ARROW_BETWEEN = arrow([112, 76], [128, 76]);
/** Where each panel sits in the picture. */
const PANEL_X = { start: 0, end: 130 } as const;
const PANEL_Y = 14;

/** The picture as SVG markup, with its alt text as the accessible name and a title. */
function render(picture: Picture): string {
  // Each panel: the figure above a floor line at y = 100, its label below; room above for arms up.
  const panel = (x: number, body: Drawn, label: string) =>
    `<g transform="translate(${x} ${PANEL_Y})">${body.svg}` +
    `<path d="M0 100 L110 100" stroke="${INK}" stroke-width="2" stroke-opacity="0.7"/>` +
    `<text x="55" y="114" text-anchor="middle" font-family="system-ui, sans-serif" font-size="11" fill="${INK}">${label}</text>` +
    `</g>`;
  const alt = picture.alt.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const seen = picture.above ? ', from above' : '';
  return (
    `<svg class="picture" viewBox="0 0 240 132" role="img" aria-label="${alt}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${alt}</title>` +
    panel(PANEL_X.start, picture.start, `Start${seen}`) +
    ARROW_BETWEEN.svg +
    panel(PANEL_X.end, picture.end, `End${seen}`) +
    `</svg>`
  );
}

const ALL: [string, Picture][] = [
  ...Object.entries(PICTURES),
  ...Object.keys(HOLDS).map((variation): [string, Picture] => [
    `kettlebell-walk:${variation}`,
    holdPicture(variation),
  ]),
];

/** Every picture, keyed by movement id, and `kettlebell-walk:<variation>` for the holds. */
export const MOVEMENT_PICTURES: Readonly<Record<string, { svg: string; alt: string }>> = Object.fromEntries(
  ALL.map(([id, p]) => [id, { svg: render(p), alt: p.alt }]),
);

/** A panel's geometry: its figures and arrows in the panel's coordinates, and where the panel sits. */
export interface PanelGeometry {
  offset: P;
  figures: FigureGeometry[];
  arrows: Box[];
}

/**
 * What each picture shows, for the tests (test/unit/pictures.test.ts): each panel's figures and
 * arrows, and the arrow between the panels (in the picture's coordinates).
 */
export const PICTURE_GEOMETRY: Readonly<
  Record<string, { start: PanelGeometry; end: PanelGeometry; between: Box; view: 'side' | 'above' }>
> = Object.fromEntries(
  ALL.map(([id, p]) => [
    id,
    {
      view: p.above ? 'above' : 'side',
      between: ARROW_BETWEEN.arrows[0]!,
      start: { offset: [PANEL_X.start, PANEL_Y], figures: p.start.figures, arrows: p.start.arrows },
      end: { offset: [PANEL_X.end, PANEL_Y], figures: p.end.figures, arrows: p.end.arrows },
    },
  ]),
);

/** The picture for a movement (and its variation, for kettlebell walks). */
export function pictureFor(id: string, variation?: string): { svg: string; alt: string } | undefined {
  if (id === 'kettlebell-walk') {
    const kb = CATALOG.find((m) => m.id === id)!;
    return MOVEMENT_PICTURES[`kettlebell-walk:${variation ?? kb.startingVariation}`];
  }
  return MOVEMENT_PICTURES[id];
}
