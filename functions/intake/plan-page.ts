/**
 * The patient's plan page (GET /p/{token}): web/plan.html filled in on the server, so it reads
 * completely without JavaScript (only the Done button and the pain check-in need web/plan.js).
 * Same CSP as the form: the pictures are <img> of their own SVG files (same origin, cached a year),
 * the progress chart inline SVG with presentation
 * attributes, no inline script or style. Three modes (plan-page.ts `pageMode`): today's session with
 * Done, the pain check-in and the progress; the plan ahead before it starts; the completion summary
 * once it is over (the link of the last day's text opens it).
 */
import { INFO_EN, type InfoTexts } from '../../shared/domain/plan/info-texts.ts';
import { parseReason, resumeRefusal } from '../../shared/domain/plan/lifecycle.ts';
import { formatTime, formatTimes, zoneInWords } from '../../shared/domain/scheduling/local-time.ts';
import type { ZoneChoice } from '../../shared/domain/scheduling/zone-choices.ts';
import { minutesOf } from '../../shared/domain/time.ts';
import { timeOfMinute } from '../../shared/domain/scheduling/session-slots.ts';
import {
  howToOf,
  movementNameOf,
  pausedNotice,
  PLAN_PAGE_PREFIX,
  type PageNote,
} from '../../shared/domain/plan/page.ts';
import { pageTextsFor, PAGE_TEXTS } from '../../shared/domain/plan/page-catalog.ts';
import type { PageTexts, WeakFlagId } from '../../shared/domain/plan/page-texts.ts';
import { listInWords, type Language } from '../../shared/domain/language.ts';
import { HOLDS_ES } from '../../shared/domain/plan/catalog-es.ts';
import { CHART_COLOURS, progressChartSvg, progressTable } from '../../shared/domain/plan/progress-chart.ts';
import { nextStep, painInWords, todayInWords, type NextStep } from '../../shared/domain/plan/progress.ts';
import { RULE } from '../../shared/domain/plan/rules.ts';
import { escapeHtml, fillTemplate, rendered } from './page.ts';
import type { PlanPageView } from './service.ts';
import { pictureImg } from '../../shared/web/pictures.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

function movementItem(m: PlanPageView['record']['plan']['movements'][number], t: PageTexts): string {
  const name = movementNameOf(m, t.lang);
  const hold = m.variation ? (HOLD_NAMES[t.lang][m.variation] ?? m.variation) : undefined;
  return [
    `<li class="session-movement">`,
    `<h3>${escapeHtml(hold ? `${name} (${hold})` : name)}</h3>`,
    `<p class="dose">${escapeHtml(t.dose(m))}</p>`,
    pictureImg(m.id, m.variation, t.lang),
    `<p class="how">${escapeHtml(howToOf(m, t.lang))}</p>`,
    `</li>`,
  ].join('');
}

/** Why the Done button is not offered on a day of the plan, if it is not: a pause, or the start ahead. */
function notice(view: PlanPageView, token: string, t: PageTexts): string {
  const { record, mode } = view;
  if (mode === 'before') return `<p class="notice">${escapeHtml(t.beforeStart)}</p>`;
  if (mode !== 'today' || record.status !== 'paused') return '';
  const { text, tone } = pausedNotice(record.statusReason, t);
  if (tone !== 'notice')
    return `<p class="advice${tone === 'urgent' ? ' urgent' : ''}" role="alert">${escapeHtml(text)}</p>`;
  // Paused by the patient: resume here (the clinic's pause is the clinic's to end).
  const resumable = resumeRefusal(record, view.now) === undefined;
  return (
    `<div class="notice stack"><p>${escapeHtml(resumable ? t.paused : text)}</p>` +
    (resumable ? actionForm(token, 'resume', t.resume, { primary: true }) : '') +
    `</div>`
  );
}

