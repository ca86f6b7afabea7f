import type httpSecurityHeaders from '@middy/http-security-headers';
import { createHash } from 'node:crypto';
import { CATALOG } from '../../shared/domain/plan/catalog.ts';
import { SOURCE_CAVEATS } from '../../shared/domain/plan/plan.ts';
import { HOLD_LADDER } from '../../shared/domain/plan/progression.ts';
import { RED_FLAGS, RULE } from '../../shared/domain/plan/rules.ts';
import type { ZoneChoice } from '../../shared/domain/scheduling/zone-choices.ts';
import { timeOfMinute } from '../../shared/domain/scheduling/session-slots.ts';
import { minutesOf } from '../../shared/domain/time.ts';
import { pictureImg } from '../../shared/web/pictures.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

/**
 * The form's page: web/index.html with the catalog, the red-flag questions and the consent text
 * filled in on the server, from the same domain objects the API checks and stores, so the page
 * shows exactly the consent text that gets stored, and works without a second request.
 */
export interface FormPageOptions {
  appName: string;
  consent: { version: string; text: string };
  defaultSessionTimes: readonly [string, string, string];
  /** Empty or absent: the page offers text messages only. */
  vapidPublicKey?: string;
  /** The zones to pick from, in words (the deployment's countries'; the browser's own is added by the script). */
  zones?: ZoneChoice[];
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function painClass(score: number): string {
  if (score <= RULE.maxQualifyingPain) return 'low';
  return score >= RULE.seekCarePain ? 'high' : 'mid';
}

/**
 * A 0–10 scale of radios named `name` (ids `<name>-<value>`), each label a large button; with
 * `skip`, "Did not try" first and chosen; with `bands`, each score marked with its band (painClass).
 */
function painScale(name: string, options: { skip?: boolean; bands?: boolean } = {}): string {
  const option = (value: string, label: string, cls: string, checked = false) => {
    const inputId = `${name}-${value === '' ? 'none' : value}`;
    return (
      `<div class="option${cls ? ` ${cls}` : ''}"><input type="radio" id="${inputId}" name="${name}" value="${value}"` +
      `${checked ? ' checked' : ''} /><label for="${inputId}">${label}</label></div>`
    );
  };
  const scores = Array.from({ length: 11 }, (_, score) => {
    const extra = score === 0 ? ' (no pain)' : score === 10 ? ' (the worst)' : '';
    const label = extra ? `${score}<span class="visually-hidden">${extra}</span>` : String(score);
    return option(String(score), label, options.bands ? painClass(score) : '');
  });
  return [
    `<div class="scale">`,
    ...(options.skip ? [option('', 'Did not try', 'skip', true)] : []),
    ...scores,
    `</div>`,
    `<p class="scale-legend" aria-hidden="true"><span>0 no pain</span><span>10 the worst</span></p>`,
  ].join('');
}

/**
 * The kettlebell walk's holds, in the ladder's order (easiest first), each with its picture: the
 * patient says which one they tried, and the plan starts on it (radios `kettlebellHold`, ids
 * `hold-<n>`). A re-assessment limits them to one step harder than the last plan's (web/app.js).
 */
function holdChoices(): string {
  const choices = HOLD_LADDER.map((hold, i) => {
    return (
      `<div class="hold"><input type="radio" id="hold-${i}" name="kettlebellHold" value="${escapeHtml(hold)}"` +
      `${i === 0 ? ' checked' : ''} /><label for="hold-${i}">${pictureImg('kettlebell-walk', hold)}` +
      `<span class="hold-name">${i + 1}. ${escapeHtml(hold[0]!.toUpperCase() + hold.slice(1))}</span></label></div>`
    );
  });
  return [
    `<fieldset id="field-kettlebellHold" class="holds" aria-describedby="kettlebellHold-hint err-kettlebellHold">`,
    `<legend>Which hold did you try?</legend>`,
    `<p id="kettlebellHold-hint" class="hint">Easiest first. Start with the first one; your plan keeps the hold you rate here.</p>`,
    `<div class="hold-list">${choices.join('')}</div>`,
    `<p id="err-kettlebellHold" class="field-error" data-error-for="kettlebellHold" data-label="The kettlebell hold"></p>`,
    `</fieldset>`,
  ].join('');
}

function movementFieldset(movement: (typeof CATALOG)[number]): string {
  const id = movement.id;
  const holds = movement.variations ? holdChoices() : '';
  const equipment = movement.equipment
    ? `<p id="equipment-${id}" class="hint">${escapeHtml(movement.equipment)}</p>`
    : '';
  return [
    `<fieldset class="movement" id="field-scores.${id}" data-movement="${id}"`,
    ` aria-describedby="how-${id}${movement.equipment ? ` equipment-${id}` : ''} err-scores.${id}">`,
    `<legend>${escapeHtml(movement.name)}</legend>`,
    // The picture beside the words (illustrated instructions are followed far better than words
    // alone); the kettlebell walk shows one per hold instead.
    holds ? '' : pictureImg(id),
    `<p id="how-${id}" class="how">${escapeHtml(movement.howTo)}</p>`,
    equipment,
    holds,
    painScale(`score-${id}`, { skip: true, bands: true }),
    `<p id="err-scores.${id}" class="field-error" data-error-for="scores.${id}"`,
    ` data-label="${escapeHtml(movement.name)}"></p>`,
    `</fieldset>`,
  ].join('');
}

const SESSION_NAMES = ['First', 'Second', 'Third'] as const;

/**
 * The three session times, each a list of the sending hours' quarter hours (so no time at night can
 * be picked), with its label and its own error slot (`sessionTimes.<i>`). The labels are "HH:MM"
 * here; the script writes them in the browser's clock ("1:00 PM" where it is 12-hour).
 */
function sessionTimeFields(times: readonly [string, string, string]): string {
  return times
    .map((time, i) => {
      const id = `sessionTimes-${i}`;
      const options = new Set<string>([time]);
      for (let m = minutesOf(RULE.quietHoursEnd); m <= minutesOf(RULE.quietHoursStart); m += 15)
        options.add(timeOfMinute(m));
      return (
        `<div class="field"><label for="${id}">${SESSION_NAMES[i]}</label>` +
        `<select id="${id}" name="sessionTimes" data-default="${escapeHtml(time)}" aria-describedby="err-${id}">` +
        [...options]
          .sort()
          .map((t) => `<option value="${t}"${t === time ? ' selected' : ''}>${t}</option>`)
          .join('') +
        `</select>` +
        `<p id="err-${id}" class="field-error" data-error-for="sessionTimes.${i}"` +
        ` data-label="${SESSION_NAMES[i]} session time"></p></div>`
      );
    })
    .join('');
}

/** The zones in words (the script picks the browser's, adding it when it is not among them). */
function zoneField(zones: readonly ZoneChoice[]): string {
  return zones.map((z) => `<option value="${escapeHtml(z.value)}">${escapeHtml(z.label)}</option>`).join('');
}

function redFlagChoices(): string {
  return RED_FLAGS.map(
    (flag) =>
      `<div class="choice"><input type="checkbox" id="redFlag-${flag.id}" name="redFlags" value="${flag.id}" />` +
      `<label for="redFlag-${flag.id}">${escapeHtml(flag.label)}</label></div>`,
  ).join('');
}

/** The source's caveats as paragraphs (the form's result and the plan page). */
export function caveatsHtml(): string {
  return SOURCE_CAVEATS.map((c) => `<p>${escapeHtml(c)}</p>`).join('');
}

/** Fills `{{name}}` (escaped text) and `<!--@name-->` (markup built here); an unknown or missing name throws. */
export function fillTemplate(template: string, text: Record<string, string>, blocks: Record<string, string>) {
  const filled = template
    .replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
      if (!(key in text)) throw new Error(`page template: no value for {{${key}}}`);
      return escapeHtml(text[key]!);
    })
    .replace(/<!--@(\w+)-->/g, (_, key: string) => {
      if (!(key in blocks)) throw new Error(`page template: no block for <!--@${key}-->`);
      return blocks[key]!;
    });
  return filled;
}

