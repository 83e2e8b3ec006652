/**
 * Deadlines: when a peaceful-exit proposal and a unilateral exit are live, and how long a
 * silence and a default must last before an abandonment claim (MLL-PEX-002, MLL-UEX-004,
 * MLL-UEX-005, MLL-ABN-002, MLL-ABN-008).
 * @module
 */
import { ABANDONMENT_MIN_INTERVALS, ABANDONMENT_MIN_SILENCE, DAY, EXIT_EXECUTION_WINDOW, EXIT_PROPOSAL_WINDOW } from './constants.js';
import type { Params } from './params.js';
import { defaultStartsAt } from './schedule.js';
import type { LockState, Role, UnilateralExit } from './state.js';

/** Whether a proposal made at `proposedAt` is still live at `now` (MLL-PEX-002). */
export function isProposalLive(proposedAt: bigint | null, now: bigint): boolean {
  return proposedAt !== null && now < proposedAt + EXIT_PROPOSAL_WINDOW;
}

/** Whether an exit can still be executed at `now`: it lapses EXIT_EXECUTION_WINDOW after its countdown (MLL-UEX-005). */
export function isExitLive(exit: UnilateralExit | null, now: bigint): exit is UnilateralExit {
  return exit !== null && now < exit.executeAfter + EXIT_EXECUTION_WINDOW;
}

/** Whether an exit can be executed at `now`: live and its countdown over (MLL-UEX-004, MLL-UEX-005). */
export function isExecutable(exit: UnilateralExit | null, now: bigint): exit is UnilateralExit {
  return isExitLive(exit, now) && now >= exit.executeAfter;
}

/** The first second a claim may land against `silent`, in default: a day into its default (MLL-ABN-008). Only once active. */
export function claimableAt(state: LockState, silent: Role): bigint {
  return defaultStartsAt(state, silent)! + DAY;
}

/** max(90 days, 3·T): the silence an abandonment claim needs (MLL-ABN-002). */
export function abandonmentThreshold(params: Params): bigint {
  const byIntervals = ABANDONMENT_MIN_INTERVALS * params.depositInterval;
  return byIntervals > ABANDONMENT_MIN_SILENCE ? byIntervals : ABANDONMENT_MIN_SILENCE;
}
