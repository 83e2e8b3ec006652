/**
 * Peaceful exit: both parties agree and each leaves with its share, no penalty (MLL-PEX).
 * @module
 */
import { settleBoth } from './bleeding.js';
import type { Call, Outcome } from './call.js';
import { enterActive, fail, isRevert, succeed } from './call.js';
import { isExecutable, isProposalLive } from './deadlines.js';
import { endLock } from './ending.js';
import type { LockState } from './state.js';
import { counterparty, withParty } from './state.js';

/**
 * proposeExit(): records the caller's proposal; if the counterparty's is live, the lock ends
 * with each party credited its settled share (MLL-PEX-001, MLL-PEX-003) — unless the
 * counterparty's exit is executable, when its offer cannot be taken up (MLL-PEX-005).
 */
export function proposeExit(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  const { role } = entered;
  const other = counterparty(role);
  const accepting = isProposalLive(state[other].exitProposedAt, call.now);
  // MLL-PEX-005: otherwise this acceptance and the proposer's execution in one block would decide whether the proposer pays
  if (accepting && isExecutable(state[other].unilateralExit, call.now)) return fail({ name: 'CounterpartyExitExecutable' });
  const proposed = withParty(entered.state, role, { exitProposedAt: call.now });
  const events = [{ name: 'ExitProposed', args: { party: call.from } } as const];
  if (!accepting) return succeed(proposed, events);

  const [settled, bled] = settleBoth(proposed);
  const { share: shareA } = settled.A;
  const { share: shareB } = settled.B;
  return succeed(endLock(settled, shareA, shareB), [...events, ...bled, { name: 'PeacefulExit', args: { shareA, shareB } }]);
}

/** cancelExitProposal(): withdraws the caller's proposal, if any (MLL-PEX-004). */
export function cancelExitProposal(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  return succeed(withParty(entered.state, entered.role, { exitProposedAt: null }), [
    { name: 'ExitProposalCancelled', args: { party: call.from } },
  ]);
}
