/**
 * Pull withdrawals, forced ether, and plain transfers (MLL-WDR).
 * @module
 */
import type { Call, Outcome } from './call.js';
import { checkNoValue, fail, succeed } from './call.js';
import type { LockEvent } from './events.js';
import type { LockState } from './state.js';
import { Phase, roleOf, withParty } from './state.js';

/** Wei held beyond every share and claimable: forced ether (MLL-INV-001). */
export function surplus(state: LockState): bigint {
  return state.balance - state.A.share - state.B.share - state.A.claimable - state.B.claimable;
}

/**
 * Once the lock has ended, forced ether is credited to the parties: ⌊surplus/2⌋ to A, the rest
 * to B (MLL-WDR-004, MLL-ARI-007).
 */
export function creditSurplus(state: LockState): [LockState, LockEvent[]] {
  const extra = surplus(state);
  if (state.phase !== Phase.Exited || extra === 0n) return [state, []];
  const toA = extra / 2n;
  const toB = extra - toA;
  let next = withParty(state, 'A', { claimable: state.A.claimable + toA });
  next = withParty(next, 'B', { claimable: next.B.claimable + toB });
  return [next, [{ name: 'SurplusCredited', args: { toA, toB } }]];
}

/**
 * withdraw(): pays the caller its claimable, zeroed before the transfer; a failed transfer
 * reverts the whole call (MLL-WDR-001 … MLL-WDR-003).
 */
export function withdraw(state: LockState, call: Call): Outcome {
  const noValue = checkNoValue(call);
  if (noValue) return fail(noValue);
  const [credited, events] = creditSurplus(state);
  const role = roleOf(state, call.from);
  const amount = role === null ? 0n : credited[role].claimable;
  if (role === null || amount === 0n) return fail({ name: 'NothingToWithdraw' });
  if (call.rejectsEther === true) return fail({ name: 'TransferFailed' });
  const next = withParty(credited, role, { claimable: 0n });
  return succeed({ ...next, balance: next.balance - amount }, [...events, { name: 'Withdrawn', args: { party: call.from, amount } }]);
}

/** receive(): plain transfers are refused; deposits go through activate() and deposit() (MLL-WDR-005). */
export function receive(_state: LockState, _call: Call): Outcome {
  return fail({ name: 'DirectTransferRejected' });
}

/**
 * Ether that arrives without a call (a self-destructing contract, a block reward): not a call
 * the lock can refuse, only a balance that grows (MLL-WDR-004).
 */
export function forceEther(state: LockState, amount: bigint): LockState {
  return { ...state, balance: state.balance + amount };
}
