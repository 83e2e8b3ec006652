/**
 * applyBleeding(): kept for tools written for the deployed contract. Anyone may call it; it
 * advances the bleed clocks, moves no value and records no liveness, even for a party, so
 * calling it or not, early or late, changes no later result (MLL-BLD-011).
 * @module
 */
import { accrue } from './bleeding.js';
import type { Call, Outcome } from './call.js';
import { checkNoValue, checkPhase, fail, succeed } from './call.js';
import type { LockState } from './state.js';
import { Phase } from './state.js';

export function applyBleeding(state: LockState, call: Call): Outcome {
  const noValue = checkNoValue(call);
  if (noValue) return fail(noValue);
  const wrongPhase = checkPhase(state, Phase.Active);
  if (wrongPhase) return fail(wrongPhase);
  return succeed(accrue(state, call.now));
}
