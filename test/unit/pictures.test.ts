/**
 * The movement pictures (shared/domain/plan/pictures.ts), checked by their geometry: what each
 * picture shows, not how its markup looks. Arms start at the shoulders (down the back from the
 * neck); figures stay in their panels and clear of the arrows; Bird Dog's reaching arm clears the
 * head and its long leg the arrow; the overhead holds are a straight arm with the hand above the
 * head, clear of the face; Lateral Beast Walk is seen from above and moves across the body's
 * length. Drawn in Chromium: test/e2e/plan-page.test.ts and docs/movement-pictures.png.
 */
import { describe, expect, it } from 'vitest';
import {
  MOVEMENT_PICTURES,
  PICTURE_GEOMETRY,
  type Box,
  type FigureGeometry,
  type P,
} from '../../shared/domain/plan/pictures.ts';

const ENTRIES = Object.entries(PICTURE_GEOMETRY);
/** Half a limb's stroke plus half the head's outline: closer than this, they touch. */
const TOUCH = 2 + 1.75;

const distance = (a: P, b: P) => Math.hypot(a[0] - b[0], a[1] - b[1]);
function distanceToSegment(p: P, a: P, b: P): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy || 1)));
  return distance(p, [a[0] + t * dx, a[1] + t * dy]);
}
const distanceToLine = (p: P, points: readonly P[]) =>
  Math.min(...points.slice(1).map((b, i) => distanceToSegment(p, points[i]!, b)));
/** Whether a polyline comes within `margin` of a box (sampled every half unit). */
function touchesBox(points: readonly P[], box: Box, margin: number): boolean {
  const [x1, y1, x2, y2] = box;
  return points.slice(1).some((b, i) => {
    const a = points[i]!;
    const steps = Math.max(1, Math.ceil(distance(a, b) * 2));
    for (let k = 0; k <= steps; k++) {
      const x = a[0] + ((b[0] - a[0]) * k) / steps;
      const y = a[1] + ((b[1] - a[1]) * k) / steps;
      if (x >= x1 - margin && x <= x2 + margin && y >= y1 - margin && y <= y2 + margin) return true;
    }
    return false;
  });
}
/** The angle at `b` between `a` and `c`, in degrees (180 is straight). */
function angleAt(a: P, b: P, c: P): number {
  const u = [a[0] - b[0], a[1] - b[1]];
  const v = [c[0] - b[0], c[1] - b[1]];
  const cos = (u[0]! * v[0]! + u[1]! * v[1]!) / (Math.hypot(u[0]!, u[1]!) * Math.hypot(v[0]!, v[1]!));
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}
const moved = (p: P, offset: P): P => [p[0] + offset[0], p[1] + offset[1]];
const panels = (id: string) => {
  const g = PICTURE_GEOMETRY[id]!;
  return [
    { name: 'start', ...g.start },
    { name: 'end', ...g.end },
  ];
};
const arm = (f: FigureGeometry, part: string) => f.arms.find((a) => a.part === part)!.points;
const leg = (f: FigureGeometry, part: string) => f.legs.find((l) => l.part === part)!.points;

