// The plan page's two behaviours: the Done button logs this session (POST /p/{token}/done), like a
// DONE text, and "How is your back today?" logs a pain score with one tap (POST /p/{token}/pain),
// like a PAIN text. The page reads fine without this script; the buttons only show when it runs.

const button = document.getElementById('done-button');
const status = document.getElementById('done-status');

function say(message) {
  status.textContent = message;
}

async function markDone() {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(button.dataset.doneUrl, { method: 'POST' });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      say((body && body.error && body.error.message) || 'That did not work. Please try again.');
      button.disabled = false;
      return;
    }
    say(
      body.recorded
        ? `Session ${body.session} of ${body.sessionsPerDay} is logged. Well done!`
        : `Session ${body.session} of ${body.sessionsPerDay} was logged already. Well done!`,
    );
    button.hidden = true;
  } catch {
    say('Could not reach the service. Check your connection and try again.');
    button.disabled = false;
  } finally {
    button.removeAttribute('aria-busy');
  }
}

if (button) {
  button.hidden = false;
  button.addEventListener('click', markDone);
  document.documentElement.classList.add('js');
}

const scale = document.getElementById('pain-scale');
const painStatus = document.getElementById('checkin-status');
const advice = document.getElementById('pain-advice');

// Not `disabled` while waiting: that would take the keyboard focus off the button just pressed.
let checkingIn = false;

async function checkIn(pressed) {
  const buttons = [...scale.querySelectorAll('button')];
  checkingIn = true;
  scale.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(scale.dataset.painUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pain: Number(pressed.value) }),
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      painStatus.textContent =
        (body && body.error && body.error.message) || 'That did not work. Please try again.';
      return;
    }
    for (const b of buttons) b.setAttribute('aria-pressed', String(b === pressed));
    painStatus.textContent = body.message;
    if (body.advice) {
      // Pain of 8 or more: the plan is paused, as a PAIN text pauses it; no more Done today.
      advice.textContent = body.advice;
      advice.hidden = false;
      if (button) button.hidden = true;
    }
  } catch {
    painStatus.textContent = 'Could not reach the service. Check your connection and try again.';
  } finally {
    checkingIn = false;
    scale.removeAttribute('aria-busy');
  }
}

if (scale) {
  scale.hidden = false;
  scale.addEventListener('click', (event) => {
    const pressed = event.target.closest('button');
    if (pressed && !checkingIn) checkIn(pressed);
  });
}
