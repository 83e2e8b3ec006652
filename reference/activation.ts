/**
 * Activation and cancelling a lock the counterparty never joined (MLL-ACT, MLL-CIN).
 * @module
 */
import { ACTIVATION_WINDOW } from './constants.js';
import type { Call, Outcome } from './call.js';
import { checkNoValue, checkPhase, fail, succeed } from './call.js';
import { endLock } from './ending.js';
import type { LockEvent } from './events.js';
import { maxPaidIntervals } from './schedule.js';
import type { LockState } from './state.js';
import { Phase, counterparty, roleOf, withParty } from './state.js';

/**
 * activate(): a party pays its first intervals, k·d with 1 ≤ k ≤ 1 + MAX_PREPAID_INTERVALS.
 * The second activation, within ACTIVATION_WINDOW of the first, starts the schedule
 * (MLL-ACT-001 … MLL-ACT-005).
 */
export function activate(state: LockState, call: Call): Outcome {
  const role = roleOf(state, call.from);
  if (role === null) return fail({ name: 'NotParty' });
  const wrongPhase = checkPhase(state, Phase.Inactive);
  if (wrongPhase) return fail(wrongPhase);
  // MLL-ACT-002: once per party
  if (state[role].paidIntervals > 0n) return fail({ name: 'AlreadyActivated' });
  // MLL-ACT-005: the window closes ACTIVATION_WINDOW after the first activation
  const first = state.firstActivatedAt;
  if (first !== null && call.now >= first + ACTIVATION_WINDOW) return fail({ name: 'ActivationWindowClosed' });
  // MLL-ACT-001: a positive whole number of intervals, at most 1 + MAX_PREPAID_INTERVALS
  const d = state.params.depositAmount;
  if (call.value === 0n || call.value % d !== 0n) return fail({ name: 'InvalidDepositValue' });
  const limit = maxPaidIntervals(state, call.now);
  if (call.value / d > limit) return fail({ name: 'PrepaymentLimitExceeded', maxValue: limit * d });

  let next = withParty(state, role, {
    share: call.value,
    paidIntervals: call.value / d,
    lastActionAt: call.now,
  });
  next = { ...next, balance: state.balance + call.value };
  const events: LockEvent[] = [];
  if (state[counterparty(role)].paidIntervals > 0n) {
    // MLL-ACT-004: the second activation starts the schedule at t0 = now
    next = { ...next, phase: Phase.Active, activatedAt: call.now, accruedUntil: call.now };
    events.push({ name: 'AgreementActivated', args: { activatedAt: call.now } });
  } else {
    // MLL-ACT-003: the first activation opens the window
    next = { ...next, firstActivatedAt: call.now };
  }
  events.push({ name: 'Deposited', args: { party: call.from, amount: call.value, newShare: call.value } });
  return succeed(next, events);
}

/**
 * cancelInactive(): once no second activation can come any more, either party may call the lock
 * off; every deposit goes back to its payer (MLL-CIN-001 … MLL-CIN-003). The activation window
 * and this one never overlap, so a late activation cannot trap a canceller.
 */
export function cancelInactive(state: LockState, call: Call): Outcome {
  const noValue = checkNoValue(call);
  if (noValue) return fail(noValue);
  const role = roleOf(state, call.from);
  if (role === null) return fail({ name: 'NotParty' });
  const wrongPhase = checkPhase(state, Phase.Inactive);
  if (wrongPhase) return fail(wrongPhase);
  // MLL-CIN-001: the window runs from the first activation, or from deployment if none
  const closesAt = (state.firstActivatedAt ?? state.createdAt) + ACTIVATION_WINDOW;
  if (call.now < closesAt) return fail({ name: 'ActivationWindowOpen', closesAt });
  // MLL-CIN-002, MLL-CIN-003: refunds credited, the lock ends
  const refund = state.A.share + state.B.share;
  const next = withParty(endLock(state, state.A.share, state.B.share), role, { lastActionAt: call.now });
  return succeed(next, [{ name: 'InactiveCancelled', args: { party: call.from, refund } }]);
}
