/**
 * The dev page (GET /dev) of the local stack: the outbox (newest first), the dev clock with buttons
 * to move it on, and a form to send an inbound SMS. Plain HTML, CSS and script served from the
 * local server itself (no external resources, a strict CSP); it only calls the dev routes.
 */

export const DEV_PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const DEV_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local dev: outbox and clock</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dev/style.css">
<script type="module" src="/dev/app.js"></script>
</head>
<body>
<header>
  <h1>Rehab reminders: local dev</h1>
  <p>Everything here runs on this machine. <a href="/">Open the form</a> ·
  <a href="/dev/outbox">outbox JSON</a> · <a href="/dev/schedules">schedules JSON</a></p>
</header>
<main>
  <section aria-labelledby="clock-title">
    <h2 id="clock-title">Dev clock</h2>
    <p class="now"><time id="now">…</time> <span id="now-local"></span></p>
    <p id="next-due"></p>
    <div class="buttons">
      <button type="button" data-minutes="60">+1 hour</button>
      <button type="button" data-minutes="360">+6 hours</button>
      <button type="button" data-minutes="1440">+1 day</button>
      <button type="button" data-minutes="10080">+1 week</button>
    </div>
    <form id="to-form">
      <label for="to">Move to (ISO instant)</label>
      <input id="to" name="to" type="text" placeholder="2027-03-13T10:00:00Z" autocomplete="off">
      <button type="submit">Move</button>
    </form>
    <p id="clock-status" role="status" aria-live="polite"></p>
  </section>
  <section aria-labelledby="sms-title">
    <h2 id="sms-title">Reply by text</h2>
    <form id="sms-form">
      <label for="from">From (E.164)</label>
      <input id="from" name="from" type="tel" list="phones" placeholder="+14155550142" required autocomplete="off">
      <datalist id="phones"></datalist>
      <label for="body">Text</label>
      <input id="body" name="body" type="text" placeholder="Done, pain 2 · stop pls · START · who is this" required autocomplete="off">
      <button type="submit">Send</button>
    </form>
    <p id="sms-status" role="status" aria-live="polite"></p>
  </section>
  <section aria-labelledby="outbox-title">
    <h2 id="outbox-title">Outbox <span id="count"></span></h2>
    <p class="hint">Every text and push the local stack "sent", newest first; times are dev-clock instants.</p>
    <ol id="outbox" reversed></ol>
  </section>
</main>
</body>
</html>
`;

export const DEV_PAGE_CSS = `
:root { font-family: system-ui, sans-serif; line-height: 1.4; color: #1a1a1a; background: #fafafa; }
body { max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 1.5rem; }
section { background: #fff; border: 1px solid #ddd; border-radius: .5rem; padding: .5rem 1rem 1rem; margin: 1rem 0; }
.now { font-size: 1.3rem; font-variant-numeric: tabular-nums; }
.buttons, form { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin: .5rem 0; }
button { font: inherit; padding: .4rem .8rem; border-radius: .4rem; border: 1px solid #335; background: #246; color: #fff; cursor: pointer; }
button:disabled { opacity: .6; cursor: wait; }
input { font: inherit; padding: .35rem .5rem; border: 1px solid #888; border-radius: .3rem; min-width: 14rem; }
#outbox { list-style: none; padding: 0; }
#outbox li { border-top: 1px solid #eee; padding: .5rem 0; }
#outbox .meta { font-size: .85rem; color: #555; font-variant-numeric: tabular-nums; }
#outbox .kind { font-weight: 600; color: #246; }
#outbox .body { white-space: pre-wrap; margin: .25rem 0 0; }
.hint { color: #555; font-size: .9rem; }
.error { color: #a00; }
`;

export const DEV_PAGE_JS = `
const $ = (id) => document.getElementById(id);
let lastCount = -1;

function local(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data?.error?.message ?? 'HTTP ' + response.status);
  return data;
}

function showClock(clock) {
  $('now').textContent = clock.now;
  $('now').dateTime = clock.now;
  $('now-local').textContent = '(' + local(clock.now) + ' here)';
  $('next-due').textContent = clock.nextDue ? 'Next due: ' + clock.nextDue : 'Nothing scheduled.';
}

function showOutbox(entries) {
  if (entries.length === lastCount) return;
  lastCount = entries.length;
  $('count').textContent = '(' + entries.length + ')';
  const list = $('outbox');
  list.replaceChildren();
  const phones = new Set();
  for (const entry of [...entries].reverse()) {
    if (entry.channel === 'sms') phones.add(entry.to);
    const item = document.createElement('li');
    const meta = document.createElement('div');
    meta.className = 'meta';
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.textContent = entry.kind + ' ' + entry.channel;
    meta.append(kind, ' to ' + entry.to + ' at ' + entry.sentAt + ' (' + local(entry.sentAt) + ')');
    const body = document.createElement('p');
    body.className = 'body';
    body.textContent = (entry.title ? entry.title + ': ' : '') + entry.body;
    item.append(meta, body);
    // The patient's plan page, from a text's link or a push's tap target: follow the journey here.
    const page = entry.url || (/(\\S+\\/p\\/[A-Za-z0-9_-]{22})$/.exec(entry.body) || [])[1];
    if (page) {
      const link = document.createElement('a');
      link.href = page;
      link.textContent = 'Open the plan page';
      item.append(link);
    }
    list.append(item);
  }
  const datalist = $('phones');
  datalist.replaceChildren(...[...phones].map((p) => Object.assign(document.createElement('option'), { value: p })));
  if (!$('from').value && phones.size) $('from').value = [...phones][0];
}

async function refresh() {
  try {
    const [clock, entries] = await Promise.all([api('GET', '/dev/clock'), api('GET', '/dev/outbox')]);
    showClock(clock);
    showOutbox(entries);
  } catch (error) {
    $('clock-status').textContent = 'Cannot reach the local stack: ' + error.message;
  }
}

async function move(body) {
  const buttons = document.querySelectorAll('button');
  buttons.forEach((b) => (b.disabled = true));
  $('clock-status').className = '';
  $('clock-status').textContent = 'Moving the clock and delivering what falls due ...';
  try {
    const before = (await api('GET', '/dev/outbox')).length;
    const { now } = await api('POST', '/dev/clock', body);
    const after = (await api('GET', '/dev/outbox')).length;
    await refresh();
    $('clock-status').textContent = 'Now ' + now + '; ' + (after - before) + ' new message(s).';
  } catch (error) {
    $('clock-status').className = 'error';
    $('clock-status').textContent = error.message;
  } finally {
    buttons.forEach((b) => (b.disabled = false));
  }
}

document.querySelectorAll('[data-minutes]').forEach((button) =>
  button.addEventListener('click', () => move({ advanceMinutes: Number(button.dataset.minutes) })),
);
$('to-form').addEventListener('submit', (event) => {
  event.preventDefault();
  move({ to: $('to').value.trim() });
});
$('sms-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('sms-status').className = '';
  try {
    const result = await api('POST', '/dev/inbound-sms', { from: $('from').value.trim(), body: $('body').value });
    await refresh();
    $('sms-status').textContent = result.replies.length
      ? 'Answered: ' + result.replies.map((r) => r.body).join(' / ')
      : 'Received; no answer was sent.';
    $('body').value = '';
  } catch (error) {
    $('sms-status').className = 'error';
    $('sms-status').textContent = error.message;
  }
});

refresh();
setInterval(refresh, 2000);
`;