/** A one-button form that posts to the page's action (with script: in place; without: a redirect back). */
function actionForm(
  token: string,
  action: string,
  label: string,
  options: {
    primary?: boolean;
    fields?: Record<string, string>;
    id?: string;
    lang?: string;
    /** False: a plain post and a whole new page (the language switch changes the head too). */
    inplace?: boolean;
  } = {},
): string {
  const fields = Object.entries(options.fields ?? {})
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`)
    .join('');
  return (
    `<form method="post" action="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/${action}`)}"${options.inplace === false ? '' : ' class="inplace"'}>` +
    fields +
    `<button type="submit" class="${options.primary ? 'primary' : 'secondary'}"${options.id ? ` id="${options.id}"` : ''}` +
    `${options.lang ? ` lang="${options.lang}"` : ''}>` +
    `${escapeHtml(label)}</button></form>`
  );
}

function doneSection(view: PlanPageView, token: string, canMark: boolean, t: PageTexts): string {
  const current = view.current;
  if (!current) {
    return [
      `<section class="card done-card stack" aria-labelledby="done-title">`,
      `<h2 id="done-title">${escapeHtml(t.noSessionLeft)}</h2>`,
      `<p id="done-status" class="done-status" role="status"></p>`,
      `</section>`,
    ].join('');
  }
  const logged = t.logged(current.number, current.of);
  return [
    `<section class="card done-card stack" aria-labelledby="done-title">`,
    `<h2 id="done-title">${escapeHtml(t.finished(current.number, current.of))}</h2>`,
    `<p id="done-status" class="done-status" role="status">${view.sessionDone ? escapeHtml(logged) : ''}</p>`,
    canMark && !view.sessionDone
      ? `<p id="done-hint">${escapeHtml(t.doneHint)}</p>` +
        `<form method="post" action="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/done`)}" class="inplace">` +
        `<button type="submit" class="primary" id="done-button" aria-describedby="done-hint">${escapeHtml(t.done)}</button></form>`
      : '',
    `</section>`,
  ].join('');
}

/** Today's next session: skip it, or have its reminder come later today. */
function nextSection(view: PlanPageView, token: string, t: PageTexts): string {
  const next = view.next;
  if (!next || view.mode !== 'today') return '';
  const snoozedFrom = next.session.snoozedFrom
    ? formatTime(localTimeOf(next.session.snoozedFrom, view), view.clock)
    : undefined;
  return [
    `<section class="card next-card stack" aria-labelledby="next-title">`,
    `<h2 id="next-title">${escapeHtml(t.nextTitle(next.time, snoozedFrom))}</h2>`,
    `<p>${escapeHtml(t.nextBusy)}</p>`,
    `<div class="button-row">`,
    actionForm(token, 'session', t.skip, { fields: { action: 'skip' } }),
    ...next.snoozes.map((s) =>
      actionForm(token, 'session', t.remindAt(s.until), {
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
function zoneOptions(selected: string, zones: readonly ZoneChoice[], language: Language): string {
  const option = (z: { value: string; label: string }) =>
    `<option value="${escapeHtml(z.value)}"${z.value === selected ? ' selected' : ''}>${escapeHtml(z.label)}</option>`;
  const extra = zones.some((z) => z.value === selected)
    ? ''
    : option({ value: selected, label: zoneInWords(selected, undefined, language) });
  return extra + zones.map(option).join('');
}

/**
 * "Your reminders": the times and zone in words, "Add to calendar", changing them (three times and
 * a zone: the same change a TIMES text makes), pause, and the ways out (stop, erase) behind a
 * confirmation step.
 */
function remindersSection(view: PlanPageView, token: string, options: PageOptions, t: PageTexts): string {
  const { plan, status } = view.record;
  const running = status === 'active' || status === 'paused';
  const base = `${PLAN_PAGE_PREFIX}${token}`;
  const suggested = options.suggest?.length === 3 ? options.suggest : undefined;
  const shown = suggested ?? plan.sessionTimes;
  const change = running
    ? [
        `<details id="change-times"${suggested || options.note === 'times-refused' ? ' open' : ''}>`,
        `<summary>${escapeHtml(t.changeTimes)}</summary>`,
        `<form method="post" action="${escapeHtml(`${base}/times`)}" class="inplace stack" id="times-form">`,
        suggested
          ? `<p class="notice">${escapeHtml(t.timesHaveRoom(formatTimes(suggested, view.clock, 'page', t.lang)))}</p>`
          : '',
        `<div class="times">`,
        ...shown.map(
          (time, i) =>
            `<div class="field"><label for="time-${i}">${escapeHtml(t.sessionNames[i as 0 | 1 | 2])}</label>` +
            `<select id="time-${i}" name="sessionTimes">${timeOptions(time, view)}</select></div>`,
        ),
        `</div>`,
        `<p class="hint" id="times-hint">${escapeHtml(
          t.timesWindow(
            formatTime(RULE.quietHoursEnd, view.clock),
            formatTime(RULE.quietHoursStart, view.clock),
          ),
        )}</p>`,
        `<div class="field"><label for="zone">${escapeHtml(t.timeZone)}</label>`,
        `<select id="zone" name="timeZone">${zoneOptions(plan.timeZone, options.zones, t.lang)}</select></div>`,
        `<div class="field"><label for="zone-other">${escapeHtml(t.zoneOther)}</label>`,
        `<p class="hint" id="zone-other-hint">${escapeHtml(t.zoneOtherHint)}</p>`,
        `<input id="zone-other" name="otherTimeZone" type="text" autocomplete="off" spellcheck="false"` +
          ` aria-describedby="zone-other-hint" /></div>`,
        `<p id="times-error" class="field-error" role="alert"></p>`,
        `<button type="submit" class="primary">${escapeHtml(t.saveTimes)}</button>`,
        `</form>`,
        `<p class="hint">${escapeHtml(t.orText(formatTimes(plan.sessionTimes, view.clock, 'short').split(', ').join(' ')))}</p>`,
        `</details>`,
      ].join('')
    : '';
  const pause =
    status === 'active'
      ? actionForm(token, 'pause', t.pause)
      : status === 'paused' && resumeRefusal(view.record, view.now) === undefined
        ? actionForm(token, 'resume', t.resume)
        : '';
  return [
    `<section class="card reminders-card stack" aria-labelledby="reminders-title">`,
    `<h2 id="reminders-title">${escapeHtml(t.remindersTitle)}</h2>`,
    `<p>${escapeHtml(
      running
        ? (status === 'paused' ? t.remindersPausedAt : t.remindersAt)(
            formatTimes(plan.sessionTimes, view.clock, 'page', t.lang),
            zoneInWords(plan.timeZone, view.now, t.lang),
          )
        : t.remindersEnded,
    )}</p>`,
    running
      ? `<p><a class="button-link secondary" id="add-to-calendar" href="${escapeHtml(`${base}/calendar.ics`)}" download>${escapeHtml(t.addToCalendar)}</a></p>`
      : '',
    change,
    pause ? `<div class="button-row">${pause}</div>` : '',
    `<p class="ways-out">`,
    running
      ? `<a href="${escapeHtml(`${base}?confirm=stop#confirm-title`)}">${escapeHtml(t.stopLink)}</a> · `
      : '',
    `<a href="${escapeHtml(`${base}?confirm=erase#confirm-title`)}">${escapeHtml(t.eraseLink)}</a></p>`,
    `</section>`,
  ].join('');
}

/** The step before stopping or erasing: what it does, in plain words, and two clear buttons. */
function confirmSection(
  view: PlanPageView,
  token: string,
  confirm: PageOptions['confirm'],
  t: PageTexts,
): string {
  if (!confirm) return '';
  const base = `${PLAN_PAGE_PREFIX}${token}`;
  const running = view.record.status === 'active' || view.record.status === 'paused';
  if (confirm === 'stop' && !running) return '';
  const { title, words, button } = confirm === 'stop' ? t.confirmStop : t.confirmErase;
  return [
    `<section class="card confirm-card stack" aria-labelledby="confirm-title">`,
    `<h2 id="confirm-title" tabindex="-1">${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(words)}</p>`,
    `<div class="button-row">`,
    `<form method="post" action="${escapeHtml(`${base}/${confirm}`)}"><button type="submit" class="danger" id="confirm-${confirm}">${escapeHtml(button)}</button></form>`,
    `<a class="button-link secondary" href="${escapeHtml(base)}">${escapeHtml(t.goBack)}</a>`,
    `</div>`,
    `</section>`,
  ].join('');
}

/**
 * "How is your back today?": 0–10 as large buttons (web/plan.js posts the tap, as it does Done; the
 * buttons show only when it runs, and without it the page says how to text a score instead).
 */
function checkInSection(view: PlanPageView, token: string, t: PageTexts): string {
  const todayPain = view.progress.today?.pain;
  const SCALE_WORDS: Record<number, string> = { 0: t.scaleNoPain, 10: t.scaleWorst };
  const buttons = Array.from(
    { length: 11 },
    (_, score) =>
      `<button type="button" class="pain-button${score >= RULE.seekCarePain ? ' high' : ''}" value="${score}"` +
      ` aria-pressed="false">${score}${SCALE_WORDS[score] ? `<span class="visually-hidden">${escapeHtml(SCALE_WORDS[score])}</span>` : ''}</button>`,
  ).join('');
  return [
    `<section class="card checkin-card" aria-labelledby="checkin-title">`,
    `<h2 id="checkin-title">${escapeHtml(t.checkInTitle)}</h2>`,
    `<p id="checkin-hint">${escapeHtml(t.checkInHint)}</p>`,
    `<div id="pain-scale" class="pain-scale-wrap" hidden`,
    ` data-pain-url="${escapeHtml(`${PLAN_PAGE_PREFIX}${token}/pain`)}">`,
    `<div class="pain-scale" role="group" aria-labelledby="checkin-title" aria-describedby="checkin-hint">`,
    buttons,
    `</div>`,
    `<p class="scale-legend" aria-hidden="true"><span>${escapeHtml(t.legendNoPain)}</span><span>${escapeHtml(t.legendWorst)}</span></p>`,
    `</div>`,
    `<p id="checkin-status" class="checkin-status" role="status">`,
    todayPain !== undefined ? escapeHtml(t.todaySoFar(todayPain)) : '',
    `</p>`,
    `<p id="pain-advice" class="advice" role="alert" hidden></p>`,
    `<noscript><p>${escapeHtml(t.checkInNoScript)}</p></noscript>`,
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
function progressSection(view: PlanPageView, t: PageTexts): string {
  const { progress, mode } = view;
  const lines: string[] = [];
  if (mode === 'today' && progress.today) {
    lines.push(
      `<p class="today-sessions">${todayDots(progress.today.sessions, progress.sessionsPerDay)}` +
        `<span>${escapeHtml(todayInWords(progress, t)!)}</span></p>`,
    );
  }
  if (progress.empty) {
    lines.push(
      `<p class="empty-progress">${escapeHtml(mode === 'summary' ? t.nothingLogged : t.noSessionsYet)}</p>`,
    );
  } else {
    // The summary says these above the chart already.
    if (mode !== 'summary') {
      lines.push(
        `<p class="pain-words">${escapeHtml(painInWords(progress, t) ?? t.noPainYet)}</p>`,
        `<p>${escapeHtml(t.sessionsSoFar(progress.sessionsDone, progress.sessionsSoFar))}</p>`,
      );
    }
    lines.push(
      `<figure class="chart-figure">${progressChartSvg(progress, t)}`,
      `<figcaption class="hint">${escapeHtml(t.chartCaption)}</figcaption></figure>`,
      progress.painDays === 1 && mode === 'today' ? `<p class="hint">${escapeHtml(t.painLineHint)}</p>` : '',
      `<details class="table-details"><summary>${escapeHtml(t.seeTable)}</summary>${progressTable(progress, t)}</details>`,
    );
  }
  return [
    `<section class="card progress-card" aria-labelledby="progress-title">`,
    `<h2 id="progress-title">${escapeHtml(mode === 'summary' ? t.progressTitle.summary : t.progressTitle.today)}</h2>`,
    ...lines,
    `</section>`,
  ].join('');
}

/** Whether the summary's next step links to the check-in. */
const NEXT_STEP_LINK: Record<NextStep, boolean> = {
  reassess: true,
  'see-clinician': true,
  'newer-plan': false,
};

/** The form, pre-filled with this plan's scores: the next plan steps on from this one. */
function reassessLink(token: string, t: PageTexts): string {
  return `<p><a class="button-link" id="reassess" href="/?reassess=${encodeURIComponent(token)}">${escapeHtml(t.takeCheckIn)}</a></p>`;
}

/** The completion summary: sessions done of the plan's, pain first against last, the next step. */
function summarySection(view: PlanPageView, token: string, t: PageTexts): string {
  const { progress, record } = view;
  const step = nextStep(record.status, parseReason(record.statusReason), progress.latest);
  const pain = painInWords(progress, t) ?? t.summaryNoPain;
  return [
    `<section class="card summary-card" aria-labelledby="summary-title">`,
    `<h2 id="summary-title">${escapeHtml(t.summaryTitle)}</h2>`,
    `<p class="summary-figure">${t.summarySessionsHtml(progress.sessionsDone, progress.sessionsPlanned)}</p>`,
    `<p class="summary-figure">${escapeHtml(pain)}</p>`,
    `<h3>${escapeHtml(t.nextStepTitle)}</h3>`,
    `<p${step === 'see-clinician' ? ' class="advice"' : ''}>${escapeHtml(t.nextStep[step])}</p>`,
    NEXT_STEP_LINK[step] ? reassessLink(token, t) : '',
    `</section>`,
  ].join('');
}

/**
 * The language switch: one button for each other language the deployment offers, each in its own
 * language (a POST like the page's other actions); none when only one is offered.
 */
function languageSection(token: string, t: PageTexts, offered: readonly Language[]): string {
  const others = offered.filter((l) => l !== t.lang);
  if (others.length === 0) return '';
  return [
    `<section class="card language-card stack" aria-labelledby="language-title">`,
    `<h2 id="language-title">${escapeHtml(t.languageTitle)}</h2>`,
    `<div class="button-row">`,
    ...others.map((l) =>
      actionForm(token, 'language', PAGE_TEXTS[l].switchTo, {
        fields: { language: l },
        id: `language-${l}`,
        lang: l,
        inplace: false,
      }),
    ),
    `</div>`,
    `</section>`,
  ].join('');
}

/** What the page shows besides the plan: the note after a change, a confirmation step, times offered. */
export interface PageOptions {
  /** The zones to pick from (zone-choices.ts `homeZoneChoices`, once per container). */
  zones: readonly ZoneChoice[];
  note?: PageNote | undefined;
  confirm?: 'stop' | 'erase' | undefined;
  /** Free times offered after full ones (no script): shown in the change form. */
  suggest?: string[] | undefined;
  /** The languages the deployment offers (config `languages`): the switch shows with more than one. */
  languages?: readonly Language[] | undefined;
}

/** The kettlebell holds' names on the page, by language. */
const HOLD_NAMES: Record<Language, Record<string, string>> = {
  en: {},
  es: Object.fromEntries(Object.entries(HOLDS_ES).map(([hold, words]) => [hold, words.name])),
};

/** The page in the plan's language (`<html lang>`, every string from the page catalog). */
export function renderPlanPage(
  view: PlanPageView,
  token: string,
  appName: string,
  options: PageOptions,
  template = WEB_ASSETS['plan.html']!.body,
): WebAsset {
  const { plan, status } = view.record;
  const { today, mode } = view;
  const t = pageTextsFor(view.record.language);
  // Done while the plan runs (a paused plan's session can still be done and logged).
  const canMark = mode === 'today' && (status === 'active' || status === 'paused');
  const lastDay = mode === 'today' && today.day === today.lengthDays;
  const check = view.record.assessment.clinicianCheck;
  const body = fillTemplate(
    template,
    {
      lang: t.lang,
      appName,
      title: t.title(appName),
      skipLink: t.skipLink,
      heading:
        mode === 'summary'
          ? status === 'replaced' || status === 'stopped'
            ? t.heading.ended
            : t.heading.finished
          : mode === 'before'
            ? t.heading.ahead
            : t.heading.today,
      sessionHeading: mode === 'today' ? t.sessionHeading.today : t.sessionHeading.all,
      safetyTitle: t.safetyTitle,
      aboutTitle: t.aboutTitle,
      failed: t.failed,
      offline: t.offline,
      otherTimes: t.otherTimesHaveRoom,
      timesRefused: t.notes['times-refused'],
      timesFull: t.notes['times-full'],
      // The API's error messages are English: a page in another language says its own words.
      apiWords: t.lang === 'en' ? 'yes' : 'no',
    },
    {
      where:
        mode === 'summary'
          ? ''
          : `<p class="progress"><span>${escapeHtml(t.dayOf(Math.min(Math.max(today.day, 1), today.lengthDays), today.lengthDays))}</span>` +
            (mode === 'today' && view.current
              ? `<span>${escapeHtml(t.sessionOf(view.current.number, view.current.of))}</span>`
              : '') +
            `</p>`,
      note: options.note
        ? `<p class="page-note" id="page-note" role="status" tabindex="-1">${escapeHtml(t.notes[options.note])}</p>`
        : '',
      confirm: confirmSection(view, token, options.confirm, t),
      notice: notice(view, token, t),
      // Weak flags alone let this plan be made once a clinician checked the pain: the advice stays in view.
      advice: check
        ? `<p class="advice">${escapeHtml(
            t.clinicianChecked(
              check.by === 'clinic' ? 'clinic' : 'patient',
              listInWords(
                t.lang,
                // In the flags' own order (red-flags.ts), as the form says them.
                (Object.keys(t.weakBecause) as WeakFlagId[])
                  .filter((f) => check.flags.includes(f))
                  .map((f) => t.weakBecause[f]),
              ),
            ),
          )}</p>`
        : '',
      sessionIntro: t.sessionIntroHtml(
        today.sessionsPerDay,
        escapeHtml(formatTimes(plan.sessionTimes, view.clock, 'page', t.lang)),
        escapeHtml(zoneInWords(plan.timeZone, view.now, t.lang)),
      ),
      safety: t.safety.map((line) => `<li>${escapeHtml(line)}</li>`).join(''),
      caveats: t.caveats.map((c) => `<p>${escapeHtml(c)}</p>`).join(''),
      top:
        mode === 'summary'
          ? summarySection(view, token, t) + progressSection(view, t)
          : lastDay
            ? `<p class="notice">${escapeHtml(t.lastDay)}</p>` + reassessLink(token, t)
            : '',
      movements: plan.movements.map((m) => movementItem(m, t)).join('\n'),
      lengths: plan.movements.some((m) => m.repUnit === 'lengths')
        ? `<p class="hint">${escapeHtml(t.lengthMeaning)}</p>`
        : '',
      bottom:
        (mode === 'today'
          ? doneSection(view, token, canMark, t) +
            nextSection(view, token, t) +
            checkInSection(view, token, t) +
            progressSection(view, t)
          : '') + remindersSection(view, token, options, t),
      language: languageSection(token, t, options.languages ?? []),
    },
  );
  return rendered('text/html; charset=utf-8', body);
}

/** The one answer for a link that opens nothing (guessed, revoked, expired): the same bytes each time. */
export function renderPageNotFound(appName: string, t: InfoTexts = INFO_EN): string {
  const app = escapeHtml(appName);
  return (
    `<!doctype html><html lang="${t.lang}"><head><meta charset="utf-8" />` +
    `<meta name="viewport" content="width=device-width, initial-scale=1" />` +
    `<meta name="robots" content="noindex, nofollow" />` +
    `<title>${escapeHtml(t.notFound.title(appName))}</title><link rel="stylesheet" href="/style.css" /></head>` +
    `<body><header class="site-header"><p class="app-name">${app}</p>` +
    `<h1>${escapeHtml(t.notFound.heading)}</h1></header><main id="main" class="stack">` +
    `<p>${t.notFound.bodyHtml}</p></main></body></html>`
  );
}
