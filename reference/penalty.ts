/**
 * The dynamic exit penalty (MLL-PEN).
 * @module
 */
import type { Params } from './params.js';

/**
 * penalty(m) = P_max − ⌊(P_max − P_min) · min(m, n) / n⌋ in bps, m the counted intervals
 * (MLL-PEN-001). Rounding the reduction down rounds the penalty up (MLL-ARI-005).
 */
export function penaltyBps(params: Params, countedIntervals: bigint): bigint {
  const { exitPenaltyMaxBps: max, exitPenaltyMinBps: min, penaltyDecayTarget: n } = params;
  const m = countedIntervals < n ? countedIntervals : n;
  return max - ((max - min) * m) / n;
}
