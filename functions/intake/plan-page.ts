/**
 * The patient's plan page (GET /p/{token}): web/plan.html filled in on the server, so it reads
 * completely without JavaScript (only the Done button and the pain check-in need web/plan.js).
 * Same CSP as the form: the pictures are <img> of their own SVG files (same origin, cached a year),
 * the progress chart inline SVG with presentation
 * attributes, no inline script or style. Three modes (plan-page.ts `pageMode`): today's session with
 * Done, the pain check-in and the progress; the plan ahead before it starts; the completion summary
 * once it is over (the link of the last day's text opens it).
 */
import { parseReason, resumeRefusal } from '../../shared/domain/plan/lifecycle.ts';
import { formatTime, formatTimes, zoneInWords } from '../../shared/domain/scheduling/local-time.ts';
import type { ZoneChoice } from '../../shared/domain/scheduling/zone-choices.ts';
import { minutesOf } from '../../shared/domain/time.ts';
import { timeOfMinute } from '../../shared/domain/scheduling/session-slots.ts';
import {
  doseInWords,
  howToOf,
  LENGTH_MEANING,
  PAGE_NOTES,
  pausedNotice,
  PLAN_PAGE_PREFIX,
  type PageNote,
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
function notice(view: PlanPageView, token: string): string {
  const { record, mode } = view;
  if (mode === 'before') return `<p class="notice">${escapeHtml(BEFORE_START)}</p>`;
  if (mode !== 'today' || record.status !== 'paused') return '';
  const { text, tone } = pausedNotice(record.statusReason);
  if (tone !== 'notice')
    return `<p class="advice${tone === 'urgent' ? ' urgent' : ''}" role="alert">${escapeHtml(text)}</p>`;
  // Paused by the patient: resume here (the clinic's pause is the clinic's to end).
  const resumable = resumeRefusal(record, view.now) === undefined;
  return (
    `<div class="notice stack"><p>${escapeHtml(resumable ? 'Your reminders are paused.' : text)}</p>` +
    (resumable ? actionForm(token, 'resume', 'Resume my reminders', { primary: true }) : '') +
    `</div>`
  );
}

/** A one-button form that posts to the page's action (with script: in place; without: a redirect back). */
function actionForm(
  token: string,
  action: string,
  label: string,
  options: { primary?: boolean; fields?: Record<string, string>; id?: string } = {},
): string {
  const fields = Object.entries(options.fields ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
    .join('');
  return (
    `<form method="post" action="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/${action}`)}" class="inplace">` +
    fields +
    `<button type="submit" class="${options.primary ? 'primary' : 'secondary'}"${options.id ? ` id="${options.id}"` : ''}>` +
    `${escapeHtml(label)}</button></form>`
  );
}

const BEFORE_START = 'Your plan starts on a later day. Here is what it holds.';

function doneSection(view: PlanPageView, token: string, canMark: boolean): string {
  const current = view.current;
  if (!current) {
    return [
      `<section class="card done-card stack" aria-labelledby="done-title">`,
      `<h2 id="done-title">No session left today</h2>`,
      `<p id="done-status" class="done-status" role="status"></p>`,
      `</section>`,
    ].join('');
  }
  const which = `session ${current.number} of ${current.of}`;
  const logged = `Session ${current.number} of ${current.of} is logged. Well done!`;
  return [
    `<section class="card done-card stack" aria-labelledby="done-title">`,
    `<h2 id="done-title">Finished ${escapeHtml(which)}?</h2>`,
    `<p id="done-status" class="done-status" role="status">${view.sessionDone ? escapeHtml(logged) : ''}</p>`,
    canMark && !view.sessionDone
      ? `<p id="done-hint">Tap Done when you have finished it.</p>` +
        `<form method="post" action="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/done`)}" class="inplace">` +
        `<button type="submit" class="primary" id="done-button" aria-describedby="done-hint">Done</button></form>`
      : '',
    `</section>`,
  ].join('');
}

/** Today's next session: skip it, or have its reminder come later today. */
function nextSection(view: PlanPageView, token: string): string {
  const next = view.next;
  if (!next || view.mode !== 'today') return '';
  const snoozed = next.session.snoozedFrom
    ? ` (snoozed from ${formatTime(localTimeOf(next.session.snoozedFrom, view), view.clock)})`
    : '';
  return [
    `<section class="card next-card stack" aria-labelledby="next-title">`,
    `<h2 id="next-title">Your next session: ${escapeHtml(next.time)}${escapeHtml(snoozed)}</h2>`,
    `<p>Busy then? Skip it today, or have its reminder come later.</p>`,
    `<div class="button-row">`,
    actionForm(token, 'session', 'Skip it today', { fields: { action: 'skip' } }),
    ...next.snoozes.map((s) =>
      actionForm(token, 'session', `Remind me at ${s.until}`, {
        fields: { action: 'snooze', minutes: String(s.minutes) },
      }),
    ),
    `</div>`,
    `</section>`,
  ].join('');
}

