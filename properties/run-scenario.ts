/**
 * Runs a scenario on a driver and records what happened, step by step: the resolved time,
 * call and value, the result, and the observations just before and just after.
 * @module
 */
import type { FunctionName, Params } from '../reference/index.js';
import { DAY, EXIT_EXECUTION_WINDOW, MAX_PREPAID_INTERVALS } from '../reference/index.js';
import { expectedSilenceThreshold } from './oracle.js';
import type { ActorName } from './actors.js';
import { addressOfActor } from './actors.js';
import { firstDifference } from './compare.js';
import { clauseForResult } from './differential/clauses.js';
import type { CallResult, Driver, Observation, PartialObservation } from './driver.js';
import { whole } from './driver.js';
import { ReferenceDriver } from './drivers/reference.js';
import { Divergence } from './violation.js';
import type { Action, Scenario, TimeStep, ValueChoice } from './scenario.js';

/** One step as a lock answered it: its views just before, the call's result, its views just after. */
export interface Outcome {
  /** The lock's views at the step's time, before the action. */
  readonly before: Observation;
  readonly result: CallResult;
  /** The lock's views at the step's time, after the action. */
  readonly after: Observation;
}

/**
 * A step on the implementation, with what the reference answered to the same step beside it.
 * Invariants read the spec's predicates (in default, exit live, counted intervals) from
 * `expected` and the values under test from the implementation, so an implementation cannot pass
 * by reporting its own notion of default (MLL-CONF-003).
 */
export interface TraceEntry<O extends PartialObservation = Observation> {
  readonly index: number;
  readonly time: bigint;
  readonly action: ResolvedAction;
  /** The lock's views at `time`, before the action; a differential run records an implementation lacking views by what it shows. */
  readonly before: O;
  readonly result: CallResult;
  /** The lock's views at `time`, after the action. */
  readonly after: O;
  /** The reference's outcome of the same step, from the same history of calls. */
  readonly expected: Outcome;
}

export type ResolvedAction =
  | { readonly kind: 'call'; readonly actor: ActorName; readonly fn: FunctionName; readonly value: bigint }
  | { readonly kind: 'force'; readonly amount: bigint };

export interface Trace {
  readonly scenario: Scenario;
  readonly deployed: CallResult;
  readonly entries: readonly TraceEntry[];
}

/** Observes the lock after each step; a hook may throw to fail the run at that step. */
export type StepCheck = (entry: TraceEntry, trace: readonly TraceEntry[], params: Params) => void;

export function resolveTime(step: TimeStep, last: bigint, obs: Observation, params: Params): bigint {
  if (step.kind === 'after') return last + step.seconds;
  const T = params.depositInterval;
  const party = step.edge.endsWith('A') ? obs.A : obs.B;
  let target: bigint;
  switch (step.edge) {
    case 'nextDueDate':
      target = obs.activatedAt === 0n ? last : obs.activatedAt + party.reachedIntervals * T;
      break;
    case 'defaultStartA':
    case 'defaultStartB':
      target = party.defaultStartsAt === 0n ? last : party.defaultStartsAt;
      break;
    case 'nextBleedDayA':
    case 'nextBleedDayB':
      target = party.inDefault ? obs.time + DAY - (party.bleedSeconds % DAY) : last;
      break;
    case 'executeAfterA':
    case 'executeAfterB':
      target = party.unilateralExitLive ? party.executeAfter : last;
      break;
    case 'lapseA':
    case 'lapseB':
      target = party.unilateralExitLive ? party.executeAfter + EXIT_EXECUTION_WINDOW : last;
      break;
    case 'silenceA':
    case 'silenceB':
      target = party.lastActionAt === 0n ? last : party.lastActionAt + expectedSilenceThreshold(params);
      break;
    case 'claimableA':
    case 'claimableB':
      target = party.defaultStartsAt === 0n ? last : party.defaultStartsAt + DAY; // MLL-ABN-008
      break;
  }
  const time = target + step.offset;
  return time > last ? time : last;
}

export function resolveValue(choice: ValueChoice, actor: ActorName, obs: Observation, params: Params): bigint {
  let base = 0n;
  if (actor !== 'stranger' && choice.base !== 'none') {
    const party = obs[actor];
    const reached = obs.activatedAt === 0n ? 1n : party.reachedIntervals;
    base =
      choice.base === 'arrears'
        ? reached > party.paidIntervals
          ? reached - party.paidIntervals
          : 0n
        : reached + MAX_PREPAID_INTERVALS - party.paidIntervals;
  }
  const value = (base + choice.intervals) * params.depositAmount + choice.offset;
  return value > 0n ? value : 0n;
}

