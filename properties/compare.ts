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

/** Where two values first differ: the keys from the root down, and each side's value there (undefined for absent). */
export class Difference {
  constructor(
    readonly path: readonly string[],
    readonly expected: unknown,
    readonly actual: unknown,
  ) {}

  /** The path as a failure shows it: `.A.share`, or `(root)`. */
  get where(): string {
    return this.path.length === 0 ? '(root)' : this.path.map((key) => `.${key}`).join('');
  }

  /** The difference as a failure shows it: `.A.share: 5 ≠ 6`. */
  toString(): string {
    return `${this.where}: ${scalar(this.expected)} ≠ ${scalar(this.actual)}`;
  }
}

/** The first difference between `a` and `b`, keys in order, or null when equal. */
export function firstDifference(a: unknown, b: unknown, path: readonly string[] = []): Difference | null {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? null : new Difference(path, a, b);
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key]);
    if (difference !== null) return difference;
  }
  return null;
}
