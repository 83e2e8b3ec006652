/**
 * Exhaustive search on the reference: from a few fixed openings, every sequence of up to `depth`
 * calls by A, B and a stranger, each at a time on a lattice of boundary instants (due dates and
 * default starts ± 1 s, the next whole bleed day, silence and compliant-wait ends, a countdown's
 * end and lapse ± 1 s, the activation window's close, and the same second again), states
 * deduplicated by the reference state and the time. In every state reached: every step invariant
 * (invariants.ts), MLL-GUA-003 and MLL-GUA-006's step checks (guarantees.ts) for each party,
 * MLL-GUA-005 (a poke, by anyone, leaves every view the same now and at every next instant), and
 * MLL-GUA-004 (two calls by different senders at a boundary instant, in either order, leave each
 * party the same share + claimable net of what it paid, but for the stated exceptions). MLL-GUA-001/002 need a lock driven to its end and are left to the games.
 * @module
 */
import type { FunctionName, LockState, Params } from '../reference/index.js';
import {
  ACTIVATION_WINDOW,
  DAY,
  EXIT_EXECUTION_WINDOW,
  Phase,
  articleDefaults,
  deploy,
  execute,
  getLockStatus,
} from '../reference/index.js';
import type { ActorName } from './actors.js';
import { PARTY_A, PARTY_B, addressOfActor } from './actors.js';
import { firstDifference } from './compare.js';
import type { CallResult, Observation } from './driver.js';
import { boundaryInstant, dayOldCureRace, leavingBounded, waiverNeedsBleed } from './guarantees.js';
import { stepInvariants } from './invariants.js';
import { expectedSilenceThreshold } from './oracle.js';
import type { ResolvedAction, StepCheck, TraceEntry } from './run-scenario.js';
import { ensure } from './violation.js';

export interface Opening {
  readonly name: string;
  readonly params: Params;
  /** Calls made before the search starts, each at deployment + its offset. */
  readonly calls: readonly { readonly offset: bigint; readonly actor: ActorName; readonly fn: FunctionName; readonly intervals: bigint }[];
}

const defaults = articleDefaults(PARTY_A, PARTY_B);
const bothActivate = [
  { offset: 0n, actor: 'A' as const, fn: 'activate' as const, intervals: 1n },
  { offset: 0n, actor: 'B' as const, fn: 'activate' as const, intervals: 1n },
];

/** The article's defaults (d = 0.1 ether, T = 30 days, r = 50) with G = 0 and G = 1: both active with d, A prepaid, and nobody active yet. */
export const openings: readonly Opening[] = [
  { name: 'G=1, both activate with d', params: defaults, calls: bothActivate },
  { name: 'G=0, both activate with d', params: { ...defaults, gracePeriods: 0n }, calls: bothActivate },
  {
    name: 'G=0, A activates with 2d, B with d',
    params: { ...defaults, gracePeriods: 0n },
    calls: [{ ...bothActivate[0]!, intervals: 2n }, bothActivate[1]!],
  },
  { name: 'G=1, nobody active', params: defaults, calls: [] },
];

type Call = ResolvedAction & { kind: 'call' };

/** The calls tried in every state: every function by each party (deposits of d and of the arrears), pokes and withdrawals by a stranger. */
function callsAt(state: LockState, obs: Observation): Call[] {
  const d = state.params.depositAmount;
  const calls: Call[] = [];
  for (const actor of ['A', 'B'] as const) {
    const party = obs[actor];
    const arrears = party.reachedIntervals > party.paidIntervals ? (party.reachedIntervals - party.paidIntervals) * d : 0n;
    const values = arrears > d ? [d, arrears] : [d];
    for (const value of values) calls.push({ kind: 'call', actor, fn: 'deposit', value });
    calls.push({ kind: 'call', actor, fn: 'activate', value: d });
    for (const fn of [
      'proposeExit',
      'cancelExitProposal',
      'initiateUnilateralExit',
      'cancelUnilateralExit',
      'executeUnilateralExit',
      'claimAbandoned',
      'cancelInactive',
      'withdraw',
      'applyBleeding',
    ] as const) {
      calls.push({ kind: 'call', actor, fn, value: 0n });
    }
  }
  calls.push({ kind: 'call', actor: 'stranger', fn: 'applyBleeding', value: 0n });
  calls.push({ kind: 'call', actor: 'stranger', fn: 'withdraw', value: 0n });
  return calls;
}