function resolveAction(action: Action, obs: Observation, params: Params): ResolvedAction {
  if (action.kind === 'force') return action;
  return { ...action, value: resolveValue(action.value, action.actor, obs, params) };
}

/** Sends one resolved action to the driver. */
export async function perform(driver: Driver, action: ResolvedAction, time: bigint): Promise<CallResult> {
  if (action.kind === 'force') {
    await driver.forceEther(action.amount, time);
    return { ok: true, events: [] };
  }
  return driver.call(addressOfActor[action.actor], action.fn, action.value, time);
}

/** A step with its time and action already resolved: what a replay runs. */
export interface ResolvedStep {
  readonly time: bigint;
  readonly action: ResolvedAction;
}

/** The resolved steps of a trace, ready to be replayed, transformed, or interleaved. */
export function resolvedSteps(trace: Trace): ResolvedStep[] {
  return trace.entries.map(({ time, action }) => ({ time, action }));
}

/** Chooses the next step from the current time and the lock's views at it. */
type NextStep = (index: number, time: bigint, observe: (time: bigint) => Promise<Observation>) => Promise<ResolvedStep>;

/**
 * A driver's views, asked once per state: the views at one time change only with a call that
 * succeeds. A scenario's checks read every field, so a view the implementation lacks fails here
 * (MLL-VIEW-007); a differential run instead compares what the implementation shows.
 */
function observer(driver: Driver): { observe: (time: bigint) => Promise<Observation>; changed: () => void } {
  let known: Observation | null = null;
  return {
    observe: async (time) => {
      if (known === null || known.time !== time) known = whole(await driver.observe(time));
      return known;
    },
    changed: () => {
      known = null;
    },
  };
}

/** Takes one step on a driver, with its views before and after. */
async function take(driver: Driver, views: ReturnType<typeof observer>, action: ResolvedAction, time: bigint): Promise<Outcome> {
  const before = await views.observe(time);
  const result = await perform(driver, action, time);
  // A revert changes nothing (MLL-STA-005); forced ether changes the balance.
  if (result.ok) views.changed();
  return { before, result, after: await views.observe(time) };
}

/**
 * Deploys on the implementation and on the reference, then takes every step on both: symbolic
 * times and amounts resolve against the reference's views, so a run is the same history of calls
 * whatever the implementation reports. A deployment that differs from the reference's fails
 * (a Divergence); one that reverts alike on both sides leaves nothing to run.
 */
async function run(driver: Driver, scenario: Scenario, count: number, next: NextStep, check?: StepCheck): Promise<Trace> {
  const reference = new ReferenceDriver();
  const expectedDeployment = await reference.deploy(scenario.params, scenario.deployTime);
  const deployed = await driver.deploy(scenario.params, scenario.deployTime);
  if (firstDifference(expectedDeployment, deployed) !== null) {
    throw new Divergence(clauseForResult('deploy', expectedDeployment, deployed), 'deployment', expectedDeployment, deployed);
  }
  const entries: TraceEntry[] = [];
  if (!deployed.ok) return { scenario, deployed, entries };
  const views = observer(driver);
  const referenceViews = observer(reference);
  let time = scenario.deployTime;
  for (let index = 0; index < count; index++) {
    const step = await next(index, time, referenceViews.observe);
    time = step.time;
    const expected = await take(reference, referenceViews, step.action, time);
    const entry: TraceEntry = { index, time, action: step.action, ...(await take(driver, views, step.action, time)), expected };
    entries.push(entry);
    check?.(entry, entries, scenario.params);
  }
  return { scenario, deployed, entries };
}

/**
 * Deploys and runs every step of a scenario, resolving each against the views when it comes,
 * and calls `check` after each.
 */
export function runScenario(driver: Driver, scenario: Scenario, check?: StepCheck): Promise<Trace> {
  return run(
    driver,
    scenario,
    scenario.steps.length,
    async (index, last, observe) => {
      const step = scenario.steps[index]!;
      const time = resolveTime(step.time, last, await observe(last), scenario.params);
      return { time, action: resolveAction(step.action, await observe(time), scenario.params) };
    },
    check,
  );
}

/** Deploys and runs already-resolved steps, calling `check` after each. */
export function replay(driver: Driver, scenario: Scenario, steps: readonly ResolvedStep[], check?: StepCheck): Promise<Trace> {
  return run(driver, scenario, steps.length, async (index) => steps[index]!, check);
}
