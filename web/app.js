// The assessment form's behaviour: plain JS, no framework, no external resources. The server renders
// the page (movements, red flags, the consent text it stores); this script leads the patient through
// its steps — safety first (POST /screenings), the movements, their choice (POST /proposals), the
// reminders — sends the answers, shows the plan or the advice, takes the code, and shows each API
// error next to the field it names. It stops wherever the server's answer says no plan may follow.

const $ = (id) => document.getElementById(id);

const state = {
  planId: null,
  plan: null,
  pushSubscription: null,
  /** The step on show: one of STEPS, or 'stop'. */
  step: 'screening',
  /** The advice the first step gave when a plan may still follow (pain at rest): kept in view. */
  careAdvice: null,
  /** The last answer of POST /proposals, and the body it answered (the choice is kept while it holds). */
  proposal: null,
  proposalFor: null,
  /** Where the stop screen's button goes back to. */
  stopBack: 'screening',
  /** The patient says a clinician has checked this back pain (weak flags alone: a plan may follow). */
  clinicianChecked: false,
  /** The last plan's kettlebell hold (a re-assessment): a harder hold is one step at a time. */
  lastHold: null,
};

function show(element, visible) {
  element.hidden = !visible;
}

function announce(message) {
  const status = $('status');
  status.textContent = '';
  // A fresh text node makes screen readers announce the message even when it repeats.
  window.setTimeout(() => (status.textContent = message), 50);
}

// ---------------------------------------------------------------------------------------------
// Errors next to their fields

function clearErrors(scope) {
  for (const element of scope.querySelectorAll('.field-error')) element.textContent = '';
  for (const element of scope.querySelectorAll('[aria-invalid]')) element.removeAttribute('aria-invalid');
  $('error-list').replaceChildren();
  show($('error-summary'), false);
}

/** The error slot for an issue path: the exact one, else the nearest parent path, else the form's own. */
function errorSlotFor(scope, path, fallbackId) {
  const slots = new Map([...scope.querySelectorAll('[data-error-for]')].map((e) => [e.dataset.errorFor, e]));
  const parts = path ? path.split('.') : [];
  while (parts.length > 0) {
    const slot = slots.get(parts.join('.'));
    if (slot) return slot;
    parts.pop();
  }
  return $(fallbackId);
}

/** The control to focus for an error slot: the input it describes, or the first input of its fieldset. */
function controlFor(slot) {
  const described = document.querySelector(`[aria-describedby~="${slot.id}"]`);
  if (!described) return null;
  if (described.tagName === 'FIELDSET') return described.querySelector('input:checked, input');
  return described;
}

/**
 * The API names the field at the start of each message ("phone is not a valid mobile number"); on
 * the page the field's visible name reads better ("Mobile number is not a valid mobile number").
 */
function wordedFor(slot, issue) {
  const label = slot.dataset.label;
  if (!label || !issue.path || slot.dataset.errorFor !== issue.path) return issue.message;
  if (!issue.message.startsWith(`${issue.path} `)) return issue.message;
  const rest = issue.message.slice(issue.path.length + 1);
  // English reads on from the label ("Mobile number is …"); any other language gets "label: …".
  return chosenLanguage() === 'en' && /^(is|are|was|must|has|have|cannot)\b/.test(rest)
    ? `${label} ${rest}`
    : say('fieldProblem', { field: label, problem: rest });
}

function showErrors(scope, error, fallbackId) {
  clearErrors(scope);
  const issues = error.issues && error.issues.length ? error.issues : [{ path: '', message: error.message }];
  const list = $('error-list');
  for (const issue of issues) {
    const slot = errorSlotFor(scope, issue.path, fallbackId);
    const message = issue.path ? wordedFor(slot, issue) : error.message || issue.message;
    slot.textContent = slot.textContent ? `${slot.textContent} ${message}` : message;
    const control = controlFor(slot);
    if (control) control.setAttribute('aria-invalid', 'true');

    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${control ? control.id : slot.id}`;
    link.textContent = message;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      revealStepOf(control || slot);
      (control || slot).focus();
    });
    item.append(link);
    list.append(item);
  }
  show($('error-summary'), true);
  $('error-summary').focus();
  announce(say('errorCount', { count: issues.length, first: issues[0].message }));
}

// ---------------------------------------------------------------------------------------------
// Talking to the API

class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || say('somethingWrong'));
    this.status = status;
    this.code = error.code || 'unknown';
    this.issues = Array.isArray(error.issues) ? error.issues : [];
    // A full minute: the nearest free times the service offers instead (409 session_times_full).
    this.suggestedSessionTimes = Array.isArray(error.suggestedSessionTimes)
      ? error.suggestedSessionTimes
      : null;
  }
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      // The language picked on the form (the API answers in it where it has its words).
      headers: { 'content-type': 'application/json', 'accept-language': chosenLanguage() },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: { message: say('offline') } });
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

// ---------------------------------------------------------------------------------------------
// Steps: one at a time, focus on its heading, and said aloud

const STEPS = ['screening', 'movements', 'choice', 'reminders'];

function stepTitle(name) {
  return $(`step-${name}`).querySelector('.step-title');
}

/**
 * Shows one step of the form and hides the rest; with `focus`, moves focus to its heading and says
 * it. Each step is an entry of the browser's history (Back goes to the step before, not off the
 * form); `push: false` when the step is shown because of Back or Forward.
 */
function showStep(name, { focus = true, push = true } = {}) {
  if (push && STEPS.includes(name) && !(window.history.state && window.history.state.step === name))
    window.history.pushState({ step: name }, '', `#${name}`);
  state.step = name;
  saveAnswers();
  show($('stop'), false);
  show($('result'), false);
  show($('done'), false);
  show($('assessment'), true);
  for (const step of STEPS) show($(`step-${step}`), step === name);
  show($('intro'), name === 'screening');
  show($('care-advice'), name !== 'screening' && Boolean(state.careAdvice));
  if (!focus) return;
  window.scrollTo(0, 0);
  const title = stepTitle(name);
  title.focus({ preventScroll: true });
  const heading = title.textContent.trim();
  announce(
    name !== 'screening' && state.careAdvice
      ? say('stepSaidWithAdvice', { title: heading, advice: state.careAdvice })
      : say('stepSaid', { title: heading }),
  );
}

/** An error's field may sit in another step (the API answers for all of them at once): show that step. */
function revealStepOf(element) {
  const step = element.closest('.step');
  if (step && step.hidden) showStep(step.id.replace(/^step-/, ''), { focus: false });
}

/**
 * Where the form stops: a warning sign or answers from which no plan may be made. Only the advice
 * and one way back (for an answer given by mistake) are left on the page; nothing else is asked.
 */
function showStop({ titleKey, advice, urgent, back, backKey, flags = [], clinicianCheck = false }) {
  window.history.pushState({ step: 'stop', back }, '', '#stop');
  state.step = 'stop';
  state.stopBack = back;
  show($('assessment'), false);
  show($('error-summary'), false);
  showText($('stop-title'), titleKey);
  $('stop-advice').textContent = advice.message;
  $('stop-advice').classList.toggle('urgent', Boolean(urgent));
  const list = $('stop-flag-list');
  list.replaceChildren(
    ...flags.map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }),
  );
  show($('stop-flags'), flags.length > 0);
  // Weak flags alone: the way forward once a clinician has checked this back pain.
  show($('clinician-check'), clinicianCheck);
  $('clinicianChecked').checked = false;
  // After a score of 8 or more there is nothing to change: the advice only.
  if (backKey) showText($('stop-back'), backKey);
  else $('stop-back').textContent = '';
  show($('stop-back'), Boolean(backKey));
  show($('stop'), true);
  window.scrollTo(0, 0);
  $('stop').focus({ preventScroll: true });
  announce(say('stepSaidWithAdvice', { title: $('stop-title').textContent, advice: advice.message }));
}

