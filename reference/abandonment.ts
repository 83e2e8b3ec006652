/**
 * The abandonment claim: a dead man's switch against a party that has gone silent while in
 * default (MLL-ABN). It ends the lock as if the silent party had exited unilaterally.
 * @module
 */
import { penaltyAmount } from './arithmetic.js';
import { settleBoth } from './bleeding.js';
import type { Call, Outcome } from './call.js';
import { enterActive, fail, isRevert, succeed } from './call.js';
import { abandonmentThreshold, claimableAt } from './deadlines.js';
import { endLock } from './ending.js';
import { penaltyBps } from './penalty.js';
import { countedIntervals, isInDefault } from './schedule.js';
import type { LockState } from './state.js';
import { counterparty } from './state.js';

/**
 * claimAbandoned(): the counterparty has made no call for more than the threshold, is in
 * default and has been for a day, and the claimer is not and has not been for as long
 * (MLL-ABN-002, MLL-ABN-003, MLL-ABN-008, MLL-ABN-004, MLL-ABN-006, checked in that order). The silent party pays the penalty of its maturity to the
 * claimer and keeps the rest, credited to it (MLL-ABN-005).
 */
export function claimAbandoned(state: LockState, call: Call): Outcome {
  const entered = enterActive(state, call);
  if (isRevert(entered)) return fail(entered);
  const { role } = entered;
  const silent = counterparty(role);
  const threshold = abandonmentThreshold(state.params);
  const silentAfter = state[silent].lastActionAt + threshold;
  if (call.now <= silentAfter) return fail({ name: 'CounterpartyNotSilent', silentAfter });
  if (!isInDefault(state, silent, call.now)) return fail({ name: 'CounterpartyNotInDefault' });
  // MLL-ABN-008: a cure in the first day of the default wins over a claim in the same block
  const claimable = claimableAt(state, silent);
  if (call.now < claimable) return fail({ name: 'CounterpartyDefaultTooRecent', claimableAt: claimable });
  if (isInDefault(state, role, call.now)) return fail({ name: 'ClaimerInDefault' });
  // MLL-ABN-006: silence counts only while the claimer itself is out of default
  const cured = state[role].curedAt;
  if (cured !== null && call.now <= cured + threshold) return fail({ name: 'ClaimerRecentlyInDefault', claimAfter: cured + threshold });

  const rate = penaltyBps(state.params, countedIntervals(state, silent, call.now));
  const [settled, bled] = settleBoth(entered.state);
  const penalty = penaltyAmount(settled[silent].share, rate);
  const amount = settled[role].share + penalty;
  const kept = settled[silent].share - penalty;
  const ended = role === 'A' ? endLock(settled, amount, kept) : endLock(settled, kept, amount);
  return succeed(ended, [...bled, { name: 'AbandonedClaimed', args: { claimer: call.from, amount } }]);
}
