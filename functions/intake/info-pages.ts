/**
 * The pages an SMS registration asks for (toll-free verification wants an opt-in description; from
 * 2026-09-15 also privacy-policy and terms URLs): what the patient sees and agrees to, what is kept
 * and for how long, and the terms of the texts. Built from the operator's settings and the same
 * consent text the form shows and stores, so the pages never say something the service does not do.
 */
import { createHash } from 'node:crypto';
import { ERASURE_CONFIRM_MINUTES } from '../../shared/domain/messaging/replies.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import { helpText, welcomeText } from '../../shared/domain/messaging/texts.ts';
import { escapeHtml } from './page.ts';
import type { WebAsset } from './web-assets.generated.ts';

export interface InfoPageOptions {
  /** The clinic or service name at the start of every text (runtime.appName). */
  appName: string;
  /** How patients reach the clinic (runtime.clinicContact). @default none: "reply HELP" only */
  clinicContact?: string;
  /** The help page's full address (the form's origin + /help), as HELP links it when there is no contact. */
  helpUrl?: string;
  /** Days patient data is kept after a plan ends (runtime.retentionDays). */
  retentionDays: number;
  planLengthDays: number;
  consent: { version: string; text: string };
  defaultSessionTimes: readonly string[];
}

export const INFO_PAGES = ['/opt-in', '/privacy', '/terms', '/help', '/erased'] as const;
export type InfoPage = (typeof INFO_PAGES)[number];

function page(options: InfoPageOptions, title: string, sections: string): WebAsset {
  const app = escapeHtml(options.appName);
  const body = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light" />
    <title>${app}: ${escapeHtml(title)}</title>
    <link rel="icon" href="/icon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/style.css" />
  </head>
  <body>
    <header class="site-header">
      <p class="app-name">${app}</p>
      <h1>${escapeHtml(title)}</h1>
    </header>
    <main id="main" class="stack info-page">
${sections}
      <nav aria-label="More about this service">
        <p><a href="/">The back rehab check-in</a> · <a href="/help">Help</a> · <a href="/opt-in">How you sign up for texts</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
      </nav>
    </main>
  </body>
</html>
`;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { contentType: 'text/html; charset=utf-8', etag, body };
}

const section = (heading: string, ...paragraphs: string[]) =>
  `      <section class="card stack">\n        <h2>${escapeHtml(heading)}</h2>\n${paragraphs
    .map((p) => `        <p>${p}</p>`)
    .join('\n')}\n      </section>`;

function contactLine(options: InfoPageOptions): string {
  return options.clinicContact
    ? `Contact ${escapeHtml(options.appName)}: ${escapeHtml(options.clinicContact)}, or reply HELP to any text.`
    : `Reply HELP to any text from ${escapeHtml(options.appName)}.`;
}

/** How a patient opts in, for a carrier's reviewer: the form, the exact consent, the first texts. */
export function optInPage(options: InfoPageOptions): WebAsset {
  const times = options.defaultSessionTimes.join(', ');
  return page(
    options,
    'How you sign up for texts',
    [
      section(
        'Where patients sign up',
        `Patients sign up themselves on the <a href="/">back rehab check-in</a> form, on their own phone. They rate ten movements, see their home plan, and enter their own mobile number.`,
        'Nothing is texted until they tick the consent box below and submit the form. The one-time code we then text them proves the number is theirs; reminders start only after they enter it.',
      ),
      section(
        'What they agree to (shown and stored word for word, version ' +
          escapeHtml(options.consent.version) +
          ')',
        `<q>${escapeHtml(options.consent.text)}</q>`,
      ),
      section(
        'What they get',
        `Up to ${RULE.sessionsPerDay} reminders a day at their session times (by default ${escapeHtml(times)}) for ${options.planLengthDays} days, a one-time code, one welcome text and one text on the last day.`,
        `Example welcome text: <q>${escapeHtml(welcomeText(options.appName, options.defaultSessionTimes, options.planLengthDays))}</q>`,
        `HELP answers: <q>${escapeHtml(helpText(options.appName, options.clinicContact, options.helpUrl))}</q>`,
        'STOP (or any standard opt-out word) ends every text at once.',
      ),
    ].join('\n'),
  );
}

/** What is kept, why, for how long, and how to have it erased. */
export function privacyPage(options: InfoPageOptions): WebAsset {
  return page(
    options,
    'Privacy',
    [
      section(
        'What we keep',
        'Your mobile number (to text you; stored only where texts are sent from, and otherwise as a keyed code that cannot be turned back into the number), the pain scores you gave, the warning signs you ticked, your plan, your session times and time zone, your consent with its time, and your replies (DONE, pain scores, and any message you send us, which your clinic may read).',
      ),
      section(
        'Why',
        'Only to build your home plan, send your reminders, record your sessions and let your clinic look after you. We do not sell or share your data, and we do not use it for advertising.',
      ),
      section(
        'How long',
        `A plan you never confirm is deleted after 2 days. Everything else is deleted ${options.retentionDays} days after your plan ends.`,
      ),
      section(
        'Your choices',
        `Reply STOP to end all texts. Reply DELETE to erase all your data: we text you a 4-digit code, and replying DELETE with that code within ${ERASURE_CONFIRM_MINUTES} minutes erases everything at once.`,
        contactLine(options),
      ),
      section(
        'Who processes it',
        `${escapeHtml(options.appName)} runs this service in its own Amazon Web Services account; AWS stores the data (encrypted) and sends the texts on its behalf.`,
      ),
    ].join('\n'),
  );
}

/** The terms of the text reminders. */
export function termsPage(options: InfoPageOptions): WebAsset {
  return page(
    options,
    'Terms',
    [
      section(
        'The service',
        `${escapeHtml(options.appName)} texts you reminders for a home back-rehab plan: up to ${RULE.sessionsPerDay} a day for ${options.planLengthDays} days, plus a one-time code, a welcome text and one text on the last day. Message and data rates may apply.`,
      ),
      section(
        'Not medical advice',
        `The plan follows a movement specialist's rule. It does not replace a doctor or physiotherapist. Stop any movement that hurts more than ${RULE.maxQualifyingPain} out of 10. If you have numbness in the groin or buttocks, trouble controlling your bladder or bowels, or weakness in your legs, call your emergency number.`,
      ),
      section(
        'Stopping and help',
        'Reply STOP to end the texts at any time, HELP for help, DELETE to erase your data.',
        contactLine(options),
      ),
    ].join('\n'),
  );
}