/** "HH:MM" of an instant in the plan's zone. */
function localTimeOf(at: Date, view: PlanPageView): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: view.record.plan.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

const SESSION_NAMES = ['First', 'Second', 'Third'] as const;

/** Every quarter hour of the sending hours, in the patient's clock, the current time among them. */
function timeOptions(selected: string, view: PlanPageView): string {
  const times = new Set<string>();
  for (let m = minutesOf(RULE.quietHoursEnd); m <= minutesOf(RULE.quietHoursStart); m += 15)
    times.add(timeOfMinute(m));
  times.add(selected);
  return [...times]
    .sort()
    .map(
      (t) =>
        `<option value="${t}"${t === selected ? ' selected' : ''}>${escapeHtml(formatTime(t, view.clock))}</option>`,
    )
    .join('');
}

/**
 * The zones, in words: the deployment's countries' (the current one chosen, wherever it is). Every
 * other zone is a few hundred more options, too heavy for a page opened from every reminder: a
 * traveller types it in the field below the list instead (shown in words once saved).
 */
function zoneOptions(selected: string, zones: readonly ZoneChoice[]): string {
  const option = (z: { value: string; label: string }) =>
    `<option value="${escapeHtml(z.value)}"${z.value === selected ? ' selected' : ''}>${escapeHtml(z.label)}</option>`;
  const extra = zones.some((z) => z.value === selected)
    ? ''
    : option({ value: selected, label: zoneInWords(selected) });
  return extra + zones.map(option).join('');
}

/**
 * "Your reminders": the times and zone in words, "Add to calendar", changing them (three times and
 * a zone: the same change a TIMES text makes), pause, and the ways out (stop, erase) behind a
 * confirmation step.
 */
function remindersSection(view: PlanPageView, token: string, options: PageOptions): string {
  const { plan, status } = view.record;
  const running = status === 'active' || status === 'paused';
  const base = `${PLAN_PAGE_PREFIX}${token}`;
  const suggested = options.suggest?.length === 3 ? options.suggest : undefined;
  const shown = suggested ?? plan.sessionTimes;
  const change = running
    ? [
        `<details id="change-times"${suggested || options.note === 'times-refused' ? ' open' : ''}>`,
        `<summary>Change times or time zone</summary>`,
        `<form method="post" action="${escapeHtml(`${base}/times`)}" class="inplace stack" id="times-form">`,
        suggested
          ? `<p class="notice">${escapeHtml(`These times have room: ${formatTimes(suggested, view.clock)}. Save to take them.`)}</p>`
          : '',
        `<div class="times">`,
        ...shown.map(
          (t, i) =>
            `<div class="field"><label for="time-${i}">${SESSION_NAMES[i]}</label>` +
            `<select id="time-${i}" name="sessionTimes">${timeOptions(t, view)}</select></div>`,
        ),
        `</div>`,
        `<p class="hint" id="times-hint">${escapeHtml(
          `Between ${formatTime(RULE.quietHoursEnd, view.clock)} and ${formatTime(RULE.quietHoursStart, view.clock)}, at least 3 hours apart.`,
        )}</p>`,
        `<div class="field"><label for="zone">Time zone</label>`,
        `<select id="zone" name="timeZone">${zoneOptions(plan.timeZone, options.zones)}</select></div>`,
        `<div class="field"><label for="zone-other">Somewhere else? Type its time zone</label>`,
        `<p class="hint" id="zone-other-hint">A region and a city, like Europe/Paris. Leave it empty to use the list.</p>`,
        `<input id="zone-other" name="otherTimeZone" type="text" autocomplete="off" spellcheck="false"` +
          ` aria-describedby="zone-other-hint" /></div>`,
        `<p id="times-error" class="field-error" role="alert"></p>`,
        `<button type="submit" class="primary">Save times</button>`,
        `</form>`,
        `<p class="hint">Or text ${escapeHtml(`TIMES and three times, like TIMES ${formatTimes(plan.sessionTimes, view.clock, 'short').split(', ').join(' ')}`)}.</p>`,
        `</details>`,
      ].join('')
    : '';
  const pause =
    status === 'active'
      ? actionForm(token, 'pause', 'Pause my reminders')
      : status === 'paused' && resumeRefusal(view.record, view.now) === undefined
        ? actionForm(token, 'resume', 'Resume my reminders')
        : '';
  return [
    `<section class="card reminders-card stack" aria-labelledby="reminders-title">`,
    `<h2 id="reminders-title">Your reminders</h2>`,
    `<p>${escapeHtml(
      running
        ? `${status === 'paused' ? 'Paused. When on, they come' : 'They come'} at ${formatTimes(plan.sessionTimes, view.clock)}, ${zoneInWords(plan.timeZone)}.`
        : 'Your reminders have ended.',
    )}</p>`,
    running
      ? `<p><a class="button-link secondary" id="add-to-calendar" href="${escapeHtml(`${base}/calendar.ics`)}" download>Add to calendar</a></p>`
      : '',
    change,
    pause ? `<div class="button-row">${pause}</div>` : '',
    `<p class="ways-out">`,
    running ? `<a href="${escapeHtml(`${base}?confirm=stop#confirm-title`)}">Stop my reminders</a> · ` : '',
    `<a href="${escapeHtml(`${base}?confirm=erase#confirm-title`)}">Erase my data</a></p>`,
    `</section>`,
  ].join('');
}

