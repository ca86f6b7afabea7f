/**
 * The patient's plan page (GET /p/{token}): web/plan.html filled in on the server, so it reads
 * completely without JavaScript (only the Done button and the pain check-in need web/plan.js).
 * Same CSP as the form: the pictures are <img> of their own SVG files (same origin, cached a year),
 * the progress chart inline SVG with presentation
 * attributes, no inline script or style. Three modes (plan-page.ts `pageMode`): today's session with
 * Done, the pain check-in and the progress; the plan ahead before it starts; the completion summary
 * once it is over (the link of the last day's text opens it).
 */
import { parseReason } from '../../shared/domain/plan/lifecycle.ts';
import {
  doseInWords,
  howToOf,
  LENGTH_MEANING,
  pausedNotice,
  PLAN_PAGE_PREFIX,
} from '../../shared/domain/plan/page.ts';
import { ADVICE } from '../../shared/domain/plan/plan.ts';
import { CHART_COLOURS, progressChartSvg, progressTable } from '../../shared/domain/plan/progress-chart.ts';
import { nextStep, painInWords, todayInWords, type NextStep } from '../../shared/domain/plan/progress.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import { caveatsHtml, escapeHtml, fillTemplate, rendered } from './page.ts';
import type { PlanPageView } from './service.ts';
import { pictureImg } from '../../shared/web/pictures.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

function movementItem(m: PlanPageView['record']['plan']['movements'][number]): string {
  const name = m.variation ? `${m.name} (${m.variation})` : m.name;
  return [
    `<li class="session-movement">`,
    `<h3>${escapeHtml(name)}</h3>`,
    `<p class="dose">${escapeHtml(doseInWords(m))}</p>`,
    pictureImg(m.id, m.variation),
    `<p class="how">${escapeHtml(howToOf(m))}</p>`,
    `</li>`,
  ].join('');
}

/** Why the Done button is not offered on a day of the plan, if it is not: a pause, or the start ahead. */
function notice(view: PlanPageView): string {
  const { record, mode } = view;
  if (mode === 'before') return `<p class="notice">${escapeHtml(BEFORE_START)}</p>`;
  if (mode !== 'today' || record.status !== 'paused') return '';
  const { text, tone } = pausedNotice(record.statusReason);
  return tone === 'notice'
    ? `<p class="notice">${escapeHtml(text)}</p>`
    : `<p class="advice${tone === 'urgent' ? ' urgent' : ''}" role="alert">${escapeHtml(text)}</p>`;
}

const BEFORE_START = 'Your plan starts on a later day. Here is what it holds.';

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

const SCALE_WORDS: Record<number, string> = { 0: ' (no pain)', 10: ' (the worst)' };

/**
 * "How is your back today?": 0–10 as large buttons (web/plan.js posts the tap, as it does Done; the
 * buttons show only when it runs, and without it the page says how to text a score instead).
 */
function checkInSection(view: PlanPageView, token: string): string {
  const todayPain = view.progress.today?.pain;
  const buttons = Array.from(
    { length: 11 },
    (_, score) =>
      `<button type="button" class="pain-button${score >= RULE.seekCarePain ? ' high' : ''}" value="${score}"` +
      ` aria-pressed="false">${score}${SCALE_WORDS[score] ? `<span class="visually-hidden">${SCALE_WORDS[score]}</span>` : ''}</button>`,
  ).join('');
  return [
    `<section class="card checkin-card" aria-labelledby="checkin-title">`,
    `<h2 id="checkin-title">How is your back today?</h2>`,
    `<p id="checkin-hint">Tap one number: 0 is no pain, 10 is the worst pain you can imagine.</p>`,
    `<div id="pain-scale" class="pain-scale-wrap" hidden`,
    ` data-pain-url="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/pain`)}">`,
    `<div class="pain-scale" role="group" aria-labelledby="checkin-title" aria-describedby="checkin-hint">`,
    buttons,
    `</div>`,
    `<p class="scale-legend" aria-hidden="true"><span>0 no pain</span><span>10 the worst</span></p>`,
    `</div>`,
    `<p id="checkin-status" class="checkin-status" role="status">`,
    todayPain !== undefined ? escapeHtml(`Today's score so far: ${todayPain} out of 10.`) : '',
    `</p>`,
    `<p id="pain-advice" class="advice" role="alert" hidden></p>`,
    `<noscript><p>Or reply PAIN and a number to a reminder text, like PAIN 3.</p></noscript>`,
    `</section>`,
  ].join('');
}

/** Three big dots for today's sessions, filled when done (the words beside them say the same). */
function todayDots(done: number, perDay: number): string {
  const r = 9;
  const circles = Array.from({ length: perDay }, (_, i) => {
    const cx = 12 + i * 30;
    return i < done
      ? `<circle cx="${cx}" cy="12" r="${r}" fill="${CHART_COLOURS.done}"/>`
      : `<circle cx="${cx}" cy="12" r="${r}" fill="#ffffff" stroke="${CHART_COLOURS.missed}" stroke-width="2"/>`;
  }).join('');
  return (
    `<svg class="dots" viewBox="0 0 ${perDay * 30 - 6} 24" width="${perDay * 30 - 6}" height="24"` +
    ` aria-hidden="true" focusable="false">${circles}</svg>`
  );
}

/**
 * Progress from the plan's log: today's sessions, day 1 against the latest pain in words, the chart
 * (pain line and the per-day strip of sessions) and its table. Nothing logged: one sentence instead.
 */
