/**
 * The progress chart (pure, server-rendered): one inline SVG a person reads at a glance on a phone —
 * the back's pain each day as a line of points over the plan's days (0 at the bottom, 10 at the
 * top), and under it a strip of the sessions done each day (one block a session, filled when done)
 * — with the same figures as an HTML table, its text alternative.
 *
 * Why server SVG and no chart library: it is measured (docs/PATIENTS.md, "Progress on the plan page"): the
 * chart of a full 14-day plan is a few KB inside the page, which needs no script to show it, while a
 * small library alone weighs more than the whole page, draws only after its script runs (the page
 * reads without JavaScript) and needs its own text alternative anyway. Like the movement pictures
 * (pictures.ts), colours are presentation attributes, so the pages' strict CSP allows them.
 *
 * Accessible: role="img" with a <title> and a <desc> that says the gist in words; every figure is
 * in the table; the chart never relies on colour alone (done sessions are filled blocks, missing
 * ones outlined; the pain line has its numbers written beside its points).
 */
import type { Progress } from './progress.ts';
import { PAGE_EN, type PageTexts } from './page-texts.ts';

/** Colours with at least 3:1 against white for what carries meaning (WCAG 1.4.11). */
export const CHART_COLOURS = {
  pain: '#9a3412',
  done: '#0b5d4b',
  missed: '#4a5560',
  ahead: '#e4e9e7',
  grid: '#b9c2bf',
  text: '#4a5560',
  today: '#e3f2ec',
} as const;

const W = 300;
const H = 208;
const LEFT = 30;
const RIGHT = 8;
const PAIN_TITLE_Y = 13;
/** y of pain 10 and of pain 0. */
const PAIN_TOP = 34;
const PAIN_BOTTOM = 124;
const STRIP_TITLE_Y = 146;
const STRIP_TOP = 154;
const STRIP_BOTTOM = 184;
const AXIS_Y = 202;
const BLOCK_GAP = 3;
/** Plans up to three weeks get a number beside every point; longer ones only the first and latest. */
const LABEL_EVERY_POINT_UP_TO_DAYS = 21;

export const CHART_IDS = { title: 'progress-chart-title', desc: 'progress-chart-desc' } as const;

const n1 = (x: number) => String(Math.round(x * 10) / 10);
const painY = (pain: number) => PAIN_BOTTOM - (pain * (PAIN_BOTTOM - PAIN_TOP)) / 10;

function text(x: number, y: number, body: string, attrs = ''): string {
  return `<text x="${n1(x)}" y="${n1(y)}" font-size="14" fill="${CHART_COLOURS.text}"${attrs}>${body}</text>`;
}

/** The chart's gist in words: its <desc>, and what a screen reader says for it. */
export function chartSummary(progress: Progress, t: PageTexts = PAGE_EN): string {
  const { first, latest } = progress;
  return t.chartSummary({
    ...(first ? { first } : {}),
    ...(latest ? { latest } : {}),
    one: progress.painDays === 1,
    done: progress.sessionsDone,
    soFar: progress.sessionsSoFar,
    planned: progress.sessionsPlanned,
  });
}

