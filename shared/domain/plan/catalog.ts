/**
 * The assessment movements from the source document (seed/000_…txt), in the source's order.
 * Ids are stable kebab-case of the names: they are stored in plans and sent by other tools, so
 * never rename one. `shortName` exists so a five-movement reminder fits two SMS segments.
 */
export type MovementCategory = 'mobility' | 'crawl' | 'hip-strength' | 'core-stability' | 'loaded-carry';

export interface Movement {
  readonly id: string;
  readonly name: string;
  readonly shortName: string;
  readonly howTo: string;
  readonly category: MovementCategory;
  /** What one "rep" means for this movement, as printed after the count (GSM-7 safe). */
  readonly repUnit: 'reps' | 'reps/side' | 'lengths';
  readonly variations?: readonly string[];
  /** The variation shown when none is named: the first of the hold ladder (progression.ts `HOLD_LADDER`). */
  readonly startingVariation?: string;
  /** What to use, where the movement needs something (the kettlebell's weight). */
  readonly equipment?: string;
}

const ENTRIES = [
  {
    id: 'hip-mobility',
    name: 'Hip Mobility',
    shortName: 'Hip mobility',
    howTo: 'Standing tall and holding support, draw slow, full circles with one knee, then the other.',
    category: 'mobility',
    repUnit: 'reps/side',
  },
  {
    id: 'cat-camel',
    name: 'Cat-Camel',
    shortName: 'Cat-camel',
    howTo:
      'On hands and knees, slowly round your back up, then let it sag gently; move one segment at a time.',
    category: 'mobility',
    repUnit: 'reps',
  },
  {
    id: 'in-line-lunge-halo',
    name: 'In-Line Lunge Halo',
    shortName: 'Lunge halo',
    howTo:
      'Kneel in a narrow lunge, feet in one line, and circle a light weight around your head, ribs down.',
    category: 'core-stability',
    repUnit: 'reps/side',
  },
  {
    id: 'forward-reverse-beast-walk',
    name: 'Forward/Reverse Beast Walk',
    shortName: 'Beast walk fwd/back',
    howTo:
      'On hands and toes with knees just off the floor and back flat, crawl forward a few steps, then back.',
    category: 'crawl',
    repUnit: 'lengths',
  },
  {
    id: 'lateral-beast-walk',
    name: 'Lateral Beast Walk',
    shortName: 'Side beast walk',
    howTo:
      'On hands and toes with knees just off the floor and back flat, crawl sideways a few steps each way, keeping hips level.',
    category: 'crawl',
    repUnit: 'lengths',
  },
  {
    id: 'hip-bridges',
    name: 'Hip Bridges',
    shortName: 'Hip bridge',
    howTo:
      'Lie on your back, knees bent, and squeeze your glutes to lift your hips until knees, hips and shoulders line up.',
    category: 'hip-strength',
    repUnit: 'reps',
  },
  {
    id: 'single-leg-hip-bridges',
    name: 'Single Leg Hip Bridges',
    shortName: '1-leg bridge',
    howTo:
      'A hip bridge with one foot on the floor and the other leg lifted; keep the hips level, then switch.',
    category: 'hip-strength',
    repUnit: 'reps/side',
  },
  {
    id: 'side-plank-clam-shells',
    name: 'Side Plank Clam Shells',
    shortName: 'Side plank clam',
    howTo: 'Hold a side plank from your knees and elbow, and open and close the top knee like a clam shell.',
    category: 'core-stability',
    repUnit: 'reps/side',
  },
  {
    id: 'bird-dog',
    name: 'Bird Dog',
    shortName: 'Bird dog',
    howTo:
      'On hands and knees, reach one arm and the opposite leg long, pause with a flat back, then switch.',
    category: 'core-stability',
    repUnit: 'reps/side',
  },
  {
    id: 'kettlebell-walk',
    name: 'Kettlebell Walks',
    shortName: 'KB walk',
    howTo:
      'Walk tall and slow for about 10 steps carrying a light kettlebell, ribs down and hips level. Keep to one hold until your next check-in.',
    category: 'loaded-carry',
    repUnit: 'lengths',
    variations: ['bottoms up', 'by the side', 'overhead', 'overhead and by the side', 'bottoms up overhead'],
    startingVariation: 'by the side',
    equipment:
      'A light kettlebell you can hold steady without straining (for many people 4 to 8 kg, about 8 to 18 lb); a full bag with handles will do.',
  },
] as const satisfies readonly Movement[];

export const CATALOG: readonly Movement[] = ENTRIES;

/** Every movement's id: a translation (catalog-es.ts) is typed by it, so none can be missing. */
export type MovementId = (typeof ENTRIES)[number]['id'];
/** The kettlebell holds' names (its variations). */
export type HoldName = Extract<(typeof ENTRIES)[number], { id: 'kettlebell-walk' }>['variations'][number];

export const MOVEMENT_IDS = CATALOG.map((m) => m.id);

const byId = new Map(CATALOG.map((m, index) => [m.id, { movement: m, index }]));

export function findMovement(id: string): Movement | undefined {
  return byId.get(id)?.movement;
}

/** Position in the source's list; used as the last tie-break and to order a session. */
export function catalogIndex(id: string): number {
  return byId.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
}
