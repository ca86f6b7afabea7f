/**
 * The local stand-in for CloudFront's S3 origin: serves the built static files (dist/web/, written
 * by scripts/build-web-assets.mjs) at the paths the distribution serves them, with the same cache
 * lifetimes and security headers (shared/web/static-files.ts). Everything else goes on to the API.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ORIGIN_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../functions/wiring/origin-guard.ts';
import {
  STATIC_CONTENT_TYPES,
  STATIC_DIST,
  STATIC_SECURITY_HEADERS,
  staticFileOf,
} from '../shared/web/static-files.ts';

export const LOCAL_STATIC_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)), STATIC_DIST);

export function staticFileServer(dir = LOCAL_STATIC_DIR) {
  const cache = new Map<string, { body: Buffer; etag: string } | null>();
  const read = (file: string) => {
    if (!cache.has(file)) {
      try {
        if (!statSync(file).isFile()) throw new Error('not a file');
        const body = readFileSync(file);
        cache.set(file, {
          body,
          etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
        });
      } catch {
        cache.set(file, null);
      }
    }
    return cache.get(file)!;
  };
  return async (req: IncomingMessage, _body: Buffer, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const where = staticFileOf(new URL(req.url ?? '/', 'http://localhost').pathname);
    const contentType = where && STATIC_CONTENT_TYPES[extname(where.path)];
    if (!where || !contentType) return false;
    const file = read(join(dir, where.folder, where.path));
    if (!file) return false;
    const headers = { ...STATIC_SECURITY_HEADERS, 'cache-control': where.cacheControl, etag: file.etag };
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
    return true;
  };
}

/**
 * CloudFront's API origin, locally: a secret made for this run, added to every request forwarded to
 * the functions with the viewer's address, as the distribution does (infra/constructs/edge.ts).
 */
export function localEdge(secret = randomBytes(24).toString('base64url')) {
  return {
    readSecret: async () => secret,
    forward(event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 {
      const ip = event.requestContext?.http?.sourceIp ?? '127.0.0.1';
      const viewer = ip.includes(':') ? `[${ip}]:0` : `${ip}:0`;
      return {
        ...event,
        headers: { ...event.headers, [ORIGIN_SECRET_HEADER]: secret, [VIEWER_ADDRESS_HEADER]: viewer },
      };
    },
  };
}
