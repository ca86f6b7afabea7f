// The clinic console's one script. It signs staff in with the authorization code flow and PKCE
// (Cognito's managed login in AWS; the local stack's dev sign-in behind `npm start`, at the same
// paths), keeps the access token in this tab's sessionStorage only, and fills the page from the
// console API. It writes text nodes only (the page's CSP requires Trusted Types with no policy).

const body = document.body;
const PAGE = body.dataset.page;
const AUTH = body.dataset.authUrl;
const CLIENT_ID = body.dataset.clientId;
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
  sessionStorage.setItem(
    'console.session',
    JSON.stringify({ accessToken: tokens.access_token, expiresAt: Date.now() + tokens.expires_in * 1000 }),
  );
  location.replace(saved.back && saved.back.startsWith('/console') ? saved.back : '/console');
}

function currentSession() {
  const session = JSON.parse(sessionStorage.getItem('console.session') || 'null');
  // A token about to expire is not used: sign in again (the sign-in's own session makes it quick).
  return session && session.expiresAt > Date.now() + 30_000 ? session : null;
}

function signOut() {
  sessionStorage.clear();
  const url = new URL(`${AUTH}/logout`);
  url.search = new URLSearchParams({ client_id: CLIENT_ID, logout_uri: SIGNED_OUT }).toString();
  location.assign(url.href);
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, payload) {
  const session = currentSession();
  if (!session) {
    await signIn();
    throw new ApiError(401, 'Signing in…');
  }
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${session.accessToken}`,
      ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload !== undefined ? { body: JSON.stringify(payload) } : {}),
  });
  if (response.status === 401) {
    sessionStorage.removeItem('console.session');
    await signIn();
    throw new ApiError(401, 'Signing in…');
  }
  const type = response.headers.get('content-type') || '';
  const data = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok)
    throw new ApiError(response.status, data?.error?.message ?? `The request failed (${response.status}).`);
  return data;
}

/** Downloads what a route answers (CSV, FHIR JSON) with the token, as a file. */
async function download(path, filename) {
  const session = currentSession();
  if (!session) return signIn();
  const response = await fetch(path, { headers: { authorization: `Bearer ${session.accessToken}` } });
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

async function header() {
  const me = await api('GET', '/console/api/me');
  role = me.role;
  say('#who', `${me.username} (${me.role})`);
  const out = $('#sign-out');
  out.hidden = false;
  out.addEventListener('click', signOut);
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

async function patientsPage() {
  const { patients } = await api('GET', '/console/api/patients');
  const form = $('#filters');
  const tbody = $('#patients tbody');
  const sorters = {
    alerts: (a, b) => b.openAlerts - a.openAlerts,
    pain: (a, b) => (b.lastPain?.pain ?? -1) - (a.lastPain?.pain ?? -1),
    adherence: (a, b) => (a.adherence7d?.ratio ?? 2) - (b.adherence7d?.ratio ?? 2),
    enrolled: (a, b) => (a.enrolledAt < b.enrolledAt ? 1 : -1),
    reference: (a, b) => (a.reference ?? '~').localeCompare(b.reference ?? '~'),
  };
  const render = () => {
    const q = form.q.value.trim().toLowerCase();
    const status = form.status.value;
    const rows = patients
      .filter((p) => !q || `${p.reference ?? ''} ${p.patientId}`.toLowerCase().includes(q))
      .filter((p) => !status || p.status === status)
      .filter((p) => !form.alertsOnly.checked || p.openAlerts > 0)
      .sort(sorters[form.sort.value] ?? sorters.alerts);
    tbody.replaceChildren(
      ...rows.map((p) =>
        el(
          'tr',
          {},
          el(
            'td',
            {},
            patientLink(p.patientId, p.reference),
            p.source === 'self' ? el('span', { class: 'tag', text: 'self-enrolled' }) : null,
          ),
          el('td', { text: statusText(p) }),
          el('td', { text: p.planDay ? `${p.planDay.day} of ${p.planDay.of}` : '—' }),
          el('td', { text: adherenceText(p.adherence7d) }),
          el('td', { text: p.lastPain ? `${p.lastPain.pain} / 10, ${when(p.lastPain.at)}` : '—' }),
          el('td', { class: p.openAlerts ? 'alerting' : '', text: String(p.openAlerts) }),
        ),
      ),
    );
    say('#list-status', `${rows.length} of ${patients.length} patients shown.`);
  };
  form.addEventListener('input', render);
  form.addEventListener('submit', (e) => e.preventDefault());
  render();
  const csv = $('#export-csv');
  csv.hidden = !may('clinician');
  csv.addEventListener('click', (e) => {
    e.preventDefault();
    download(
      '/console/api/export/patients.csv',
      `patients-${new Date().toISOString().slice(0, 10)}.csv`,
    ).catch((error) => say('#list-status', error.message));
  });
}

/** The progress chart: sessions done per day (bars) and the day's pain (dots), with its data as a table. */
function progressChart(days) {
  const ns = 'http://www.w3.org/2000/svg';
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    return node;
  };
  const width = Math.max(320, days.length * 36 + 40);
  const height = 180;
  const svg = svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', role: 'img' });
  const done = days.reduce((n, d) => n + d.done, 0);
  const due = days.reduce((n, d) => n + d.expected, 0);
  const pains = days.filter((d) => d.pain !== null).map((d) => d.pain);
  const label = `${days.length} days: ${done} of ${due} sessions done${pains.length ? `; pain from ${Math.min(...pains)} to ${Math.max(...pains)} out of 10, last ${pains.at(-1)}` : '; no pain score yet'}.`;
  svg.setAttribute('aria-label', label);
  svg.append(svgEl('line', { x1: 30, y1: 150, x2: width - 5, y2: 150, class: 'axis' }));
  days.forEach((d, i) => {
    const x = 36 + i * 36;
    const h = d.expected ? (d.done / 3) * 120 : 0;
    svg.append(svgEl('rect', { x, y: 150 - h, width: 22, height: h, class: 'bar' }));
    const t = svgEl('text', { x: x + 11, y: 168, class: 'tick', 'text-anchor': 'middle' });
    t.textContent = String(d.day);
    svg.append(t);
    if (d.pain !== null)
      svg.append(svgEl('circle', { cx: x + 11, cy: 150 - d.pain * 12, r: 5, class: 'pain' }));
  });
  const legend = el('p', {
    class: 'legend',
    text: 'Bars: sessions done (of 3) each plan day. Dots: the day’s highest pain (0–10).',
  });
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
        ...['Day', 'Date', 'Sessions done', 'Pain'].map((h) => el('th', { scope: 'col', text: h })),
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
          el('td', { text: `${d.done} of ${d.expected}` }),
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
      location.reload();
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
            async (alert, button) =>
              (await acknowledge(alert, button, '#action-status')) && location.reload(),
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
        setTimeout(() => location.reload(), 600);
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
      setTimeout(() => location.assign('/console'), 800);
    } catch (error) {
      say('#action-status', error.message);
    }
  });

  $('#timeline').replaceChildren(
    ...(detail.timeline.length ? detail.timeline.map(timelineItem) : [el('li', { text: 'Nothing yet.' })]),
  );
}

async function alertsPage() {
  const all = $('#show-all');
  const load = async () => {
    const { alerts } = await api('GET', `/console/api/alerts${all.checked ? '?state=all' : ''}`);
    const open = alerts.filter((a) => a.state === 'open').length;
    say(
      '#alerts-status',
      `${open} open alert${open === 1 ? '' : 's'}${all.checked ? `, ${alerts.length - open} acknowledged` : ''}.`,
    );
    $('#alerts').replaceChildren(
      ...alerts.map((a) =>
        alertItem(a, async (alert, button) => {
          if (await acknowledge(alert, button, '#alerts-status')) await load();
        }),
      ),
    );
  };
  all.addEventListener('change', load);
  await load();
}

function inviteCard(invite, where) {
  const linkId = `${where}-link-${invite.inviteId}`;
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
    el('label', { for: linkId, text: 'Invite link' }),
    el('input', { id: linkId, type: 'text', readonly: true, value: invite.link }),
    el('img', {
      src: invite.qr,
      alt: `QR code of the invite link for ${invite.reference}`,
      class: 'qr',
      width: 180,
      height: 180,
    }),
  );
}

async function invitesPage() {
  const load = async () => {
    const { invites } = await api('GET', '/console/api/invites');
    $('#invites').replaceChildren(
      ...(invites.length
        ? invites.map((i) => el('li', {}, inviteCard(i, 'list')))
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

async function main() {
  if (PAGE === 'callback') return finishSignIn();
  if (!currentSession()) return signIn();
  await header();
  await PAGES[PAGE]?.();
}

main().catch((error) => {
  if (error instanceof ApiError && error.status === 401) return;
  const status = document.querySelector('main .status');
  if (status) status.textContent = error.message || 'Something went wrong.';
});
