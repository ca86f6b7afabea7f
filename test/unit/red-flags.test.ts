/**
 * The one red-flag table (shared/domain/plan/red-flags.ts): each flag's tier, the combinations that
 * raise it, weak flags and the clinician-checked route, and the docs' table that says the same.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADVICE, screen } from '../../shared/domain/plan/plan.ts';
import {
  CARE_TIERS,
  FLAG_ADVICE,
  FLAG_COMBINATIONS,
  flagTier,
  isWeakFlag,
  RED_FLAG_IDS,
  RED_FLAGS,
  screenFlags,
  type CareTier,
  type RedFlagId,
  type ScreenTier,
} from '../../shared/domain/plan/red-flags.ts';
import * as rules from '../../shared/domain/plan/rules.ts';

const rank = (tier: ScreenTier) => (tier === 'none' ? CARE_TIERS.length : CARE_TIERS.indexOf(tier));

describe('the flag table', () => {
  it('gives each flag the tier the guidance asks for', () => {
    expect(Object.fromEntries(RED_FLAGS.map((f) => [f.id, flagTier(f.id)]))).toEqual({
      // Cauda equina syndrome (NICE CKS; GIRFT): an emergency.
      'saddle-numbness': 'urgent-now',
      'bladder-bowel-control': 'urgent-now',
      'urinary-retention': 'urgent-now',
      'sexual-dysfunction': 'urgent-now',
      'both-legs': 'urgent-now',
      'leg-weakness': 'urgent-now',
      // Aortic aneurysm: an emergency.
      'tearing-pain': 'urgent-now',
      // Possible infection or fracture: seen today, not the emergency number.
      fever: 'same-day',
      'recent-trauma': 'same-day',
      'recent-spinal-procedure': 'within-24h',
      'thoracic-pain': 'this-week',
      'weight-loss': 'this-week',
      'night-pain': 'this-week',
      'immune-drugs': 'this-week',
      'cancer-history': 'this-week',
      'steroids-osteoporosis': 'this-week',
      'new-pain-age': 'this-week',
    });
    expect(RED_FLAGS.filter((f) => isWeakFlag(f.id)).map((f) => f.id)).toEqual([
      'cancer-history',
      'steroids-osteoporosis',
      'new-pain-age',
    ]);
    expect(new Set(RED_FLAG_IDS).size).toBe(RED_FLAGS.length);
    for (const flag of RED_FLAGS) {
      expect(flag.source).toMatch(/NICE|AHCPR|GIRFT/);
      expect(flag.label).not.toMatch(/cauda|equina|metasta|aneurysm|neurolog/i); // plain words
    }
    for (const combo of FLAG_COMBINATIONS) expect(combo.source).toMatch(/NICE/);
  });

  it('rules.ts re-exports only their types: a value from it would carry the table into every RULE reader', () => {
    expect(Object.keys(rules)).not.toContain('RED_FLAGS');
    expect(Object.keys(rules)).not.toContain('screenFlags');
    expect(Object.keys(rules)).toContain('RULE');
  });

  it('docs/PLAN-RULE.md has a row for every flag with its tier, and every combination', () => {
    const docs = readFileSync(new URL('../../docs/PLAN-RULE.md', import.meta.url), 'utf8');
    const words: Record<CareTier, string> = {
      'urgent-now': 'urgent now',
      'same-day': 'same day',
      'within-24h': 'within 24 h',
      'this-week': 'this week',
    };
    for (const flag of RED_FLAGS) {
      const row = docs.split('\n').find((line) => line.includes(`\`${flag.id}\``));
      expect(row, flag.id).toBeDefined();
      expect(row).toContain(flag.label.replace(/"/g, '"'));
      expect(row).toContain(words[flag.tier] + ('weak' in flag ? ', weak' : ''));
    }
    for (const combo of FLAG_COMBINATIONS) expect(docs).toContain(`\`${combo.id}\``);
  });
});

describe('screenFlags: one flag, combinations, weak flags', () => {
  it('none ticked: no tier; one flag: its own tier and advice', () => {
    expect(screenFlags([])).toEqual({ tier: 'none', weakOnly: false, reasons: [] });
    for (const flag of RED_FLAGS.filter((f) => !isWeakFlag(f.id))) {
      expect(screenFlags([flag.id])).toMatchObject({
        tier: flag.tier,
        advice: FLAG_ADVICE[flag.tier],
        weakOnly: false,
      });
    }
  });

  it('weak flags alone, any number of them: check with a clinician, this week', () => {
    const weak = screenFlags(['new-pain-age', 'steroids-osteoporosis', 'cancer-history']);
    expect(weak).toMatchObject({ tier: 'this-week', weakOnly: true });
    expect(weak.advice).toEqual(
      ADVICE.checkWithClinician(['new-pain-age', 'steroids-osteoporosis', 'cancer-history']),
    );
    expect(weak.advice!.message).toMatch(/If one has already checked it, you can go on/);
  });

  it('two signs at the same tier raise it one step; a weak flag with a sign counts', () => {
    expect(screenFlags(['night-pain', 'weight-loss']).tier).toBe('within-24h');
    expect(screenFlags(['new-pain-age', 'weight-loss']).tier).toBe('within-24h');
    expect(screenFlags(['fever', 'recent-trauma']).tier).toBe('urgent-now');
    expect(screenFlags(['saddle-numbness', 'both-legs']).tier).toBe('urgent-now');
    // A lower sign beside a higher one does not raise it.
    expect(screenFlags(['recent-trauma', 'new-pain-age']).tier).toBe('same-day');
  });

  it('a past cancer with thoracic, night or weight-loss signs: within 24 hours (NICE NG234)', () => {
    for (const sign of ['thoracic-pain', 'night-pain', 'weight-loss'] as const) {
      const result = screenFlags(['cancer-history', sign]);
      expect(result.tier).toBe('within-24h');
      expect(result.advice).toEqual(FLAG_ADVICE['within-24h']);
    }
  });

  it('fever with immune suppression, injected drugs or a recent spinal procedure: urgent now', () => {
    expect(screenFlags(['fever', 'immune-drugs'])).toMatchObject({ tier: 'urgent-now' });
    expect(screenFlags(['fever', 'recent-spinal-procedure']).reasons).toContain('fever-with-infection-risk');
    expect(screenFlags(['fever']).tier).toBe('same-day');
  });

  it('never lowers the tier when a flag is added, ignores order and repeats (property)', () => {
    const flags = fc.subarray(RED_FLAG_IDS);
    fc.assert(
      fc.property(flags, fc.constantFrom(...RED_FLAG_IDS), (ids, extra) => {
        const before = screenFlags(ids);
        const after = screenFlags([...ids, extra]);
        // Weak flags alone are "this week" (with a way forward); adding a sign never makes it less urgent.
        expect(rank(after.tier)).toBeLessThanOrEqual(rank(before.tier));
        expect(screenFlags([...ids].reverse())).toEqual(before);
        expect(screenFlags([...ids, ...ids]).tier).toBe(before.tier);
        // At least as urgent as the most urgent flag ticked.
        for (const id of ids) expect(rank(before.tier)).toBeLessThanOrEqual(rank(flagTier(id)));
        expect(before.weakOnly).toBe(ids.length > 0 && ids.every(isWeakFlag));
        if (before.tier !== 'none') expect(before.advice).toBeDefined();
      }),
      { numRuns: 400 },
    );
  });
});

describe('the first screen: the clinician-checked route', () => {
  const weak: RedFlagId[] = ['new-pain-age'];

  it('weak flags alone stop the form with the advice and a way forward', () => {
    expect(screen(weak, 0)).toEqual({
      tier: 'soon',
      care: 'this-week',
      planAllowed: false,
      advice: ADVICE.checkWithClinician(weak),
      clinicianCheck: { flags: weak },
    });
  });

  it('once a clinician has checked this pain (the patient says so, or the clinic cleared them) the plan may follow', () => {
    for (const by of ['patient', 'clinic'] as const) {
      expect(screen(weak, 2, by)).toEqual({
        tier: 'soon',
        care: 'this-week',
        planAllowed: true,
        advice: ADVICE.clinicianChecked(weak, by),
        clinicianCheck: { flags: weak, by },
      });
    }
    // With pain at rest too: both pieces of advice stay in view.
    expect(screen(weak, 5, 'patient').advice!.message).toContain(ADVICE.seeClinicianWithPlan.message);
  });

  it('a clearance never lets any other sign through (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray(RED_FLAG_IDS, { minLength: 1 }),
        fc.constantFrom('patient', 'clinic'),
        fc.integer({ min: 0, max: 10 }),
        (ids, by, restPain) => {
          const result = screen(ids, restPain, by as 'patient' | 'clinic');
          expect(result.planAllowed).toBe(ids.every(isWeakFlag));
          if (!ids.every(isWeakFlag)) expect(result.care).toBe(screenFlags(ids).tier);
        },
      ),
    );
  });

  it('keeps the answer\'s first shape: tier "urgent" for urgent now, "soon" for the other tiers', () => {
    expect(screen(['saddle-numbness']).tier).toBe('urgent');
    expect(screen(['fever']).tier).toBe('soon');
    expect(screen([], 4)).toMatchObject({ tier: 'soon', care: 'this-week', planAllowed: true });
    expect(screen([], 0)).toEqual({ tier: 'none', care: 'none', planAllowed: true });
  });
});