export function renderFormPage(
  options: FormPageOptions,
  template = WEB_ASSETS['index.html']!.body,
): WebAsset {
  const body = fillTemplate(
    template,
    {
      appName: options.appName,
      vapidPublicKey: options.vapidPublicKey ?? '',
      consentVersion: options.consent.version,
      consentText: options.consent.text,
      earliest: RULE.quietHoursEnd,
      latest: RULE.quietHoursStart,
    },
    {
      redFlags: redFlagChoices(),
      // Pain at rest: no "did not try" (it is a question, not a movement), no pain bands.
      restPain: painScale('restPain'),
      movements: CATALOG.map(movementFieldset).join('\n'),
      sessionTimes: sessionTimeFields(options.defaultSessionTimes),
      timeZones: zoneField(options.zones ?? []),
      // The source's own caveats, on the result with the plan (and on the plan page).
      caveats: caveatsHtml(),
    },
  );
  return rendered('text/html; charset=utf-8', body);
}

/** A page or file rendered here, with a strong ETag (a hash of it) as scripts/build-web-assets.mjs gives the others. */
export function rendered(contentType: string, body: string): WebAsset {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { contentType, etag, body };
}

/**
 * The page's Content-Security-Policy: only this origin's own files, no inline script or style, no
 * plugins, no framing, and Trusted Types so the one script URL the page creates (the service
 * worker) goes through a named policy. Keys middy sets by default that do not fit are switched off:
 * there is no report endpoint, `sandbox` would stop the script, `navigate-to` was dropped by
 * browsers, and the deployed API is HTTPS only (upgrade-insecure-requests would break local HTTP).
 */
const CONTENT_SECURITY_POLICY = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  // The plan page's buttons are plain forms that post to this origin (they work without script).
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'require-trusted-types-for': "'script'",
  'trusted-types': 'rehab-sw',
  'report-to': undefined,
  sandbox: undefined,
  'navigate-to': undefined,
  'upgrade-insecure-requests': undefined,
} as unknown as Record<string, string>;

/** Every answer's security headers (middy's http-security-headers), the CSP above among them. */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  // Deprecated or empty without report endpoints; the CSP above does their job.
  xssProtection: false,
  reportTo: false,
  reportingEndpoints: false,
  // middy's list names features Chromium no longer knows (console noise); the page sets a short one.
  permissionsPolicy: false,
} as Parameters<typeof httpSecurityHeaders>[0];

/** The page's own short Permissions-Policy. */
export const PAGE_PERMISSIONS =
  'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()';
