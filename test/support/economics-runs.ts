/**
 * Runs of the reference lock for the economics (MLL-ECO): the scenarios whose figures
 * spec/economics.md states in closed form, driven through deploy and execute at the right times.
 * test/economics-lock.test.ts compares them with reference/economics.ts; docs/charts.ts and
 * docs/worked-example.ts draw and print them.
 * @module
 */
import type { Address, LockEvent, Params } from '../../reference/index.js';
import { DAY } from '../../reference/index.js';
import { Lock, PARTY_A, PARTY_B, status } from './harness.js';

/** Wei per ether. */
export const ETHER = 10n ** 18n;

/** Which party pays on schedule while the clock moves. */
export type Payers = readonly Address[];

/**
 * Moves the lock's clock to `time`, stopping at every due date on the way (after the current
 * time, up to `time` included), where each of `payers` pays the intervals the schedule has
 * reached and it has not paid, so that it is never behind (MLL-SCH-001). Returns the events.
 */
export function runTo(lock: Lock, time: bigint, payers: Payers): LockEvent[] {
  const events: LockEvent[] = [];
  const T = lock.state.params.depositInterval;
  const d = lock.state.params.depositAmount;
  let k = (lock.now - lock.t0) / T + 1n;
  for (let due = lock.t0 + k * T; due <= time; k++, due = lock.t0 + k * T) {
    lock.at(due);
    for (const who of payers) {
      const s = status(lock, who);
      const owed = s.reachedIntervals - s.paidIntervals;
      if (owed > 0n) events.push(...lock.ok(who, 'deposit', owed * d));
    }
  }
  lock.at(time);
  return events;
}

/**
 * Both parties activate at t0 with one interval each and pay on schedule until B has paid
 * `deposits` intervals (interval deposits − 1 due on day (deposits − 1)·T); then B stops and A
 * goes on. Returns the lock at B's default start, t0 + (deposits + G)·T: B's share is exactly
 * deposits·d, its counted intervals `deposits`, its bleed clock 0, A compliant.
 */
export function atDefaultStart(deposits: bigint, params: Partial<Params> = {}): Lock {
  const lock = Lock.active(params);
  const T = lock.state.params.depositInterval;
  runTo(lock, lock.t0 + (deposits - 1n) * T, [PARTY_A, PARTY_B]);
  const start = status(lock, PARTY_B).defaultStartsAt;
  runTo(lock, start, [PARTY_A]);
  return lock;
}

/** The value of an event of a name, or null. */
export function eventOf<N extends LockEvent['name']>(events: readonly LockEvent[], name: N): Extract<LockEvent, { name: N }> | null {
  return (events.find((e) => e.name === name) as Extract<LockEvent, { name: N }> | undefined) ?? null;
}

/** What a unilateral exit by `who` executed at `at` credited it and took from it. */
export interface ExitResult {
  readonly received: bigint;
  readonly penaltyPaid: bigint;
  readonly events: readonly LockEvent[];
}

/** Executes `who`'s exit at `at`, A paying on schedule until then; the UnilateralExitExecuted figures. */
export function executeAt(lock: Lock, who: Address, at: bigint, payers: Payers = [PARTY_A]): ExitResult {
  runTo(
    lock,
    at,
    payers.filter((p) => p !== who),
  );
  const events = lock.ok(who, 'executeUnilateralExit');
  const executed = eventOf(events, 'UnilateralExitExecuted');
  if (executed === null) throw new Error('no UnilateralExitExecuted');
  return { received: executed.args.received, penaltyPaid: executed.args.penaltyPaid, events };
}

/**
 * A mature defaulter's exit (MLL-ECO-020, MLL-ECO-021): B has paid `deposits` intervals and is
 * at its default start; A pays on schedule throughout. After `k` whole days of default B deposits
 * `j` intervals (none if j = 0) and initiates its exit in the same second, then executes it
 * `executeDelay` seconds after the countdown ends. Returns what B was credited and paid.
 */
export function defaulterExits(options: { deposits: bigint; k: bigint; j: bigint; executeDelay?: bigint; params?: Partial<Params> }): {
  readonly lock: Lock;
  readonly shareAtDefault: bigint;
  readonly paidAfterDefault: bigint;
  readonly exit: ExitResult;
} {
  const lock = atDefaultStart(options.deposits, options.params);
  const shareAtDefault = lock.state.B.share;
  runTo(lock, lock.now + options.k * DAY, [PARTY_A]);
  const d = lock.state.params.depositAmount;
  if (options.j > 0n) lock.ok(PARTY_B, 'deposit', options.j * d);
  lock.ok(PARTY_B, 'initiateUnilateralExit');
  const executeAfter = status(lock, PARTY_B).executeAfter;
  const exit = executeAt(lock, PARTY_B, executeAfter + (options.executeDelay ?? 0n));
  return { lock, shareAtDefault, paidAfterDefault: options.j * d, exit };
}
