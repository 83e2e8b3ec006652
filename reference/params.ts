/**
 * The constructor's parameters and their bounds (MLL-PAR).
 * @module
 */
import {
  MAX_BLEED_RATE_BPS,
  MAX_DEPOSIT_AMOUNT,
  MAX_DEPOSIT_INTERVAL,
  MAX_GRACE_PERIODS,
  MAX_PENALTY_BPS,
  MAX_PENALTY_DECAY_TARGET,
  MIN_DEPOSIT_INTERVAL,
  DAY,
} from './constants.js';
import type { Revert } from './errors.js';

/** A 20-byte address, lower-case hex with 0x. */
export type Address = `0x${string}`;

export const ZERO_ADDRESS: Address = '0x0000000000000000000000000000000000000000';

/** The constructor's arguments, in the deployed contract's order. */
export interface Params {
  readonly partyA: Address;
  readonly partyB: Address;
  /** d: wei owed per interval. */
  readonly depositAmount: bigint;
  /** T: seconds between due dates. */
  readonly depositInterval: bigint;
  /** r: basis points of a defaulter's share that bleed per whole day of default. */
  readonly bleedRateBpsPerDay: bigint;
  /** G: how many reached intervals a party may leave unpaid before it is in default. */
  readonly gracePeriods: bigint;
  /** P_max: penalty in bps at zero counted intervals. */
  readonly exitPenaltyMaxBps: bigint;
  /** P_min: penalty in bps from n counted intervals on. */
  readonly exitPenaltyMinBps: bigint;
  /** n: counted intervals at which the penalty reaches P_min. */
  readonly penaltyDecayTarget: bigint;
}

/** The parameters' names in the constructor's order: what a deployment adapter reorders. */
export const parameterNames = [
  'partyA',
  'partyB',
  'depositAmount',
  'depositInterval',
  'bleedRateBpsPerDay',
  'gracePeriods',
  'exitPenaltyMaxBps',
  'exitPenaltyMinBps',
  'penaltyDecayTarget',
] as const satisfies readonly (keyof Params)[];
export type ParameterName = (typeof parameterNames)[number];

/** The constructor's arguments as the ABI takes them, by position. */
export function constructorArguments(p: Params): readonly [Address, Address, bigint, bigint, bigint, bigint, bigint, bigint, bigint] {
  return parameterNames.map((name) => p[name]) as unknown as readonly [
    Address,
    Address,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
}

/** The article's defaults: d = 0.1 ether, T = 30 days, r = 50 bps/day, G = 1, 80 % → 15 %, n = 7. */
export function articleDefaults(partyA: Address, partyB: Address): Params {
  return {
    partyA,
    partyB,
    depositAmount: 10n ** 17n,
    depositInterval: 30n * DAY,
    bleedRateBpsPerDay: 50n,
    gracePeriods: 1n,
    exitPenaltyMaxBps: 8_000n,
    exitPenaltyMinBps: 1_500n,
    penaltyDecayTarget: 7n,
  };
}

/**
 * The constructor's checks, in the order the contract makes them (MLL-PAR-008).
 * @returns the first violated bound, or null when the parameters are valid.
 */
export function validateParams(p: Params): Revert | null {
  // MLL-PAR-001: two distinct, non-zero parties
  if (p.partyA === ZERO_ADDRESS || p.partyB === ZERO_ADDRESS || p.partyA === p.partyB) {
    return { name: 'InvalidPartyAddress' };
  }
  // MLL-PAR-002: 1 ≤ d ≤ 2^96 − 1
  if (p.depositAmount < 1n || p.depositAmount > MAX_DEPOSIT_AMOUNT) return { name: 'InvalidDepositAmount' };
  // MLL-PAR-003: 1 hour ≤ T ≤ 3650 days
  if (p.depositInterval < MIN_DEPOSIT_INTERVAL || p.depositInterval > MAX_DEPOSIT_INTERVAL) {
    return { name: 'InvalidDepositInterval' };
  }
  // MLL-PAR-004: 1 ≤ r ≤ 1000 bps/day
  if (p.bleedRateBpsPerDay < 1n || p.bleedRateBpsPerDay > MAX_BLEED_RATE_BPS) return { name: 'InvalidBleedRate' };
  // MLL-PAR-005: 0 ≤ G ≤ 12
  if (p.gracePeriods < 0n || p.gracePeriods > MAX_GRACE_PERIODS) return { name: 'InvalidGracePeriods' };
  // MLL-PAR-011: 0 ≤ P_min ≤ P_max ≤ 9000 bps
  if (p.exitPenaltyMinBps < 0n || p.exitPenaltyMinBps > p.exitPenaltyMaxBps || p.exitPenaltyMaxBps > MAX_PENALTY_BPS) {
    return { name: 'InvalidPenaltyBounds' };
  }
  // MLL-PAR-007: 1 ≤ n ≤ 1000
  if (p.penaltyDecayTarget < 1n || p.penaltyDecayTarget > MAX_PENALTY_DECAY_TARGET) {
    return { name: 'InvalidPenaltyDecayTarget' };
  }
  return null;
}
