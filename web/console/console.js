// The clinic console's one script. It signs staff in with the authorization code flow and PKCE
// (Cognito's managed login in AWS; the local stack's dev sign-in behind `npm start`, at the same
// paths), keeps the access token in this tab's sessionStorage and the refresh token in memory only
// (never in storage or a cookie script can read), renews the access token before it runs out with
// Cognito's InitiateAuth (REFRESH_TOKEN_AUTH), signs out after IDLE_MINUTES without use, and fills
// the page from the console API. Moving between its pages loads them in place (the refresh token
// lives as long as this document). It writes text nodes only (the page's CSP requires Trusted
// Types with no policy).

const body = document.body;
const PAGE = body.dataset.page;
const AUTH = body.dataset.authUrl;
const CLIENT_ID = body.dataset.clientId;
/** Cognito's user pool API (InitiateAuth), for the renewal; absent: no renewal. */
const IDP = body.dataset.idpUrl;
/**
 * Minutes without pointer or keyboard use before the console signs out (as CONSOLE_SESSION.idleMinutes
 * in shared/domain/clinic/staff-session.ts; test/unit/console-session.test.ts checks they agree).
 */
const IDLE_MINUTES = 30;
/** Renew this long before the access token runs out. */
const RENEW_BEFORE_MS = 2 * 60_000;
const CALLBACK = `${location.origin}/console/callback`;
const SIGNED_OUT = `${location.origin}/console`;
const ROLES = ['viewer', 'clinician', 'admin'];

// ---- small DOM helpers (text only) ----------------------------------------------------------

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'hidden') node.hidden = true;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
  return node;
}
const $ = (selector) => document.querySelector(selector);
const say = (selector, text) => {
  const node = $(selector);
  if (node) node.textContent = text;
};

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const when = (iso) => (iso ? dateTime.format(new Date(iso)) : '—');
const day = (iso) => (iso ? dateOnly.format(new Date(`${iso}T12:00:00Z`)) : '—');

const STATUS_WORDS = {
  active: 'Active',
  paused: 'Paused',
  pending_verification: 'Waiting for code',
  stopped: 'Stopped',
  replaced: 'Replaced by a newer plan',
  completed: 'Completed',
  none: 'No plan',
};
const REASON_WORDS = {
  'patient-paused': 'by the patient',
  'pain-reported': 'pain of 8 or more',
  'red-flag-reported': 'red-flag words',
  'opted-out': 'opted out',
  unreachable: 'number unreachable',
  'plan-ended': 'plan ended',
  'clinic-paused': 'by the clinic',
  'clinic-stopped': 'by the clinic',
};
function statusText(row) {
  const reason = row.statusReason && REASON_WORDS[row.statusReason];
  return `${STATUS_WORDS[row.status] ?? row.status}${reason ? ` (${reason})` : ''}`;
}
function adherenceText(a) {
  if (!a || a.ratio === null) return '—';
  return `${Math.round(a.ratio * 100)} % (${a.done} of ${a.expected})`;
}

// ---- sign-in (authorization code + PKCE) ---------------------------------------------------

const b64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function signIn() {
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  sessionStorage.setItem(
    'console.pkce',
    JSON.stringify({ verifier, state, back: location.pathname + location.search }),
  );
  const url = new URL(`${AUTH}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: CALLBACK,
    scope: 'openid email',
    state,
    code_challenge: b64url(new Uint8Array(digest)),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.href);
}

async function finishSignIn() {
  const params = new URLSearchParams(location.search);
  const saved = JSON.parse(sessionStorage.getItem('console.pkce') || 'null');
  sessionStorage.removeItem('console.pkce');
  if (!saved || !params.get('code') || params.get('state') !== saved.state) {
    say('#callback-status', 'The sign-in did not complete. Go to the console to sign in again.');
    $('#callback-status').append(' ', el('a', { href: '/console', text: 'Open the console' }));
    return;
  }
  const response = await fetch(`${AUTH}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code: params.get('code'),
      redirect_uri: CALLBACK,
      code_verifier: saved.verifier,
    }).toString(),
  });
  if (!response.ok) {
    say('#callback-status', 'The sign-in was refused. Please sign in again.');
    return;
  }
  const tokens = await response.json();
  keepTokens({
    accessToken: tokens.access_token,
    expiresIn: tokens.expires_in,
    refreshToken: tokens.refresh_token,
  });
  // In place, not a new document: the refresh token lives in this one's memory.
  startSession();
  await go(saved.back && saved.back.startsWith('/console') ? saved.back : '/console', { push: false });
}

// ---- the session: the access token (this tab), the refresh token (memory), renewal, idle ----

/** The refresh token: in this document's memory only, never in storage or a cookie. */
let refreshToken = null;
let renewTimer;
/** Set at sign-out: a renewal still on its way then keeps nothing. */
let ended = false;

