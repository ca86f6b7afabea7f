/**
 * The clinic console's pages: server-rendered shells (the navigation, the headings, the empty
 * tables and forms) that hold no patient data. Their one script (web/console/console.js) signs the
 * user in with the authorization code flow and PKCE, then fills them from the console API with the
 * access token. Like the form: no inline script or style, a strict CSP with Trusted Types (the
 * script writes text nodes only), no framing, no referrer, never cached.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { escapeHtml, PAGE_PERMISSIONS } from '../intake/page.ts';

export interface ConsolePageOptions {
  appName: string;
  /** The sign-in service's base URL: the Cognito domain (…amazoncognito.com), or the local stand-in. */
  authUrl: string;
  /** The console's app client id. */
  clientId: string;
  /**
   * Where the script renews its tokens: Cognito's user pool API (InitiateAuth, REFRESH_TOKEN_AUTH;
   * https://cognito-idp.<region>.amazonaws.com/), or the local stand-in. @default none: no renewal,
   * staff sign in again when the access token runs out
   */
  idpUrl?: string;
}

/** The console's pages in the nav, with the least role that can use each (the script hides the rest). */
const NAV = [
  ['/console', 'patients', 'Patients', 'viewer'],
  ['/console/alerts', 'alerts', 'Alerts', 'viewer'],
  ['/console/invites', 'invites', 'Invites', 'clinician'],
  ['/console/audit', 'audit', 'Audit log', 'clinician'],
] as const;

const STATUS_OPTIONS = [
  ['', 'Any status'],
  ['active', 'Active'],
  ['paused', 'Paused'],
  ['pending_verification', 'Waiting for code'],
  ['stopped', 'Stopped'],
  ['completed', 'Completed'],
  ['replaced', 'Replaced'],
] as const;

const options = (list: readonly (readonly [string, string])[]) =>
  list.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');

