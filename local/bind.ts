/**
 * Where `npm start` listens: this machine only (127.0.0.1) unless HOST says otherwise. The local
 * stack has a dev sign-in that hands out admin tokens with no password, an outbox with every code
 * and plan link, routes that text as a patient and move the clock, and DynamoDB Local with phones in
 * clear: nothing to offer the network a laptop is on.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export const DEFAULT_HOST = '127.0.0.1';

export function bindAddress(env: Record<string, string | undefined>): { host: string; warning?: string } {
  const host = env.HOST?.trim() || DEFAULT_HOST;
  if (LOOPBACK_HOSTS.has(host)) return { host };
  return {
    host,
    warning: [
      `WARNING: HOST=${host}: the local stack listens beyond this machine.`,
      'Anyone who reaches this address can use the dev sign-in (admin tokens, no password), read',
      '/dev/outbox (every verification code and plan link), text as any patient (/dev/inbound-sms) and',
      'move the clock (/dev/clock). Use it only on a network you trust, and never with real numbers.',
    ].join('\n'),
  };
}