/** The lattice: the boundary instants after `now` (the next of each kind, ± 1 s), and `now` itself. */
export function lattice(state: LockState, now: bigint, obs: Observation): bigint[] {
  const { params } = state;
  const T = params.depositInterval;
  const threshold = expectedSilenceThreshold(params);
  const points = new Set<bigint>([now]);
  const around = (t: bigint) => {
    for (const x of [t - 1n, t, t + 1n]) if (x > now) points.add(x);
  };
  around((state.firstActivatedAt ?? state.createdAt) + ACTIVATION_WINDOW);
  if (state.activatedAt !== null && state.phase === Phase.Active) {
    const t0 = state.activatedAt;
    around(t0 + ((now - t0) / T + 1n) * T); // the next due date
    for (const role of ['A', 'B'] as const) {
      const party = state[role];
      around(t0 + (party.paidIntervals + params.gracePeriods) * T);
      around(party.lastActionAt + threshold + 1n);
      if (party.curedAt !== null) around(party.curedAt + threshold + 1n);
      if (obs[role].inDefault) around(now + DAY - (obs[role].bleedSeconds % DAY));
      const exit = party.unilateralExit;
      if (exit !== null) {
        around(exit.executeAfter);
        around(exit.executeAfter + EXIT_EXECUTION_WINDOW);
      }
    }
  }
  return [...points].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

const observe = (state: LockState, time: bigint): Observation => ({ time, balance: state.balance, ...getLockStatus(state, time) });

function attempt(state: LockState, call: Call, time: bigint): { result: CallResult; state: LockState } {
  const outcome = execute(state, call.fn, { from: addressOfActor[call.actor], value: call.value, now: time, rejectsEther: false });
  if (!outcome.ok) return { result: { ok: false, revert: outcome.revert.name, args: [] }, state };
  return { result: { ok: true, events: outcome.events }, state: outcome.state };
}

const key = (state: LockState, time: bigint): string =>
  JSON.stringify(state, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) + '@' + time;

const checks: readonly StepCheck[] = [...stepInvariants.map((i) => i.check), waiverNeedsBleed, leavingBounded('A'), leavingBounded('B')];

export interface SearchReport {
  readonly depth: number;
  /** Distinct (state, time) pairs expanded. */
  readonly states: number;
  /** Calls tried (each checked), reverts included. */
  readonly calls: number;
  readonly milliseconds: number;
  readonly perOpening: readonly { readonly name: string; readonly states: number; readonly calls: number }[];
}

/** Runs the search to `depth` calls from every opening; throws the first violation, with the path that reached it. */
export function search(depth: number, chosen: readonly Opening[] = openings): SearchReport {
  const started = performance.now();
  const perOpening: { name: string; states: number; calls: number }[] = [];
  for (const opening of chosen) {
    const deployed = deploy(opening.params, 1_000_000n);
    if (!deployed.ok) throw new Error(`${opening.name}: deployment refused`);
    let state = deployed.state;
    const trace: TraceEntry[] = [];
    const step = (s: LockState, call: Call, time: bigint): { entry: TraceEntry; state: LockState } => {
      const before = observe(s, time);
      const { result, state: next } = attempt(s, call, time);
      const after = result.ok ? observe(next, time) : before;
      const entry: TraceEntry = { index: trace.length, time, action: call, before, result, after, expected: { before, result, after } };
      return { entry, state: next };
    };
    for (const c of opening.calls) {
      const call: Call = { kind: 'call', actor: c.actor, fn: c.fn, value: c.intervals * opening.params.depositAmount };
      const taken = step(state, call, 1_000_000n + c.offset);
      ensure(taken.entry.result.ok, 'MLL-ACT-001', () => `${opening.name}: the opening's ${c.actor}.${c.fn} reverted`);
      trace.push(taken.entry);
      state = taken.state;
    }
    const seen = new Set<string>();
    let calls = 0;
    const visit = (s: LockState, now: bigint, left: number): void => {
      const k = key(s, now) + '#' + left;
      if (seen.has(k)) return;
      seen.add(k);
      if (left === 0) return;
      const here = observe(s, now);
      const times = lattice(s, now, here);
      for (const time of times) {
        const obs = time === now ? here : observe(s, time);
        const tried = callsAt(s, obs);
        const results = new Map<Call, { entry: TraceEntry; state: LockState }>();
        for (const call of tried) {
          calls++;
          const taken = step(s, call, time);
          trace.push(taken.entry);
          const path = () =>
            trace
              .map(
                (e) =>
                  `${e.time}:${e.action.kind === 'call' ? `${e.action.actor}.${e.action.fn}(${e.action.value})` : ''}${e.result.ok ? '' : '✗'}`,
              )
              .join(' ');
          try {
            for (const check of checks) check(taken.entry, trace, s.params);
            if (call.fn === 'applyBleeding' && taken.entry.result.ok) pokeChangesNothing(s, taken.state, time);
          } catch (error) {
            if (error instanceof Error) error.message += `\n  opening: ${opening.name}\n  path: ${path()}`;
            throw error;
          } finally {
            trace.pop();
          }
          results.set(call, taken);
        }
        try {
          orderDecidesNothing(s, time, tried, opening.name);
        } catch (error) {
          if (error instanceof Error)
            error.message += `\n  path: ${trace.map((e) => `${e.time}:${e.action.kind === 'call' ? `${e.action.actor}.${e.action.fn}(${e.action.value})` : ''}`).join(' ')}`;
          throw error;
        }
        for (const call of tried) {
          const taken = results.get(call)!;
          if (!taken.entry.result.ok) continue;
          trace.push(taken.entry);
          visit(taken.state, time, left - 1);
          trace.pop();
        }
      }
    };
    visit(state, trace.at(-1)?.time ?? 1_000_000n, depth);
    perOpening.push({ name: opening.name, states: seen.size, calls });
  }
  return {
    depth,
    states: perOpening.reduce((sum, o) => sum + o.states, 0),
    calls: perOpening.reduce((sum, o) => sum + o.calls, 0),
    milliseconds: performance.now() - started,
    perOpening,
  };
}

/** MLL-GUA-005: after a poke, every view is the same now and at every next lattice instant. */
function pokeChangesNothing(before: LockState, after: LockState, time: bigint): void {
  for (const t of lattice(before, time, observe(before, time))) {
    const difference = firstDifference(observe(before, t), observe(after, t));
    ensure(difference === null, 'MLL-GUA-005', () => `a poke at ${time} changed the views at ${t}: ${String(difference)}`);
  }
}

/**
 * MLL-GUA-004: two calls by different senders at a boundary instant, in either order: each party
 * the same share + claimable net of what it paid in the pair (the phase may differ: a proposal
 * met or cancelled, a lock cancelled or joined, credit each party its share either way).
 */
function orderDecidesNothing(s: LockState, time: bigint, tried: readonly Call[], opening: string): void {
  const instant = boundaryInstant(s, time);
  if (instant === null) return;
  const before = observe(s, time);
  const ok = tried.filter((c) => c.actor !== 'stranger' && c.fn !== 'applyBleeding' && c.fn !== 'withdraw');
  for (const [i, first] of ok.entries()) {
    for (const second of ok.slice(i + 1)) {
      if (first.actor === second.actor) continue;
      if (dayOldCureRace(before, [first, second])) continue;
      const outcome = (x: Call, y: Call) => {
        const a = attempt(s, x, time);
        const b = attempt(a.state, y, time);
        const paid = (role: 'A' | 'B') =>
          (a.result.ok && x.actor === role ? x.value : 0n) + (b.result.ok && y.actor === role ? y.value : 0n);
        const o = observe(b.state, time);
        return { A: o.A.share + o.A.claimable - paid('A'), B: o.B.share + o.B.claimable - paid('B') };
      };
      const one = outcome(first, second);
      const two = outcome(second, first);
      const difference = firstDifference(one, two);
      ensure(
        difference === null,
        'MLL-GUA-004',
        () =>
          `${opening}: at ${time} (${instant}), ${first.actor}.${first.fn}(${first.value}) and ${second.actor}.${second.fn}(${second.value}) give a different result in either order: ${String(difference)}`,
      );
    }
  }
}
