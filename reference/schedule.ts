/**
 * The deposit schedule and default (MLL-SCH, MLL-DEF): pure functions of the state and the time.
 * @module
 */
import { DAY, MAX_PREPAID_INTERVALS } from './constants.js';
import type { LockState, Role } from './state.js';
import { counterparty } from './state.js';

/**
 * How many intervals the schedule has reached at `now`: interval k is due at t0 + k·T, so
 * ⌊(now − t0)/T⌋ + 1 once the lock is active, 0 before (MLL-SCH-001).
 */
export function reachedIntervals(state: LockState, now: bigint): bigint {
  if (state.activatedAt === null) return 0n;
  return (now - state.activatedAt) / state.params.depositInterval + 1n;
}

/**
 * When a party falls into default: the due date of its first unpaid interval plus G intervals,
 * t0 + (paid + G)·T (MLL-DEF-001). Null before the lock is active.
 */
export function defaultStartsAt(state: LockState, role: Role): bigint | null {
  if (state.activatedAt === null) return null;
  const { depositInterval, gracePeriods } = state.params;
  return state.activatedAt + (state[role].paidIntervals + gracePeriods) * depositInterval;
}

/**
 * A party's bleed window: the half-open interval [its default start, its counterparty's default
 * start) in which it is in default and the counterparty is not; null when empty or before
 * activation (MLL-BLD-001). Both ends move only with deposits.
 */
export function bleedWindow(state: LockState, role: Role): readonly [start: bigint, end: bigint] | null {
  const start = defaultStartsAt(state, role);
  const end = defaultStartsAt(state, counterparty(role));
  return start === null || end === null || end <= start ? null : [start, end];
}

/** Whether a party is in default at `now`: more than G reached intervals unpaid (MLL-DEF-001). */
export function isInDefault(state: LockState, role: Role, now: bigint): boolean {
  const startsAt = defaultStartsAt(state, role);
  return startsAt !== null && now >= startsAt;
}

/**
 * Whether the penalty is waived for `role` in a state accrued to `now`: it is not in default and
 * its counterparty has a whole day of one-sided default on its clock, which only a party in
 * default can carry and which will be settled to `role` (MLL-UEX-010, MLL-BLD-009).
 */
export function penaltyWaived(state: LockState, role: Role, now: bigint): boolean {
  return !isInDefault(state, role, now) && state[counterparty(role)].bleedClock >= DAY;
}

/** Intervals that count toward maturity: paid and reached by the schedule (MLL-SCH-005). */
export function countedIntervals(state: LockState, role: Role, now: bigint): bigint {
  const paid = state[role].paidIntervals;
  const reached = reachedIntervals(state, now);
  return paid < reached ? paid : reached;
}

/**
 * The most intervals a party may have paid at `now`: those reached plus MAX_PREPAID_INTERVALS;
 * before the lock is active the schedule is taken to start now (MLL-SCH-003, MLL-ACT-001).
 */
export function maxPaidIntervals(state: LockState, now: bigint): bigint {
  const reached = state.activatedAt === null ? 1n : reachedIntervals(state, now);
  return reached + MAX_PREPAID_INTERVALS;
}