const MAIN: Record<string, { title: string; body: string }> = {
  patients: {
    title: 'Patients',
    body: `
<h1 id="page-title">Patients</h1>
<form id="filters" class="filters" role="search" aria-label="Filter patients">
  <div class="field"><label for="q">Reference or patient id</label><input id="q" name="q" type="search" autocomplete="off" /></div>
  <div class="field"><label for="status">Status</label><select id="status" name="status">${options(STATUS_OPTIONS)}</select></div>
  <div class="field check"><input id="alerts-only" name="alertsOnly" type="checkbox" /><label for="alerts-only">Only patients with open alerts</label></div>
</form>
<p id="list-status" class="status" role="status" aria-live="polite">Loading patients…</p>
<div class="table-wrap" role="region" aria-label="Patients table" tabindex="0">
<table id="patients" class="data cards">
  <caption class="visually-hidden">Patients, one a row, most urgent first</caption>
  <thead><tr>
    <th scope="col">Patient</th><th scope="col">Open alerts</th><th scope="col">Status</th><th scope="col">Plan day</th>
    <th scope="col">Adherence (7 days)</th><th scope="col">Last pain</th>
  </tr></thead>
  <tbody></tbody>
</table>
</div>
<p><button type="button" id="more-patients" class="secondary" hidden>Show more patients</button></p>
<p><a id="export-csv" class="button secondary" href="/console/api/export/patients.csv" data-download="patients.csv">Export all as CSV</a></p>`,
  },
  patient: {
    title: 'Patient',
    body: `
<p><a href="/console">← All patients</a></p>
<h1 id="page-title">Patient</h1>
<p id="patient-status" class="status" role="status" aria-live="polite">Loading…</p>
<section aria-labelledby="summary-title"><h2 id="summary-title">Summary</h2><dl id="summary" class="summary"></dl></section>
<section aria-labelledby="reference-title"><h2 id="reference-title">Clinic reference</h2>
  <form id="reference-form" class="inline-form">
    <div class="field"><label for="reference">Name or record number</label><input id="reference" name="reference" maxlength="80" autocomplete="off" /></div>
    <button type="submit">Save reference</button>
  </form>
</section>
<section aria-labelledby="alerts-title"><h2 id="alerts-title">Alerts</h2><ul id="patient-alerts" class="alerts"></ul></section>
<section aria-labelledby="plan-title"><h2 id="plan-title">Plan</h2><div id="plan"></div></section>
<section aria-labelledby="progress-title"><h2 id="progress-title">Progress</h2><div id="progress"></div></section>
<section aria-labelledby="actions-title"><h2 id="actions-title">Actions</h2>
  <div class="actions" id="actions">
    <button type="button" data-action="pause">Pause reminders</button>
    <button type="button" data-action="resume">Resume reminders</button>
    <button type="button" data-action="stop" class="danger">Stop the plan</button>
    <button type="button" data-action="resend-code">Resend the code</button>
    <a id="export-fhir" class="button secondary" href="#" data-download="patient.fhir.json">Export FHIR R4 (JSON)</a>
  </div>
  <form id="erase-form" class="erase">
    <h3>Erase this patient</h3>
    <p id="erase-help">Deletes every record of the patient (plans, replies, alerts, reference) for good. The audit log keeps that it was done. Type the patient's id to confirm.</p>
    <div class="field"><label for="erase-confirm">Patient id</label><input id="erase-confirm" name="confirm" autocomplete="off" aria-describedby="erase-help" /></div>
    <button type="submit" class="danger">Erase the patient</button>
  </form>
  <p id="action-status" class="status" role="status" aria-live="polite"></p>
</section>
<section aria-labelledby="timeline-title"><h2 id="timeline-title">Timeline</h2><p class="note">Newest first, for the whole plan.</p><ol id="timeline" class="timeline"></ol>
  <p id="timeline-status" class="status" role="status" aria-live="polite"></p>
  <p><button type="button" id="timeline-earlier" class="secondary" hidden>Show earlier</button></p>
</section>`,
  },
  alerts: {
    title: 'Alerts',
    body: `
<h1 id="page-title">Alerts</h1>
<div class="field check"><input id="show-all" type="checkbox" /><label for="show-all">Show acknowledged alerts too</label></div>
<p id="alerts-status" class="status" role="status" aria-live="polite">Loading alerts…</p>
<ul id="alerts" class="alerts"></ul>
<p><button type="button" id="more-alerts" class="secondary" hidden>Show more alerts</button></p>`,
  },
  invites: {
    title: 'Invites',
    body: `
<h1 id="page-title">Invites</h1>
<p>An invite is a link for one patient: they open it on their phone and fill the form in, and they appear under your reference. The reference is stored encrypted.</p>
<form id="invite-form" class="inline-form">
  <div class="field"><label for="invite-reference">Patient's name or record number</label><input id="invite-reference" name="reference" maxlength="80" required autocomplete="off" /></div>
  <div class="field check"><input type="checkbox" id="invite-cleared" name="cleared" aria-describedby="invite-cleared-hint" /><label for="invite-cleared">A clinician has checked this patient's back pain</label></div>
  <p id="invite-cleared-hint" class="note">Cleared: their age with new pain, osteoporosis or long steroid use, or a past cancer alone will not stop their plan; any other warning sign still does. Recorded in the audit log and on their plan.</p>
  <button type="submit">Create invite</button>
</form>
<p id="invite-status" class="status" role="status" aria-live="polite"></p>
<div id="invite-created" class="invite-card" hidden></div>
<h2>Invites not used yet</h2>
<ul id="invites" class="invites"></ul>`,
  },
  audit: {
    title: 'Audit log',
    body: `
<h1 id="page-title">Audit log</h1>
<form id="audit-form" class="inline-form"><div class="field"><label for="month">Month</label><input id="month" name="month" type="month" /></div><div class="field"><label for="audit-kind">Show</label><select id="audit-kind" name="kind"><option value="">Everything</option><option value="changes">Actions</option><option value="reads">Reads and exports</option><option value="denied">Refused requests</option></select></div><div class="field"><label for="audit-patient">Patient id</label><input id="audit-patient" name="patientId" type="text" placeholder="P-…" autocomplete="off" /></div><div class="field"><label for="audit-by">Who</label><input id="audit-by" name="by" type="text" autocomplete="off" /></div><button type="submit">Show</button></form>
<p id="audit-status" class="status" role="status" aria-live="polite">Loading…</p>
<div class="table-wrap" role="region" aria-label="Audit log table" tabindex="0">
<table id="audit" class="data">
  <caption class="visually-hidden">Who did what, and when</caption>
  <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Patient</th><th scope="col">Detail</th></tr></thead>
  <tbody></tbody>
</table>
</div>`,
  },
  callback: {
    title: 'Signing in',
    body: `<h1 id="page-title">Signing in</h1><p id="callback-status" class="status" role="status" aria-live="polite">Signing you in…</p>`,
  },
  'invite-not-found': {
    title: 'Invite link not valid',
    body: `
<h1 id="page-title">This invite link is not valid any more</h1>
<p>It was used already, or it has expired. Ask your clinic for a new link, or <a href="/">take the assessment</a> without one.</p>`,
  },
};

