/**
 * The pages an SMS registration asks for (toll-free verification wants an opt-in description; from
 * 2026-09-15 also privacy-policy and terms URLs): what the patient sees and agrees to, what is kept
 * and for how long, and the terms of the texts. Built from the operator's settings and the same
 * consent text the form shows and stores, so the pages never say something the service does not do.
 * Their words come from the info catalog (shared/domain/plan/info-texts.ts), in each language the
 * operator offers; the route picks one by Accept-Language.
 */
import { createHash } from 'node:crypto';
import { ERASURE_CONFIRM_MINUTES } from '../../shared/domain/messaging/replies.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/domain/language.ts';
import { textsFor } from '../../shared/domain/messaging/text-catalog.ts';
import { infoTextsFor } from '../../shared/domain/plan/api-catalog.ts';
import type { InfoTexts } from '../../shared/domain/plan/info-texts.ts';
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

/** The language the consent is written and stored in (a page in another says so before it). */
const CONSENT_LANGUAGE = 'en';

export const INFO_PAGES = ['/opt-in', '/privacy', '/terms', '/help', '/erased'] as const;
export type InfoPage = (typeof INFO_PAGES)[number];

/**
 * A page of the catalog's words. Its plain strings are the catalog's own (code, not input) and go in
 * as written; values (the app name, the contact, the example texts) are escaped.
 */
function page(options: InfoPageOptions, t: InfoTexts, title: string, sections: string): WebAsset {
  const app = escapeHtml(options.appName);
  const body = `<!doctype html>
<html lang="${t.lang}">
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
      <nav aria-label="${escapeHtml(t.navLabel)}">
        <p>${t.navHtml}</p>
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

function contactLine(options: InfoPageOptions, t: InfoTexts): string {
  const app = escapeHtml(options.appName);
  return options.clinicContact ? t.contactHtml(app, escapeHtml(options.clinicContact)) : t.replyHelpHtml(app);
}

/** How a patient opts in, for a carrier's reviewer: the form, the exact consent, the first texts. */
export function optInPage(options: InfoPageOptions, t: InfoTexts = infoTextsFor(DEFAULT_LANGUAGE)): WebAsset {
  const times = options.defaultSessionTimes.join(', ');
  const texts = textsFor(t.lang as Language);
  const consent = `<q lang="en">${escapeHtml(options.consent.text)}</q>`;
  return page(
    options,
    t,
    t.optIn.title,
    [
      section(t.optIn.whereTitle, t.optIn.whereHtml, t.optIn.whereCode),
      section(
        t.optIn.agreeTitle(options.consent.version),
        ...(t.lang === CONSENT_LANGUAGE ? [consent] : [t.optIn.consentNote, consent]),
      ),
      section(
        t.optIn.getTitle,
        t.optIn.getHtml(RULE.sessionsPerDay, escapeHtml(times), options.planLengthDays),
        t.optIn.welcomeHtml(
          escapeHtml(texts.welcomeText(options.appName, options.defaultSessionTimes, options.planLengthDays)),
        ),
        t.optIn.helpHtml(escapeHtml(texts.helpText(options.appName, options.clinicContact, options.helpUrl))),
        t.optIn.stop,
      ),
    ].join('\n'),
  );
}

/** What is kept, why, for how long, and how to have it erased. */
export function privacyPage(
  options: InfoPageOptions,
  t: InfoTexts = infoTextsFor(DEFAULT_LANGUAGE),
): WebAsset {
  const p = t.privacy;
  return page(
    options,
    t,
    p.title,
    [
      section(p.keptTitle, p.kept),
      section(p.whyTitle, p.why),
      section(p.howLongTitle, p.howLong(options.retentionDays)),
      section(p.choicesTitle, p.choices(ERASURE_CONFIRM_MINUTES), contactLine(options, t)),
      section(p.whoTitle, p.whoHtml(escapeHtml(options.appName))),
    ].join('\n'),
  );
}

/** The terms of the text reminders. */
export function termsPage(options: InfoPageOptions, t: InfoTexts = infoTextsFor(DEFAULT_LANGUAGE)): WebAsset {
  const p = t.terms;
  return page(
    options,
    t,
    p.title,
    [
      section(
        p.serviceTitle,
        p.serviceHtml(escapeHtml(options.appName), RULE.sessionsPerDay, options.planLengthDays),
      ),
      section(p.adviceTitle, p.advice(RULE.maxQualifyingPain)),
      section(p.stoppingTitle, p.stopping, contactLine(options, t)),
    ].join('\n'),
  );
}

/** Where HELP points when the operator gave no contact: how to reach a person, and what each reply does. */
export function helpPage(options: InfoPageOptions, t: InfoTexts = infoTextsFor(DEFAULT_LANGUAGE)): WebAsset {
  const p = t.help;
  const app = escapeHtml(options.appName);
  const reach = options.clinicContact
    ? p.reachContactHtml(app, escapeHtml(options.clinicContact))
    : p.reachReplyHtml(app);
  return page(
    options,
    t,
    p.title,
    [section(p.reachTitle, reach, p.urgent), section(p.repliesTitle, p.repliesHtml, p.link, p.page)].join(
      '\n',
    ),
  );
}

/** Where the plan page's "Erase my data" ends: the confirmation that it is done. */
export function erasedPage(
  options: InfoPageOptions,
  t: InfoTexts = infoTextsFor(DEFAULT_LANGUAGE),
): WebAsset {
  const p = t.erased;
  return page(options, t, p.title, section(p.heading, p.goneHtml(escapeHtml(options.appName)), p.againHtml));
}

/** The pages in one language, built once per container. */
export function infoPages(
  options: InfoPageOptions,
  language: Language = DEFAULT_LANGUAGE,
): Record<InfoPage, WebAsset> {
  const t = infoTextsFor(language);
  return {
    '/opt-in': optInPage(options, t),
    '/privacy': privacyPage(options, t),
    '/terms': termsPage(options, t),
    '/help': helpPage(options, t),
    '/erased': erasedPage(options, t),
  };
}
