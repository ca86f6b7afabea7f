/**
 * The reply reader against the labelled corpus (test/fixtures/replies/README.md): 320 development
 * replies it was tuned on, and 260 held-out replies written by two people who never saw it, which it
 * was never tuned on (docs/PATIENTS.md#how-replies-are-read gives the first and the latest figure).
 * Prints the figures per intent for both sets; asserts the goals on the held-out set:
 * ≥ 97 % read as meant, every opt-out and every red flag found (with its flags), and no red flag
 * read into a text whose symptom was denied. Two of them are not met yet (`it.fails`, below), and
 * the figures of today are held as floors. Only figures are printed for the held-out set, never
 * its items, so nobody tunes on them by accident.
 */
import { describe, expect, it } from 'vitest';
import { figures, judge, loadCorpus, table } from '../support/reply-corpus.ts';

const dev = figures(judge(loadCorpus('dev.jsonl')));
const heldOut = figures(judge(loadCorpus('held-out.jsonl')));
const share = (n: number, of: number) => n / of;
const intent = (f: typeof dev, label: string) => f.perIntent.find((p) => p.label === label)!;

describe('the reply corpus (test/fixtures/replies)', () => {
  it('holds at least 500 labelled replies, 200 of them held out', () => {
    expect(dev.items + heldOut.items).toBeGreaterThanOrEqual(500);
    expect(heldOut.items).toBeGreaterThanOrEqual(200);
  });

  it('prints the figures per intent for both sets', () => {
    console.log(
      `${table('Development set (tuned on)', dev)}\n\n${table('Held-out set (never tuned on)', heldOut)}`,
    );
    expect(dev.perIntent.reduce((n, p) => n + p.items, 0)).toBeGreaterThanOrEqual(dev.items);
  });

  it('development set: at least 97 % read as meant', () => {
    expect(share(dev.right, dev.items)).toBeGreaterThanOrEqual(0.97);
  });

  // The goals, asserted. Two are NOT met: 89.6 % read as meant (first run 87.3 %) and 33 of
  // 37 red-flag items (first run 30). `it.fails` keeps them in the suite, honestly: each turns red
  // the day its goal is met, to be made a plain `it` then. The floors below hold today's figures.
  it.fails('GOAL NOT MET YET — held-out set: at least 97 % read as meant (89.6 % today)', () => {
    expect(share(heldOut.right, heldOut.items)).toBeGreaterThanOrEqual(0.97);
  });

  it.fails(
    'GOAL NOT MET YET — held-out set: every red flag read, with the flags meant (33 of 37 today)',
    () => {
      const flag = intent(heldOut, 'red-flag');
      expect(flag.found).toBe(flag.items);
    },
  );

  it('held-out set: no lower than today — 89 % read as meant, 33 red-flag items read with their flags', () => {
    expect(share(heldOut.right, heldOut.items)).toBeGreaterThanOrEqual(0.89);
    expect(intent(heldOut, 'red-flag').found).toBeGreaterThanOrEqual(33);
  });

  it('held-out set: every opt-out is read as one', () => {
    const optOut = intent(heldOut, 'opt-out');
    expect(optOut.items).toBeGreaterThan(0);
    expect(optOut.found).toBe(optOut.items);
  });

  it('held-out set: no red flag read into a denied symptom', () => {
    expect(heldOut.falseRedFlagsNegated).toBe(0);
  });
});
