/**
 * A small harness for unit tests on the reference: a lock with the article's defaults (or
 * overrides), a clock, and calls that return outcomes to assert on; the views read at the lock's
 * time; and the openings several test files share.
 * @module
 */
import type { Address, FunctionName, LockEvent, LockState, Params, PartyStatus, Revert } from '../../reference/index.js';
import { DAY, articleDefaults, deploy, execute, forceEther, getExitPenalty, getPartyStatus, getPoolState } from '../../reference/index.js';
import { PARTY_A, PARTY_B, STRANGER } from '../../properties/actors.js';

export { PARTY_A, PARTY_B, STRANGER, DAY };

/** The article's defaults with the suite's party addresses. */
export const defaults: Params = articleDefaults(PARTY_A, PARTY_B);
/** d at the defaults: 0.1 ether. */
export const d = defaults.depositAmount;
/** T at the defaults: 30 days. */
export const T = defaults.depositInterval;
/** A deployment time far from zero, so that "0 = none" never collides with a real time. */
export const DEPLOYED_AT = 1_700_000_000n;

export class Lock {
  state: LockState;
  now: bigint;

  constructor(params: Partial<Params> = {}, deployedAt: bigint = DEPLOYED_AT) {
    const outcome = deploy({ ...defaults, ...params }, deployedAt);
    if (!outcome.ok) throw new Error(`deploy reverted ${outcome.revert.name}`);
    this.state = outcome.state;
    this.now = deployedAt;
  }

  /** A lock with both parties activated with one interval each, t0 = the deployment time. */
  static active(params: Partial<Params> = {}): Lock {
    const lock = new Lock(params);
    lock.ok(PARTY_A, 'activate', lock.state.params.depositAmount);
    lock.ok(PARTY_B, 'activate', lock.state.params.depositAmount);
    return lock;
  }

  /** t0, the time the schedule started. */
  get t0(): bigint {
    if (this.state.activatedAt === null) throw new Error('not active');
    return this.state.activatedAt;
  }

  /** Moves the clock to an absolute time. */
  at(time: bigint): this {
    if (time < this.now) throw new Error(`time ${time} is before now ${this.now}`);
    this.now = time;
    return this;
  }

  /** Moves the clock forward. */
  wait(seconds: bigint): this {
    return this.at(this.now + seconds);
  }

  /** Calls and returns the outcome, applying it when it succeeded. */
  call(from: Address, fn: FunctionName, value = 0n, options: { rejectsEther?: boolean } = {}) {
    const outcome = execute(this.state, fn, { from, value, now: this.now, ...options });
    if (outcome.ok) this.state = outcome.state;
    return outcome;
  }

  /** Calls, requires success, returns the events. */
  ok(from: Address, fn: FunctionName, value = 0n, options: { rejectsEther?: boolean } = {}): readonly LockEvent[] {
    const outcome = this.call(from, fn, value, options);
    if (!outcome.ok)
      throw new Error(
        `${fn} from ${from} reverted ${JSON.stringify(outcome.revert, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );
    return outcome.events;
  }

  /** Calls, requires a revert, returns it; the state must not change. */
  reverts(from: Address, fn: FunctionName, value = 0n, options: { rejectsEther?: boolean } = {}): Revert {
    const before = this.state;
    const outcome = this.call(from, fn, value, options);
    if (outcome.ok) throw new Error(`${fn} from ${from} succeeded, expected a revert`);
    if (this.state !== before) throw new Error('a revert changed the state');
    return outcome.revert;
  }

  /** Forces ether in without a call. */
  force(amount: bigint): this {
    this.state = forceEther(this.state, amount);
    return this;
  }
}

/** The parameters at their extreme bounds (MLL-PAR-009): d = 2^96 − 1, T = 10 years, G = 12, r = 1000, P_max 9000, P_min 0, n = 1000. */
export const EXTREME: Partial<Params> = {
  depositAmount: 2n ** 96n - 1n,
  depositInterval: 3_650n * DAY,
  gracePeriods: 12n,
  bleedRateBpsPerDay: 1_000n,
  exitPenaltyMaxBps: 9_000n,
  exitPenaltyMinBps: 0n,
  penaltyDecayTarget: 1_000n,
};

/** Both active at t0 with one interval; A prepays three more: A defaults at t0 + (4 + G)·T, silent B at t0 + (1 + G)·T (days 150 and 60 at the defaults). */
export function aAheadBSilent(params: Partial<Params> = {}): Lock {
  const lock = Lock.active(params);
  lock.ok(PARTY_A, 'deposit', 3n * lock.state.params.depositAmount);
  return lock;
}

/** Both active at t0 with one interval; B prepays three more: A defaults at t0 + (1 + G)·T, B is compliant until t0 + (4 + G)·T (days 60 and 150 at the defaults). */
export function aBehindBAhead(): Lock {
  const lock = Lock.active();
  lock.ok(PARTY_B, 'deposit', 3n * d);
  return lock;
}

/** A lock ended by a peaceful exit one day after t0: both shares credited, each party has d claimable. */
export function peacefullyExited(): Lock {
  const lock = Lock.active();
  lock.wait(DAY);
  lock.ok(PARTY_A, 'proposeExit');
  lock.ok(PARTY_B, 'proposeExit');
  return lock;
}

/** The BleedingApplied event a settlement of `amount` from `from` to `to` emits. */
export function bleedingApplied(from: Address, to: Address, amount: bigint): LockEvent {
  return { name: 'BleedingApplied', args: { from, to, amount } };
}

/** The names of events, in order. */
export function names(events: readonly LockEvent[]): string[] {
  return events.map((event) => event.name);
}

/** The first event with a name, or a thrown error. */
export function eventNamed<N extends LockEvent['name']>(events: readonly LockEvent[], name: N): Extract<LockEvent, { name: N }> {
  const found = events.find((event) => event.name === name);
  if (found === undefined) throw new Error(`no ${name} among ${names(events).join(', ')}`);
  return found as Extract<LockEvent, { name: N }>;
}

/** An independent copy of a lock at its current time, to run two futures from one state. */
export function fork(lock: Lock): Lock {
  const copy = new Lock();
  copy.state = lock.state;
  copy.now = lock.now;
  return copy;
}

/** getPartyStatus at the lock's time; a revert (NotParty) is thrown. */
export function status(lock: Lock, who: Address): PartyStatus {
  const result = getPartyStatus(lock.state, who, lock.now);
  if ('name' in result) throw new Error(result.name);
  return result;
}

/** getExitPenalty at the lock's time; a revert (NotParty) is thrown. */
export function exitPenalty(lock: Lock, who: Address): bigint {
  const result = getExitPenalty(lock.state, who, lock.now);
  if (typeof result !== 'bigint') throw new Error(result.name);
  return result;
}

/** [shareA, shareB] as getPoolState reports them at the lock's time (pending bleed settled in the view). */
export function viewShares(lock: Lock): [bigint, bigint] {
  const pool = getPoolState(lock.state, lock.now);
  return [pool.shareA, pool.shareB];
}
