/**
 * Runs catalog properties with a budget and a seed, and reports each as a row: what a failure
 * violates, the shrunk counterexample, and how to replay it.
 * @module
 */
import * as fc from 'fast-check';
import type { PropertyDefinition } from '../catalog.js';
import type { DriverFactory } from '../driver.js';
import { PropertyViolation } from '../violation.js';

export interface PropertyReport {
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly string[];
  readonly runs: number;
  readonly ok: boolean;
  readonly milliseconds: number;
  /** On failure: the clause violated, the message, and what replays it. */
  readonly failure?: {
    readonly clause: string | null;
    readonly message: string;
    readonly seed: number;
    readonly path: string;
    readonly counterexample: string;
    /** The counterexample replayed step by step, where the property can tell it (P-DIFFERENTIAL). */
    readonly timeline?: string;
    /** The counterexample as a regression file's content (stringified), where it can be saved. */
    readonly regression?: string;
  };
}

/** Turns a shrunk counterexample into a timeline and a savable regression. */
export type Explain = (counterexample: unknown) => Promise<{ timeline: string; regression: string }>;

export interface Budget {
  readonly numRuns: number;
  readonly seed?: number;
  /** fast-check's replay path, with seed, to rerun one counterexample. */
  readonly path?: string;
}

/** The budget from MLL_RUNS / MLL_SEED, or the defaults given. */
export function budgetFromEnv(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): Budget {
  const runs = env.MLL_RUNS === undefined ? defaultRuns : Number(env.MLL_RUNS);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new RangeError(`runs (--runs or MLL_RUNS) must be a positive integer, got '${env.MLL_RUNS}'`);
  const seed = env.MLL_SEED === undefined ? undefined : Number(env.MLL_SEED);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new RangeError(`seed (--seed or MLL_SEED) must be an integer, got '${env.MLL_SEED}'`);
  return seed === undefined ? { numRuns: runs } : { numRuns: runs, seed };
}

/** Serialises bigints so a counterexample prints and pastes back as data. */
export function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

export async function checkProperty(
  definition: PropertyDefinition,
  factory: DriverFactory,
  budget: Budget,
  explain?: Explain,
): Promise<PropertyReport> {
  const started = performance.now();
  const parameters: fc.Parameters<unknown> = { numRuns: budget.numRuns };
  if (budget.seed !== undefined) parameters.seed = budget.seed;
  if (budget.path !== undefined) parameters.path = budget.path;
  const details = await fc.check(definition.build(factory) as fc.IAsyncProperty<unknown[]>, parameters as fc.Parameters<unknown[]>);
  const milliseconds = performance.now() - started;
  const base = { id: definition.id, title: definition.title, clauses: definition.clauses, runs: details.numRuns, milliseconds };
  if (!details.failed) return { ...base, ok: true };
  const error = details.errorInstance;
  const explained = explain === undefined || details.counterexample === null ? {} : await explain(details.counterexample);
  return {
    ...base,
    ok: false,
    failure: {
      clause: error instanceof PropertyViolation ? error.clause : null,
      message: error instanceof Error ? error.message : String(error),
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      counterexample: stringify(details.counterexample),
      ...explained,
    },
  };
}
