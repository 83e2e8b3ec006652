/**
 * A property's failure, naming the clause it enforces.
 * @module
 */
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
