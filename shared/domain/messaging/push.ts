import { ECDH } from 'node:crypto';

/**
 * What a Web Push subscription may be (pure). The sender makes an HTTPS request to the endpoint a
 * browser handed the form, so an endpoint is accepted only on the push services browsers use: no
 * IP literals, no other port than 443, no internal host names (no request to 169.254.169.254, to
 * localhost or inside a VPC on a stranger's behalf). Hosts, from what browsers subscribe to:
 * Chrome, Opera, Samsung Internet and Brave → FCM; Firefox → Mozilla autopush; Safari (macOS 13+,
 * iOS 16.4+) → Apple; Edge on Windows → Windows Push Notification Services (wns2-….notify.windows.com).
 */
export const PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
];
/** Hosts under these domains (one or more labels in front) are push services too. */
export const PUSH_SERVICE_DOMAINS = ['.push.services.mozilla.com', '.notify.windows.com'];

const HOST_LIST = [...PUSH_SERVICE_HOSTS, ...PUSH_SERVICE_DOMAINS.map((d) => `*${d}`)].join(', ');
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

function knownPushHost(host: string): boolean {
  return (
    PUSH_SERVICE_HOSTS.includes(host) ||
    PUSH_SERVICE_DOMAINS.some(
      (d) => host.endsWith(d) && /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host.slice(0, -d.length)),
    )
  );
}

/**
 * Why `endpoint` is not a push service's URL, as the end of a sentence; undefined when it is one.
 *
 * One parser decides: WHATWG `URL`. An endpoint is taken only in its normal form (`url.href`, as a
 * browser's PushSubscription gives it), so the string stored and handed to web-push is the one this
 * check read. Otherwise a lenient spelling such as `https:/@fcm.googleapis.com/x` passes here while
 * the legacy `url.parse` inside web-push 3.6.7 reads no host from it and requests localhost.
 */
export function pushEndpointProblem(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'must be the https URL of a push service';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  // The URL parser leaves the port empty when it is https's own (443).
  if (url.port !== '') return 'must use port 443';
  const host = url.hostname;
  if (host.startsWith('[') || /^[\d.]+$/.test(host))
    return "must be a push service's host name, not an IP address";
  if (!knownPushHost(host)) return `must be on a known push service (${HOST_LIST})`;
  if (url.href !== endpoint) return `must be a URL in its normal form, as the browser gives it (${url.href})`;
  return undefined;
}

function decoded(value: string): Buffer | undefined {
  return BASE64URL.test(value) ? Buffer.from(value, 'base64url') : undefined;
}

/** Why `p256dh` is not a P-256 public key (65-byte uncompressed point, base64url); undefined when it is. */
export function p256dhProblem(p256dh: string): string | undefined {
  const bytes = decoded(p256dh);
  const problem = "must be the browser's P-256 public key: 65 bytes (an uncompressed point), base64url";
  if (!bytes || bytes.length !== 65 || bytes[0] !== 0x04) return problem;
  try {
    ECDH.convertKey(bytes, 'prime256v1'); // throws unless the point is on the curve
  } catch {
    return problem;
  }
  return undefined;
}

/** Why `auth` is not a 16-byte auth secret (base64url); undefined when it is. */
export function authSecretProblem(auth: string): string | undefined {
  const bytes = decoded(auth);
  return bytes?.length === 16 ? undefined : "must be the browser's 16-byte auth secret, base64url";
}

/** The first problem of a whole subscription (the sender checks stored ones before each push). */
export function pushSubscriptionProblem(subscription: {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}): string | undefined {
  const endpoint = pushEndpointProblem(subscription.endpoint);
  if (endpoint) return `endpoint ${endpoint}`;
  const p256dh = p256dhProblem(subscription.keys.p256dh);
  if (p256dh) return `keys.p256dh ${p256dh}`;
  const auth = authSecretProblem(subscription.keys.auth);
  return auth ? `keys.auth ${auth}` : undefined;
}
