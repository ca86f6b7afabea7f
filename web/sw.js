// Service worker for Web Push reminders. The sender posts JSON `{ title, body }` (plain text is shown
// as the body). A tap on the notification opens the form's page.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let title = 'Rehab reminder';
  let body = '';
  if (event.data) {
    try {
      const data = event.data.json();
      title = typeof data.title === 'string' ? data.title : title;
      body = typeof data.body === 'string' ? data.body : '';
    } catch {
      body = event.data.text();
    }
  }
  event.waitUntil(
    self.registration.showNotification(title, { body, icon: '/icon.svg', tag: 'rehab-reminder' }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === '/');
      return open ? open.focus() : self.clients.openWindow('/');
    }),
  );
});