function progressSection(view: PlanPageView): string {
  const { progress, mode } = view;
  const lines: string[] = [];
  if (mode === 'today' && progress.today) {
    lines.push(
      `<p class="today-sessions">${todayDots(progress.today.sessions, progress.sessionsPerDay)}` +
        `<span>${escapeHtml(todayInWords(progress)!)}</span></p>`,
    );
  }
  if (progress.empty) {
    lines.push(
      `<p class="empty-progress">${escapeHtml(
        mode === 'summary'
          ? 'Nothing was logged during this plan.'
          : 'No sessions logged yet — tap Done after each session.',
      )}</p>`,
    );
  } else {
    // The summary says these above the chart already.
    if (mode !== 'summary') {
      lines.push(
        `<p class="pain-words">${escapeHtml(painInWords(progress) ?? 'No back pain scores yet.')}</p>`,
        `<p>${escapeHtml(`Sessions done so far: ${progress.sessionsDone} of ${progress.sessionsSoFar}.`)}</p>`,
      );
    }
    lines.push(
      `<figure class="chart-figure">${progressChartSvg(progress)}`,
      `<figcaption class="hint">The line is your back pain each day (0 no pain, 10 the worst).` +
        ` Each filled block is a session done.</figcaption></figure>`,
      progress.painDays === 1 && mode === 'today'
        ? `<p class="hint">Tell us how your back is each day to see a line here.</p>`
        : '',
      `<details class="table-details"><summary>See each day as a table</summary>${progressTable(progress)}</details>`,
    );
  }
  return [
    `<section class="card progress-card" aria-labelledby="progress-title">`,
    `<h2 id="progress-title">${mode === 'summary' ? 'Day by day' : 'Your progress'}</h2>`,
    ...lines,
    `</section>`,
  ].join('');
}

const NEXT_STEP: Record<NextStep, { text: string; link: boolean }> = {
  reassess: {
    text: 'Take the check-in again: rate the same movements, and get your next plan.',
    link: true,
  },
  'see-clinician': {
    text: 'Please see a clinician before you exercise again. Then take the check-in for a new plan.',
    link: true,
  },
  'newer-plan': { text: 'You have a newer plan. Open the link in your newest reminder text.', link: false },
};

/** The form, pre-filled with this plan's scores: the next plan steps on from this one. */
function reassessLink(token: string): string {
  return `<p><a class="button-link" id="reassess" href="/?reassess=${encodeURIComponent(token)}">Take the check-in</a></p>`;
}

/** The completion summary: sessions done of the plan's, pain first against last, the next step. */
function summarySection(view: PlanPageView, token: string): string {
  const { progress, record } = view;
  const step = nextStep(record.status, parseReason(record.statusReason), progress.latest);
  const { text, link } = NEXT_STEP[step];
  const pain = painInWords(progress) ?? 'No back pain scores were logged.';
  return [
    `<section class="card summary-card" aria-labelledby="summary-title">`,
    `<h2 id="summary-title">How you did</h2>`,
    `<p class="summary-figure"><strong>${progress.sessionsDone} of ${progress.sessionsPlanned}</strong> sessions done.</p>`,
    `<p class="summary-figure">${escapeHtml(pain)}</p>`,
    `<h3>Next step</h3>`,
    `<p${step === 'see-clinician' ? ' class="advice"' : ''}>${escapeHtml(text)}</p>`,
    link ? reassessLink(token) : '',
    `</section>`,
  ].join('');
}

/** On the plan's last day: what comes after it. */
const LAST_DAY =
  'Today is the last day of your plan. From tomorrow this page shows how you did, ' +
  'and you can take the check-in again for your next plan.';

export function renderPlanPage(
  view: PlanPageView,
  token: string,
  appName: string,
  template = WEB_ASSETS['plan.html']!.body,
): WebAsset {
  const { plan, status } = view.record;
  const { today, mode } = view;
  const canMark = mode === 'today' && status === 'active';
  const lastDay = mode === 'today' && today.day === today.lengthDays;
  const body = fillTemplate(
    template,
    {
      appName,
      heading:
        mode === 'summary'
          ? status === 'replaced' || status === 'stopped'
            ? 'This plan has ended'
            : 'Your plan is finished'
          : mode === 'before'
            ? 'Your plan'
            : 'Your plan for today',
      sessionHeading: mode === 'today' ? "Today's session" : 'The movements of your plan',
      sessionsPerDay: String(today.sessionsPerDay),
      sessionTimes: plan.sessionTimes.join(', '),
      timeZone: plan.timeZone,
    },
    {
      where:
        mode === 'summary'
          ? ''
          : `<p class="progress"><span>Day ${Math.min(Math.max(today.day, 1), today.lengthDays)} of ${today.lengthDays}</span>` +
            (mode === 'today' ? `<span>Session ${today.session} of ${today.sessionsPerDay}</span>` : '') +
            `</p>`,
      notice: notice(view),
      // Weak flags alone let this plan be made once a clinician checked the pain: the advice stays in view.
      advice: view.record.assessment.clinicianCheck
        ? `<p class="advice">${escapeHtml(
            ADVICE.clinicianChecked(
              view.record.assessment.clinicianCheck.flags,
              view.record.assessment.clinicianCheck.by,
            ).message,
          )}</p>`
        : '',
      caveats: caveatsHtml(),
      top:
        mode === 'summary'
          ? summarySection(view, token) + progressSection(view)
          : lastDay
            ? `<p class="notice">${escapeHtml(LAST_DAY)}</p>` + reassessLink(token)
            : '',
      movements: plan.movements.map(movementItem).join('\n'),
      lengths: plan.movements.some((m) => m.repUnit === 'lengths')
        ? `<p class="hint">${escapeHtml(LENGTH_MEANING)}</p>`
        : '',
      bottom:
        mode === 'today'
          ? doneSection(view, token, canMark) + checkInSection(view, token) + progressSection(view)
          : '',
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
