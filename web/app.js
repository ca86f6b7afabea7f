// The assessment form's behaviour: plain JS, no framework, no external resources. The server renders
// the page (movements, red flags, the consent text it stores); this script sends the answers, shows
// the plan or the advice, takes the code, and shows each API error next to the field it names.

const $ = (id) => document.getElementById(id);

const state = { planId: null, plan: null, pushSubscription: null };

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
  return /^(is|are|was|must|has|have|cannot)\b/.test(rest) ? `${label} ${rest}` : `${label}: ${rest}`;
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
      (control || slot).focus();
    });
    item.append(link);
    list.append(item);
  }
  show($('error-summary'), true);
  $('error-summary').focus();
  announce(`${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}: ${issues[0].message}`);
}

// ---------------------------------------------------------------------------------------------
// Talking to the API

class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || 'Something went wrong. Please try again.');
    this.status = status;
    this.code = error.code || 'unknown';
    this.issues = Array.isArray(error.issues) ? error.issues : [];
  }
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      error: { message: 'Could not reach the service. Check your connection and try again.' },
    });
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
    announce('Notifications are on for this browser.');
  } catch {
    state.pushSubscription = null;
    showErrors(
      scope,
      {
        message: 'Notifications could not be turned on.',
        issues: [
          {
            path: 'pushSubscription',
            message:
              'Notifications could not be turned on in this browser: allow them, or choose text messages.',
          },
        ],
      },
      'err-form',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The assessment

function readAssessment() {
  const form = $('assessment');
  const scores = {};
  for (const fieldset of form.querySelectorAll('fieldset.movement')) {
    const chosen = fieldset.querySelector('input[type="radio"]:checked');
    if (chosen && chosen.value !== '') scores[fieldset.dataset.movement] = Number(chosen.value);
  }
  const channel = form.querySelector('input[name="channel"]:checked').value;
  const body = {
    phone: $('phone').value.trim(),
    channel,
    timeZone: $('timeZone').value.trim(),
    sessionTimes: [...form.querySelectorAll('input[name="sessionTimes"]')].map((i) => i.value),
    consent: $('consent').checked,
    consentVersion: $('consent-text').dataset.version,
    scores,
    redFlags: [...form.querySelectorAll('input[name="redFlags"]:checked')].map((i) => i.value),
  };
  if (channel === 'push' && state.pushSubscription) body.pushSubscription = state.pushSubscription;
  return body;
}

const UNIT = { reps: 'reps', 'reps/side': 'reps each side', lengths: 'lengths' };

function formatDate(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

function renderPlan(plan) {
  const list = $('plan-movements');
  list.replaceChildren();
  for (const movement of plan.movements) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = movement.variation ? `${movement.name} (${movement.variation})` : movement.name;
    const dose = document.createElement('span');
    dose.textContent = `${movement.reps} ${UNIT[movement.repUnit] || 'reps'} × ${movement.sets} ${
      movement.sets === 1 ? 'set' : 'sets'
    }`;
    item.append(name, document.createElement('br'), dose);
    list.append(item);
  }
  $('plan-summary').textContent =
    `Do these ${plan.movements.length} movements ${plan.sessionsPerDay} times a day, at ` +
    `${plan.sessionTimes.join(', ')} (${plan.timeZone}).`;
  $('plan-dates').textContent =
    `From ${formatDate(plan.startDate)} to ${formatDate(plan.endDate)}. ` +
    `On the last day we ask you to check in again.`;
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
    $('result-title').textContent = 'Your plan';
    renderPlan(answer.plan);
    show($('plan'), true);
    $('code-sent').textContent =
      `We sent a 6-digit code by text to ${answer.verification.to}. ` +
      `It is valid until ${new Date(answer.verification.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}. ` +
      'Enter it to start your reminders.';
    show($('verify'), true);
    show($('restart'), false);
    $('code').value = '';
  } else {
    $('result-title').textContent = 'No plan this time';
    show($('plan'), false);
    show($('verify'), false);
    show($('restart'), true);
  }
  window.scrollTo(0, 0);
  $('result').focus({ preventScroll: true });
  announce(answer.plan ? 'Your plan is ready. Enter the code we sent to confirm.' : answer.advice.message);
}

async function onAssessmentSubmit(event) {
  event.preventDefault();
  const form = $('assessment');
  await busy($('submit'), async () => {
    if ($('channel-push').checked && !state.pushSubscription) await onChannelChange();
    try {
      const answer = await post('/assessments', readAssessment());
      clearErrors(form);
      showResult(answer);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(form, error, 'err-form');
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
      $('done-text').textContent =
        `Your reminders are on: ${plan.sessionsPerDay} a day at ${plan.sessionTimes.join(', ')} ` +
        `(${plan.timeZone}), from ${formatDate(plan.startDate)} to ${formatDate(plan.endDate)}.`;
      if (answer.planPage) {
        $('plan-page-anchor').href = answer.planPage;
        show($('plan-page-link'), true);
      }
      window.scrollTo(0, 0);
      $('done').focus({ preventScroll: true });
      announce('Confirmed. Your reminders are on.');
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
      announce(`A new code is on its way to ${answer.verification.to}.`);
      $('code').focus();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      showErrors(form, error, 'err-verify');
    }
  });
}

function onRestart() {
  show($('result'), false);
  show($('done'), false);
  show($('assessment'), true);
  clearErrors(document);
  $('main').focus();
}

// ---------------------------------------------------------------------------------------------

function init() {
  const zone = $('timeZone');
  if (!zone.value) {
    try {
      zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch {
      zone.value = '';
    }
  }
  if (!pushSupported) {
    const push = $('channel-push');
    push.disabled = true;
    push.nextElementSibling.append(' (not available in this browser)');
  }
  for (const radio of document.querySelectorAll('input[name="channel"]')) {
    radio.addEventListener('change', onChannelChange);
  }
  $('assessment').addEventListener('submit', onAssessmentSubmit);
  $('verify').addEventListener('submit', onVerifySubmit);
  $('resend').addEventListener('click', onResend);
  $('restart').addEventListener('click', onRestart);
  document.documentElement.classList.add('js');
}

init();
