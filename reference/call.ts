/**
 * What a call brings in and what it produces, and the checks every external function makes
 * first, in this order: value, caller, phase (MLL-STA-002 … MLL-STA-004).
 * @module
 */
import { accrue } from './bleeding.js';
import type { Revert } from './errors.js';
import type { LockEvent } from './events.js';
import type { Address } from './params.js';
import type { LockState, Role } from './state.js';
import { Phase, roleOf, withParty } from './state.js';

/** One call: who sends it, with how much wei, at what block time. */
export interface Call {
  readonly from: Address;
  readonly value: bigint;
  readonly now: bigint;
  /** Set when the caller's code rejects ether, so a payout to it fails (MLL-WDR-003). */
  readonly rejectsEther?: boolean;
}

/** A call's result: the new state and the events emitted, or a revert that changed nothing. */
export type Outcome =
  { readonly ok: true; readonly state: LockState; readonly events: readonly LockEvent[] } | { readonly ok: false; readonly revert: Revert };

export function succeed(state: LockState, events: readonly LockEvent[] = []): Outcome {
  return { ok: true, state, events };
}

export function fail(revert: Revert): Outcome {
  return { ok: false, revert };
}

/** Rejects value sent to a function that takes none (MLL-STA-004). */
export function checkNoValue(call: Call): Revert | null {
  return call.value === 0n ? null : { name: 'UnexpectedValue' };
}

/** Rejects a call in the wrong phase (MLL-STA-003). */
export function checkPhase(state: LockState, expected: Phase): Revert | null {
  return state.phase === expected ? null : { name: 'WrongPhase', expected, actual: state.phase };
}

/**
 * The prologue of every party-only function of the active lock: no value, a party, the Active
 * phase; then the bleed clocks advance to now and the caller's liveness is recorded
 * (MLL-BLD-002, MLL-ABN-007).
 */
export function enterActive(state: LockState, call: Call): { role: Role; state: LockState } | Revert {
  const noValue = checkNoValue(call);
  if (noValue) return noValue;
  const role = roleOf(state, call.from);
  if (role === null) return { name: 'NotParty' };
  const wrongPhase = checkPhase(state, Phase.Active);
  if (wrongPhase) return wrongPhase;
  return { role, state: withParty(accrue(state, call.now), role, { lastActionAt: call.now }) };
}

/** Narrows an `enterActive` result. */
export function isRevert(value: object): value is Revert {
  return 'name' in value;
}
