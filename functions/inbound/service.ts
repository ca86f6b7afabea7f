/**
 * The inbound-reply use case: a patient's text is read (shared/domain/messaging/reading: every
 * intent it carries, with its words), each intent is acted on, and ONE answer confirms them all.
 * Order: an opt-out first (it ends the conversation), then red-flag words (safety before
 * convenience), then everything else. The SNS handler (handler.ts) only turns records into texts;
 * the use cases live in use-cases/.
 *
 * Each effect is idempotent on its own (a status move from a given status, an event under a key
 * made from the message, a list entry) and the answer is claimed per message before it is sent,
 * so a repeat of the message never answers twice.
 */
import { DEFAULT_LANGUAGE, languageSwitch, type Language } from '../../shared/domain/language.ts';
import { partsFor } from '../../shared/domain/messaging/answers.ts';
import { readReply, type Intent } from '../../shared/domain/messaging/reading/read.ts';
import type { InboundSelfTestMarker } from '../../shared/domain/ops/self-test.ts';
import { hashPhone, maskPhone } from '../../shared/domain/security/privacy.ts';
import { sendAnswer } from './use-cases/answer.ts';
import * as commands from './use-cases/commands.ts';
import { switchLanguage } from './use-cases/language.ts';
import {
  InboundContext,
  repliedTo,
  type InboundDeps,
  type InboundResult,
  type InboundSms,
  type Outcome,
  type Turn,
} from './use-cases/context.ts';
import { confirmsErasure, erase } from './use-cases/erasure.ts';
import { optIn, optOut } from './use-cases/opt-out.ts';
import { misread, redFlag } from './use-cases/red-flag.ts';

export { MAX_KEPT_TEXT } from './use-cases/context.ts';
export type { InboundDeps, InboundResult, InboundSms } from './use-cases/context.ts';

type Of<K extends Intent['kind']> = Extract<Intent, { kind: K }>;

export function createInboundProcessor(deps: InboundDeps) {
  const ctx = new InboundContext(deps);
  const { log, clock } = ctx;

  /** Acts on every intent of the reading, most important first; returns their answer parts. */
  async function act(turn: Turn): Promise<Outcome[]> {
    const intents = turn.reading.intents;
    const find = <K extends Intent['kind']>(kind: K) => intents.find((i): i is Of<K> => i.kind === kind);
    const outcomes: Outcome[] = [];
    const optingOut = find('opt-out');
    if (optingOut) outcomes.push(await optOut(ctx, turn));
    const flag = find('red-flag');
    if (flag) outcomes.push(await redFlag(ctx, turn, flag.flags, Boolean(optingOut)));
    if (find('erase')) outcomes.push(await commands.eraseRequest(ctx, turn));
    const pain = find('pain');
    const done = Boolean(find('done'));
    // After an opt-out, one confirmation (FCC): a session or score in the same text is still
    // logged, but not answered; only safety and the erasure's code share the confirmation.
    if (optingOut) {
      if (done || pain) await commands.doneAndPain(ctx, turn, done, pain?.score);
      return outcomes;
    }
    if (find('opt-in')) {
      const back = await optIn(ctx, turn);
      outcomes.push(back ?? (await commands.resume(ctx, turn)));
    }
    // A misread in the same text as new red-flag words: the words win (the plan pauses again).
    if (find('mistake') && !flag) outcomes.push(await misread(ctx, turn));
    if (done || pain) outcomes.push(...(await commands.doneAndPain(ctx, turn, done, pain?.score)));
    if (find('pause')) outcomes.push(await commands.pause(ctx, turn));
    if (find('resume')) outcomes.push(await commands.resume(ctx, turn));
    if (find('who')) outcomes.push(commands.who(ctx, turn));
    if (find('help')) outcomes.push(commands.help(ctx, turn));
    const unsure = find('unclear');
    if (unsure) outcomes.push(await commands.unclear(ctx, turn, unsure.ask));
    // Words for the clinic: kept; answered "kept for your clinic" only when nothing else answers.
    if (find('message')) outcomes.push(await commands.message(ctx, turn, !outcomes.some((o) => o.part)));
    return outcomes;
  }

  async function handle(sms: InboundSms): Promise<InboundResult> {
    const phoneHash = hashPhone(sms.from, deps.hashKey);
    const patient = await deps.repo.getPatient(phoneHash);
    const fields = { phone: maskPhone(sms.from), messageId: sms.messageId };
    if (!patient) {
      log.info('text from an unknown number: ignored', fields);
      return { intents: ['unknown-sender'], replied: false };
    }
    const plan = patient.currentPlanId ? await deps.repo.getPlan(patient.currentPlanId) : undefined;
    const after = repliedTo(patient, plan, clock.now());
    const reading = readReply(sms.body, { after, appName: deps.config.appName });
    const offered = deps.config.languages ?? [DEFAULT_LANGUAGE];
    const language: Language =
      plan?.language ?? (offered.includes(reading.language) ? reading.language : offered[0]!);
    const parts = partsFor(language);
    const intents = reading.intents.map((i) => i.kind);
    // The patient's words are never logged: only what they were read as.
    log.info('inbound text', { ...fields, intents, after, planId: plan?.planId });

    const confirm = reading.intents.find((i): i is Of<'erase-confirm'> => i.kind === 'erase-confirm');
    if (confirm) {
      // A repeat of a confirmation already accepted (its erasure was cut short): finish it, without
      // judging the code again (the window or the day's tries may have run out since).
      if (
        (await deps.events.erasureAccepted(sms.messageId)) ||
        (await confirmsErasure(ctx, patient, phoneHash, confirm.code))
      )
        return erase(ctx, sms, phoneHash, patient.country, language);
      const refused = { part: parts.erasureRefused(deps.config.appName) };
      return {
        intents,
        replied: await sendAnswer(ctx, { sms, phoneHash, patient, plan, reading, language, parts }, [
          refused,
        ]),
      };
    }

    const turn: Turn = { sms, phoneHash, patient, plan, reading, language, parts };
    // ESPAÑOL / ENGLISH, alone in a text: the plan's language changes, answered in the new one.
    const asked = languageSwitch(sms.body);
    if (asked) {
      const outcome = await switchLanguage(ctx, turn, asked, offered);
      return { intents: ['language'], replied: await sendAnswer(ctx, outcome.turn, [outcome]) };
    }
    const outcomes = await act(turn);
    const replied = await sendAnswer(ctx, turn, outcomes);
    // The opt-out's confirmation went first (or could not go); now the number onto the list. A
    // throw above (the answer to be retried) leaves that to the redelivery, after its answer.
    for (const o of outcomes) if (o.afterAnswer) await o.afterAnswer();
    return { intents, replied };
  }

  /** The operator's self-test: recorded where `npm run ops:selftest` looks; never read as a text. */
  async function selfTest(marker: InboundSelfTestMarker, snsMessageId: string): Promise<void> {
    if (!marker.valid || !deps.selfTests) {
      log.error('self-test message not recorded: dropped', { snsMessageId, validNonce: marker.valid });
      return;
    }
    const recorded = await deps.selfTests.recordSelfTest('inbound', marker.nonce, clock.now());
    log.info('self-test message recorded; nothing answered', { nonce: marker.nonce, recorded });
  }

  return { handle, selfTest };
}
