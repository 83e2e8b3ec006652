/**
 * The few formulas the properties need, restated from the spec's text without importing
 * reference/: a property must never check the reference against itself, or a bug planted in
 * the reference would be copied into the oracle that should catch it. The constants it restates
 * are compared with the spec's and the reference's by `npm run trace` (scripts/constants.ts).
 * @module
 */
import type { Params } from '../reference/index.js';

const DAY = 86_400n;
const WAD = 10n ** 18n;
const BPS = 10_000n;

/** MLL-PAR-010: a peaceful-exit proposal is live for 7 days. */
export const EXPECTED_PROPOSAL_WINDOW = 7n * DAY;

/** MLL-PEN-001: P_max − ⌊(P_max − P_min) · min(m, n) / n⌋. */
export function expectedPenaltyBps(params: Params, counted: bigint): bigint {
  const m = counted < params.penaltyDecayTarget ? counted : params.penaltyDecayTarget;
  return params.exitPenaltyMaxBps - ((params.exitPenaltyMaxBps - params.exitPenaltyMinBps) * m) / params.penaltyDecayTarget;
}

/** MLL-PAR-010: the least silence before an abandonment claim, in time and in intervals. */
const EXPECTED_MIN_SILENCE = 90n * DAY;
const EXPECTED_MIN_SILENCE_INTERVALS = 3n;

/** MLL-ABN-002: max(90 days, 3·T). */
export function expectedSilenceThreshold(params: Params): bigint {
  const byIntervals = EXPECTED_MIN_SILENCE_INTERVALS * params.depositInterval;
  return byIntervals > EXPECTED_MIN_SILENCE ? byIntervals : EXPECTED_MIN_SILENCE;
}

/** MLL-ARI-002: mulWadUp(a, b) = ⌈a·b / 10^18⌉ = (a·b + 10^18 − 1) / 10^18. */
export function expectedMulWadUp(a: bigint, b: bigint): bigint {
  return (a * b + WAD - 1n) / WAD;
}

/** MLL-ARI-003: the retained fraction by the spec's loop, squaring and multiplying on odd bits, every product rounded up. */
export function expectedRetainedFraction(rateBps: bigint, days: bigint): bigint {
  let base = (BPS - rateBps) * 10n ** 14n;
  let result = WAD;
  let k = days;
  while (k > 0n) {
    if (k % 2n === 1n) result = expectedMulWadUp(result, base);
    k = k / 2n;
    if (k > 0n) base = expectedMulWadUp(base, base);
  }
  return result;
}

/** MLL-ARI-004: retainedShare = mulWadUp(share, retainedFraction(r, days)). */
export function expectedRetainedShare(share: bigint, rateBps: bigint, days: bigint): bigint {
  return expectedMulWadUp(share, expectedRetainedFraction(rateBps, days));
}

/** MLL-BLD-005: what a share loses after whole days of bleeding, share − retainedShare(share, r, days). */
export function expectedBleedAmount(share: bigint, rateBps: bigint, days: bigint): bigint {
  return share - expectedRetainedShare(share, rateBps, days);
}

/** MLL-BLD-005: ⌈share · (1 − r/10000)^days⌉ in exact rationals, which the WAD loop matches only for days ≤ 4 (4·days decimals ≤ 18). */
export function expectedRetainedShareExact(share: bigint, rateBps: bigint, days: bigint): bigint {
  if (days > 4n) throw new Error('only exact for days ≤ 4');
  const num = share * (BPS - rateBps) ** days;
  const den = BPS ** days;
  return (num + den - 1n) / den;
}

/** MLL-ARI-006: penalty = ⌊share · rate / 10,000⌋. */
export function expectedPenaltyAmount(share: bigint, bps: bigint): bigint {
  return (share * bps) / BPS;
}