describe('the movement pictures, by what they show', () => {
  it('has a geometry for every picture, a figure in each panel', () => {
    expect(Object.keys(PICTURE_GEOMETRY).sort()).toEqual(Object.keys(MOVEMENT_PICTURES).sort());
    for (const [id] of ENTRIES)
      for (const panel of panels(id)) expect(panel.figures.length, `${id} ${panel.name}`).toBe(1);
  });

  it('every arm starts at a shoulder, down the back from the neck, never at the neck', () => {
    for (const [id, g] of ENTRIES)
      for (const panel of panels(id))
        for (const figure of panel.figures) {
          const where = `${id} ${panel.name}`;
          expect(figure.view, where).toBe(g.view);
          expect(figure.shoulders, where).toHaveLength(figure.view === 'side' ? 1 : 2);
          expect(figure.arms, where).toHaveLength(2);
          for (const { points } of figure.arms) {
            expect(
              figure.shoulders.some((s) => distance(points[0]!, s) < 0.01),
              `${where}: an arm starts at ${points[0]}`,
            ).toBe(true);
          }
          for (const shoulder of figure.shoulders) {
            // Side on: 8 down the back; from above: out to the side of the neck.
            expect(distance(shoulder, figure.neck), where).toBeGreaterThanOrEqual(7);
            expect(distance(shoulder, figure.neck), where).toBeLessThanOrEqual(12);
          }
          if (figure.view === 'above') {
            // One arm each side: the two shoulders are the arms' two starts.
            expect(new Set(figure.arms.map((a) => String(a.points[0]))).size, where).toBe(2);
          }
        }
  });

  it('every figure stays in its panel, and no limb touches an arrow (its panel’s or the one between)', () => {
    for (const [id, g] of ENTRIES)
      for (const panel of panels(id))
        for (const figure of panel.figures) {
          const where = `${id} ${panel.name}`;
          const limbs = [...figure.arms, ...figure.legs];
          for (const { points } of limbs)
            for (const [x, y] of points) {
              expect(x, where).toBeGreaterThanOrEqual(2);
              expect(x, where).toBeLessThanOrEqual(108);
              expect(y, where).toBeGreaterThanOrEqual(-14);
              expect(y, where).toBeLessThanOrEqual(100);
            }
          for (const { part, points } of limbs) {
            const absolute = points.map((p) => moved(p, panel.offset));
            expect(touchesBox(absolute, g.between, 3), `${where} ${part} and the arrow between`).toBe(false);
            for (const box of panel.arrows)
              expect(touchesBox(points, box, 3), `${where} ${part} and its arrow`).toBe(false);
          }
        }
  });

  it('Bird Dog: the reaching hand and arm clear of the head, the long leg clear of the arrow', () => {
    const { end, between } = PICTURE_GEOMETRY['bird-dog']!;
    const [figure] = end.figures;
    const { c, r } = figure!.head;
    const reach = arm(figure!, 'nearArm');
    const hand = reach.at(-1)!;
    // Forward and clear: the hand in front of the head, nowhere near it; the arm passes above it.
    expect(hand[0]).toBeGreaterThan(c[0] + r);
    expect(distance(hand, c)).toBeGreaterThan(r + 2 * TOUCH);
    expect(distanceToLine(c, reach)).toBeGreaterThan(r + TOUCH + 1);
    expect(angleAt(reach[0]!, reach[1]!, reach[2]!)).toBeGreaterThan(165);
    // The opposite leg long behind (hip to foot), clear of the arrow between the panels.
    const long = leg(figure!, 'farLeg');
    expect(long[0]![0] - long.at(-1)![0]).toBeGreaterThan(40);
    expect(
      touchesBox(
        long.map((p) => moved(p, end.offset)),
        between,
        6,
      ),
    ).toBe(false);
  });

  it('the overhead holds: a straight arm, the hand above the head, clear of the face', () => {
    const overhead = ENTRIES.filter(([id]) => id.includes('overhead'));
    expect(overhead.map(([id]) => id).sort()).toEqual([
      'kettlebell-walk:bottoms up overhead',
      'kettlebell-walk:overhead',
      'kettlebell-walk:overhead and by the side',
    ]);
    for (const [id] of overhead) {
      expect(MOVEMENT_PICTURES[id]!.alt, id).toContain('overhead on a straight arm');
      for (const panel of panels(id)) {
        const figure = panel.figures[0]!;
        const where = `${id} ${panel.name}`;
        const { c, r } = figure.head;
        const [shoulder, elbow, hand] = arm(figure, 'nearArm') as [P, P, P];
        expect(hand[1], `${where}: the hand above the top of the head`).toBeLessThan(c[1] - r - 4);
        expect(angleAt(shoulder, elbow, hand), `${where}: the elbow straight`).toBeGreaterThan(170);
        expect(distanceToLine(c, [shoulder, elbow, hand]), `${where}: clear of the face`).toBeGreaterThan(
          r + TOUCH,
        );
        // Up more than forward: within 35° of vertical.
        const lean = (Math.atan2(hand[0] - shoulder[0], shoulder[1] - hand[1]) * 180) / Math.PI;
        expect(Math.abs(lean), where).toBeLessThan(35);
      }
    }
    // A hold that is not overhead keeps the hand below the shoulder line or in front, never up.
    const side = panels('kettlebell-walk:by the side')[0]!.figures[0]!;
    expect(arm(side, 'nearArm').at(-1)![1]).toBeGreaterThan(side.shoulders[0]![1]);
  });

  it('Lateral Beast Walk is seen from above and moves across the body, with the stepping hand and foot going furthest', () => {
    const g = PICTURE_GEOMETRY['lateral-beast-walk']!;
    expect(g.view).toBe('above');
    expect(MOVEMENT_PICTURES['lateral-beast-walk']!.alt).toMatch(/^Seen from above/);
    expect(MOVEMENT_PICTURES['lateral-beast-walk']!.svg).toContain('Start, from above');
    const [a] = g.start.figures;
    const [b] = g.end.figures;
    // The body's length: from the middle of the hips to the neck.
    const pelvis = (f: FigureGeometry): P => {
      const [l, r] = [leg(f, 'leg0')[0]!, leg(f, 'leg1')[0]!];
      return [(l[0] + r[0]) / 2, (l[1] + r[1]) / 2];
    };
    const axis = [a!.neck[0] - pelvis(a!)[0], a!.neck[1] - pelvis(a!)[1]];
    const shift = [b!.neck[0] - a!.neck[0], b!.neck[1] - a!.neck[1]];
    const length = Math.hypot(axis[0]!, axis[1]!);
    // Sideways: a real move, with (almost) nothing of it along the body.
    expect(Math.hypot(shift[0]!, shift[1]!)).toBeGreaterThan(6);
    expect(Math.abs((shift[0]! * axis[0]! + shift[1]! * axis[1]!) / length)).toBeLessThan(1);
    // The same length of body in both (hips level: not turned or tipped).
    expect(distance(b!.neck, pelvis(b!))).toBeCloseTo(length, 5);
    // The stepping side's hand moved further than the other's.
    const handMove = (part: string) => distance(arm(a!, part).at(-1)!, arm(b!, part).at(-1)!);
    expect(Math.max(handMove('arm0'), handMove('arm1'))).toBeGreaterThan(
      Math.min(handMove('arm0'), handMove('arm1')) + 8,
    );
  });

  it('every alt text says what its picture shows, in a sentence', () => {
    for (const [id, { svg, alt }] of Object.entries(MOVEMENT_PICTURES)) {
      expect(alt, id).toMatch(/^[A-Z].{50,}\.$/);
      expect(svg, id).toContain(`aria-label="${alt.replace(/"/g, '&quot;')}"`);
    }
  });
});
