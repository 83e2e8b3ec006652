/**
 * Fixed-point arithmetic, operation for operation the contract's (MLL-ARI). Every division says
 * which way it rounds.
 * @module
 */
import { BPS, WAD } from './constants.js';

/** ⌈a·b / WAD⌉ (MLL-ARI-002). */
export function mulWadUp(a: bigint, b: bigint): bigint {
  return (a * b + WAD - 1n) / WAD;
}

/**
 * (1 − r/10000)^days as a WAD fraction, by exponentiation by squaring, every product rounded up
 * (MLL-ARI-003). Rounding up means the result is never below the exact value and never zero.
 */
export function retainedFractionWad(bleedRateBps: bigint, days: bigint): bigint {
  let base = (BPS - bleedRateBps) * (WAD / BPS);
  let result = WAD;
  let n = days;
  while (n > 0n) {
    if ((n & 1n) === 1n) result = mulWadUp(result, base);
    n >>= 1n;
    if (n > 0n) base = mulWadUp(base, base);
  }
  return result;
}

/** What a share keeps after `days` whole days of bleeding: ⌈share · fraction / WAD⌉ (MLL-ARI-004). */
export function retainedShare(share: bigint, bleedRateBps: bigint, days: bigint): bigint {
  return mulWadUp(share, retainedFractionWad(bleedRateBps, days));
}

/** The penalty taken from a share: ⌊share · rate / 10000⌋ (MLL-ARI-006). */
export function penaltyAmount(share: bigint, penaltyBps: bigint): bigint {
  return (share * penaltyBps) / BPS;
}
