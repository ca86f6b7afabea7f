import type httpSecurityHeaders from '@middy/http-security-headers';
import { createHash } from 'node:crypto';
import { DEFAULT_LANGUAGE, LANGUAGE_NAMES, type Language } from '../../shared/domain/language.ts';
import { CATALOG, type HoldName, type MovementId } from '../../shared/domain/plan/catalog.ts';
import {
  fillPlaceholders,
  formMessages,
  FORM_TEXTS,
  holdWords,
  movementWords,
  RED_FLAG_TEXTS,
} from '../../shared/domain/plan/form-catalog.ts';
import type { FormTexts } from '../../shared/domain/plan/form-texts.ts';
import { SOURCE_CAVEATS } from '../../shared/domain/plan/plan.ts';
import { HOLD_LADDER } from '../../shared/domain/plan/progression.ts';
import { CONSENTS, RULE } from '../../shared/domain/plan/rules.ts';
import { RED_FLAGS } from '../../shared/domain/plan/red-flags.ts';
import type { ZoneChoice } from '../../shared/domain/scheduling/zone-choices.ts';
import { timeOfMinute } from '../../shared/domain/scheduling/session-slots.ts';
import { minutesOf } from '../../shared/domain/time.ts';
import { pictureFile, pictureImg, pictureAlt } from '../../shared/web/pictures.ts';
import { WEB_ASSETS, type WebAsset } from './web-assets.generated.ts';

/**
 * The form's page: web/index.html with the catalog, the red-flag questions and the consent text
 * filled in on the server, from the same domain objects the API checks and stores (rules.ts
 * CONSENTS: one text and version a language), so the page shows exactly the consent text that gets
 * stored, and works without a second request.
 */
