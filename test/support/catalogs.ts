/**
 * What the catalog tests (page, API, info) look at in a typed catalog: the values a sentence was
 * given, the catalog's shape, and its plain strings.
 */

/** The numbers and «strings» a sentence was given. */
export function sentinels(args: unknown[]): string[] {
  return args.flatMap((a): string[] =>
    typeof a === 'number'
      ? [String(a)]
      : typeof a === 'string'
        ? a.startsWith('«')
          ? [a]
          : []
        : a && typeof a === 'object'
          ? sentinels(Object.values(a))
          : [],
  );
}

/** The shape of a catalog: each key's kind, each array's length, nested objects' keys. */
export function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'function') return `function/${value.length}`;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shape(v)]),
    );
  return typeof value;
}

/** Every string of a catalog (not its sentences with values), by path. */
export function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** Every sentence with values of a catalog (its functions), by path. */
export function sentences(value: unknown, path = ''): [string, (...args: unknown[]) => string][] {
  if (typeof value === 'function') return [[path, value as (...args: unknown[]) => string]];
  if (value && typeof value === 'object' && !Array.isArray(value))
    return Object.entries(value).flatMap(([k, v]) => sentences(v, path ? `${path}.${k}` : k));
  return [];
}