/**
 * The CSP: this origin's files only, the sign-in service for the token request (and Cognito's user
 * pool API for the renewal), QR codes as data:
 * images, no inline anything, Trusted Types with no policy at all (the script writes text only).
 */
export function consoleCsp(authUrl: string, idpUrl?: string): string {
  const origins = [...new Set([authUrl, ...(idpUrl ? [idpUrl] : [])].map((u) => new URL(u).origin))];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${origins.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

const PAGE_HEADERS = {
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'permissions-policy': PAGE_PERMISSIONS,
};

function layout(name: string, options: ConsolePageOptions): string {
  const main = MAIN[name]!;
  const staffPage = name !== 'invite-not-found';
  const nav = staffPage
    ? `<nav aria-label="Console"><ul class="nav">${NAV.map(
        ([href, page, label, needs]) =>
          `<li${needs === 'viewer' ? '' : ` data-needs="${needs}"`}><a href="${href}"${page === name || (name === 'patient' && page === 'patients') ? ' aria-current="page"' : ''}>${label}</a></li>`,
      ).join('')}</ul></nav>
<div class="who"><span id="who" aria-live="polite"></span> <button type="button" id="sign-out" class="link" hidden>Sign out</button></div>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(main.title)} · ${escapeHtml(options.appName)} clinic console</title>
<link rel="stylesheet" href="/console/console.css" />
${staffPage ? '<script type="module" src="/console/console.js"></script>' : ''}
</head>
<body data-page="${name}" data-auth-url="${escapeHtml(options.authUrl)}" data-client-id="${escapeHtml(options.clientId)}"${options.idpUrl ? ` data-idp-url="${escapeHtml(options.idpUrl)}"` : ''}>
<a class="skip-link" href="#main">Skip to content</a>
<header class="console-header">
<p class="brand">${escapeHtml(options.appName)} <span>clinic console</span></p>
${nav}
</header>
<main id="main" tabindex="-1">${main.body}
</main>
</body>
</html>
`;
}

/**
 * The pages, rendered once per container. Their script and style sheet (/console/console.js and
 * .css) are static files: S3 behind the distribution, the local stack's static server (issue 31);
 * no byte of them is in the function.
 */
export function consolePages(options: ConsolePageOptions) {
  const csp = consoleCsp(options.authUrl, options.idpUrl);
  const html = new Map(Object.keys(MAIN).map((name) => [name, layout(name, options)]));
  return {
    render(name: string): APIGatewayProxyStructuredResultV2 {
      const body = html.get(name);
      if (!body) throw new Error(`no console page ${name}`);
      return {
        statusCode: 200,
        headers: {
          ...PAGE_HEADERS,
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': csp,
        },
        body,
      };
    },
  };
}
