/**
 * Replies in Spanish answered in Spanish, through the inbound function on DynamoDB Local with SNS
 * at the SDK boundary: one reply of the Spanish corpus (test/fixtures/replies/dev-es.jsonl) for
 * each kind of meaning the reader gets right, sent by a patient whose plan is in Spanish, and the
 * same reply by one whose plan is in English. Every answer is one GSM-7 segment; the Spanish
 * patient's answer is never the English one and carries no English catalog words. With no plan (a
 * patient whose plan is gone), the answer follows the text's language when it is offered.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../shared/domain/language.ts';
import { smsSegments } from '../../shared/domain/messaging/sms.ts';
import { keys } from '../../shared/table.ts';
import { useTestTable } from '../support/dynamodb.ts';
import { inboundSmsEvent, useMockedSns, inboundOnTable } from '../support/inbound.ts';
import { judge, loadCorpus } from '../support/reply-corpus.ts';
import { activePlan } from '../support/reminders.ts';

const table = useTestTable();
const sns = useMockedSns('sns-1');

const APP = 'Rehab reminders';
const NOW = new Date('2030-03-06T19:00:00Z');
const MADE_AT = new Date('2030-03-05T12:00:00Z');
const inbound = (event: ReturnType<typeof inboundSmsEvent>) =>
  inboundOnTable(table, {
    config: { appName: APP, formUrl: 'https://form.example/', retentionDays: 30, languages: ['en', 'es'] },
    clock: { now: () => NOW },
  })(event);

let ids = 0;
const sent = () => sns.commandCalls(PublishCommand).map((c) => c.args[0].input.Message!);
/** Words of the English catalog a Spanish answer never has (the app's name aside). */
const ENGLISH = /\b(?:you|your|the|reply|replies|thanks|please|we|is|for|and|to|will|now)\b/i;
const withoutName = (body: string) => body.replace(APP, '');

/** What a patient whose plan is in `language` is answered to `body`. */
async function answersTo(body: string, language: Language): Promise<string[]> {
  sns.reset();
  sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
  const plan = await activePlan(table, { now: MADE_AT, language });
  await inbound(
    inboundSmsEvent(plan.phone, body, `in-es-${++ids}`, new Date(NOW.getTime() + ids).toISOString()),
  );
  return sent();
}

/** One reply the reader gets right for each meaning of the Spanish set (the first of each). */
const replies = (() => {
  const seen = new Set<string>();
  return judge(loadCorpus('dev-es.jsonl'))
    .filter((j) => j.right)
    .map((j) => j.item)
    .filter((item) => {
      const meaning = [...item.intents].sort().join('+');
      if (seen.has(meaning)) return false;
      seen.add(meaning);
      return true;
    });
})();

describe('replies in Spanish are answered in Spanish', () => {
  it('the Spanish set has many kinds of meaning to answer', () => {
    expect(replies.length).toBeGreaterThanOrEqual(25);
  });

  it.each(replies.map((item) => [item.intents.join('+'), item.text] as const))(
    '%s: %j is answered in Spanish, one GSM-7 segment',
    async (_meaning, body) => {
      const es = await answersTo(body, 'es');
      const en = await answersTo(body, 'en');
      expect(es.length).toBe(en.length);
      es.forEach((answer, k) => {
        expect(smsSegments(answer), answer).toMatchObject({ encoding: 'GSM-7', segments: 1 });
        expect(withoutName(answer), answer).not.toMatch(ENGLISH);
        expect(answer).not.toBe(en[k]);
      });
    },
  );

  it('with no plan (its item expired), a Spanish text is answered in Spanish, an English one in English', async () => {
    const answerWithoutPlan = async (body: string) => {
      const plan = await activePlan(table, { now: MADE_AT, language: 'en' });
      await table.db.send(new DeleteCommand({ TableName: table.tableName, Key: keys.plan(plan.planId) }));
      sns.reset();
      sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
      await inbound(
        inboundSmsEvent(plan.phone, body, `in-es-${++ids}`, new Date(NOW.getTime() + ids).toISOString()),
      );
      return sent();
    };
    const es = await answerWithoutPlan('¿quién me manda estos mensajes?');
    const en = await answerWithoutPlan('who sends me these messages?');
    expect(es).toHaveLength(1);
    expect(en).toHaveLength(1);
    expect(withoutName(es[0]!)).not.toMatch(ENGLISH);
    expect(withoutName(en[0]!)).toMatch(ENGLISH);
  });
});
