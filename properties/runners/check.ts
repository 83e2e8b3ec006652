/**
 * Runs catalog properties with a budget and a seed, and reports each: its verdict, what reached
 * the implementation, and on failure the clause violated, the shrunk counterexample as a
 * timeline, and what replays it.
 * @module
 */
import * as fc from 'fast-check';
import type { PropertyDefinition } from '../catalog.js';
import type { DriverFactory } from '../driver.js';
import type { Exercise } from '../exercise.js';
import { countingFactory } from '../exercise.js';
import { PropertyViolation } from '../violation.js';

/**
 * `pass` only when the property ran and its calls reached the implementation; `unexercised` when
 * no call succeeded there (every run ended at a deployment both sides refused, say): such a run
 * checked nothing and is no pass.
 */
export type Verdict = 'pass' | 'fail' | 'unexercised';

export interface Failure {
  /** The clause violated, when the failure names one. */
  readonly clause: string | null;
  readonly message: string;
  readonly seed: number;
  /** fast-check's replay path; for the constructor sweep, `sweep:F:V` (argument F, variant V). */
  readonly path: string;
  readonly counterexample: string;
  /** The counterexample replayed step by step, reference beside implementation. */
  readonly timeline?: string;
  /** The counterexample as a regression file's content (stringified), where the property can replay one. */
  readonly regression?: string;
}

export interface PropertyReport {
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly string[];
  readonly subject: PropertyDefinition['subject'];
  readonly runs: number;
  readonly verdict: Verdict;
  readonly milliseconds: number;
  readonly exercise: Exercise;
  readonly failure?: Failure;
  /** Why the property was not run on this implementation at all (it lacks the views it reads). */
  readonly notRun?: string;
}

/** What a replay of a shrunk counterexample shows: its timeline, its regression file, and the failure it ends at. */
export interface Explanation {
  readonly timeline: string;
  readonly regression?: string;
  /** The failure of the replay, which names the time and step the timeline ends at. */
  readonly failure?: { readonly clause: string | null; readonly message: string };
}

/** Turns a shrunk counterexample into a timeline. */
export type Explain = (counterexample: readonly unknown[]) => Promise<Explanation>;

export interface Budget {
  readonly numRuns: number;
  readonly seed?: number;
  /** fast-check's replay path, with seed, to rerun one counterexample. */
  readonly path?: string;
}

/** The budget from MLL_RUNS / MLL_SEED, or the defaults given. */
export function budgetFromEnv(defaultRuns: number, env: NodeJS.ProcessEnv = process.env): Budget {
  const runs = env.MLL_RUNS === undefined ? defaultRuns : Number(env.MLL_RUNS);
  if (!Number.isSafeInteger(runs) || runs < 1)
    throw new RangeError(`runs (--runs or MLL_RUNS) must be a positive integer, got '${env.MLL_RUNS}'`);
  const seed = env.MLL_SEED === undefined ? undefined : Number(env.MLL_SEED);
  if (seed !== undefined && !Number.isSafeInteger(seed))
    throw new RangeError(`seed (--seed or MLL_SEED) must be an integer, got '${env.MLL_SEED}'`);
  return seed === undefined ? { numRuns: runs } : { numRuns: runs, seed };
}

/** Serialises bigints so a counterexample prints and pastes back as data. */
export function stringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** The verdict of a run that found no failure: a pass only if the implementation was exercised. */
export function verdictWithoutFailure(definition: Pick<PropertyDefinition, 'subject'>, exercise: Exercise): Verdict {
  return definition.subject === 'specification' || exercise.succeeded > 0 ? 'pass' : 'unexercised';
}

export async function checkProperty(
  definition: PropertyDefinition,
  factory: DriverFactory,
  budget: Budget,
  explain?: Explain,
): Promise<PropertyReport> {
  const started = performance.now();
  const counting = countingFactory(factory);
  const parameters: fc.Parameters<[unknown, ...unknown[]]> = { numRuns: budget.numRuns };
  if (budget.seed !== undefined) parameters.seed = budget.seed;
  if (budget.path !== undefined) parameters.path = budget.path;
  const details = await fc.check(definition.build(counting.factory), parameters);
  const milliseconds = performance.now() - started;
  const exercise = counting.exercise();
  const base = {
    id: definition.id,
    title: definition.title,
    clauses: definition.clauses,
    subject: definition.subject,
    runs: details.numRuns,
    milliseconds,
    exercise,
  };
  if (!details.failed) return { ...base, verdict: verdictWithoutFailure(definition, exercise) };
  const error = details.errorInstance;
  const explained = explain === undefined || details.counterexample === null ? undefined : await explain(details.counterexample);
  return {
    ...base,
    verdict: 'fail',
    failure: {
      clause: error instanceof PropertyViolation ? error.clause : null,
      message: error instanceof Error ? error.message : String(error),
      // The timeline's own failure when it has one: the headline then names the step the timeline ends at.
      ...explained?.failure,
      seed: details.seed,
      path: details.counterexamplePath ?? '',
      counterexample: stringify(details.counterexample),
      ...(explained === undefined ? {} : { timeline: explained.timeline }),
      ...(explained?.regression === undefined ? {} : { regression: explained.regression }),
    },
  };
}
