/**
 * Unilateral exit: a countdown, then the initiator leaves paying the penalty rate frozen when it
 * started, to its counterparty (MLL-UEX).
 * @module
 */
import { penaltyAmount } from './arithmetic.js';
import { settleBoth } from './bleeding.js';
import type { Call, Outcome } from './call.js';
import { enterActive, fail, isRevert, succeed } from './call.js';
import { UNILATERAL_EXIT_COUNTDOWN } from './constants.js';
import { isExitLive } from './deadlines.js';
import { endLock } from './ending.js';
import { penaltyBps } from './penalty.js';
import { countedIntervals, isInDefault, penaltyWaived } from './schedule.js';
import type { LockState } from './state.js';
import { counterparty, withParty } from './state.js';

/**
 * initiateUnilateralExit(): starts the caller's countdown, freezes its maturity rate and whether
 * the waiver holds now (MLL-UEX-001, MLL-UEX-009, MLL-UEX-010). Each party has its own exit, so
 * neither can block the other.
 */
export function initiateUnilateralExit(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  const { role } = entered;
  // MLL-UEX-001: one live exit per party
  if (isExitLive(entered.state[role].unilateralExit, call.now)) return fail({ name: 'UnilateralExitAlreadyActive' });
  // MLL-UEX-009, MLL-UEX-010
  const rate = penaltyBps(state.params, countedIntervals(entered.state, role, call.now));
  const waived = penaltyWaived(entered.state, role, call.now);
  const executeAfter = call.now + UNILATERAL_EXIT_COUNTDOWN;
  const next = withParty(entered.state, role, { unilateralExit: { executeAfter, penaltyBps: rate, waived } });
  return succeed(next, [{ name: 'UnilateralExitInitiated', args: { initiator: call.from, executeAfter } }]);
}

/** cancelUnilateralExit(): withdraws the caller's live exit (MLL-UEX-008). */
export function cancelUnilateralExit(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  const { role } = entered;
  if (!isExitLive(entered.state[role].unilateralExit, call.now)) return fail({ name: 'NoActiveUnilateralExit' });
  return succeed(withParty(entered.state, role, { unilateralExit: null }), [
    { name: 'UnilateralExitCancelled', args: { canceller: call.from } },
  ]);
}

/**
 * executeUnilateralExit(): only the initiator, only between the end of its countdown and the
 * lapse. The initiator's settled share pays ⌊share · rate / 10000⌋ to the counterparty, the
 * rate being the frozen one, or zero if the waiver holds now or held at initiation and the
 * initiator is not in default now (MLL-UEX-004 … MLL-UEX-006, MLL-UEX-010, MLL-UEX-011).
 */
export function executeUnilateralExit(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  const { role } = entered;
  const exit = entered.state[role].unilateralExit;
  // MLL-UEX-005, MLL-UEX-006: the caller's own exit, not lapsed
  if (!isExitLive(exit, call.now)) return fail({ name: 'NoActiveUnilateralExit' });
  // MLL-UEX-004
  if (call.now < exit.executeAfter) return fail({ name: 'ExitCountdownNotElapsed', executeAfter: exit.executeAfter });

  const waived = penaltyWaived(entered.state, role, call.now) || (exit.waived && !isInDefault(entered.state, role, call.now));
  const rate = waived ? 0n : exit.penaltyBps;
  const [settled, bled] = settleBoth(entered.state);
  const other = counterparty(role);
  const penalty = penaltyAmount(settled[role].share, rate);
  const received = settled[role].share - penalty;
  const toOther = settled[other].share + penalty;
  const ended = role === 'A' ? endLock(settled, received, toOther) : endLock(settled, toOther, received);
  return succeed(ended, [
    ...bled,
    { name: 'UnilateralExitExecuted', args: { initiator: call.from, received, penaltyPaid: penalty } },
  ]);
}
