/**
 * applyBleeding(): kept for tools written for the deployed contract. Anyone may call it; it
 * advances the bleed clocks and moves no value, so calling it or not, early or late, changes
 * no share, claimable or event of any later call (MLL-BLD-007).
 * @module
 */
import { accrue } from './bleeding.js';
import type { Call, Outcome } from './call.js';
import { checkNoValue, checkPhase, fail, succeed } from './call.js';
import type { LockState } from './state.js';
import { Phase, roleOf, withParty } from './state.js';

export function applyBleeding(state: LockState, call: Call): Outcome {
  const noValue = checkNoValue(call);
  if (noValue) return fail(noValue);
  const wrongPhase = checkPhase(state, Phase.Active);
  if (wrongPhase) return fail(wrongPhase);
  const next = accrue(state, call.now);
  // MLL-ABN-001: a party's own call, this one included, is a sign of life
  const role = roleOf(state, call.from);
  return succeed(role === null ? next : withParty(next, role, { lastActionAt: call.now }));
}
