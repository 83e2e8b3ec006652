/**
 * Structural comparison of observations, results and events, reporting the first difference
 * by its path.
 * @module
 */

/** A value as a person reads it in a failure: JSON, bigints as decimal strings. */
export function show(value: unknown): string {
  if (value === undefined) return 'absent';
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** One side of a difference: a number or name as it is, anything else (an object against a missing value) as JSON. */
function scalar(value: unknown): string {
  switch (typeof value) {
    case 'object': // null shows as null either way
    case 'undefined':
      return show(value);
    default:
      return String(value);
  }
}

/** The path and values of the first difference between `a` and `b`, or null when equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? null : `${path || '(root)'}: ${scalar(a)} ≠ ${scalar(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (difference !== null) return difference;
  }
  return null;
}
