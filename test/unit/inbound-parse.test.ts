import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPLY_CORPUS } from '../fixtures/reply-corpus.ts';
import {
  APP_COMMANDS,
  ERASURE_CONFIRM_MINUTES,
  erasureConfirmable,
  normaliseReply,
  OPT_OUT_KEYWORDS,
  optOutConfirmedByChannel,
  parseInbound,
} from '../../shared/domain/messaging/replies.ts';

describe('reading a patient reply', () => {
  it('an opt-out AWS matched itself is confirmed by AWS; a variant it did not match is confirmed here', () => {
    for (const body of ['STOP', 'stop', ' Unsubscribe ']) expect(optOutConfirmedByChannel(body)).toBe(true);
    for (const body of ['Stop.', 'STOP!', 'stop 🙏']) expect(optOutConfirmedByChannel(body)).toBe(false);
    // End User Messaging reports the keyword it matched: then it confirmed, whatever the text.
    expect(optOutConfirmedByChannel('Stop.', 'STOP')).toBe(true);
    expect(optOutConfirmedByChannel('Stop.', 'HELP')).toBe(false);
  });

  it('knows every AWS opt-out keyword, in any case and with spaces around', () => {
    expect([...OPT_OUT_KEYWORDS]).toEqual([
      'ARRET',
      'CANCEL',
      'END',
      'OPT-OUT',
      'OPTOUT',
      'QUIT',
      'REMOVE',
      'STOP',
      'TD',
      'UNSUBSCRIBE',
    ]);
    for (const keyword of OPT_OUT_KEYWORDS) {
      for (const text of [
        keyword,
        keyword.toLowerCase(),
        `  ${keyword[0]}${keyword.slice(1).toLowerCase()} \n`,
      ]) {
        expect(parseInbound(text)).toEqual({ kind: 'opt-out', keyword });
      }
    }
    expect(parseInbound('Arrêt')).toEqual({ kind: 'opt-out', keyword: 'ARRET' });
    expect(parseInbound('Stop.')).toEqual({ kind: 'opt-out', keyword: 'STOP' });
  });

  it('never uses an opt-out keyword as an app command', () => {
    for (const command of APP_COMMANDS) expect(OPT_OUT_KEYWORDS as readonly string[]).not.toContain(command);
  });

  it('reads the app commands in any case, with spaces and a trailing full stop', () => {
    expect(parseInbound('HELP')).toEqual({ kind: 'help' });
    expect(parseInbound(' help ')).toEqual({ kind: 'help' });
    expect(parseInbound('Done')).toEqual({ kind: 'done' });
    expect(parseInbound('  done!  ')).toEqual({ kind: 'done' });
    expect(parseInbound('pause')).toEqual({ kind: 'pause' });
    expect(parseInbound('\tRESUME.')).toEqual({ kind: 'resume' });
  });

  it('reads DELETE (erasure; DELETE YES too) and DELETE <4 digits> (its confirmation), never an AWS keyword', () => {
    expect(parseInbound('DELETE')).toEqual({ kind: 'erase' });
    expect(parseInbound(' delete. ')).toEqual({ kind: 'erase' });
    expect(parseInbound('Delete yes')).toEqual({ kind: 'erase' });
    expect(parseInbound('  DELETE   YES! ')).toEqual({ kind: 'erase' });
    expect(parseInbound('DELETE 4821')).toEqual({ kind: 'erase-confirm', code: '4821' });
    expect(parseInbound(' delete:0042. ')).toEqual({ kind: 'erase-confirm', code: '0042' });
    for (const text of ['DELETE NO', 'DELETE ME', 'YES DELETE', 'DELETEYES', 'DELETE 482', 'DELETE 48211']) {
      expect(parseInbound(text)).toEqual({ kind: 'unknown' });
    }
    expect(OPT_OUT_KEYWORDS as readonly string[]).not.toContain('DELETE');
  });

  it('confirms an erasure only within 15 minutes of the request', () => {
    const asked = '2030-03-06T19:00:00.000Z';
    const after = (ms: number) => new Date(Date.parse(asked) + ms);
    expect(ERASURE_CONFIRM_MINUTES).toBe(15);
    expect(erasureConfirmable(asked, after(0))).toBe(true);
    expect(erasureConfirmable(asked, after(15 * 60_000))).toBe(true);
    expect(erasureConfirmable(asked, after(15 * 60_000 + 1))).toBe(false);
    expect(erasureConfirmable(asked, after(-1))).toBe(false);
    expect(erasureConfirmable(undefined, after(0))).toBe(false);
  });

  it('reads PAIN with a score from 0 to 10', () => {
    expect(parseInbound('PAIN 0')).toEqual({ kind: 'pain', score: 0 });
    expect(parseInbound('pain 7')).toEqual({ kind: 'pain', score: 7 });
    expect(parseInbound(' Pain   10 ')).toEqual({ kind: 'pain', score: 10 });
    expect(parseInbound('pain:3')).toEqual({ kind: 'pain', score: 3 });
    expect(parseInbound('PAIN4')).toEqual({ kind: 'pain', score: 4 });
  });

  it('calls anything else unknown', () => {
    for (const text of ['', 'hello', 'PAIN', 'PAIN 11', 'PAIN -1', 'STOP please', 'START', 'YES']) {
      expect(parseInbound(text)).toEqual({ kind: 'unknown' });
    }
  });

  it('normalises case, accents, spaces and trailing punctuation only', () => {
    expect(normaliseReply('  pain   5 ! ')).toBe('PAIN 5');
    expect(normaliseReply('Opt-Out')).toBe('OPT-OUT');
  });
});

describe('replies as people write them (test/fixtures/reply-corpus.ts)', () => {
  it(`reads each of the ${REPLY_CORPUS.length} replies of the corpus as meant`, () => {
    expect(REPLY_CORPUS.length).toBeGreaterThanOrEqual(100);
    const misread = REPLY_CORPUS.filter(([text, meaning]) => {
      const command = parseInbound(text);
      return typeof meaning === 'string'
        ? command.kind !== meaning
        : command.kind !== 'pain' || command.score !== meaning.pain;
    }).map(([text, meaning]) => ({ text, meaning, read: parseInbound(text) }));
    expect(misread).toEqual([]);
  });

  it('case, emoji and punctuation around a command never change what it means', () => {
    const decorations = fc.constantFrom('', '!', '.', '!!', ' ✅', ' 👍', ' 💪🏽', ' :)', '  ');
    const commands = fc.constantFrom('done', 'pain 5', 'pause', 'resume', 'help', 'my legs went numb');
    fc.assert(
      fc.property(commands, decorations, decorations, fc.boolean(), (command, before, after, upper) => {
        const text = `${before.trim()} ${upper ? command.toUpperCase() : command}${after}`;
        expect(parseInbound(text)).toEqual(parseInbound(command));
      }),
    );
  });

  it('never throws and always answers a known kind, whatever the text', () => {
    const kinds = [
      'opt-out',
      'help',
      'done',
      'pause',
      'resume',
      'pain',
      'erase',
      'erase-confirm',
      'red-flag',
      'reaction',
      'unknown',
    ];
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const command = parseInbound(text);
        expect(kinds).toContain(command.kind);
        if (command.kind === 'pain') expect(command.score).toBeGreaterThanOrEqual(0);
        if (command.kind === 'pain') expect(command.score).toBeLessThanOrEqual(10);
      }),
    );
  });
});
