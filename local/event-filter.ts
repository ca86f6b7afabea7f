/**
 * Lambda's event filtering (the EventBridge pattern language) for the local stream feeder: a record
 * reaches the function only if it matches at least one pattern. Written here rather than taken
 * from a library: no maintained npm package implements the pattern language (AWS's own is the Java
 * "event-ruler"), and the subset below is what event source filters use. Anything else in a
 * pattern is refused loudly rather than half matched.
 *
 * Supported: nested objects (every key must match), arrays of alternatives (OR), exact strings,
 * numbers, booleans and null, and the content filters prefix, suffix, equals-ignore-case,
 * anything-but (a value or a list) and exists.
 */
type Pattern = { [key: string]: Pattern | readonly unknown[] };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One alternative of a leaf list against one value (never undefined: `exists` is handled apart). */
function matchesAlternative(alternative: unknown, value: unknown): boolean {
  if (!isObject(alternative)) return alternative === value;
  const [operator, operand] = Object.entries(alternative)[0] ?? [];
  if (Object.keys(alternative).length !== 1) throw new RangeError('a content filter has one operator');
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(operand));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(String(operand));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === String(operand).toLowerCase();
    case 'anything-but': {
      const excluded = Array.isArray(operand) ? operand : [operand];
      return !excluded.includes(value);
    }
    default:
      throw new RangeError(`unsupported filter operator: ${operator}`);
  }
}

function matchesLeaf(alternatives: readonly unknown[], value: unknown): boolean {
  const exists = alternatives.find((a) => isObject(a) && 'exists' in a) as { exists: boolean } | undefined;
  if (exists) return exists.exists === (value !== undefined);
  if (value === undefined) return false;
  // An array in the event matches if any of its elements does.
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => alternatives.some((a) => matchesAlternative(a, v)));
}

export function matchesPattern(event: unknown, pattern: Pattern): boolean {
  if (!isObject(event)) return false;
  return Object.entries(pattern).every(([key, sub]) => {
    const value = event[key];
    if (Array.isArray(sub)) return matchesLeaf(sub, value);
    if (!isObject(sub)) throw new RangeError(`pattern field ${key} must be an object or a list`);
    return isObject(value) && matchesPattern(value, sub as Pattern);
  });
}

/** Lambda's FilterCriteria: the patterns are OR-ed; no pattern at all lets everything through. */
export function matchesAnyPattern(event: unknown, patterns: readonly object[]): boolean {
  return patterns.length === 0 || patterns.some((p) => matchesPattern(event, p as Pattern));
}