export interface FormPageOptions {
  appName: string;
  defaultSessionTimes: readonly [string, string, string];
  /** Empty or absent: the page offers text messages only. */
  vapidPublicKey?: string;
  /** The zones to pick from, in words (the deployment's countries'; the browser's own is added by the script). */
  zones?: ZoneChoice[];
  /** The languages the deployment offers (first: the page's own); more than one shows the picker. */
  languages?: readonly Language[];
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
function painScale(t: FormTexts, name: string, options: { skip?: boolean; bands?: boolean } = {}): string {
  const option = (value: string, label: string, cls: string, checked = false) => {
    const inputId = `${name}-${value === '' ? 'none' : value}`;
    return (
      `<div class="option${cls ? ` ${cls}` : ''}"><input type="radio" id="${inputId}" name="${name}" value="${value}"` +
      `${checked ? ' checked' : ''} /><label for="${inputId}">${label}</label></div>`
    );
  };
  const scores = Array.from({ length: 11 }, (_, score) => {
    const key = score === 0 ? 'noPain' : score === 10 ? 'worstPain' : undefined;
    const label = key
      ? `${score}<span class="visually-hidden"> <span data-t="${key}">${escapeHtml(t[key])}</span></span>`
      : String(score);
    return option(String(score), label, options.bands ? painClass(score) : '');
  });
  return [
    `<div class="scale">`,
    ...(options.skip
      ? [option('', `<span data-t="didNotTry">${escapeHtml(t.didNotTry)}</span>`, 'skip', true)]
      : []),
    ...scores,
    `</div>`,
    `<p class="scale-legend" aria-hidden="true"><span data-t="legendNoPain">${escapeHtml(t.legendNoPain)}</span>` +
      `<span data-t="legendWorst">${escapeHtml(t.legendWorst)}</span></p>`,
  ].join('');
}

/**
 * The kettlebell walk's holds, in the ladder's order (easiest first), each with its picture: the
 * patient says which one they tried, and the plan starts on it (radios `kettlebellHold`, ids
 * `hold-<n>`). A re-assessment limits them to one step harder than the last plan's (web/app.js).
 */
function holdChoices(language: Language, t: FormTexts): string {
  const choices = HOLD_LADDER.map((hold, i) => {
    const img = withAltKey(pictureImg('kettlebell-walk', hold, language), `alt.kettlebell-walk.${hold}`);
    return (
      `<div class="hold"><input type="radio" id="hold-${i}" name="kettlebellHold" value="${escapeHtml(hold)}"` +
      `${i === 0 ? ' checked' : ''} /><label for="hold-${i}">${img}` +
      `<span class="hold-name" data-t="hold.${i}">${escapeHtml(holdLabel(language, i))}</span></label></div>`
    );
  });
  return [
    `<fieldset id="field-kettlebellHold" class="holds" aria-describedby="kettlebellHold-hint err-kettlebellHold">`,
    `<legend data-t="holdLegend">${escapeHtml(t.holdLegend)}</legend>`,
    `<p id="kettlebellHold-hint" class="hint" data-t="holdHint">${escapeHtml(t.holdHint)}</p>`,
    `<div class="hold-list">${choices.join('')}</div>`,
    `<p id="err-kettlebellHold" class="field-error" data-error-for="kettlebellHold"`,
    ` data-label="${escapeHtml(t.holdLabel)}" data-t-label="holdLabel"></p>`,
    `</fieldset>`,
  ].join('');
}

/** "1. By the side": a hold's choice label, numbered from the easiest. */
function holdLabel(language: Language, i: number): string {
  const hold = HOLD_LADDER[i]! as HoldName;
  return fillPlaceholders(FORM_TEXTS[language].holdName, {
    number: String(i + 1),
    hold: holdWords(language, hold),
  });
}

/** A picture's `<img>` marked with the key of its alt text, so the script can change its language. */
function withAltKey(img: string, key: string): string {
  return img ? img.replace(/ \/>$/, ` data-t-alt="${escapeHtml(key)}" />`) : img;
}

function movementFieldset(language: Language, t: FormTexts, movement: (typeof CATALOG)[number]): string {
  const id = movement.id;
  const words = movementWords(language, id as MovementId);
  const holds = movement.variations ? holdChoices(language, t) : '';
  const equipment = words.equipment
    ? `<p id="equipment-${id}" class="hint" data-t="movement.${id}.equipment">${escapeHtml(words.equipment)}</p>`
    : '';
  return [
    `<fieldset class="movement" id="field-scores.${id}" data-movement="${id}"`,
    ` aria-describedby="how-${id}${movement.equipment ? ` equipment-${id}` : ''} err-scores.${id}">`,
    `<legend data-t="movement.${id}.name">${escapeHtml(words.name)}</legend>`,
    // The picture beside the words (illustrated instructions are followed far better than words
    // alone); the kettlebell walk shows one per hold instead.
    holds ? '' : withAltKey(pictureImg(id, undefined, language), `alt.${id}`),
    `<p id="how-${id}" class="how" data-t="movement.${id}.howTo">${escapeHtml(words.howTo)}</p>`,
    equipment,
    holds,
    painScale(t, `score-${id}`, { skip: true, bands: true }),
    `<p id="err-scores.${id}" class="field-error" data-error-for="scores.${id}"`,
    ` data-label="${escapeHtml(words.name)}" data-t-label="movement.${id}.name"></p>`,
    `</fieldset>`,
  ].join('');
}

const SESSION_KEYS = [
  ['session1', 'session1Label'],
  ['session2', 'session2Label'],
  ['session3', 'session3Label'],
] as const;

/**
 * The three session times, each a list of the sending hours' quarter hours (so no time at night can
 * be picked), with its label and its own error slot (`sessionTimes.<i>`). The labels are "HH:MM"
 * here; the script writes them in the browser's clock ("1:00 PM" where it is 12-hour).
 */
function sessionTimeFields(t: FormTexts, times: readonly [string, string, string]): string {
  return times
    .map((time, i) => {
      const id = `sessionTimes-${i}`;
      const [nameKey, labelKey] = SESSION_KEYS[i]!;
      const options = new Set<string>([time]);
      for (let m = minutesOf(RULE.quietHoursEnd); m <= minutesOf(RULE.quietHoursStart); m += 15)
        options.add(timeOfMinute(m));
      return (
        `<div class="field"><label for="${id}" data-t="${nameKey}">${escapeHtml(t[nameKey])}</label>` +
        `<select id="${id}" name="sessionTimes" data-default="${escapeHtml(time)}" aria-describedby="err-${id}">` +
        [...options]
          .sort()
          .map((t) => `<option value="${t}"${t === time ? ' selected' : ''}>${t}</option>`)
          .join('') +
        `</select>` +
        `<p id="err-${id}" class="field-error" data-error-for="sessionTimes.${i}"` +
        ` data-label="${escapeHtml(t[labelKey])}" data-t-label="${labelKey}"></p></div>`
      );
    })
    .join('');
}

/** The zones in words (the script picks the browser's, adding it when it is not among them). */
function zoneField(zones: readonly ZoneChoice[]): string {
  return zones.map((z) => `<option value="${escapeHtml(z.value)}">${escapeHtml(z.label)}</option>`).join('');
}

function redFlagChoices(language: Language): string {
  return RED_FLAGS.map(
    (flag) =>
      `<div class="choice"><input type="checkbox" id="redFlag-${flag.id}" name="redFlags" value="${flag.id}" />` +
      `<label for="redFlag-${flag.id}" data-t="redFlag.${flag.id}">${escapeHtml(RED_FLAG_TEXTS[language][flag.id])}</label></div>`,
  ).join('');
}

/** The language picker, each language named in itself (only when more than one is offered). */
function languagePicker(t: FormTexts, languages: readonly Language[]): string {
  const choices = languages
    .map(
      (l, i) =>
        `<div class="choice"><input type="radio" id="language-${l}" name="language" value="${l}"${i === 0 ? ' checked' : ''} />` +
        `<label for="language-${l}" lang="${l}">${escapeHtml(LANGUAGE_NAMES[l])}</label></div>`,
    )
    .join('');
  return (
    `<fieldset id="field-language" class="languages"><legend data-t="languageLegend">${escapeHtml(t.languageLegend)}</legend>` +
    `${choices}</fieldset>`
  );
}

/**
 * Every string of the form that the script may change, by the key the page marks it with
 * (`data-t`, `data-t-alt`, `data-t-label`, `data-t-slots`): the catalog's sentences, the red-flag
 * questions, the movements' words and pictures' alt texts, the holds' names.
 */
export function formStrings(language: Language): Record<string, string> {
  const strings: Record<string, string> = { ...FORM_TEXTS[language] };
  // The consent in this language, and its version (the form sends the one it shows).
  strings['consent.text'] = CONSENTS[language].text;
  strings['consent.version'] = CONSENTS[language].version;
  for (const flag of RED_FLAGS) strings[`redFlag.${flag.id}`] = RED_FLAG_TEXTS[language][flag.id];
  for (const movement of CATALOG) {
    const words = movementWords(language, movement.id as MovementId);
    strings[`movement.${movement.id}.name`] = words.name;
    strings[`movement.${movement.id}.howTo`] = words.howTo;
    if (words.equipment) strings[`movement.${movement.id}.equipment`] = words.equipment;
    const file = pictureFile(movement.id);
    if (file) strings[`alt.${movement.id}`] = pictureAlt(language, movement.id, undefined, file.alt);
  }
  HOLD_LADDER.forEach((hold, i) => {
    strings[`hold.${i}`] = holdLabel(language, i);
    const file = pictureFile('kettlebell-walk', hold);
    if (file)
      strings[`alt.kettlebell-walk.${hold}`] = pictureAlt(language, 'kettlebell-walk', hold, file.alt);
  });
  return strings;
}

/** A sentence with `{name}` slots filled with markup (`<span data-slot="name">`): the words escaped, whole. */
function slotted(sentence: string, slots: Readonly<Record<string, string>>): string {
  return sentence
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && name in slots ? slots[name]! : escapeHtml(part);
    })
    .join('');
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
  const languages = options.languages?.length ? options.languages : [DEFAULT_LANGUAGE];
  const language = languages[0]!;
  const t = FORM_TEXTS[language];
  const time = (name: string, value: string) =>
    `<span data-slot="${name}" data-time="${escapeHtml(value)}">${escapeHtml(value)}</span>`;
  const body = fillTemplate(
    template,
    {
      ...t,
      lang: language,
      title: fillPlaceholders(t.title, { appName: options.appName }),
      // Every offered language's strings for the script, only where it may switch (JSON in a meta
      // tag, as the page's other settings: no inline script, the CSP stays as strict).
      formTexts:
        languages.length > 1
          ? JSON.stringify(Object.fromEntries(languages.map((l) => [l, formStrings(l)])))
          : '',
      appName: options.appName,
      vapidPublicKey: options.vapidPublicKey ?? '',
      // What web/app.js writes after the first render, in every offered language (also only one).
      formMessages: JSON.stringify(Object.fromEntries(languages.map((l) => [l, formMessages(l)]))),
      consentVersion: CONSENTS[language].version,
      consentText: CONSENTS[language].text,
      earliest: RULE.quietHoursEnd,
      latest: RULE.quietHoursStart,
    },
    {
      languagePicker: languages.length > 1 ? languagePicker(t, languages) : '',
      redFlags: redFlagChoices(language),
      // Pain at rest: no "did not try" (it is a question, not a movement), no pain bands.
      restPain: painScale(t, 'restPain'),
      movements: CATALOG.map((m) => movementFieldset(language, t, m)).join('\n'),
      sessionTimes: sessionTimeFields(t, options.defaultSessionTimes),
      sessionTimesHint: slotted(t.sessionTimesHint, {
        earliest: time('earliest', RULE.quietHoursEnd),
        latest: time('latest', RULE.quietHoursStart),
      }),
      planPageText: slotted(t.planPageText, {
        link: `<a id="plan-page-anchor" href="/" data-slot="link" data-t="planPageLink">${escapeHtml(t.planPageLink)}</a>`,
      }),
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