/** The step before stopping or erasing: what it does, in plain words, and two clear buttons. */
function confirmSection(view: PlanPageView, token: string, confirm: PageOptions['confirm']): string {
  if (!confirm) return '';
  const base = `${PLAN_PAGE_PREFIX}${token}`;
  const running = view.record.status === 'active' || view.record.status === 'paused';
  if (confirm === 'stop' && !running) return '';
  const [title, words, button] =
    confirm === 'stop'
      ? [
          'Stop your reminders?',
          'You will get no more reminders or texts about this plan. You can still open this page. To start again later, take the check-in.',
          'Yes, stop my reminders',
        ]
      : [
          'Erase all your data?',
          'Your plan, answers, phone number and progress will be erased, your reminders will stop, and this page will no longer open. This cannot be undone.',
          'Yes, erase everything',
        ];
  return [
    `<section class="card confirm-card stack" aria-labelledby="confirm-title">`,
    `<h2 id="confirm-title" tabindex="-1">${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(words)}</p>`,
    `<div class="button-row">`,
    `<form method="post" action="${escapeHtml(`${base}/${confirm}`)}"><button type="submit" class="danger" id="confirm-${confirm}">${escapeHtml(button)}</button></form>`,
    `<a class="button-link secondary" href="${escapeHtml(base)}">No, go back</a>`,
    `</div>`,
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

/** What the page shows besides the plan: the note after a change, a confirmation step, times offered. */
export interface PageOptions {
  /** The zones to pick from (zone-choices.ts `homeZoneChoices`, once per container). */
  zones: readonly ZoneChoice[];
  note?: PageNote | undefined;
  confirm?: 'stop' | 'erase' | undefined;
  /** Free times offered after full ones (no script): shown in the change form. */
  suggest?: string[] | undefined;
}

export function renderPlanPage(
  view: PlanPageView,
  token: string,
  appName: string,
  options: PageOptions,
  template = WEB_ASSETS['plan.html']!.body,
): WebAsset {
  const { plan, status } = view.record;
  const { today, mode } = view;
  // Done while the plan runs (a paused plan's session can still be done and logged).
  const canMark = mode === 'today' && (status === 'active' || status === 'paused');
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
      sessionTimes: formatTimes(plan.sessionTimes, view.clock),
      timeZone: zoneInWords(plan.timeZone),
    },
    {
      where:
        mode === 'summary'
          ? ''
          : `<p class="progress"><span>Day ${Math.min(Math.max(today.day, 1), today.lengthDays)} of ${today.lengthDays}</span>` +
            (mode === 'today' && view.current
              ? `<span>Session ${view.current.number} of ${view.current.of}</span>`
              : '') +
            `</p>`,
      note:
        options.note && PAGE_NOTES[options.note]
          ? `<p class="page-note" id="page-note" role="status" tabindex="-1">${escapeHtml(PAGE_NOTES[options.note])}</p>`
          : '',
      confirm: confirmSection(view, token, options.confirm),
      notice: notice(view, token),
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
        (mode === 'today'
          ? doneSection(view, token, canMark) +
            nextSection(view, token) +
            checkInSection(view, token) +
            progressSection(view)
          : '') + remindersSection(view, token, options),
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
