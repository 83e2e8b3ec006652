/**
 * A property's failure, naming the clause it enforces.
 * @module
 */
import { show } from './compare.js';

export class PropertyViolation extends Error {
  constructor(
    readonly clause: string,
    message: string,
  ) {
    super(`${clause}: ${message}`);
    this.name = 'PropertyViolation';
  }
}

/** Throws a violation of `clause` unless `condition` holds. */
export function ensure(condition: boolean, clause: string, message: () => string): asserts condition {
  if (!condition) throw new PropertyViolation(clause, message());
}

/** The implementation and the reference answered the same step differently; carries both answers for the timeline. */
export class Divergence extends PropertyViolation {
  constructor(
    clause: string,
    readonly what: string,
    readonly expected: unknown,
    readonly actual: unknown,
  ) {
    super(clause, `${what}: reference ${show(expected)}, implementation ${show(actual)}`);
    this.name = 'Divergence';
  }
}
