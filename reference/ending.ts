/**
 * How the lock ends (MLL-STA-001): both parties settled, each credited what the exit
 * path gives it, nothing left on the books.
 * @module
 */
import type { LockState } from './state.js';
import { Phase } from './state.js';

/**
 * Ends the lock, crediting `toA` and `toB` to the claimables. The two must add up to the
 * shares, which the callers guarantee by construction (MLL-INV-002).
 */
export function endLock(state: LockState, toA: bigint, toB: bigint): LockState {
  const closed = { share: 0n, bleedClock: 0n, exitProposedAt: null, unilateralExit: null } as const;
  return {
    ...state,
    phase: Phase.Exited,
    A: { ...state.A, ...closed, claimable: state.A.claimable + toA },
    B: { ...state.B, ...closed, claimable: state.B.claimable + toB },
  };
}
