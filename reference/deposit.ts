/**
 * deposit(): paying intervals of the schedule (MLL-SCH).
 * @module
 */
import { accrue, settle } from './bleeding.js';
import type { Call, Outcome } from './call.js';
import { checkPhase, fail, succeed } from './call.js';
import type { LockEvent } from './events.js';
import { isInDefault, maxPaidIntervals } from './schedule.js';
import type { LockState } from './state.js';
import { isExecutable, isProposalLive } from './deadlines.js';
import { Phase, addressOf, counterparty, roleOf, withParty } from './state.js';

/**
 * deposit(): pays k = value/d intervals. Arrears may be caught up at once; no party may be paid
 * beyond MAX_PREPAID_INTERVALS ahead of the schedule (MLL-SCH-002, MLL-SCH-003). The depositor's
 * own bleed is settled first, so the deposit is never bled for time before it (MLL-SCH-006);
 * a deposit that ends the depositor's default records when (MLL-ABN-006); and the
 * counterparty's live peaceful-exit proposal is withdrawn, since the shares it was made on have
 * changed at the depositor's hand (MLL-SCH-008). Once both exits are executable, either party's
 * execution ends the lock, so nothing more is paid in (MLL-SCH-009).
 */
export function deposit(state: LockState, call: Call): Outcome {
  const role = roleOf(state, call.from);
  if (role === null) return fail({ name: 'NotParty' });
  const wrongPhase = checkPhase(state, Phase.Active);
  if (wrongPhase) return fail(wrongPhase);
  const d = state.params.depositAmount;
  // MLL-SCH-002: a positive whole number of intervals
  if (call.value === 0n || call.value % d !== 0n) return fail({ name: 'InvalidDepositValue' });
  // MLL-SCH-003: at most MAX_PREPAID_INTERVALS beyond the reached intervals
  const limit = maxPaidIntervals(state, call.now);
  const paid = state[role].paidIntervals;
  if (paid + call.value / d > limit) {
    return fail({ name: 'PrepaymentLimitExceeded', maxValue: (limit - paid) * d });
  }
  // MLL-SCH-009: otherwise a deposit and the counterparty's execution in one block would decide whether the deposit is penalised
  const other = counterparty(role);
  if (isExecutable(state[role].unilateralExit, call.now) && isExecutable(state[other].unilateralExit, call.now)) {
    return fail({ name: 'BothExitsExecutable' });
  }

  // MLL-SCH-006: settle the depositor's bleed up to now, then add the deposit
  const wasInDefault = isInDefault(state, role, call.now);
  const [settled, events] = settle(accrue(state, call.now), role);
  const share = settled[role].share + call.value;
  let next = withParty(settled, role, { share, paidIntervals: paid + call.value / d, lastActionAt: call.now });
  next = { ...next, balance: next.balance + call.value };
  // MLL-ABN-006: the claimer's compliance, which an abandonment claim needs, restarts here
  if (wasInDefault && !isInDefault(next, role, call.now)) next = withParty(next, role, { curedAt: call.now });
  // MLL-SCH-008: the counterparty's live proposal was made on the old shares; the depositor's own stands
  const cancelled: LockEvent[] = [];
  if (isProposalLive(next[other].exitProposedAt, call.now)) {
    next = withParty(next, other, { exitProposedAt: null });
    cancelled.push({ name: 'ExitProposalCancelled', args: { party: addressOf(next, other) } });
  }
  return succeed(next, [...events, ...cancelled, { name: 'Deposited', args: { party: call.from, amount: call.value, newShare: share } }]);
}
