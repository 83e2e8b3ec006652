/**
 * Bleeding (MLL-BLD): a clock per party counts the seconds in which it is in default and its
 * counterparty is not; whole days of that clock are settled into the shares only at the
 * party's own deposits and at the lock's end. Nothing else, pokes included, moves value, so
 * the outcome cannot depend on who calls when.
 * @module
 */
import { DAY } from './constants.js';
import { retainedShare } from './arithmetic.js';
import type { LockEvent } from './events.js';
import { bleedWindow } from './schedule.js';
import type { LockState, Role } from './state.js';
import { Phase, addressOf, counterparty, withParty } from './state.js';

/** Seconds of [from, to) inside a party's bleed window (MLL-BLD-001, MLL-BLD-002). */
export function bleedSecondsBetween(state: LockState, role: Role, from: bigint, to: bigint): bigint {
  const window = bleedWindow(state, role);
  if (window === null) return 0n;
  const start = from > window[0] ? from : window[0];
  const end = to < window[1] ? to : window[1];
  return end > start ? end - start : 0n;
}

/**
 * Advances both bleed clocks to `now` (MLL-BLD-002). Additive over any split of time, so
 * accruing in several calls equals accruing once.
 */
export function accrue(state: LockState, now: bigint): LockState {
  if (state.phase !== Phase.Active || now === state.accruedUntil) return state;
  const from = state.accruedUntil;
  let next: LockState = { ...state, accruedUntil: now };
  for (const role of ['A', 'B'] as const) {
    const seconds = bleedSecondsBetween(state, role, from, now);
    if (seconds > 0n) next = withParty(next, role, { bleedClock: next[role].bleedClock + seconds });
  }
  return next;
}

/**
 * Settles the whole days of a party's bleed clock: its share keeps the retained part, the rest
 * goes to its counterparty, and the part-day left stays on the clock (MLL-BLD-004,
 * MLL-BLD-006).
 */
export function settle(state: LockState, role: Role): [LockState, LockEvent[]] {
  const party = state[role];
  const days = party.bleedClock / DAY;
  if (days === 0n) return [state, []];
  const other = counterparty(role);
  const retained = retainedShare(party.share, state.params.bleedRateBpsPerDay, days);
  const amount = party.share - retained;
  let next = withParty(state, role, { share: retained, bleedClock: party.bleedClock - days * DAY });
  next = withParty(next, other, { share: next[other].share + amount });
  if (amount === 0n) return [next, []];
  const event: LockEvent = {
    name: 'BleedingApplied',
    args: { from: addressOf(state, role), to: addressOf(state, other), amount },
  };
  return [next, [event]];
}

/**
 * Settles both parties, A first. At most one party ever has a whole day on its clock
 * (MLL-BLD-009), so the order cannot matter.
 */
export function settleBoth(state: LockState): [LockState, LockEvent[]] {
  const [afterA, eventsA] = settle(state, 'A');
  const [afterB, eventsB] = settle(afterA, 'B');
  return [afterB, [...eventsA, ...eventsB]];
}

/** The state as it would stand if both parties were settled at `now`; views use it (MLL-VIEW-001). */
export function settledAt(state: LockState, now: bigint): LockState {
  return settleBoth(accrue(state, now))[0];
}
