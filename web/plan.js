// The plan page's one behaviour: the Done button logs this session (POST /p/{token}/done), like a
// DONE text. The page reads fine without it; the button only shows when this script runs.

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
