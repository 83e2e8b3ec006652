/**
 * The playground's model: a timeline — parameters, deployment time, then calls (who, what, when,
 * value) — run on the reference itself, step by step. The format is test/regressions/*.json's
 * (properties/runners/regressions.ts): `{ world: { params, deployTime, setup }, steps: [{ time,
 * action? }] }`, bigints written as strings ending in "n"; a step without an action only moves
 * the clock. Imports nothing but reference/, so it runs in the browser as it does in Node.
 * @module
 */
import type { Address, FunctionName, LockEvent, LockState, LockStatus, Params, PoolState, Revert } from '../../reference/index.js';
import { deploy, execute, forceEther, getLockStatus, getPoolState, revertArguments } from '../../reference/index.js';

export type Actor = 'A' | 'B' | 'stranger';
export const STRANGER: Address = '0x000000000000000000000000000000000000c33c';

export type Action =
  | { readonly kind: 'call'; readonly actor: Actor; readonly fn: FunctionName; readonly value: bigint }
  | { readonly kind: 'force'; readonly amount: bigint };

export interface TimelineStep {
  readonly time: bigint;
  readonly action?: Action;
}

export interface Timeline {
  readonly name?: string;
  readonly found?: string;
  readonly world: {
    readonly params: Params;
    readonly deployTime: bigint;
    readonly setup?: { readonly partyCode?: Partial<Record<'A' | 'B', string>> };
  };
  readonly steps: readonly TimelineStep[];
}

/** What one step did and what the lock looks like after it. */
export interface StepView {
  readonly time: bigint;
  readonly label: string;
  /** 'ok', the revert's name with its arguments, or the caller's error (a time going backwards). */
  readonly outcome: string;
  readonly ok: boolean;
  readonly events: readonly LockEvent[];
  readonly revert?: Revert['name'];
  readonly status: LockStatus | null;
  readonly pool: PoolState | null;
  readonly balance: bigint | null;
}

/** JSON.parse's reviver for bigints written "123n". */
export const revive = (_key: string, value: unknown): unknown =>
  typeof value === 'string' && /^-?\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value;

/** JSON with bigints written "123n", as the regression files are. */
export const stringify = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

export const parseTimeline = (text: string): Timeline => JSON.parse(text, revive) as Timeline;

export function labelOf(step: TimelineStep): string {
  const action = step.action;
  if (action === undefined) return 'time passes';
  if (action.kind === 'force') return `force ${action.amount} wei`;
  return `${action.actor}.${action.fn}(${action.value === 0n ? '' : `value ${action.value}`})`;
}

/** Runs the whole timeline: the deployment (index 0), then one view per step. */
export function runTimeline(timeline: Timeline): StepView[] {
  const { params, deployTime } = timeline.world;
  const rejecting = new Set(
    (['A', 'B'] as const)
      .filter((role) => timeline.world.setup?.partyCode?.[role] === 'rejecting')
      .map((role) => (role === 'A' ? params.partyA : params.partyB)),
  );
  const addressOf = (actor: Actor): Address => (actor === 'A' ? params.partyA : actor === 'B' ? params.partyB : STRANGER);
  const view = (
    time: bigint,
    label: string,
    state: LockState | null,
    result: Omit<StepView, 'time' | 'label' | 'status' | 'pool' | 'balance'>,
  ): StepView => ({
    time,
    label,
    ...result,
    status: state === null ? null : getLockStatus(state, time),
    pool: state === null ? null : getPoolState(state, time),
    balance: state === null ? null : state.balance,
  });
  const deployed = deploy(params, deployTime);
  if (!deployed.ok) {
    return [
      view(deployTime, 'deploy', null, {
        outcome: `reverted ${deployed.revert.name}`,
        ok: false,
        events: [],
        revert: deployed.revert.name,
      }),
    ];
  }
  let state = deployed.state;
  const views: StepView[] = [view(deployTime, 'deploy', state, { outcome: 'ok', ok: true, events: deployed.events })];
  for (const step of timeline.steps) {
    const label = labelOf(step);
    const action = step.action;
    if (step.time < state.accruedUntil) {
      views.push(
        view(state.accruedUntil, label, state, {
          outcome: `refused: time ${step.time} precedes the last call at ${state.accruedUntil}`,
          ok: false,
          events: [],
        }),
      );
      continue;
    }
    if (action === undefined) {
      views.push(view(step.time, label, state, { outcome: 'ok', ok: true, events: [] }));
    } else if (action.kind === 'force') {
      state = forceEther(state, action.amount);
      views.push(view(step.time, label, state, { outcome: 'ok', ok: true, events: [] }));
    } else {
      const from = addressOf(action.actor);
      const outcome = execute(state, action.fn, { from, value: action.value, now: step.time, rejectsEther: rejecting.has(from) });
      if (outcome.ok) {
        state = outcome.state;
        views.push(view(step.time, label, state, { outcome: 'ok', ok: true, events: outcome.events }));
      } else {
        const args = revertArguments(outcome.revert);
        const text = `reverted ${outcome.revert.name}${args.length ? `(${args.join(', ')})` : ''}`;
        views.push(view(step.time, label, state, { outcome: text, ok: false, events: [], revert: outcome.revert.name }));
      }
    }
  }
  return views;
}