export function progressChartSvg(progress: Progress, t: PageTexts = PAGE_EN): string {
  const { days, sessionsPerDay } = progress;
  const n = Math.max(days.length, 1);
  const column = (W - LEFT - RIGHT) / n;
  const cx = (day: number) => LEFT + column * (day - 0.5);
  const parts: string[] = [];

  // Today's column, faintly behind everything.
  if (progress.today) {
    parts.push(
      `<rect x="${n1(LEFT + column * (progress.today.day - 1))}" y="${PAIN_TOP - 8}" width="${n1(column)}"` +
        ` height="${STRIP_BOTTOM - PAIN_TOP + 10}" fill="${CHART_COLOURS.today}"/>`,
    );
  }

  // The pain panel: its title, gridlines at 0, 5 and 10 with their numbers.
  parts.push(text(LEFT, PAIN_TITLE_Y, escapeText(t.chartPainAxis), ' font-weight="600"'));
  for (const level of [10, 5, 0]) {
    const y = painY(level);
    parts.push(
      `<path d="M${LEFT} ${n1(y)} H${W - RIGHT}" stroke="${CHART_COLOURS.grid}" stroke-width="1"` +
        `${level === 5 ? ' stroke-dasharray="4 4"' : ''}/>`,
      text(LEFT - 6, y + 4.5, String(level), ' text-anchor="end"'),
    );
  }

  const scored = days.filter((d): d is typeof d & { pain: number } => d.pain !== undefined);
  if (scored.length === 0) {
    parts.push(
      text((LEFT + W - RIGHT) / 2, painY(5) - 6, escapeText(t.chartNoPain), ' text-anchor="middle"'),
    );
  } else {
    if (scored.length > 1) {
      const points = scored.map((d) => `${n1(cx(d.day))},${n1(painY(d.pain))}`).join(' ');
      parts.push(
        `<polyline points="${points}" fill="none" stroke="${CHART_COLOURS.pain}" stroke-width="3"` +
          ` stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    }
    const r = Math.min(5.5, Math.max(2.5, column * 0.3));
    const labelAll = days.length <= LABEL_EVERY_POINT_UP_TO_DAYS;
    scored.forEach((d, i) => {
      const x = cx(d.day);
      const y = painY(d.pain);
      parts.push(
        `<circle cx="${n1(x)}" cy="${n1(y)}" r="${n1(r)}" fill="${CHART_COLOURS.pain}"` +
          ` stroke="#ffffff" stroke-width="1.5"/>`,
      );
      if (labelAll || i === 0 || i === scored.length - 1) {
        parts.push(
          // A white halo keeps the number legible where the line runs behind it.
          `<text x="${n1(x)}" y="${n1(y - r - 4)}" font-size="14" font-weight="700"` +
            ` fill="${CHART_COLOURS.pain}" stroke="#ffffff" stroke-width="3" paint-order="stroke"` +
            ` text-anchor="middle">${d.pain}</text>`,
        );
      }
    });
  }

  // The sessions strip: one block a session, stacked up from the strip's floor.
  parts.push(text(LEFT, STRIP_TITLE_Y, escapeText(t.chartSessions(sessionsPerDay)), ' font-weight="600"'));
  const blockH = (STRIP_BOTTOM - STRIP_TOP - BLOCK_GAP * (sessionsPerDay - 1)) / sessionsPerDay;
  const blockW = Math.min(column * 0.72, 18);
  for (const d of days) {
    const x = cx(d.day) - blockW / 2;
    for (let s = 0; s < sessionsPerDay; s++) {
      const y = STRIP_BOTTOM - (s + 1) * blockH - s * BLOCK_GAP;
      const geometry = `x="${n1(x)}" y="${n1(y)}" width="${n1(blockW)}" height="${n1(blockH)}" rx="1.5"`;
      // Done: filled; due and not done: outlined; never due (before sign-up, paused, skipped) or ahead: grey.
      parts.push(
        d.ahead || s >= Math.max(d.counted, d.sessions)
          ? `<rect ${geometry} fill="${CHART_COLOURS.ahead}"/>`
          : s < d.sessions
            ? `<rect ${geometry} fill="${CHART_COLOURS.done}"/>`
            : `<rect ${geometry} fill="#ffffff" stroke="${CHART_COLOURS.missed}" stroke-width="1"/>`,
      );
    }
  }

  // The days: first and last, and today where it has room.
  const last = days.at(-1);
  parts.push(text(LEFT, AXIS_Y, escapeText(t.chartDay(1))));
  if (last && last.day > 1)
    parts.push(text(W - RIGHT, AXIS_Y, escapeText(t.chartDay(last.day)), ' text-anchor="end"'));
  const today = progress.today;
  if (today && cx(today.day) - LEFT > 56 && W - RIGHT - cx(today.day) > 56) {
    parts.push(
      text(cx(today.day), AXIS_Y, escapeText(t.chartToday), ' text-anchor="middle" font-weight="700"'),
    );
  }

  return (
    `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img"` +
    ` aria-labelledby="${CHART_IDS.title} ${CHART_IDS.desc}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${CHART_IDS.title}">${escapeText(t.chartTitle)}</title>` +
    `<desc id="${CHART_IDS.desc}">${escapeText(chartSummary(progress, t))}</desc>` +
    parts.join('') +
    `</svg>`
  );
}

const DATE_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** "Mon, Mar 9" ("lun, 9 mar") for a plan's local date. */
export function dayLabel(localDate: string, t: PageTexts = PAGE_EN): string {
  let format = DATE_FORMATS.get(t.dateLocale);
  if (!format) {
    format = new Intl.DateTimeFormat(t.dateLocale, {
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    });
    DATE_FORMATS.set(t.dateLocale, format);
  }
  return format.format(new Date(`${localDate}T12:00:00Z`));
}

/** The chart's figures as a table (the days begun so far, day 1 first): its text alternative. */
export function progressTable(progress: Progress, t: PageTexts = PAGE_EN): string {
  const rows = progress.days
    .filter((d) => !d.ahead)
    .map((d) => {
      const isToday = progress.today?.day === d.day;
      return (
        `<tr${isToday ? ' class="today"' : ''}><th scope="row">${escapeText(t.tableDayRow(d.day, isToday))}` +
        ` <span class="date">${escapeText(dayLabel(d.localDate, t))}</span></th>` +
        `<td>${escapeText(t.tableSessionsOf(d.sessions, d.counted))}</td>` +
        `<td>${d.pain !== undefined ? `${d.pain}` : `<span class="none">${escapeText(t.tableNoScore)}</span>`}</td></tr>`
      );
    });
  return (
    `<table class="day-table"><caption>${escapeText(t.tableCaption)}</caption>` +
    `<thead><tr><th scope="col">${escapeText(t.tableDay)}</th><th scope="col">${escapeText(t.tableSessions)}</th>` +
    `<th scope="col">${escapeText(t.tablePain)}</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** The catalog's words as SVG/HTML text. */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
