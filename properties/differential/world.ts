/**
 * The two sides of a differential run: the reference (the model) and the implementation under
 * test (the real system), both behind a Driver, and how one step is taken on both and compared.
 * @module
 */
import type { Params, Role } from '../../reference/index.js';
import { firstDifference } from '../compare.js';
import type { CallResult, Driver, ObservedField, Observation, PartialObservation, ViewName, Views } from '../driver.js';
import { UndecodableEvent, functionOfView, unobservedFields, viewClauses } from '../driver.js';
import type { ReferenceDriver } from '../drivers/reference.js';
import type { StepInvariant } from '../invariants.js';
import { stepInvariants } from '../invariants.js';
import type { ResolvedAction, TraceEntry } from '../run-scenario.js';
import { perform } from '../run-scenario.js';
import { Divergence } from '../violation.js';
import { clauseForField, clauseForResult } from './clauses.js';

/** The reference side, which also decides times and amounts. */
export interface Model {
  readonly params: Params;
  /** Where this run's steps are counted: the budget run's counter, or one nobody reads. */
  readonly counter: StepCounter;
  readonly reference: ReferenceDriver;
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

/** The implementation side, seen through the views it has. */
export interface Real {
  readonly implementation: Driver;
  observation: PartialObservation;
  readonly trace: TraceEntry<PartialObservation>[];
}

/** What an implementation with some views cannot show, and so what a run on it cannot compare or check. */
interface Blind {
  readonly fields: readonly ObservedField[];
  /** The step invariants it can be held to (MLL-CONF-003): those reading only fields it shows. */
  readonly invariants: readonly StepInvariant[];
}
const blindness = new WeakMap<ReadonlySet<ViewName>, Blind>();
function blindOf(views: ReadonlySet<ViewName>): Blind {
  let blind = blindness.get(views);
  if (blind === undefined) {
    const fields = unobservedFields(views);
    blind = { fields, invariants: stepInvariants.filter((invariant) => invariant.reads.every((field) => !fields.includes(field))) };
    blindness.set(views, blind);
  }
  return blind;
}

/** `observation` as an implementation blind to `fields` shows it. */
function shownWithout(observation: Observation, fields: readonly ObservedField[]): PartialObservation {
  if (fields.length === 0) return observation;
  const { time, balance, phase, activatedAt, A, B } = observation;
  const party = (status: object) =>
    Object.fromEntries(Object.entries(status).filter(([field]) => !fields.includes(field as ObservedField)));
  return {
    time,
    balance,
    ...(fields.includes('phase') ? {} : { phase }),
    ...(fields.includes('activatedAt') ? {} : { activatedAt }),
    A: party(A),
    B: party(B),
  };
}

/** Where two observations first differ: the party whose status it is (null for the lock's own fields), the field, each side's value. */
interface ObservedDifference {
  readonly party: Role | null;
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

function observedDifference(expected: PartialObservation, actual: PartialObservation): ObservedDifference | null {
  const difference = firstDifference(expected, actual);
  if (difference === null) return null;
  const [first, ...below] = difference.path;
  const party = (first === 'A' || first === 'B') && below.length > 0 ? first : null;
  return { party, field: difference.path.at(-1) ?? '', expected: difference.expected, actual: difference.actual };
}

/** Compares what the implementation shows with what the reference shows of the same fields. */
function compareObservations(when: string, expected: Observation, real: Real): void {
  const difference = observedDifference(shownWithout(expected, blindOf(real.implementation.capabilities).fields), real.observation);
  if (difference === null) return;
  const { party, field } = difference;
  const what = `${when}, view ${party === null ? '' : `${party}.`}${field}`;
  throw new Divergence(clauseForField(field), what, difference.expected, difference.actual);
}

function compareResults(when: string, action: ResolvedAction, expected: CallResult, actual: CallResult): void {
  if (firstDifference(expected, actual) === null) return;
  const fn = action.kind === 'call' ? action.fn : 'force';
  throw new Divergence(clauseForResult(fn, expected, actual), `${when}, outcome`, expected, actual);
}

/**
 * Steps taken on both sides (a deployment, a call, forced ether): what a step budget spends. A
 * budget run makes one and gives it to every world it opens; a world opened outside any budget (a
 * replay, a timeline) counts into a counter of its own that nobody reads.
 */
export interface StepCounter {
  steps: number;
}

/** Moves both sides to a later block time and compares their views there. */
export async function moveTo(model: Model, real: Real, time: bigint, why: string): Promise<void> {
  if (time === model.time) return;
  model.log.push({ time });
  model.observation = await model.reference.observe(time);
  real.observation = await real.implementation.observe(time);
  compareObservations(`at ${time}, ${why}`, model.observation, real);
  model.time = time;
}

/** Reads every view function the implementation has on both sides at the current time and compares them. */
export async function compareViews(model: Model, real: Real): Promise<void> {
  const expected = await model.reference.readViews(model.time);
  const actual = await real.implementation.readViews(model.time);
  for (const view of Object.keys(functionOfView) as (keyof Views)[]) {
    const fn = functionOfView[view];
    if (!real.implementation.capabilities.has(fn)) continue;
    const difference = firstDifference(expected[view], actual[view]);
    if (difference !== null)
      throw new Divergence(viewClauses[fn], `at ${model.time}, ${view}${difference.where}`, expected[view], actual[view]);
  }
}

/** Takes one step on both sides at the current time: the action, then the views, compared. */
export async function step(model: Model, real: Real, action: ResolvedAction): Promise<void> {
  const time = model.time;
  const label = action.kind === 'call' ? `${action.fn} by ${action.actor} at ${time}` : `forcing ${action.amount} wei at ${time}`;
  model.counter.steps++;
  model.log.push({ time, action });
  const before = { model: model.observation, real: real.observation };
  const expected = await perform(model.reference, action, time);
  const actual = await perform(real.implementation, action, time).catch((error: unknown) => {
    if (!(error instanceof UndecodableEvent)) throw error;
    delete model.lastResults; // the implementation's result is not a CallResult: no results row for this step
    throw new Divergence('MLL-CONF-001', `${label}, events (${error.reason})`, expected, error.log);
  });
  model.lastResults = { expected, actual };
  compareResults(label, action, expected, actual);
  // Both reverted alike: a revert changes nothing in the EVM (MLL-STA-005), so the views stand.
  if (expected.ok) {
    model.observation = await model.reference.observe(time);
    real.observation = await real.implementation.observe(time);
    compareObservations(`after ${label}`, model.observation, real);
  }
  const index = model.trace.length;
  const outcome = { before: before.model, result: expected, after: model.observation };
  model.trace.push({ index, time, action, ...outcome, expected: outcome });
  real.trace.push({ index, time, action, before: before.real, result: actual, after: real.observation, expected: outcome });
  // Each invariant left reads only fields the implementation shows, so its trace is whole for it.
  const trace = real.trace as readonly TraceEntry[];
  for (const invariant of blindOf(real.implementation.capabilities).invariants) invariant.check(trace[index]!, trace, model.params);
}