function keepTokens({ accessToken, expiresIn, refreshToken: newRefresh }) {
  if (ended) return;
  const expiresAt = Date.now() + expiresIn * 1000;
  sessionStorage.setItem('console.session', JSON.stringify({ accessToken, expiresAt }));
  if (newRefresh) refreshToken = newRefresh;
  clearTimeout(renewTimer);
  if (refreshToken && IDP)
    renewTimer = setTimeout(() => void renew(), Math.max(0, expiresAt - RENEW_BEFORE_MS - Date.now()));
}

/**
 * New access and ID tokens from the refresh token: Cognito's InitiateAuth, REFRESH_TOKEN_AUTH (the
 * app client does not rotate refresh tokens, so the same one serves until its day ends). False
 * when there is none or Cognito refuses it (expired, revoked): then the next request signs in again.
 */
async function renew() {
  if (!refreshToken || !IDP) return false;
  let response;
  try {
    response = await fetch(IDP, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { REFRESH_TOKEN: refreshToken },
      }),
    });
  } catch {
    // Offline for a moment: try again in a minute while the access token still holds.
    clearTimeout(renewTimer);
    renewTimer = setTimeout(() => void renew(), 60_000);
    return false;
  }
  if (!response.ok || ended) {
    refreshToken = null;
    return false;
  }
  const result = (await response.json()).AuthenticationResult;
  keepTokens({
    accessToken: result.AccessToken,
    expiresIn: result.ExpiresIn,
    refreshToken: result.RefreshToken,
  });
  return true;
}

function currentSession() {
  const session = JSON.parse(sessionStorage.getItem('console.session') || 'null');
  // A token about to expire is not used: renew it, or sign in again.
  return session && session.expiresAt > Date.now() + 30_000 ? session : null;
}

/** The access token to send: the one held, renewed if it is about to run out, or null (sign in). */
async function accessToken() {
  const session = currentSession() ?? ((await renew()) ? currentSession() : null);
  return session?.accessToken ?? null;
}

/** Revokes the refresh token at Cognito's revocation endpoint (the app client allows it). */
function revoke(token) {
  if (!token) return Promise.resolve();
  return fetch(`${AUTH}/oauth2/revoke`, {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, client_id: CLIENT_ID }).toString(),
  }).catch(() => undefined);
}

/** Drops every token (the refresh token revoked) and ends the sign-in's own session at Cognito. */
async function signOut(why) {
  ended = true;
  clearTimeout(renewTimer);
  const token = refreshToken;
  refreshToken = null;
  sessionStorage.clear();
  if (why) sessionStorage.setItem('console.signedOut', why);
  await revoke(token);
  const url = new URL(`${AUTH}/logout`);
  url.search = new URLSearchParams({ client_id: CLIENT_ID, logout_uri: SIGNED_OUT }).toString();
  location.assign(url.href);
}

let lastUse = Date.now();
let idleTimer;
/** Signs out after IDLE_MINUTES with no pointer or keyboard use in the console. */
function watchIdle() {
  const idleMs = IDLE_MINUTES * 60_000;
  const used = () => {
    lastUse = Date.now();
  };
  for (const type of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'])
    document.addEventListener(type, used, { capture: true, passive: true });
  const check = () => {
    clearTimeout(idleTimer);
    const left = lastUse + idleMs - Date.now();
    if (left <= 0) void signOut('idle');
    else idleTimer = setTimeout(check, left);
  };
  // A tab in the background, or a computer asleep, fires timers late: check on coming back too.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && check());
  idleTimer = setTimeout(check, idleMs);
}

/** After an idle sign-out: why, in plain words, and a way back in (the sign-in asks again). */
function showSignedOut() {
  sessionStorage.removeItem('console.signedOut');
  const again = el('button', { type: 'button' }, 'Sign in again');
  again.addEventListener('click', () => void signIn());
  document.title = `Signed out · ${document.title.split(' · ').at(-1)}`;
  // No one is signed in: no way to pages that would only ask for a sign-in.
  const nav = $('header nav');
  if (nav) nav.hidden = true;
  $('#main').replaceChildren(
    el('h1', { id: 'page-title', text: 'You were signed out' }),
    el('p', {
      id: 'signed-out',
      class: 'status',
      role: 'status',
      text: `The console was not used for ${IDLE_MINUTES} minutes, so it signed you out to keep patients’ details off an unattended screen. Nothing you saved is lost.`,
    }),
    el('p', {}, again),
  );
}

let sessionStarted = false;
function startSession() {
  if (sessionStarted) return;
  sessionStarted = true;
  watchIdle();
  followLinksInPlace();
}

// ---- moving between the console's pages in place (the refresh token stays in memory) ------

const IN_PLACE = /^\/console(\/(patient|alerts|invites|audit))?$/;

/** A console page's HTML as a document (an XHR document: no HTML string is parsed by script). */
function loadDocument(url) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', url);
    xhr.responseType = 'document';
    xhr.onload = () =>
      xhr.status === 200 && xhr.response ? resolve(xhr.response) : reject(new Error(String(xhr.status)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.send();
  });
}

