/**
 * The two sides of a differential run: the reference (the model) and the implementation under
 * test (the real system), both behind a Driver, and how one step is taken on both and compared.
 * @module
 */
import type { Params } from '../../reference/index.js';
import { firstDifference } from '../compare.js';
import type { CallResult, Driver, Observation, Views } from '../driver.js';
import * as invariants from '../invariants.js';
import type { ResolvedAction, TraceEntry } from '../run-scenario.js';
import { perform } from '../run-scenario.js';
import { Divergence } from '../violation.js';
import { clauseForField, clauseForResult } from './clauses.js';

/** The reference side, which also decides times and amounts. */
export interface Model {
  readonly params: Params;
  readonly reference: Driver;
  /** Block time of the last step. */
  time: bigint;
  /** The reference's views at `time`. */
  observation: Observation;
  readonly trace: TraceEntry[];
  /** Every move of time and every step begun, the failing one included: what a regression file records. */
  readonly log: LogEntry[];
  /** The last step's results on both sides, as soon as both answered: a timeline shows them for a step that then failed. */
  lastResults?: { readonly expected: CallResult; readonly actual: CallResult };
}

/** A move of time (no action: both sides' views compared there) or a step. */
export interface LogEntry {
  readonly time: bigint;
  readonly action?: ResolvedAction;
}

/** The implementation side. */
export interface Real {
  readonly implementation: Driver;
  observation: Observation;
  readonly trace: TraceEntry[];
}

/** Every step invariant, run on the implementation's own trace (MLL-CONF-003). */
const stepChecks = [
  invariants.conservation,
  invariants.phaseForward,
  invariants.penaltyNeverRises,
  invariants.maturityNotBought,
  invariants.singlePendingDay,
  invariants.noBleedOutsideWindow,
  invariants.exitRules,
  invariants.peacefulExitRules,
  invariants.abandonmentRules,
];

function compareObservations(when: string, expected: Observation, actual: Observation): void {
  const difference = firstDifference(expected, actual);
  if (difference === null) return;
  const path = difference.slice(0, difference.indexOf(':'));
  const field = path.split('.').at(-1) ?? '';
  const role = path.startsWith('.A.') ? 'A' : path.startsWith('.B.') ? 'B' : '';
  throw new Divergence(clauseForField(field), `${when}, view ${role}${role ? '.' : ''}${field}`, lookup(expected, path), lookup(actual, path));
}

function lookup(value: unknown, path: string): unknown {
  return path.split('.').filter(Boolean).reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value);
}

function compareResults(when: string, action: ResolvedAction, expected: CallResult, actual: CallResult): void {
  if (firstDifference(expected, actual) === null) return;
  const fn = action.kind === 'call' ? action.fn : 'force';
  throw new Divergence(clauseForResult(fn, expected, actual), `${when}, outcome`, expected, actual);
}

/** Steps taken on both sides, over the whole process: the budget the runners report. */
export const stepCounter = { steps: 0 };

/** Moves both sides to a later block time and compares their views there. */
export async function moveTo(model: Model, real: Real, time: bigint, why: string): Promise<void> {
  if (time === model.time) return;
  model.log.push({ time });
  model.observation = await model.reference.observe(time);
  real.observation = await real.implementation.observe(time);
  compareObservations(`at ${time}, ${why}`, model.observation, real.observation);
  model.time = time;
}

/** The clause of each view function (MLL-VIEW-001 … MLL-VIEW-004). */
const viewClauses: Readonly<Record<keyof Views, string>> = {
  poolState: 'MLL-VIEW-001',
  exitPenalty: 'MLL-VIEW-002',
  partyStatus: 'MLL-VIEW-003',
  agreement: 'MLL-VIEW-004',
  claimable: 'MLL-VIEW-004',
};

/** Reads every view function on both sides at the current time and compares them. */
export async function compareViews(model: Model, real: Real): Promise<void> {
  const expected = await model.reference.readViews(model.time);
  const actual = await real.implementation.readViews(model.time);
  for (const view of Object.keys(viewClauses) as (keyof Views)[]) {
    const difference = firstDifference(expected[view], actual[view]);
    if (difference !== null) throw new Divergence(viewClauses[view], `at ${model.time}, ${view}${difference.slice(0, difference.indexOf(':'))}`, expected[view], actual[view]);
  }
}

/** Takes one step on both sides at the current time: the action, then the views, compared. */
export async function step(model: Model, real: Real, action: ResolvedAction): Promise<void> {
  const time = model.time;
  const label = action.kind === 'call' ? `${action.fn} by ${action.actor} at ${time}` : `forcing ${action.amount} wei at ${time}`;
  stepCounter.steps++;
  model.log.push({ time, action });
  const before = { model: model.observation, real: real.observation };
  const expected = await perform(model.reference, action, time);
  const actual = await perform(real.implementation, action, time);
  model.lastResults = { expected, actual };
  compareResults(label, action, expected, actual);
  // Both reverted alike: a revert changes nothing in the EVM (MLL-STA-005), so the views stand.
  if (expected.ok) {
    model.observation = await model.reference.observe(time);
    real.observation = await real.implementation.observe(time);
    compareObservations(`after ${label}`, model.observation, real.observation);
  }
  const index = model.trace.length;
  const outcome = { before: before.model, result: expected, after: model.observation };
  model.trace.push({ index, time, action, ...outcome, expected: outcome });
  real.trace.push({ index, time, action, before: before.real, result: actual, after: real.observation, expected: outcome });
  for (const check of stepChecks) check(real.trace[index]!, real.trace, model.params);
}

