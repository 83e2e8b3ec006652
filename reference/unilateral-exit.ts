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
import { isExecutable, isExitLive } from './deadlines.js';
import { endLock } from './ending.js';
import { penaltyBps } from './penalty.js';
import { countedIntervals, isInDefault, penaltyWaived } from './schedule.js';
import type { LockEvent } from './events.js';
import type { LockState, Role, UnilateralExit } from './state.js';
import { addressOf, counterparty, withParty } from './state.js';

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

/**
 * cancelUnilateralExit(): withdraws the caller's live exit during its countdown only; once
 * executable it can be executed or left to lapse, never withdrawn (MLL-UEX-013).
 */
export function cancelUnilateralExit(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  const { role } = entered;
  const exit = entered.state[role].unilateralExit;
  if (!isExitLive(exit, call.now)) return fail({ name: 'NoActiveUnilateralExit' });
  // MLL-UEX-013: otherwise the order of a cancel and the counterparty's execution in one block would decide who pays
  if (call.now >= exit.executeAfter) return fail({ name: 'ExitCountdownElapsed', executeAfter: exit.executeAfter });
  return succeed(withParty(entered.state, role, { unilateralExit: null }), [
    { name: 'UnilateralExitCancelled', args: { canceller: call.from } },
  ]);
}

/**
 * An executing exit's rate in a state accrued to `now`: 0 if the waiver holds now, or held at
 * initiation and the exiter is not in default now; else the rate frozen at initiation (MLL-UEX-010).
 */
function exitRate(state: LockState, role: Role, exit: UnilateralExit, now: bigint): bigint {
  const waived = penaltyWaived(state, role, now) || (exit.waived && !isInDefault(state, role, now));
  return waived ? 0n : exit.penaltyBps;
}

/**
 * executeUnilateralExit(): only the initiator, only between the end of its countdown and the
 * lapse (MLL-UEX-004 … MLL-UEX-006). Each executed exit's settled share pays ⌊share · rate /
 * 10000⌋ to the other party (MLL-UEX-011); if the counterparty's exit is executable now too,
 * both are executed by this one call, each at its own rate (MLL-UEX-012).
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

  const other = counterparty(role);
  const otherExit = entered.state[other].unilateralExit;
  const both = isExecutable(otherExit, call.now);
  const rates = {
    [role]: exitRate(entered.state, role, exit, call.now),
    [other]: both ? exitRate(entered.state, other, otherExit, call.now) : 0n,
  } as Record<Role, bigint>;
  const [settled, bled] = settleBoth(entered.state);
  const penalty = (r: Role) => penaltyAmount(settled[r].share, rates[r]);
  const received = (r: Role) => settled[r].share - penalty(r);
  const credit = (r: Role) => received(r) + penalty(counterparty(r));
  const executed = (r: Role): LockEvent => ({
    name: 'UnilateralExitExecuted',
    args: { initiator: addressOf(entered.state, r), received: received(r), penaltyPaid: penalty(r) },
  });
  return succeed(endLock(settled, credit('A'), credit('B')), [...bled, executed(role), ...(both ? [executed(other)] : [])]);
}