/** Shows another console page without leaving this document; anything else is an ordinary load. */
async function go(href, { push = true } = {}) {
  const url = new URL(href, location.href);
  let doc;
  try {
    doc = url.origin === location.origin && IN_PLACE.test(url.pathname) ? await loadDocument(url.href) : null;
  } catch {
    doc = null;
  }
  const page = doc?.body?.dataset.page;
  if (!doc || !PAGES[page]) {
    location.assign(url.href);
    return;
  }
  history[push ? 'pushState' : 'replaceState'](null, '', url.href);
  document.title = doc.title;
  body.dataset.page = page;
  body.replaceChildren(...[...doc.body.childNodes].map((node) => document.adoptNode(node)));
  window.scrollTo(0, 0);
  // Where a screen reader starts on a new page: its main part (as after a load).
  if (push) $('#main')?.focus({ preventScroll: true });
  await run(showPage(page));
}

/** The same page again, in place (after an action changed what it shows). */
const reload = () => go(location.href, { push: false });

function followLinksInPlace() {
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      link.target ||
      link.hasAttribute('download') ||
      link.getAttribute('href').startsWith('#')
    )
      return;
    const url = new URL(link.href);
    if (url.origin !== location.origin || !IN_PLACE.test(url.pathname)) return;
    event.preventDefault();
    void go(url.href);
  });
  window.addEventListener('popstate', () => void go(location.href, { push: false }));
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A request with the access token; a 401 renews it once (if it can), else signs in again. */
async function authorized(path, init = {}) {
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken();
    if (!token) {
      await signIn();
      throw new ApiError(401, 'Signing in…');
    }
    const response = await fetch(path, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${token}` },
    });
    if (response.status !== 401) return response;
    sessionStorage.removeItem('console.session');
    if (attempt > 0 || !(await renew())) {
      await signIn();
      throw new ApiError(401, 'Signing in…');
    }
  }
}

async function api(method, path, payload) {
  const response = await authorized(path, {
    method,
    headers: payload !== undefined ? { 'content-type': 'application/json' } : {},
    ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
  });
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok)
    throw new ApiError(response.status, data?.error?.message ?? `The request failed (${response.status}).`);
  return data;
}

/** Downloads what a route answers (CSV, FHIR JSON) with the token, as a file. */
async function download(path, filename) {
  const response = await authorized(path);
  if (!response.ok) throw new ApiError(response.status, 'The export failed.');
  const link = el('a', {
    href: URL.createObjectURL(await response.blob()),
    download: filename,
    hidden: true,
  });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- pages ---------------------------------------------------------------------------------

let role = 'viewer';
const may = (needed) => ROLES.indexOf(role) >= ROLES.indexOf(needed);

let me;
async function header() {
  me ??= await api('GET', '/console/api/me');
  role = me.role;
  say('#who', `${me.username} (${me.role})`);
  // No link to a page the role cannot use (invites, audit: clinician and up).
  for (const link of document.querySelectorAll('nav [data-needs]')) link.hidden = !may(link.dataset.needs);
  const out = $('#sign-out');
  out.hidden = false;
  out.addEventListener('click', () => void signOut());
  return me;
}

function patientLink(patientId, reference) {
  return el(
    'a',
    { href: `/console/patient?id=${encodeURIComponent(patientId)}` },
    reference || 'No reference',
    el('span', { class: 'id', text: ` ${patientId}` }),
  );
}

// Open alert kinds in words, most urgent first (the server's triage order, alerts.ts SEVERITY_ORDER).
const KIND_WORDS = {
  'red-flag': 'Red flag',
  'pain-high': 'High pain',
  'pain-rising': 'Rising pain',
  'no-sessions': 'No sessions',
  'opted-out': 'Opted out',
  'texts-failing': 'Texts failing',
  message: 'Text to read',
};
function kindBadges(kinds) {
  if (!kinds?.length) return el('span', { class: 'muted', text: 'None' });
  return el(
    'ul',
    { class: 'kinds' },
    kinds.map((k) => el('li', { class: `kind kind-${k}`, text: KIND_WORDS[k] ?? k })),
  );
}

/**
 * The patients, a page at a time from the server (its triage order: red flag first). Search,
 * status and "open alerts" are asked of the server; "Show more" asks for the next page. At narrow
 * widths the rows are cards (console.css), each cell named by its data-label.
 */
async function patientsPage() {
  const form = $('#filters');
  const tbody = $('#patients tbody');
  const more = $('#more-patients');
  let shown = 0;
  let next = null;
  let asking = 0;
  const cell = (label, ...children) => el('td', { 'data-label': label }, ...children);
  const row = (p) =>
    el(
      'tr',
      { class: p.openKinds.includes('red-flag') ? 'urgent' : '' },
      el(
        'th',
        { scope: 'row', 'data-label': 'Patient' },
        patientLink(p.patientId, p.reference),
        p.source === 'self' ? el('span', { class: 'tag', text: 'self-enrolled' }) : null,
      ),
      cell('Open alerts', kindBadges(p.openKinds)),
      cell('Status', statusText(p)),
      cell('Plan day', p.planDay ? `${p.planDay.day} of ${p.planDay.of}` : '—'),
      cell('Adherence (7 days)', adherenceText(p.adherence7d)),
      cell('Last pain', p.lastPain ? `${p.lastPain.pain} / 10, ${when(p.lastPain.at)}` : '—'),
    );
  const query = (cursor) => {
    const params = new URLSearchParams();
    const q = form.q.value.trim();
    if (q) params.set('q', q);
    if (form.status.value) params.set('status', form.status.value);
    if (form.alertsOnly.checked) params.set('alerts', 'open');
    if (cursor) params.set('cursor', cursor);
    return params.size ? `?${params}` : '';
  };
  const load = async (append) => {
    const mine = ++asking;
    const q = form.q.value.trim();
    if (q && q.length < 3 && !/^p-/i.test(q)) {
      say('#list-status', 'Type at least 3 letters of a reference, or a patient id (P-…).');
      return;
    }
    say('#list-status', 'Loading patients…');
    try {
      const page = await api('GET', `/console/api/patients${query(append ? next : null)}`);
      if (mine !== asking) return;
      if (!append) {
        tbody.replaceChildren();
        shown = 0;
      }
      tbody.append(...page.patients.map(row));
      shown += page.patients.length;
      next = page.next;
      more.hidden = !next;
      say(
        '#list-status',
        `${shown} patient${shown === 1 ? '' : 's'} shown, most urgent first${next ? '; more below' : ''}.`,
      );
    } catch (error) {
      if (mine === asking) say('#list-status', error.message);
    }
  };
  let typing;
  form.addEventListener('input', (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => load(false), e.target.name === 'q' ? 350 : 0);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(false);
  });
  more.addEventListener('click', () => load(true));
  await load(false);
  const csv = $('#export-csv');
  csv.hidden = !may('clinician');
  csv.addEventListener('click', (e) => {
    e.preventDefault();
    exportCsv().catch((error) => say('#list-status', error.message));
  });
}

/** The CSV export, page after page (each a request well inside the function's timeout), saved as one file. */
async function exportCsv() {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const parts = [];
  let path = `/console/api/export/patients.csv?${new URLSearchParams({ tz })}`;
  for (let page = 1; path; page++) {
    say('#list-status', `Exporting… page ${page}`);
    const response = await authorized(path);
    if (!response.ok) throw new ApiError(response.status, 'The export failed.');
    // The first page starts with the BOM and the header; the later ones are rows only.
    parts.push(await response.arrayBuffer());
    const cursor = response.headers.get('x-next-cursor');
    path = cursor ? `/console/api/export/patients.csv?${new URLSearchParams({ tz, cursor })}` : null;
  }
  const link = el('a', {
    href: URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' })),
    download: `patients-${new Date().toISOString().slice(0, 10)}.csv`,
    hidden: true,
  });
  document.body.append(link);
  link.click();
  link.remove();
  say('#list-status', 'Export saved.');
}

const DAY_STATE_WORDS = {
  active: 'Active',
  paused: 'Paused',
  stopped: 'Stopped',
  waiting: 'Waiting for code',
  upcoming: 'To come',
};

/**
 * The progress chart: sessions done per plan day (bars, left scale), the day's highest pain (dots,
 * right scale 0–10), paused and stopped days shaded and never counted as missed; a legend, and its
 * data as a table.
 */
function progressChart(days) {
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = String(text);
    return node;
  };
  const perDay = Math.max(3, ...days.map((d) => d.expected + d.notDue));
  const left = 44;
  const step = 36;
  const top = 16;
  const bottom = 150;
  const plot = bottom - top;
  const width = left + days.length * step + 44;
  const height = 196;
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  const done = days.reduce((n, d) => n + d.done, 0);
  const due = days.reduce((n, d) => n + d.expected, 0);
  const pains = days.filter((d) => d.pain !== null).map((d) => d.pain);
  const off = days.filter((d) => d.state === 'paused' || d.state === 'stopped').length;
  const label = `${days.length} days: ${done} of ${due} sessions due were done${off ? `; ${off} days paused or stopped, not counted` : ''}${pains.length ? `; pain from ${Math.min(...pains)} to ${Math.max(...pains)} out of 10, last ${pains.at(-1)}` : '; no pain score yet'}.`;
  svg.setAttribute('aria-label', label);
  const right = left + days.length * step + 4;
  // Scales: sessions on the left, pain on the right, with their names.
  svg.append(svgEl('line', { x1: left, y1: top, x2: left, y2: bottom, class: 'axis' }));
  svg.append(svgEl('line', { x1: right, y1: top, x2: right, y2: bottom, class: 'axis' }));
  svg.append(svgEl('line', { x1: left, y1: bottom, x2: right, y2: bottom, class: 'axis' }));
  for (let n = 0; n <= perDay; n++) {
    const y = bottom - (n / perDay) * plot;
    svg.append(svgEl('line', { x1: left - 4, y1: y, x2: left, y2: y, class: 'axis' }));
    svg.append(svgEl('text', { x: left - 7, y: y + 4, class: 'tick', 'text-anchor': 'end' }, n));
  }
  for (const p of [0, 5, 10]) {
    const y = bottom - (p / 10) * plot;
    svg.append(svgEl('line', { x1: right, y1: y, x2: right + 4, y2: y, class: 'axis' }));
    svg.append(svgEl('text', { x: right + 7, y: y + 4, class: 'tick' }, p));
  }
  svg.append(svgEl('text', { x: 4, y: top - 4, class: 'tick' }, 'Sessions'));
  svg.append(svgEl('text', { x: right - 10, y: top - 4, class: 'tick' }, 'Pain'));
  svg.append(svgEl('text', { x: left, y: height - 6, class: 'tick' }, 'Plan day'));
  days.forEach((d, i) => {
    const x = left + 6 + i * step;
    if (d.state === 'paused' || d.state === 'stopped') {
      svg.append(svgEl('rect', { x: x - 4, y: top, width: 30, height: plot, class: `off ${d.state}` }));
      svg.append(
        svgEl(
          'text',
          { x: x + 11, y: bottom - 6, class: 'tick', 'text-anchor': 'middle' },
          d.state[0].toUpperCase(),
        ),
      );
    }
    const h = (d.done / perDay) * plot;
    if (h > 0) svg.append(svgEl('rect', { x, y: bottom - h, width: 22, height: h, class: 'bar' }));
    svg.append(svgEl('text', { x: x + 11, y: bottom + 16, class: 'tick', 'text-anchor': 'middle' }, d.day));
    if (d.pain !== null)
      svg.append(svgEl('circle', { cx: x + 11, cy: bottom - (d.pain / 10) * plot, r: 5, class: 'pain' }));
  });
  const legend = el(
    'ul',
    { class: 'legend' },
    el(
      'li',
      {},
      el('span', { class: 'key key-bar', 'aria-hidden': 'true' }),
      'Sessions done that day (left scale)',
    ),
    el(
      'li',
      {},
      el('span', { class: 'key key-pain', 'aria-hidden': 'true' }),
      'The day’s highest pain, 0–10 (right scale)',
    ),
    el(
      'li',
      {},
      el('span', { class: 'key key-off', 'aria-hidden': 'true' }),
      'Paused (P) or stopped (S): nothing was due, nothing counted as missed',
    ),
  );
  const table = el(
    'table',
    { class: 'data' },
    el('caption', { text: 'Progress by plan day' }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Day', 'Date', 'State', 'Sessions done', 'Pain'].map((h) => el('th', { scope: 'col', text: h })),
      ),
    ),
    el(
      'tbody',
      {},
      days.map((d) =>
        el(
          'tr',
          {},
          el('td', { text: d.day }),
          el('td', { text: day(d.localDate) }),
          el('td', { text: DAY_STATE_WORDS[d.state] ?? d.state }),
          el('td', { text: d.expected ? `${d.done} of ${d.expected}` : '— (not due)' }),
          el('td', { text: d.pain ?? '—' }),
        ),
      ),
    ),
  );
  return [svg, legend, el('details', {}, el('summary', { text: 'Show the data' }), table)];
}

const TIMELINE_WORDS = {
  done: 'Session done',
  pain: 'Pain score',
  message: 'Text',
  alert: 'Words that may mean a red flag',
};
function timelineItem(item) {
  let text;
  if (item.kind === 'text') {
    const what = item.what === 'reminder' ? `Reminder for session ${item.slot ?? ''}` : 'End-of-plan text';
    const outcome = item.outcome ? `, ${item.outcome} on the phone` : '';
    text = `${what}: ${item.state}${item.reason ? ` (${item.reason})` : ''}${outcome}`;
  } else if (item.kind === 'reply') {
    text = `${TIMELINE_WORDS[item.type] ?? item.type}${item.pain !== undefined ? `: ${item.pain} / 10` : ''}${item.text ? `: “${item.text}”` : ''}`;
  } else {
    text = `${item.by}: ${item.action.replace('-', ' ')}`;
  }
  return el(
    'li',
    { class: `timeline-${item.kind}` },
    el('time', { datetime: item.at, text: when(item.at) }),
    ' ',
    text,
  );
}

function alertItem(alert, onAcknowledge) {
  const detail = [
    alert.detail?.pain !== undefined ? `Pain ${alert.detail.pain} / 10` : null,
    alert.detail?.pains ? `Daily pain ${alert.detail.pains.join(' → ')}` : null,
    alert.detail?.text ? `“${alert.detail.text}”` : null,
    alert.detail?.since ? `Last session ${when(alert.detail.since)}` : null,
    // One open alert per patient and kind: repeats are counted in it, not raised again.
    alert.count > 1 ? `${alert.count} times, last ${when(alert.lastAt)}` : null,
    alert.misreadAt ? `The patient says this was misread (${when(alert.misreadAt)})` : null,
  ].filter(Boolean);
  const button =
    alert.state === 'open' && may('clinician')
      ? el(
          'button',
          { type: 'button', class: 'small' },
          'Acknowledge',
          el('span', { class: 'visually-hidden', text: `: ${alert.summary}` }),
        )
      : null;
  button?.addEventListener('click', () => onAcknowledge(alert, button));
  return el(
    'li',
    { class: `alert alert-${alert.kind} ${alert.state}` },
    el(
      'p',
      { class: 'alert-title' },
      el('strong', { text: alert.summary[0].toUpperCase() + alert.summary.slice(1) }),
    ),
    el('p', {}, patientLink(alert.patientId, alert.reference), ` · ${when(alert.at)}`),
    detail.length ? el('p', { class: 'alert-detail', text: detail.join(' · ') }) : null,
    alert.misreadAt
      ? el('p', {
          class: 'alert-misread',
          text: `Patient says misread (replied MISTAKE), ${when(alert.misreadAt)}`,
        })
      : null,
    el('p', {
      class: 'alert-state',
      text:
        alert.state === 'open'
          ? 'Open'
          : `Acknowledged by ${alert.acknowledgedBy}, ${when(alert.acknowledgedAt)}`,
    }),
    button,
  );
}

async function acknowledge(alert, button, status) {
  button.disabled = true;
  try {
    await api('POST', `/console/api/alerts/${encodeURIComponent(alert.alertId)}/acknowledge`);
    say(status, `Acknowledged: ${alert.summary}.`);
    return true;
  } catch (error) {
    say(status, error.message);
    button.disabled = false;
    return false;
  }
}

async function patientPage() {
  const id = new URLSearchParams(location.search).get('id') || '';
  let detail;
  try {
    detail = await api('GET', `/console/api/patients/${encodeURIComponent(id)}`);
  } catch (error) {
    say(
      '#patient-status',
      error.status === 404 ? 'There is no such patient (erased, or never enrolled).' : error.message,
    );
    return;
  }
  const p = detail.patient;
  const name = p.reference || 'No reference';
  say('#page-title', `${name} (${p.patientId})`);
  document.title = `${name} · ${document.title}`;
  say('#patient-status', '');
  const summary = [
    ['Patient id', p.patientId],
    ['Enrolled', `${when(p.enrolledAt)} (${p.source === 'invite' ? 'through an invite' : 'self-enrolled'})`],
    ['Status', statusText(p)],
    ['Plan day', p.planDay ? `${p.planDay.day} of ${p.planDay.of}` : '—'],
    ['Adherence, last 7 days', adherenceText(p.adherence7d)],
    ['Last pain', p.lastPain ? `${p.lastPain.pain} / 10, ${when(p.lastPain.at)}` : '—'],
    ['Last session', when(p.lastSessionAt)],
    ['Open alerts', String(p.openAlerts)],
  ];
  $('#summary').replaceChildren(
    ...summary.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]),
  );

  const refForm = $('#reference-form');
  refForm.reference.value = p.reference ?? '';
  refForm.hidden = !may('clinician');
  refForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('PUT', `/console/api/patients/${encodeURIComponent(p.patientId)}/reference`, {
        reference: refForm.reference.value,
      });
      say('#action-status', 'Reference saved.');
      await reload();
    } catch (error) {
      say('#action-status', error.message);
    }
  });

  const alerts = $('#patient-alerts');
  alerts.replaceChildren(
    ...(detail.alerts.length
      ? detail.alerts.map((a) =>
          alertItem(
            a,
            async (alert, button) => (await acknowledge(alert, button, '#action-status')) && (await reload()),
          ),
        )
      : [el('li', { text: 'No alerts.' })]),
  );

  const plan = detail.plan;
  if (plan) {
    $('#plan').replaceChildren(
      el('p', {
        text: `${day(plan.startDate)} to ${day(plan.endDate)}, sessions at ${plan.sessionTimes.join(', ')} (${plan.timeZone}).`,
      }),
      // Weak flags alone and a clinician's check (the patient's word, or the clinic's cleared invite).
      ...(plan.assessment && plan.assessment.safety
        ? [el('p', { class: 'safety-note', id: 'safety-note', text: plan.assessment.safety })]
        : []),
      el(
        'table',
        { class: 'data' },
        el('caption', { text: 'Movements and doses' }),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...['Movement', 'Dose', 'Pain when assessed'].map((h) => el('th', { scope: 'col', text: h })),
          ),
        ),
        el(
          'tbody',
          {},
          plan.movements.map((m) =>
            el(
              'tr',
              {},
              el('td', { text: m.name }),
              el('td', { text: m.dose }),
              el('td', { text: `${m.pain} / 10` }),
            ),
          ),
        ),
      ),
    );
    $('#progress').replaceChildren(
      ...(detail.progress.length
        ? progressChart(detail.progress)
        : [el('p', { text: 'The plan has not started yet.' })]),
    );
  } else {
    $('#plan').replaceChildren(el('p', { text: 'No plan.' }));
    $('#progress').replaceChildren(el('p', { text: 'No progress to show.' }));
  }

  const can = {
    pause: p.status === 'active',
    resume: p.status === 'paused',
    stop: p.status === 'active' || p.status === 'paused',
    'resend-code': p.status === 'pending_verification',
  };
  for (const button of document.querySelectorAll('#actions button[data-action]')) {
    const action = button.dataset.action;
    button.hidden = !may('clinician') || !can[action];
    button.addEventListener('click', async () => {
      if (
        action === 'stop' &&
        !window.confirm('Stop this plan for good? The patient gets no more reminders.')
      )
        return;
      button.disabled = true;
      try {
        const result = await api('POST', `/console/api/patients/${encodeURIComponent(p.patientId)}/actions`, {
          action,
        });
        say(
          '#action-status',
          `Done: ${action.replace('-', ' ')} (${STATUS_WORDS[result.status] ?? result.status}).`,
        );
        setTimeout(() => void reload(), 600);
      } catch (error) {
        say('#action-status', error.message);
        button.disabled = false;
      }
    });
  }
  const fhir = $('#export-fhir');
  fhir.hidden = !may('clinician');
  fhir.addEventListener('click', (e) => {
    e.preventDefault();
    download(
      `/console/api/patients/${encodeURIComponent(p.patientId)}/fhir`,
      `${p.patientId}.fhir.json`,
    ).catch((error) => say('#action-status', error.message));
  });
  const erase = $('#erase-form');
  erase.hidden = !may('admin');
  erase.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', `/console/api/patients/${encodeURIComponent(p.patientId)}/actions`, {
        action: 'erase',
        confirm: erase.confirm.value.trim(),
      });
      say('#action-status', 'The patient was erased.');
      setTimeout(() => void go('/console'), 800);
    } catch (error) {
      say('#action-status', error.message);
    }
  });

  timelineSection(p.patientId, detail.timeline, detail.timelineNext);
}

/**
 * The timeline for the whole plan, newest first: the first page comes with the patient, "Show
 * earlier" asks for the next one with the cursor (…/timeline?before=), until there is none. When
 * the last page is in, the button goes and the focus moves to the first entry it brought.
 */
function timelineSection(patientId, first, firstNext) {
  const list = $('#timeline');
  const earlier = $('#timeline-earlier');
  let next = firstNext;
  list.replaceChildren(...(first.length ? first.map(timelineItem) : [el('li', { text: 'Nothing yet.' })]));
  earlier.hidden = !next;
  earlier.addEventListener('click', async () => {
    earlier.disabled = true;
    say('#timeline-status', 'Loading earlier entries…');
    try {
      const page = await api(
        'GET',
        `/console/api/patients/${encodeURIComponent(patientId)}/timeline?${new URLSearchParams({ before: next })}`,
      );
      const items = page.timeline.map(timelineItem);
      list.append(...items);
      next = page.next;
      say(
        '#timeline-status',
        `${items.length} earlier entr${items.length === 1 ? 'y' : 'ies'} added${next ? '' : '; that is the start of the plan'}.`,
      );
      earlier.hidden = !next;
      if (!next && items[0]) {
        items[0].tabIndex = -1;
        items[0].focus();
      }
    } catch (error) {
      say('#timeline-status', error.message);
    } finally {
      earlier.disabled = false;
    }
  });
}

/** The inbox: open alerts most urgent first (red flag on top), a page at a time; the acknowledged below on request. */
async function alertsPage() {
  const all = $('#show-all');
  const more = $('#more-alerts');
  let open = [];
  let closed = [];
  let next = { open: null, acknowledged: null };
  const render = () => {
    const count = (n, key) => `${n}${next[key] ? '+' : ''}`;
    say(
      '#alerts-status',
      `${count(open.length, 'open')} open alert${open.length === 1 && !next.open ? '' : 's'}${all.checked ? `, ${count(closed.length, 'acknowledged')} acknowledged` : ''}.`,
    );
    $('#alerts').replaceChildren(
      ...[...open, ...(all.checked ? closed : [])].map((a) =>
        alertItem(a, async (alert, button) => {
          if (await acknowledge(alert, button, '#alerts-status')) await load();
        }),
      ),
    );
    more.hidden = !next.open && !(all.checked && next.acknowledged);
  };
  const page = async (state, cursor) => {
    const query = new URLSearchParams({ state, ...(cursor ? { cursor } : {}) });
    const answer = await api('GET', `/console/api/alerts?${query}`);
    next[state] = answer.next;
    return answer.alerts;
  };
  const load = async () => {
    next = { open: null, acknowledged: null };
    open = await page('open');
    closed = all.checked ? await page('acknowledged') : [];
    render();
  };
  more.addEventListener('click', async () => {
    if (next.open) open = [...open, ...(await page('open', next.open))];
    else if (all.checked && next.acknowledged)
      closed = [...closed, ...(await page('acknowledged', next.acknowledged))];
    render();
  });
  all.addEventListener('change', load);
  await load();
}

/** An invite: its link in full (and QR code) only when just made; masked in the list, with Withdraw. */
function inviteCard(invite, where, onRevoke) {
  const linkId = `${where}-link-${invite.inviteId}`;
  const withdraw = onRevoke
    ? el(
        'button',
        { type: 'button', class: 'small secondary' },
        'Withdraw invite',
        el('span', { class: 'visually-hidden', text: ` for ${invite.reference}` }),
      )
    : null;
  withdraw?.addEventListener('click', () => onRevoke(invite, withdraw));
  return el(
    'div',
    { class: 'invite' },
    el(
      'p',
      {},
      el('strong', { text: invite.reference }),
      ` · valid until ${when(invite.validUntil)} · ${invite.inviteId}`,
      invite.cleared ? ' · cleared by a clinician' : '',
    ),
    el('label', { for: linkId, text: invite.qr ? 'Invite link' : 'Invite link (shown once, when made)' }),
    el('input', { id: linkId, type: 'text', readonly: true, value: invite.link }),
    invite.qr
      ? el('img', {
          src: invite.qr,
          alt: `QR code of the invite link for ${invite.reference}`,
          class: 'qr',
          width: 180,
          height: 180,
        })
      : null,
    withdraw,
  );
}

async function invitesPage() {
  // A lost or mistaken link is withdrawn: the link then opens nothing.
  const revoke = async (invite, button) => {
    button.disabled = true;
    try {
      await api('POST', `/console/api/invites/${encodeURIComponent(invite.inviteId)}/revoke`);
      say('#invite-status', `Invite for ${invite.reference} withdrawn.`);
      await load();
    } catch (error) {
      say('#invite-status', error.message);
      button.disabled = false;
    }
  };
  const load = async () => {
    const { invites } = await api('GET', '/console/api/invites');
    $('#invites').replaceChildren(
      ...(invites.length
        ? invites.map((i) => el('li', {}, inviteCard(i, 'list', revoke)))
        : [el('li', { text: 'No invite waiting to be used.' })]),
    );
  };
  const form = $('#invite-form');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      // A cleared invite (a clinician checked the patient's back pain) is audited as such.
      const path = form.cleared.checked ? '/console/api/clearances' : '/console/api/invites';
      const invite = await api('POST', path, { reference: form.reference.value });
      const card = $('#invite-created');
      card.replaceChildren(
        el('h2', { text: 'New invite' }),
        el('p', { text: 'Give the patient this link or let them scan the code with their phone.' }),
        inviteCard(invite, 'new'),
      );
      card.hidden = false;
      form.reset();
      say('#invite-status', `Invite created for ${invite.reference}.`);
      await load();
    } catch (error) {
      say('#invite-status', error.message);
    }
  });
  await load();
}

async function auditPage() {
  const form = $('#audit-form');
  const load = async (month) => {
    // Filters: a kind (actions, reads, refusals), a patient id, a person; empty ones are left out.
    const query = new URLSearchParams();
    if (month) query.set('month', month);
    for (const name of ['kind', 'patientId', 'by']) {
      const value = form[name].value.trim();
      if (value) query.set(name, value);
    }
    const result = await api('GET', `/console/api/audit${query.size ? `?${query}` : ''}`);
    form.month.value = result.month;
    $('#audit tbody').replaceChildren(
      ...result.entries.map((e) =>
        el(
          'tr',
          {},
          el('td', { text: when(e.at) }),
          el('td', { text: e.by }),
          el('td', { text: e.action.replaceAll('-', ' ') }),
          el('td', {}, e.patientId ? el('span', { class: 'id', text: e.patientId }) : '—'),
          el('td', { text: e.detail ?? '' }),
        ),
      ),
    );
    say('#audit-status', `${result.entries.length} entries in ${result.month}.`);
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    load(form.month.value).catch((error) => say('#audit-status', error.message));
  });
  await load();
}

const PAGES = {
  patients: patientsPage,
  patient: patientPage,
  alerts: alertsPage,
  invites: invitesPage,
  audit: auditPage,
};

async function showPage(page) {
  await header();
  await PAGES[page]?.();
}

/** A page's work: a 401 has sent the browser to the sign-in; any other error is said on the page. */
async function run(work) {
  try {
    await work;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    const status = document.querySelector('main .status');
    if (status) status.textContent = error.message || 'Something went wrong.';
  }
}

async function main() {
  if (PAGE === 'callback') return finishSignIn();
  if (sessionStorage.getItem('console.signedOut')) return showSignedOut();
  if (!currentSession()) return signIn();
  startSession();
  await showPage(PAGE);
}

void run(main());