function onStopBack() {
  showStep(state.stopBack);
}

/** The stop screen's title (its catalog key) for each tier of care (shared/domain/plan/red-flags.ts). */
const CARE_TITLES = {
  'urgent-now': 'careUrgentNow',
  'same-day': 'careSameDay',
  'within-24h': 'careWithin24h',
  'this-week': 'careThisWeek',
};

/** The title above advice kept in view on the later steps (its catalog key), by the advice's code. */
const ADVICE_TITLES = { 'clinician-checked': 'careClinicianChecked', other: 'careAdviceTitle' };

function careAdviceTitle(advice) {
  return ADVICE_TITLES[advice.code] || ADVICE_TITLES.other;
}

// ---------------------------------------------------------------------------------------------
// Times and zones as the patient reads them: their own clock ("1:00 PM" or "13:00"), zones in words

const CLOCK_12 = /h1[12]/.test(
  new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle || '',
);

/**
 * The locale dates and times are written in: the browser's own where it speaks the form's language
 * ("en-GB", "es-MX"), else the form's language itself.
 */
function locale() {
  const language = chosenLanguage();
  const own = navigator.language || '';
  return own.toLowerCase().split('-')[0] === language ? own : language;
}

/** "13:00" → "1:00 PM" ("1:00 p. m." in Spanish) where this browser keeps a 12-hour clock, else "13:00". */
function timeInWords(time) {
  const [h, m] = time.split(':').map(Number);
  if (!CLOCK_12) return time;
  return new Intl.DateTimeFormat(locale(), {
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
    timeZone: 'UTC',
  })
    .format(new Date(Date.UTC(2000, 0, 1, h, m)))
    .replace(/[\u202f\u00a0]/g, ' ');
}

/** "8:00 AM, 1:00 PM and 7:00 PM" ("8:00, 13:00 y 19:00"): the language's list, English without the serial comma. */
function timesInWords(times) {
  const list = new Intl.ListFormat(chosenLanguage(), { type: 'conjunction' }).format(times.map(timeInWords));
  return chosenLanguage() === 'en' ? list.replace(', and ', ' and ') : list;
}

/** "America/New_York" → "Eastern Time — New York" ("hora del este de Norteamérica — New York"). */
function zoneInWords(zone) {
  let name = zone;
  try {
    const part = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    if (part) name = part.value;
  } catch {
    name = zone;
  }
  return `${name} — ${zone.split('/').pop().replace(/_/g, ' ')}`;
}

/** Picks the zone in the list, adding it (in words) when it is not one of the deployment's. */
function chooseZone(zone) {
  const select = $('timeZone');
  if (![...select.options].some((o) => o.value === zone)) {
    const option = document.createElement('option');
    option.value = zone;
    option.textContent = zoneInWords(zone);
    select.prepend(option);
  }
  select.value = zone;
}

/** A time that is not a quarter hour (a free time offered, the last plan's): added to the list. */
function addTimeOption(select, time) {
  if ([...select.options].some((o) => o.value === time)) return;
  const option = document.createElement('option');
  option.value = time;
  option.textContent = timeInWords(time);
  const after = [...select.options].find((o) => o.value > time);
  select.insertBefore(option, after || null);
}

/** The phone field's hint for this zone: the country the number is read in, and an example of its. */
async function showPhoneHint() {
  try {
    const response = await fetch(`/phone-format?timeZone=${encodeURIComponent($('timeZone').value)}`);
    if (!response.ok) return;
    const format = await response.json();
    $('phone-hint').textContent = format.hint;
    if (format.example)
      $('phone').placeholder = format.country ? format.example.national : format.example.international;
  } catch {
    // The hint in the page stays.
  }
}

// ---------------------------------------------------------------------------------------------
// The answers survive a reload: kept in this tab's sessionStorage until they are sent (then gone)

const STORE = 'rehab-form-answers';

function controlsToKeep() {
  return [...$('assessment').querySelectorAll('input, select')].filter(
    (c) => c.id && c.type !== 'hidden' && c.type !== 'submit',
  );
}