/** Where HELP points when the operator gave no contact: how to reach a person, and what each reply does. */
export function helpPage(options: InfoPageOptions): WebAsset {
  const reach = options.clinicContact
    ? `Contact ${escapeHtml(options.appName)}: <strong>${escapeHtml(options.clinicContact)}</strong>.`
    : `Reply to any text from ${escapeHtml(options.appName)} with your question, in your own words: your clinic reads the messages you send and can call you back.`;
  return page(
    options,
    'Help',
    [
      section(
        'Reach a person',
        reach,
        'If you need care now (numbness in the groin or buttocks, trouble with your bladder or bowels, weakness in your legs that gets worse), call your emergency number.',
      ),
      section(
        'What you can reply to a text',
        '<strong>DONE</strong> after a session. <strong>PAIN</strong> and a number from 0 to 10 for your back pain today. <strong>PAUSE</strong> to pause the reminders, <strong>RESUME</strong> to restart them. <strong>STOP</strong> to end them. <strong>DELETE</strong> to erase your data.',
        'Each reminder links to your plan page: your movements with pictures, and a Done button.',
        'On your plan page you can also change your session times or time zone, skip or snooze a session, pause or stop your reminders, and erase your data.',
      ),
    ].join('\n'),
  );
}

/** Where the plan page's "Erase my data" ends: the confirmation that it is done. */
export function erasedPage(options: InfoPageOptions): WebAsset {
  return page(
    options,
    'Your data is erased',
    section(
      'Everything is erased',
      `Your plan, your answers, your phone number and your progress are erased from ${escapeHtml(options.appName)}. Your reminders have stopped, and your plan page link no longer opens.`,
      'You will get no more texts from us. To start again, <a href="/">take the check-in</a>.',
    ),
  );
}

/** The pages, built once per container. */
export function infoPages(options: InfoPageOptions): Record<InfoPage, WebAsset> {
  return {
    '/opt-in': optInPage(options),
    '/privacy': privacyPage(options),
    '/terms': termsPage(options),
    '/help': helpPage(options),
    '/erased': erasedPage(options),
  };
}
