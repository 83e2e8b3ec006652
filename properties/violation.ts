/**
 * A property's failure, naming the clause it enforces and the deviations from the deployed
 * contract that clause decides.
 * @module
 */
import { show } from './compare.js';
import { deviationsOf } from './deviations.js';

export class PropertyViolation extends Error {
  /** D1–D11 of spec/deviations.md that `clause` decides; empty when it decides none. */
  readonly deviations: readonly string[];

  constructor(
    readonly clause: string,
    message: string,
  ) {
    const deviations = deviationsOf(clause);
    super(`${clause}${deviations.length === 0 ? '' : ` (${deviations.join(', ')})`}: ${message}`);
    this.name = 'PropertyViolation';
    this.deviations = deviations;
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
