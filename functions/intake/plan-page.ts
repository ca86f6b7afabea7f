/**
 * The patient's plan page (GET /p/{token}): web/plan.html filled in on the server, so it reads
 * completely without JavaScript (only the Done button needs web/plan.js). Same CSP as the form:
 * the pictures are inline SVG with presentation attributes, no inline script or style.
 */
import { doseInWords, howToOf, LENGTH_MEANING, PLAN_PAGE_PREFIX } from '../../shared/domain/plan-page.ts';
import { pictureFor } from '../../shared/domain/pictures.ts';
import { escapeHtml, fillTemplate, rendered } from './page.ts';
import type { PlanPageView } from './service.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

function movementItem(m: PlanPageView['record']['plan']['movements'][number]): string {
  const name = m.variation ? `${m.name} (${m.variation})` : m.name;
  const picture = pictureFor(m.id, m.variation);
  return [
    `<li class="session-movement">`,
    `<h3>${escapeHtml(name)}</h3>`,
    `<p class="dose">${escapeHtml(doseInWords(m))}</p>`,
    picture?.svg ?? '',
    `<p class="how">${escapeHtml(howToOf(m))}</p>`,
    `</li>`,
  ].join('');
}

/** Why the Done button is not offered, if it is not: the plan's status or its dates. */
function notice(view: PlanPageView): string | undefined {
  const { record, today } = view;
  if (record.status === 'paused')
    return 'Your reminders are paused. Reply RESUME to a reminder to restart them.';
  if (record.status !== 'active') return 'This plan has ended. Take the check-in again for a new plan.';
  if (today.day === 0) return 'Your plan starts on a later day. Here is what it holds.';
  if (!today.withinPlan) return 'This plan has ended. Take the check-in again for a new plan.';
  return undefined;
}

function doneSection(view: PlanPageView, token: string, canMark: boolean): string {
  const { session, sessionsPerDay } = view.today;
  const logged = `Session ${session} of ${sessionsPerDay} is logged. Well done!`;
  return [
    `<section class="card done-card stack" aria-labelledby="done-title">`,
    `<h2 id="done-title">Finished this session?</h2>`,
    `<p id="done-status" class="done-status" role="status">${view.sessionDone ? escapeHtml(logged) : ''}</p>`,
    canMark && !view.sessionDone
      ? `<button type="button" class="primary" id="done-button" hidden` +
        ` data-done-url="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/done`)}">` +
        `I did session ${session} of ${sessionsPerDay}</button>` +
        `<noscript><p>Or reply DONE to the reminder text to log it.</p></noscript>`
      : '',
    `</section>`,
  ].join('');
}

export function renderPlanPage(
  view: PlanPageView,
  token: string,
  appName: string,
  template = WEB_ASSETS['plan.html']!.body,
): WebAsset {
  const { plan } = view.record;
  const { today } = view;
  const why = notice(view);
  const body = fillTemplate(
    template,
    {
      appName,
      day: String(Math.min(Math.max(today.day, 1), today.lengthDays)),
      lengthDays: String(today.lengthDays),
      session: String(today.session),
      sessionsPerDay: String(today.sessionsPerDay),
      sessionTimes: plan.sessionTimes.join(', '),
      timeZone: plan.timeZone,
    },
    {
      notice: why ? `<p class="notice">${escapeHtml(why)}</p>` : '',
      movements: plan.movements.map(movementItem).join('\n'),
      lengths: plan.movements.some((m) => m.repUnit === 'lengths')
        ? `<p class="hint">${escapeHtml(LENGTH_MEANING)}</p>`
        : '',
      done: doneSection(view, token, why === undefined),
    },
  );
  return rendered('text/html; charset=utf-8', body);
}

/** The one answer for a link that opens nothing (guessed, revoked, expired): the same bytes each time. */
export function renderPageNotFound(appName: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8" />` +
    `<meta name="viewport" content="width=device-width, initial-scale=1" />` +
    `<meta name="robots" content="noindex, nofollow" />` +
    `<title>${escapeHtml(appName)}: page not found</title><link rel="stylesheet" href="/style.css" /></head>` +
    `<body><header class="site-header"><p class="app-name">${escapeHtml(appName)}</p>` +
    `<h1>This link does not work</h1></header><main id="main" class="stack">` +
    `<p>This plan page does not exist or has expired. Use the link in your newest reminder, ` +
    `or <a href="/">take the check-in</a> for a new plan.</p></main></body></html>`
  );
}