function saveAnswers() {
  try {
    const controls = {};
    for (const c of controlsToKeep())
      controls[c.id] = c.type === 'checkbox' || c.type === 'radio' ? c.checked : c.value;
    const keep = {
      step: STEPS.includes(state.step) ? state.step : 'screening',
      controls,
      careAdvice: state.careAdvice,
      careAdviceTitle: $('care-advice-title').dataset.t,
      clinicianChecked: state.clinicianChecked,
      proposal: state.proposal,
      proposalFor: state.proposalFor,
      previousPlan: state.previousPlan || null,
      lastHold: state.lastHold,
    };
    window.sessionStorage.setItem(STORE, JSON.stringify(keep));
  } catch {
    // Storage full or off: the form still works, it just will not survive a reload.
  }
}

function forgetAnswers() {
  try {
    window.sessionStorage.removeItem(STORE);
  } catch {
    // Nothing kept.
  }
}

/** The answers kept in this tab, put back, and the step they had reached shown. False when none. */
function restoreAnswers() {
  let kept;
  try {
    kept = JSON.parse(window.sessionStorage.getItem(STORE) || 'null');
  } catch {
    kept = null;
  }
  if (!kept || !kept.controls) {
    window.history.replaceState({ step: 'screening' }, '', window.location.pathname + window.location.search);
    return false;
  }
  const apply = () => {
    for (const [id, value] of Object.entries(kept.controls)) {
      const c = $(id);
      if (!c) continue;
      if (c.type === 'checkbox' || c.type === 'radio') c.checked = Boolean(value);
      else if (c.tagName === 'SELECT' && c.name === 'sessionTimes') {
        addTimeOption(c, value);
        c.value = value;
      } else if (c.id === 'timeZone') chooseZone(value);
      else c.value = value;
    }
  };
  apply();
  state.careAdvice = kept.careAdvice;
  if (kept.careAdviceTitle) showText($('care-advice-title'), kept.careAdviceTitle);
  $('care-advice-text').textContent = kept.careAdvice || '';
  state.clinicianChecked = Boolean(kept.clinicianChecked);
  state.previousPlan = kept.previousPlan || undefined;
  state.lastHold = kept.lastHold;
  if (kept.proposal) {
    state.proposal = kept.proposal;
    state.proposalFor = kept.proposalFor;
    renderChoice(kept.proposal, readScores());
    apply(); // the choice's own boxes, now that they exist
    updateChosenCount();
  }
  const step = kept.step === 'choice' && !kept.proposal ? 'movements' : kept.step;
  window.history.replaceState({ step }, '', `#${step}`);
  showStep(step, { push: false });
  announce(say('answersBack'));
  return true;
}

/** Back and Forward move between the steps (a step needs the answers before it: they are kept). */
function onHistory(event) {
  const entry = event.state;
  if (!entry || !entry.step) return;
  if (entry.step === 'stop') {
    showStep(entry.back || 'screening', { push: false });
    return;
  }
  if (!STEPS.includes(entry.step)) return;
  if (entry.step === 'choice' && !state.proposal) return showStep('movements', { push: false });
  clearErrors($('assessment'));
  showStep(entry.step, { push: false });
}

// ---------------------------------------------------------------------------------------------
// The page's language: the server renders the first language the deployment offers and, when it
// offers more, every offered language's strings in the form-texts meta tag (JSON: no inline
// script, the CSP stays as strict). The picker on the first step switches them in place; its
// radio is kept with the other answers, so a reload keeps the choice.

/** A meta tag's JSON (empty or absent: `{}`). */
function metaJson(name) {
  try {
    return JSON.parse(document.querySelector(`meta[name="${name}"]`).content || '{}');
  } catch {
    return {};
  }
}

const FORM_TEXTS = metaJson('form-texts');
const OFFERED_LANGUAGES = Object.keys(FORM_TEXTS);
/**
 * What this script writes after the first render (announcements, notes, the result's lines, its
 * own errors), in every offered language — also where only one is (shared/domain/plan/form-texts.ts
 * FORM_MESSAGES_EN). A count's sentence is an object by plural category (Intl.PluralRules).
 */
const FORM_MESSAGES = metaJson('form-messages');

/** The messages in the form's language (the page's own, else the first there are). */
function messagesOf() {
  return (
    FORM_MESSAGES[chosenLanguage()] ||
    FORM_MESSAGES[document.documentElement.lang] ||
    Object.values(FORM_MESSAGES)[0] ||
    {}
  );
}

/**
 * The catalog's message `key` in the form's language, its `{name}` placeholders filled from
 * `values`; a count's sentence (`values.count`) chosen by the language's plural rules. Whole
 * sentences: values are numbers, times, names — never other translated words.
 */
function say(key, values = {}) {
  const entry = messagesOf()[key];
  let sentence = entry;
  if (entry && typeof entry === 'object') {
    const category = new Intl.PluralRules(chosenLanguage()).select(Number(values.count));
    sentence = entry[category] ?? entry.other;
  }
  if (typeof sentence !== 'string') return '';
  return sentence.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/** The first of the browser's languages the deployment offers ("es-MX" counts as "es"); else the page's own. */
function browserLanguage() {
  for (const tag of navigator.languages || [navigator.language]) {
    const primary = String(tag || '')
      .toLowerCase()
      .split('-')[0];
    if (OFFERED_LANGUAGES.includes(primary)) return primary;
  }
  return document.documentElement.lang;
}

/** The language picked on the form (the page's own where no picker is shown). */
function chosenLanguage() {
  const picked = document.querySelector('input[name="language"]:checked');
  return picked ? picked.value : document.documentElement.lang;
}

/** Fills `{name}` slots of a sentence with the element's own `data-slot` children: the sentence stays whole. */
function fillSlots(element, sentence) {
  const slots = {};
  for (const child of element.querySelectorAll('[data-slot]')) slots[child.dataset.slot] = child;
  const nodes = sentence
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && slots[name] ? slots[name] : document.createTextNode(part);
    });
  element.replaceChildren(...nodes);
}

