/**
 * Where a browser's state-changing request came from (pure): the plan page's Done and pain
 * check-in are POSTs that a page on another site could also make (a form, with the link's token in
 * its action), so they are taken only from the service's own public origin. Two signals browsers
 * set and scripts on a page cannot: `Sec-Fetch-Site` (Fetch Metadata) and `Origin`, compared with
 * the configured public origin (the form's URL), never with the Host header, which is the client's
 * to choose.
 *
 * A request with neither header did not come from a browser that could be tricked into sending
 * it (every browser sends Origin on a cross-origin POST): it is taken, as the API takes any client.
 */

/** An origin as browsers send it: scheme, host and port, lower case, no path. */
export function originOf(url: string): string {
  return new URL(url).origin;
}

function header(headers: Record<string, string | undefined> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * Why the request is not from one of `publicOrigins`, in words; undefined when it is (or when no
 * browser sent it). `Sec-Fetch-Site` must be `same-origin` when sent; `Origin`, when sent, must be
 * one of the public origins (an opaque `null` never is).
 */
export function crossOriginProblem(
  headers: Record<string, string | undefined> | undefined,
  publicOrigins: readonly string[],
): string | undefined {
  const site = header(headers, 'sec-fetch-site')?.trim().toLowerCase();
  if (site !== undefined && site !== 'same-origin') return `the browser says the request is ${site}`;
  const origin = header(headers, 'origin')?.trim();
  // The page's own form, posted without script: its Referrer-Policy (no-referrer) makes the browser
  // send `Origin: null` on a form's navigation, while Sec-Fetch-Site (which no page can set) says
  // same-origin. A sandboxed or opaque document is never same-origin, so this admits nothing else.
  if (origin === 'null' && site === 'same-origin') return undefined;
  if (origin !== undefined && !publicOrigins.includes(origin.toLowerCase()))
    return `it came from ${origin.slice(0, 100)}, not from this service's page`;
  return undefined;
}
