/**
 * The static files served from the edge (CloudFront, from a private S3 bucket) and, locally, by the
 * local stack's HTTP server from the same folder: one description both read, so the paths and cache
 * lifetimes are the same in AWS and on a laptop. scripts/build-web-assets.mjs writes the folder.
 *
 *  - `immutable/`: files whose names carry a hash of their bytes (`/assets/app.<hash>.js`, each
 *    movement picture `/assets/pictures/<id>.<hash>.svg`): cached for a year, never revalidated — a
 *    change gives a new name, and the pages name the new file.
 *  - `revalidate/`: files that must keep their name (`/sw.js` — a service worker's URL is its
 *    identity; `/icon.svg` — named by the manifest; `/style.css`, `/app.js`, `/plan.js` for pages
 *    cached before this change and the info pages): the browser asks each time (ETag, 304).
 */
import { join } from 'node:path';

/** Where the build writes the folder, relative to the repository's root. */
export const STATIC_DIST = join('dist', 'web');
export const IMMUTABLE_DIR = 'immutable';
export const REVALIDATE_DIR = 'revalidate';
/** The URL prefix (and S3 key prefix) of hashed files. */
export const HASHED_PREFIX = 'assets/';

export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';

export const STATIC_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
};

/**
 * The security headers of every static file: the same as the pages' (functions/intake/page.ts
 * SECURITY_HEADERS, as @middy/http-security-headers writes them — a unit test compares them), set
 * by CloudFront's response headers policy at the edge and by the local stack's file server.
 */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types rehab-sw; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'",
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains; preload',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Origin-Agent-Cluster': '?1',
  'X-DNS-Prefetch-Control': 'off',
  'X-Download-Options': 'noopen',
  'X-Permitted-Cross-Domain-Policies': 'none',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Where a URL path's file is in the built folder (relative), or undefined if it is not a static one. */
export function staticFileOf(
  urlPath: string,
): { folder: string; path: string; cacheControl: string } | undefined {
  if (!/^\/[A-Za-z0-9._/-]+$/.test(urlPath) || urlPath.includes('..') || urlPath.endsWith('/'))
    return undefined;
  const path = urlPath.slice(1);
  return path.startsWith(HASHED_PREFIX)
    ? { folder: IMMUTABLE_DIR, path, cacheControl: IMMUTABLE_CACHE_CONTROL }
    : { folder: REVALIDATE_DIR, path, cacheControl: REVALIDATE_CACHE_CONTROL };
}