/** Every marked string of the page in `language` (the offered ones only), and `<html lang>`. */
function applyLanguage(language) {
  const strings = FORM_TEXTS[language];
  if (!strings) return;
  document.documentElement.lang = language;
  const appName = document.querySelector('.app-name').textContent;
  document.title = strings.title.replace('{appName}', appName);
  const messages = FORM_MESSAGES[language] || {};
  for (const el of document.querySelectorAll('[data-t]')) {
    const text = strings[el.dataset.t] ?? messages[el.dataset.t];
    if (typeof text === 'string') el.textContent = text;
  }
  // The consent shown is the one sent: its version goes with its text.
  for (const el of document.querySelectorAll('[data-t-version]'))
    if (strings[el.dataset.tVersion] !== undefined) el.dataset.version = strings[el.dataset.tVersion];
  for (const el of document.querySelectorAll('[data-t-alt]'))
    if (strings[el.dataset.tAlt] !== undefined) el.alt = strings[el.dataset.tAlt];
  for (const el of document.querySelectorAll('[data-t-label]'))
    if (strings[el.dataset.tLabel] !== undefined) el.dataset.label = strings[el.dataset.tLabel];
  for (const el of document.querySelectorAll('[data-t-slots]'))
    if (strings[el.dataset.tSlots] !== undefined) fillSlots(el, strings[el.dataset.tSlots]);
}

/**
 * Shows the catalog's string `key` in `element`, and keeps it there on a language switch. A page
 * with one language has no strings in the meta tag: it carries the few the script swaps in
 * `data-text-<key>` attributes instead.
 */
function showText(element, key) {
  element.dataset.t = key;
  const strings = FORM_TEXTS[chosenLanguage()];
  const text = (strings && strings[key]) ?? messagesOf()[key];
  element.textContent =
    typeof text === 'string' ? text : element.getAttribute(`data-text-${key.toLowerCase()}`) || '';
}

function onLanguageChange(event) {
  if (event.target.name !== 'language') return;
  applyLanguage(event.target.value);
  // The consent now on show is another text (its own version): agreed to afresh, never carried over.
  $('consent').checked = false;
  // What the script wrote itself, written again in the language picked.
  writeTimes();
  for (const option of $('timeZone').options) option.textContent = zoneInWords(option.value);
  for (const note of document.querySelectorAll('.last-time'))
    note.textContent = say('lastTimeScore', { score: note.dataset.score });
  writeWelcomeBack();
  writeHoldHint();
  writeInvite();
  if (state.proposal) {
    const ticked = readChosen();
    renderChoice(state.proposal, readScores());
    for (const input of $('chosen-list').querySelectorAll('input[name="chosen"]'))
      input.checked = ticked.includes(input.value);
    updateChosenCount();
  }
}

/** The session times' choices and the hint's two times, in the browser's clock and the form's language. */
function writeTimes() {
  for (const select of timeInputs()) {
    for (const option of select.options) option.textContent = timeInWords(option.value);
  }
  for (const span of document.querySelectorAll('[data-time]'))
    span.textContent = timeInWords(span.dataset.time);
}

/** On a first visit, the browser's language among those offered; after a reload, the one kept. */
function startLanguage(restored) {
  if (OFFERED_LANGUAGES.length < 2) return;
  if (!restored) {
    const radio = $(`language-${browserLanguage()}`);
    if (radio) radio.checked = true;
  }
  applyLanguage(chosenLanguage());
}

// ---------------------------------------------------------------------------------------------
// Push opt-in

const vapidPublicKey = document.querySelector('meta[name="vapid-public-key"]').content;
const pushSupported =
  Boolean(vapidPublicKey) &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

let swPolicy;
/** The page's CSP requires Trusted Types for script URLs; this policy allows exactly the worker. */
function workerUrl() {
  if (!window.trustedTypes) return '/sw.js';
  swPolicy ??= window.trustedTypes.createPolicy('rehab-sw', {
    createScriptURL: (url) => {
      if (url !== '/sw.js') throw new TypeError(`Unexpected worker URL ${url}`);
      return url;
    },
  });
  return swPolicy.createScriptURL('/sw.js');
}

function keyBytes(base64url) {
  const base64 = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

async function subscribeToPush() {
  const registration = await navigator.serviceWorker.register(workerUrl(), { scope: '/' });
  await navigator.serviceWorker.ready;
  const existing = await registration.pushManager.getSubscription();
  const subscription =
    existing ||
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(vapidPublicKey),
    }));
  return subscription.toJSON();
}

