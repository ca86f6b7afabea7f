import { describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../functions/intake/middlewares.ts';

describe('Accept-Encoding read as RFC 9110 says', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['*', true],
    ['gzip;q=0', false],
    ['br, gzip;q=0.000', false],
    ['br', false],
    ['identity', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
