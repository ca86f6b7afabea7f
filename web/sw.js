// Service worker for Web Push reminders. The sender posts JSON `{ title, body, url }` (plain text is
// shown as the body). A tap on the notification opens `url`, the patient's plan page (a path on this
// origin), or the form's page when there is none.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let title = 'Rehab reminder';
  let body = '';
  let url = '/';
  if (event.data) {
    try {
      const data = event.data.json();
      title = typeof data.title === 'string' ? data.title : title;
      body = typeof data.body === 'string' ? data.body : '';
      url = sameOriginPath(data.url);
    } catch {
      body = event.data.text();
    }
  }
  event.waitUntil(
    self.registration.showNotification(title, {
      body,
      icon: '/icon.svg',
      tag: 'rehab-reminder',
      data: { url },
    }),
  );
});

/** Only a page of this origin opens from a notification. */
function sameOriginPath(value) {
  try {
    const url = new URL(String(value), self.location.origin);
    return url.origin === self.location.origin ? url.pathname : '/';
  } catch {
    return '/';
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = (event.notification.data && event.notification.data.url) || '/';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === target);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});