async function onChannelChange() {
  const scope = $('assessment');
  const slot = $('err-pushSubscription');
  slot.textContent = '';
  if (!$('channel-push').checked) return;
  try {
    state.pushSubscription = await subscribeToPush();
    announce(say('pushOn'));
  } catch {
    state.pushSubscription = null;
    showErrors(
      scope,
      {
        message: say('pushFailedSummary'),
        issues: [{ path: 'pushSubscription', message: say('pushFailed') }],
      },
      'err-form',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Step 1: safety first

function readRedFlags() {
  return [...$('assessment').querySelectorAll('input[name="redFlags"]:checked')].map((i) => i.value);
}

function readRestPain() {
  const checked = $('assessment').querySelector('input[name="restPain"]:checked');
  return checked ? Number(checked.value) : undefined;
}

/** A problem found here before asking the server, shown the way the API's are. */
function showLocalError(path, message, fallbackId) {
  showErrors($('assessment'), { message, issues: [{ path, message }] }, fallbackId);
}

function tickedLabels() {
  const form = $('assessment');
  return [...form.querySelectorAll('input[name="redFlags"]:checked')].map(
    (input) => form.querySelector(`label[for="${input.id}"]`).textContent,
  );
}

/** The screening's answer: stop with the tier's advice, ask for a clinician's check, or go on. */
function afterScreening(answer) {
  if (!answer.planAllowed) {
    state.careAdvice = null;
    const weakOnly = Boolean(answer.clinicianCheck);
    showStop({
      titleKey: weakOnly ? 'checkClinicianFirst' : CARE_TITLES[answer.care] || 'careThisWeek',
      advice: answer.advice,
      urgent: answer.care === 'urgent-now',
      flags: tickedLabels(),
      back: 'screening',
      backKey: 'tickedByMistake',
      clinicianCheck: weakOnly,
    });
    return;
  }
  state.careAdvice = answer.advice ? answer.advice.message : null;
  if (answer.advice) showText($('care-advice-title'), careAdviceTitle(answer.advice));
  $('care-advice-text').textContent = state.careAdvice || '';
  showStep('movements');
}

async function onScreeningContinue() {
  const form = $('assessment');
  const restPain = readRestPain();
  if (restPain === undefined) {
    showLocalError('restPain', say('restPainMissing'), 'err-screening');
    return;
  }
  state.clinicianChecked = false;
  const answer = await post('/screenings', { redFlags: readRedFlags(), restPain });
  clearErrors(form);
  afterScreening(answer);
}

/** "A clinician has checked this back pain": asked again with that answer, then on to the movements. */
async function onClinicianCheck(event) {
  event.preventDefault();
  const button = $('clinician-check-continue');
  if (button.disabled) return;
  const scope = $('clinician-check');
  if (!$('clinicianChecked').checked) {
    showErrors(
      scope,
      {
        message: say('clinicianCheckSummary'),
        issues: [{ path: 'clinicianChecked', message: say('clinicianCheckMissing') }],
      },
      'err-clinicianChecked',
    );
    return;
  }
  await busy(button, async () => {
    try {
      const answer = await post('/screenings', {
        redFlags: readRedFlags(),
        restPain: readRestPain(),
        clinicianChecked: true,
      });
      clearErrors(scope);
      state.clinicianChecked = answer.planAllowed;
      afterScreening(answer);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(scope, error, 'err-clinicianChecked');
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Step 2: the movements, and step 3: the patient's choice

/** The kettlebell hold the patient tried (the first of the ladder unless they picked another). */
function readHold() {
  const checked = document.querySelector('input[name="kettlebellHold"]:checked');
  return checked ? checked.value : 'by the side';
}

function readScores() {
  const scores = {};
  for (const fieldset of $('assessment').querySelectorAll('fieldset.movement')) {
    // The pain scale's radios only (the kettlebell walk's fieldset also holds its hold radios).
    const chosen = fieldset.querySelector(`input[name="score-${fieldset.dataset.movement}"]:checked`);
    if (chosen && chosen.value !== '') scores[fieldset.dataset.movement] = Number(chosen.value);
  }
  return scores;
}

// ---------------------------------------------------------------------------------------------
// A re-assessment: the plan page's link opens the form with the last scores filled in

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** `/?reassess=<token>`: the last plan's scores, zone and times, filled in; the new plan steps on from it. */
async function prefillFromLastPlan() {
  const token = new window.URLSearchParams(window.location.search).get('reassess');
  if (!token || !TOKEN.test(token)) return;
  let last;
  try {
    const response = await fetch(`/p/${token}/previous`, { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    last = await response.json();
  } catch {
    return;
  }
  state.previousPlan = token;
  for (const [id, score] of Object.entries(last.scores || {})) {
    const radio = $(`score-${id}-${score}`);
    if (!radio) continue;
    radio.checked = true;
    const note = document.createElement('p');
    note.className = 'hint last-time';
    note.dataset.score = String(score);
    note.textContent = say('lastTimeScore', { score });
    $(`how-${id}`).after(note);
  }
  const carry = (last.movements || []).find((m) => m.id === 'kettlebell-walk');
  if (carry) limitHolds(carry.variation);
  if (last.timeZone) chooseZone(last.timeZone);
  timeInputs().forEach((input, i) => {
    if (!last.sessionTimes || !last.sessionTimes[i]) return;
    addTimeOption(input, last.sessionTimes[i]);
    input.value = last.sessionTimes[i];
  });
  state.lastVisit = { done: last.sessionsDone, count: last.sessionsPlanned };
  writeWelcomeBack();
  show($('welcome-back'), true);
}

/** "You did 30 of 42 sessions…" after a re-assessment's link, in the form's language. */
function writeWelcomeBack() {
  if (state.lastVisit) $('welcome-back-text').textContent = say('welcomeBackText', state.lastVisit);
}

/**
 * A re-assessment: the last plan's hold is ticked, and a harder hold is one step at a time (the
 * server refuses more: kettlebellHold); those further up wait for a later check-in.
 */
function limitHolds(lastHold) {
  const radios = [...document.querySelectorAll('input[name="kettlebellHold"]')];
  const at = Math.max(
    0,
    radios.findIndex((r) => r.value === lastHold),
  );
  state.lastHold = radios[at] ? radios[at].value : null;
  radios.forEach((radio, i) => {
    radio.checked = i === at;
    radio.disabled = i > at + 1;
  });
  writeHoldHint();
}

/** The hold's note after a re-assessment's limit, in the form's language (again on a switch). */
function writeHoldHint() {
  if (!state.lastHold) return;
  const radios = [...document.querySelectorAll('input[name="kettlebellHold"]')];
  const at = radios.findIndex((r) => r.value === state.lastHold);
  const hint = $('kettlebellHold-hint');
  delete hint.dataset.t;
  hint.textContent = radios[at + 1]
    ? say('holdLimitNext', { hold: holdWord(radios[at].value), next: holdWord(radios[at + 1].value) })
    : say('holdLimitLast', { hold: holdWord(radios[at].value) });
}

/** A hold's name in the form's language ("by the side" → "Al costado"). */
function holdWord(hold) {
  return say(`holdWord.${hold}`);
}

/**
 * "Invited by <clinic>": the invite this browser carries (its cookie is HttpOnly, so the page asks).
 * It is used only when the code is confirmed; a patient who did not mean to carry one removes it.
 */
async function showInvite() {
  let answer;
  try {
    const response = await fetch('/assessments/invite', { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    answer = await response.json();
  } catch {
    return;
  }
  if (!answer.invited) return;
  state.invitedBy = answer.clinic;
  writeInvite();
  show($('invited'), true);
}

async function onInviteRemove() {
  try {
    await fetch('/assessments/invite', { method: 'DELETE', headers: { accept: 'application/json' } });
  } catch {
    return;
  }
  show($('invited'), false);
  announce(say('inviteRemoved'));
}

/** "Invited by <clinic>." and what it means, in the form's language (again on a switch). */
function writeInvite() {
  if (!state.invitedBy) return;
  $('invited-by').textContent = say('invitedBy', { clinic: state.invitedBy });
  $('invited-text').textContent = say('invitedText');
}

/** Each movement against last time, and how the plan stepped on: one whole sentence each (catalog keys). */
const CHANGE_SENTENCES = { better: 'sinceBetter', same: 'sinceSame', worse: 'sinceWorse', new: 'sinceNew' };
const STEP_SENTENCES = { up: 'stepUp', back: 'stepBack', same: 'stepSame', new: 'stepNew' };

/** The result of a re-assessment: each movement against last time, and how the plan stepped on. */
function renderSinceLast(reassessment, plan) {
  const box = $('since-last');
  if (!reassessment) {
    show(box, false);
    return;
  }
  $('since-sessions').textContent = say('sinceSessions', {
    done: reassessment.sessionsDone,
    count: reassessment.sessionsPlanned,
  });
  const list = $('since-list');
  list.replaceChildren();
  for (const [id, change] of Object.entries(reassessment.changes)) {
    const item = document.createElement('li');
    const inPlan = plan.movements.find((m) => m.id === id);
    const step = inPlan && reassessment.steps[id];
    // Two whole sentences: how it went, then (for a movement of the plan) how the plan stepped on.
    const sentences = [say(CHANGE_SENTENCES[change] || 'sinceSame', { movement: movementName(id) })];
    if (step && STEP_SENTENCES[step]) sentences.push(say(STEP_SENTENCES[step]));
    item.textContent = sentences.join(' ');
    list.append(item);
  }
  show(box, true);
}

function movementName(id) {
  return $(`field-scores.${id}`).querySelector('legend').textContent.trim();
}

/**
 * How many to pick, as a whole sentence of the catalog: `prefix` + Exact ("Pick 4."), All ("Pick
 * all 3."), Either ("Pick 4 or 5.") or Range ("Pick 4 to 6.").
 */
function howMany(prefix, { min, max }, total) {
  const shape = min === max ? (min === total ? 'All' : 'Exact') : max - min === 1 ? 'Either' : 'Range';
  return say(`${prefix}${shape}`, { min, max, count: min });
}

/** The patient has no choice to make: the rule takes every movement that qualifies. */
function choiceIsFixed(proposal) {
  return proposal.choose.min === proposal.choose.max && proposal.choose.max === proposal.qualifying.length;
}

/** One movement to pick: its picture (already described in step 2, so hidden here), name and pain. */
function pickItem(id, pain, { checkbox, checked }) {
  const item = document.createElement(checkbox ? 'div' : 'li');
  item.className = 'pick';
  const label = document.createElement(checkbox ? 'label' : 'div');
  label.className = 'pick-label';
  const picture = $(`field-scores.${id}`).querySelector('.picture');
  if (picture) {
    // The same picture file (cached already), decorative here: the words beside it say it.
    const copy = picture.cloneNode(true);
    copy.setAttribute('alt', '');
    copy.setAttribute('aria-hidden', 'true');
    copy.classList.add('pick-picture');
    label.append(copy);
  }
  const words = document.createElement('span');
  words.className = 'pick-words';
  const name = document.createElement('span');
  name.className = 'pick-name';
  name.textContent =
    id === 'kettlebell-walk'
      ? say('movementWithHold', { movement: movementName(id), hold: holdWord(readHold()) })
      : movementName(id);
  const hurt = document.createElement('span');
  hurt.className = 'pick-pain';
  hurt.textContent = pain === 0 ? say('pickNoPain') : say('pickHurt', { score: pain });
  words.append(name, hurt);
  label.append(words);
  if (checkbox) {
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.id = `chosen-${id}`;
    input.name = 'chosen';
    input.value = id;
    input.checked = checked;
    label.htmlFor = input.id;
    item.append(input, label);
  } else {
    item.append(label);
  }
  return item;
}

function renderChoice(proposal, scores) {
  const fixed = choiceIsFixed(proposal);
  const list = $('chosen-list');
  if (fixed) {
    const items = document.createElement('ul');
    items.className = 'picks-fixed';
    items.append(...proposal.qualifying.map((id) => pickItem(id, scores[id], { checkbox: false })));
    list.replaceChildren(items);
    showText($('chosen-legend'), 'chosenLegendFixed');
  } else {
    list.replaceChildren(
      ...proposal.qualifying.map((id) =>
        pickItem(id, scores[id], { checkbox: true, checked: proposal.proposed.includes(id) }),
      ),
    );
    showText($('chosen-legend'), 'chosenLegend');
  }
  writeChoiceHint(proposal, scores);
  const advice = proposal.advice && proposal.advice.message !== state.careAdvice ? proposal.advice : null;
  $('choice-advice').textContent = advice ? advice.message : '';
  show($('choice-advice'), Boolean(advice));
  updateChosenCount();
}

/** Step 3's note: why these movements, and how many to pick (again on a language switch). */
function writeChoiceHint(proposal, scores) {
  const count = proposal.qualifying.length;
  const tried = Object.keys(scores).length;
  $('chosen-hint').textContent = choiceIsFixed(proposal)
    ? say(tried === count ? 'fixedAllTried' : 'fixedSomeTried', { count, tried })
    : [
        say('choiceHintQualify', { count }),
        say('choiceHintSuggested', { count: proposal.proposed.length }),
        howMany('pick', proposal.choose, count),
      ].join(' ');
}

function readChosen() {
  const proposal = state.proposal;
  if (!proposal) return [];
  if (choiceIsFixed(proposal)) return [...proposal.qualifying];
  return [...$('chosen-list').querySelectorAll('input[name="chosen"]:checked')].map((i) => i.value);
}

/** The count as the patient ticks: a hint when it is out of range (the server checks it too). */
function updateChosenCount() {
  const proposal = state.proposal;
  const line = $('chosen-count');
  if (!proposal || choiceIsFixed(proposal)) {
    line.textContent = '';
    return;
  }
  const picked = readChosen().length;
  const { min, max } = proposal.choose;
  const inRange = picked >= min && picked <= max;
  const sentences = [say('pickedCount', { count: picked })];
  if (!inRange) sentences.push(howMany('pleasePick', proposal.choose, proposal.qualifying.length));
  line.textContent = sentences.join(' ');
  line.classList.toggle('count-off', !inRange);
}

async function onMovementsContinue() {
  const form = $('assessment');
  const restPain = readRestPain();
  const scores = readScores();
  const body = { scores, ...(restPain !== undefined ? { restPain } : {}) };
  const answer = await post('/proposals', body);
  clearErrors(form);
  if (!answer.planAllowed) {
    // A score of 8 or more: the advice only, nothing to change. None at 3 or less: a way back.
    const severe = Object.values(scores).some((s) => s >= 8);
    showStop({
      titleKey: answer.advice.code === 'see-clinician-this-week' ? 'careThisWeek' : 'noHomePlan',
      advice: answer.advice,
      back: 'movements',
      backKey: severe ? null : 'changeAnswers',
    });
    return;
  }
  // The patient's own choice stands while the answers it was made from do.
  const key = JSON.stringify({ ...body, hold: readHold() });
  const same = state.proposalFor === key;
  state.proposal = answer;
  state.proposalFor = key;
  if (!same) renderChoice(answer, scores);
  showStep('choice');
}

function onChoiceContinue() {
  const proposal = state.proposal;
  const picked = readChosen().length;
  if (picked < proposal.choose.min || picked > proposal.choose.max) {
    showLocalError(
      'chosen',
      [
        howMany('pickMovements', proposal.choose, proposal.qualifying.length),
        say('pickedCount', { count: picked }),
      ].join(' '),
      'err-choice',
    );
    return;
  }
  clearErrors($('assessment'));
  showStep('reminders');
}

// ---------------------------------------------------------------------------------------------
// Step 4: the reminders, and the assessment sent

function readAssessment() {
  const form = $('assessment');
  const channel = form.querySelector('input[name="channel"]:checked').value;
  const restPain = readRestPain();
  const chosen = readChosen();
  const body = {
    phone: $('phone').value.trim(),
    channel,
    timeZone: $('timeZone').value.trim(),
    // The times only when the patient changed them: the service moves its own defaults a minute or
    // two when those minutes are full, but refuses (and offers free ones) times a patient chose.
    ...(timeInputs().some((i) => i.value !== i.dataset.default)
      ? { sessionTimes: timeInputs().map((i) => i.value) }
      : {}),
    // The browser's language: times in the texts in the patient's own clock.
    ...(navigator.language ? { locale: navigator.language } : {}),
    // The language picked on the form: the plan's texts and pages speak it.
    ...(OFFERED_LANGUAGES.length > 1 ? { language: chosenLanguage() } : {}),
    consent: $('consent').checked,
    consentVersion: $('consent-text').dataset.version,
    scores: readScores(),
    redFlags: readRedFlags(),
    ...(restPain !== undefined ? { restPain } : {}),
    ...(state.clinicianChecked ? { clinicianChecked: true } : {}),
    ...(readScores()['kettlebell-walk'] !== undefined ? { kettlebellHold: readHold() } : {}),
    ...(chosen.length ? { chosen } : {}),
    ...(state.previousPlan ? { previousPlan: state.previousPlan } : {}),
  };
  if (channel === 'push' && state.pushSubscription) body.pushSubscription = state.pushSubscription;
  return body;
}

/** `chosen.2 "bird-dog" hurt more than 3…` → `Bird Dog hurt more than 3…`: the name the page shows. */
function inPlainWords(issue) {
  const match = /^chosen\.\d+ "([^"]+)"/.exec(issue.message || '');
  if (!match || !/^chosen\.\d+$/.test(issue.path || '') || !$(`field-scores.${match[1]}`)) return issue;
  return { ...issue, message: issue.message.replace(match[0], movementName(match[1])) };
}

/** A dose's sentence (catalog key) by its unit. */
const DOSE = { reps: 'doseReps', 'reps/side': 'doseRepsSide', lengths: 'doseLengths' };

function formatDate(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function renderPlan(plan) {
  const list = $('plan-movements');
  list.replaceChildren();
  for (const movement of plan.movements) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    // The form's own words for the movement and hold (the page's language), else the plan's.
    const own = $(`field-scores.${movement.id}`) ? movementName(movement.id) : movement.name;
    name.textContent = movement.variation
      ? say('movementWithHold', { movement: own, hold: holdWord(movement.variation) })
      : own;
    const dose = document.createElement('span');
    dose.textContent = say(DOSE[movement.repUnit] || 'doseReps', {
      reps: movement.reps,
      count: movement.sets,
    });
    item.append(name, document.createElement('br'), dose);
    list.append(item);
  }
  $('plan-summary').textContent = say('planSummary', {
    count: plan.movements.length,
    perDay: plan.sessionsPerDay,
    times: timesInWords(plan.sessionTimes),
    zone: zoneInWords(plan.timeZone),
  });
  $('plan-dates').textContent = say('planDates', {
    start: formatDate(plan.startDate),
    end: formatDate(plan.endDate),
  });
}

function showResult(answer) {
  state.planId = answer.planId;
  state.plan = answer.plan;
  show($('assessment'), false);
  show($('error-summary'), false);
  show($('result'), true);

  const advice = $('advice');
  advice.textContent = answer.advice ? answer.advice.message : '';
  show(advice, Boolean(answer.advice));
  advice.classList.toggle('urgent', Boolean(answer.advice && answer.advice.code === 'seek-medical-care'));

  if (answer.plan) {
    showText($('result-title'), 'resultTitle');
    renderPlan(answer.plan);
    renderSinceLast(answer.reassessment, answer.plan);
    show($('plan'), true);
    $('code-sent').textContent = say('codeSent', {
      to: answer.verification.to,
      time: new Date(answer.verification.expiresAt)
        .toLocaleTimeString(locale(), { hour: 'numeric', minute: '2-digit' })
        .replace(/[\u202f\u00a0]/g, ' '),
    });
    show($('verify'), true);
    show($('restart'), false);
    $('code').value = '';
  } else {
    showText($('result-title'), 'resultNoPlan');
    show($('plan'), false);
    show($('verify'), false);
    show($('restart'), true);
  }
  window.scrollTo(0, 0);
  $('result').focus({ preventScroll: true });
  announce(answer.plan ? say('planReady') : answer.advice.message);
}

const timeInputs = () => [...$('assessment').querySelectorAll('select[name="sessionTimes"]')];

/** Times already full: the free ones nearest to them, one tap to take them (and send again). */
function offerFreeTimes(times) {
  state.freeTimes = times;
  $('free-times-text').textContent = say('freeTimesText', { times: timesInWords(times) });
  $('use-free-times').textContent = say('useFreeTimesButton', { times: timesInWords(times) });
  show($('free-times'), true);
}

async function onUseFreeTimes() {
  const button = $('use-free-times');
  if (button.disabled) return;
  timeInputs().forEach((input, i) => {
    addTimeOption(input, state.freeTimes[i]);
    input.value = state.freeTimes[i];
  });
  announce(say('timesChanged', { times: timesInWords(state.freeTimes) }));
  await busy(button, onAssessmentSubmit);
}

async function onAssessmentSubmit() {
  const form = $('assessment');
  if ($('channel-push').checked && !state.pushSubscription) await onChannelChange();
  show($('free-times'), false);
  try {
    const answer = await post('/assessments', readAssessment());
    clearErrors(form);
    // Sent: nothing of the answers (the phone number least of all) stays in the tab's storage.
    forgetAnswers();
    showResult(answer);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    error.issues = error.issues.map(inPlainWords);
    showErrors(form, error, 'err-form');
    if (error.code === 'session_times_full' && error.suggestedSessionTimes)
      offerFreeTimes(error.suggestedSessionTimes);
    // The answers are checked all at once: the earliest step with a problem is the one to show.
    const first = form.querySelector('.step .field-error:not(:empty)');
    if (first) revealStepOf(first);
  }
}

const STEP_ACTIONS = {
  screening: { button: 'screening-continue', fallback: 'err-screening', act: onScreeningContinue },
  movements: { button: 'movements-continue', fallback: 'err-movements', act: onMovementsContinue },
  choice: { button: 'choice-continue', fallback: 'err-choice', act: onChoiceContinue },
  reminders: { button: 'submit', fallback: 'err-form', act: onAssessmentSubmit },
};

/** Enter or a Continue button: whatever the step on show does next. */
async function onFormSubmit(event) {
  event.preventDefault();
  const step = STEP_ACTIONS[state.step];
  // Enter pressed again while the step's request is under way sends nothing twice (two codes, two plans).
  if (!step || $(step.button).disabled) return;
  await busy($(step.button), async () => {
    try {
      await step.act();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors($('assessment'), error, step.fallback);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The code

async function onVerifySubmit(event) {
  event.preventDefault();
  const form = $('verify');
  await busy($('confirm'), async () => {
    try {
      const answer = await post('/verifications', { planId: state.planId, code: $('code').value });
      clearErrors(form);
      show($('result'), false);
      show($('done'), true);
      const plan = answer.plan;
      $('done-text').textContent = say('remindersOn', {
        perDay: plan.sessionsPerDay,
        times: timesInWords(plan.sessionTimes),
        zone: zoneInWords(plan.timeZone),
        start: formatDate(plan.startDate),
        end: formatDate(plan.endDate),
      });
      if (answer.planPage) {
        $('plan-page-anchor').href = answer.planPage;
        show($('plan-page-link'), true);
      }
      window.scrollTo(0, 0);
      $('done').focus({ preventScroll: true });
      announce(say('confirmed'));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(form, error, 'err-verify');
      if (error.code === 'code_locked') show($('restart'), true);
    }
  });
}

async function onResend() {
  const form = $('verify');
  await busy($('resend'), async () => {
    try {
      const answer = await post('/verifications/resend', { planId: state.planId });
      clearErrors(form);
      $('code').value = '';
      announce(say('newCode', { to: answer.verification.to }));
      $('code').focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(form, error, 'err-verify');
    }
  });
}

function onRestart() {
  clearErrors(document);
  showStep('screening');
}

// ---------------------------------------------------------------------------------------------

function init() {
  let detected = '';
  try {
    detected = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
  } catch {
    detected = '';
  }
  if (detected) chooseZone(detected);
  writeTimes();
  if (!pushSupported) {
    const push = $('channel-push');
    push.disabled = true;
    showText(push.nextElementSibling, 'channelPushUnavailable');
  }
  for (const radio of document.querySelectorAll('input[name="channel"]')) {
    radio.addEventListener('change', onChannelChange);
  }
  $('assessment').addEventListener('submit', onFormSubmit);
  for (const button of document.querySelectorAll('button[data-back]')) {
    button.addEventListener('click', () => {
      clearErrors($('assessment'));
      showStep(button.dataset.back);
    });
  }
  $('chosen-list').addEventListener('change', updateChosenCount);
  $('timeZone').addEventListener('change', () => void showPhoneHint());
  $('assessment').addEventListener('change', onLanguageChange);
  $('assessment').addEventListener('change', saveAnswers);
  $('assessment').addEventListener('input', saveAnswers);
  window.addEventListener('popstate', onHistory);
  $('stop-back').addEventListener('click', onStopBack);
  $('clinician-check').addEventListener('submit', onClinicianCheck);
  $('verify').addEventListener('submit', onVerifySubmit);
  $('resend').addEventListener('click', onResend);
  $('restart').addEventListener('click', onRestart);
  $('use-free-times').addEventListener('click', onUseFreeTimes);
  $('invite-remove').addEventListener('click', onInviteRemove);
  document.documentElement.classList.add('js');
  const restored = restoreAnswers();
  startLanguage(restored);
  void showPhoneHint();
  if (!restored) void prefillFromLastPlan();
  void showInvite();
}

init();
