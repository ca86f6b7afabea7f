// The plan page's behaviour. The page works without this script: each button is a plain form that
// posts and comes back to the page with what changed (and the score buttons say to text PAIN
// instead). With it, the same forms post in the background and the whole page is fetched again and
// put in place, so every part of it agrees with what was just done (the session logged, today's
// count, the progress, the next session), without a reload and with the focus on what changed.

const main = () => document.getElementById('main');
/** A message in the page's language: the server puts them on <main> (data-failed, data-offline, …). */
const say = (name) => main().dataset[name] ?? '';

function announceIn(element, message) {
  if (!element) return;
  element.textContent = message;
}

/**
 * This page as the server renders it now, as a document. Read by the browser itself (an XHR's
 * document), so no HTML string ever passes through a script: the page's Trusted Types policy stays
 * as strict as it is (only the service worker's URL has a policy).
 */
function fetchPage(url) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.responseType = 'document';
    request.setRequestHeader('accept', 'text/html');
    request.onload = () =>
      request.status === 200 && request.responseXML
        ? resolve(request.responseXML)
        : reject(new Error(`the page answered ${request.status}`));
    request.onerror = () => reject(new Error('the page did not answer'));
    request.send();
  });
}

/** The page again, as the server renders it now, put in place of the current one. */
async function refresh(note, focusId) {
  const url = new URL(window.location.href);
  url.search = note ? `?note=${encodeURIComponent(note)}` : '';
  url.hash = '';
  const fresh = (await fetchPage(url.href)).getElementById('main');
  if (!fresh) throw new Error('no page');
  main().replaceChildren(...[...fresh.childNodes].map((node) => document.adoptNode(node)));
  // The link stays clean of one-off notes and confirmation steps.
  window.history.replaceState(null, '', window.location.pathname);
  showScale();
  const target = (focusId && document.getElementById(focusId)) || document.getElementById('page-note');
  if (target) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: false });
  }
}

/** The note a page action leaves, from its path and its answer (as the form's redirect names it). */
function noteOf(action, body) {
  const name = action.split('/').pop();
  if (name === 'done') return 'done';
  if (name === 'times') return body && body.outcome === 'changed' ? 'times' : 'nothing';
  if (body && body.changed === false) return 'nothing';
  return { pause: 'paused', resume: 'resumed', session: null }[name] ?? null;
}

async function submitInPlace(form, submitter) {
  const button = submitter || form.querySelector('button');
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  const error = form.querySelector('.field-error') || document.getElementById('done-status');
  try {
    const data = new URLSearchParams(new FormData(form, submitter));
    // getAttribute: a field named "action" (skip or snooze) hides the form's own `action` property.
    const target = form.getAttribute('action');
    const response = await fetch(target, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: data,
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const problem = (body && body.error) || {};
      const free = problem.suggestedSessionTimes ? ` ${say('otherTimes')}` : '';
      // The API answers in English: a page in another language says the problem in its own words.
      if (say('apiWords') === 'no') {
        const own = { session_times_full: 'timesFull', invalid_request: 'timesRefused' }[problem.code];
        announceIn(error, own && /\/times$/.test(target) ? say(own) : say('failed'));
        return;
      }
      const issues = (problem.issues || []).map((i) => i.message).join(' ');
      announceIn(error, `${issues || problem.message || say('failed')}${free}`);
      return;
    }
    const name = target.split('/').pop();
    let note = noteOf(target, body);
    if (name === 'session')
      note = body.changed ? (data.get('action') === 'skip' ? 'skipped' : 'snoozed') : 'nothing';
    await refresh(note, name === 'done' ? 'done-status' : undefined);
  } catch {
    announceIn(error, say('offline'));
  } finally {
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target.closest('form.inplace');
  if (!form) return;
  event.preventDefault();
  void submitInPlace(form, event.submitter);
});

// "How is your back today?": one tap logs a score (POST /p/{token}/pain), like a PAIN text.

// Not `disabled` while waiting: that would take the keyboard focus off the button just pressed.
let checkingIn = false;

async function checkIn(scale, pressed) {
  checkingIn = true;
  scale.setAttribute('aria-busy', 'true');
  const status = () => document.getElementById('checkin-status');
  try {
    const response = await fetch(scale.dataset.painUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pain: Number(pressed.value) }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      announceIn(status(), (body && body.error && body.error.message) || say('failed'));
      return;
    }
    // The score changes the progress (and 8 or more pauses the plan): the page again, in place.
    await refresh(null, 'checkin-status');
    const score = document.querySelector(`#pain-scale button[value="${pressed.value}"]`);
    if (score) score.setAttribute('aria-pressed', 'true');
    announceIn(status(), body.message);
    const advice = document.getElementById('pain-advice');
    if (body.advice && advice) {
      advice.textContent = body.advice;
      advice.hidden = false;
    }
  } catch {
    announceIn(status(), say('offline'));
  } finally {
    checkingIn = false;
    const scale = document.getElementById('pain-scale');
    if (scale) scale.removeAttribute('aria-busy');
  }
}

function showScale() {
  const scale = document.getElementById('pain-scale');
  if (scale) scale.hidden = false;
}

document.addEventListener('click', (event) => {
  const pressed = event.target.closest('#pain-scale button');
  if (pressed && !checkingIn) void checkIn(document.getElementById('pain-scale'), pressed);
});

showScale();
document.documentElement.classList.add('js');
// A note or a confirmation step arrived with the link (a form's redirect): focus it.
const arrived = document.getElementById('confirm-title') || document.getElementById('page-note');
if (arrived) arrived.focus();
