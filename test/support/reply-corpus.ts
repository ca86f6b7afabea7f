/**
 * The labelled reply corpus (test/fixtures/replies/, README there) and how a reading is judged
 * against it: the same set of intents as the label (or its `alt`), the same pain score, the same
 * red-flag ids. Shared by the evaluation test and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readReply, type Reading, type RepliedTo } from '../../shared/domain/messaging/reading/read.ts';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'replies');
/** The app name the corpus's texts carry ("Back Rehab: time for session 2 of 3 …"). */
export const CORPUS_APP_NAME = 'Back Rehab';

export const LABELS = [
  'done',
  'pain',
  'pause',
  'resume',
  'help',
  'who',
  'opt-out',
  'opt-in',
  'erase',
  'red-flag',
  'mistake',
  'reaction',
  'ack',
  'message',
  'unclear',
] as const;
export type Label = (typeof LABELS)[number];

export interface Meaning {
  intents: Label[];
  pain?: number;
  flags?: string[];
}

export interface CorpusItem extends Meaning {
  id: string;
  text: string;
  after: RepliedTo;
  lang: 'en' | 'es';
  alt?: Meaning;
  note?: string;
}

export function loadCorpus(file: string): CorpusItem[] {
  return readFileSync(join(CORPUS_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CorpusItem);
}

/** A reading in the corpus's terms (erase-confirm is an erase; the question back is unclear). */
export function asMeaning(reading: Reading): Meaning {
  const intents = [
    ...new Set(reading.intents.map((i) => (i.kind === 'erase-confirm' ? 'erase' : i.kind))),
  ] as Label[];
  const pain = reading.intents.find((i) => i.kind === 'pain');
  const flag = reading.intents.find((i) => i.kind === 'red-flag');
  return {
    intents: intents.sort(),
    ...(pain && pain.kind === 'pain' ? { pain: pain.score } : {}),
    ...(flag && flag.kind === 'red-flag' ? { flags: [...flag.flags].sort() } : {}),
  };
}

function same(read: Meaning, meant: Meaning): boolean {
  const a = [...read.intents].sort();
  const b = [...meant.intents].sort();
  if (a.join() !== b.join()) return false;
  if (b.includes('pain') && read.pain !== meant.pain) return false;
  if (
    b.includes('red-flag') &&
    [...(read.flags ?? [])].sort().join() !== [...(meant.flags ?? [])].sort().join()
  )
    return false;
  return true;
}

export interface Judged {
  item: CorpusItem;
  read: Meaning;
  /** Read as the label or its alternative reading. */
  right: boolean;
}

export function judge(items: readonly CorpusItem[]): Judged[] {
  return items.map((item) => {
    const read = asMeaning(readReply(item.text, { after: item.after, appName: CORPUS_APP_NAME }));
    return { item, read, right: same(read, item) || (item.alt !== undefined && same(read, item.alt)) };
  });
}

export interface IntentFigure {
  label: Label;
  /** Items whose label carries the intent. */
  items: number;
  /** Of those, read wholly right. */
  right: number;
  /** Of those, read with the intent (and for red-flag the same flags, for pain the same score). */
  found: number;
}

export interface Figures {
  items: number;
  right: number;
  perIntent: IntentFigure[];
  /** Readings with a red flag the label (and its alternative) does not have. */
  falseRedFlags: number;
  /** Of those, in a text with a negation word (a denied symptom read as one). */
  falseRedFlagsNegated: number;
}

const NEGATION_WORD =
  /\b(?:no|not|never|without|denies|didn'?t|don'?t|doesn'?t|isn'?t|wasn'?t|sin|nunca|ni|tampoco|ningun[oa]?|se me quit[oó]|se (?:me )?fue)\b/i;

export function figures(judged: readonly Judged[]): Figures {
  const perIntent = LABELS.map((label) => {
    const withIt = judged.filter((j) => j.item.intents.includes(label));
    const found = withIt.filter(({ item, read }) => {
      if (!read.intents.includes(label)) return false;
      if (label === 'pain')
        return read.pain === item.pain || (item.alt?.pain !== undefined && read.pain === item.alt.pain);
      if (label === 'red-flag')
        return [...(read.flags ?? [])].sort().join() === [...(item.flags ?? [])].sort().join();
      return true;
    });
    return { label, items: withIt.length, right: withIt.filter((j) => j.right).length, found: found.length };
  });
  const falseFlags = judged.filter(
    (j) =>
      j.read.intents.includes('red-flag') &&
      !j.item.intents.includes('red-flag') &&
      !j.item.alt?.intents.includes('red-flag'),
  );
  return {
    items: judged.length,
    right: judged.filter((j) => j.right).length,
    perIntent,
    falseRedFlags: falseFlags.length,
    falseRedFlagsNegated: falseFlags.filter((j) => NEGATION_WORD.test(j.item.text)).length,
  };
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)} %` : '—');

/** The figures as a table, one line per intent. */
export function table(name: string, f: Figures): string {
  const lines = [
    `${name}: ${f.right}/${f.items} read as meant (${pct(f.right, f.items)}); false red flags ${f.falseRedFlags} (on a negated symptom ${f.falseRedFlagsNegated})`,
    '  intent       items  intent found      item wholly right',
    ...f.perIntent
      .filter((p) => p.items > 0)
      .map(
        (p) =>
          `  ${p.label.padEnd(11)} ${String(p.items).padStart(5)}  ${`${p.found} (${pct(p.found, p.items)})`.padEnd(16)}  ${p.right} (${pct(p.right, p.items)})`,
      ),
  ];
  return lines.join('\n');
}
