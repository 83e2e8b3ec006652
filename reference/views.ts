/**
 * Views (MLL-VIEW): what the contract reports at a block time, computed as if every pending
 * whole day of bleed were settled at that time.
 * @module
 */
import { accrue, settledAt } from './bleeding.js';
import { UNILATERAL_EXIT_COUNTDOWN } from './constants.js';
import type { Revert } from './errors.js';
import type { Address } from './params.js';
import { penaltyBps } from './penalty.js';
import { isExitLive, isProposalLive } from './deadlines.js';
import { countedIntervals, defaultStartsAt, isInDefault, reachedIntervals } from './schedule.js';
import type { LockState } from './state.js';
import { Phase, roleOf } from './state.js';

export interface PoolState {
  readonly shareA: bigint;
  readonly shareB: bigint;
  readonly totalPool: bigint;
  readonly phase: Phase;
}

/** getPoolState(): both shares as settled at `now`, their sum, the phase (MLL-VIEW-001). */
export function getPoolState(state: LockState, now: bigint): PoolState {
  const settled = settledAt(state, now);
  return {
    shareA: settled.A.share,
    shareB: settled.B.share,
    totalPool: settled.A.share + settled.B.share,
    phase: state.phase,
  };
}

/** getExitPenalty(party): the maturity rate, in bps, an exit initiated now would freeze, waiver aside (MLL-VIEW-002). */
export function getExitPenalty(state: LockState, party: Address, now: bigint): bigint | Revert {
  const role = roleOf(state, party);
  if (role === null) return { name: 'NotParty' };
  return penaltyBps(state.params, countedIntervals(state, role, now));
}

export interface PartyStatus {
  /** Share as settled at `now`. */
  readonly share: bigint;
  readonly paidIntervals: bigint;
  readonly reachedIntervals: bigint;
  readonly countedIntervals: bigint;
  readonly inDefault: boolean;
  /** When the party falls (or fell) into default as things stand; 0 before activation. */
  readonly defaultStartsAt: bigint;
  /** Bleed seconds accrued to `now` and not yet settled into the stored share. */
  readonly bleedSeconds: bigint;
  readonly lastActionAt: bigint;
  readonly exitProposalLive: boolean;
  readonly unilateralExitLive: boolean;
  /** 0 when no exit is live. */
  readonly executeAfter: bigint;
  /** 0 when no exit is live or the waiver held at its initiation (MLL-UEX-010). */
  readonly frozenPenaltyBps: bigint;
  /** getExitPenalty(party): the rate an exit initiated now would freeze, waiver aside. */
  readonly exitPenaltyBps: bigint;
  readonly claimable: bigint;
}

/** getPartyStatus(party): one party's schedule, default, bleed and exit standing at `now` (MLL-VIEW-003). */
export function getPartyStatus(state: LockState, party: Address, now: bigint): PartyStatus | Revert {
  const role = roleOf(state, party);
  if (role === null) return { name: 'NotParty' };
  const record = state[role];
  const exit = isExitLive(record.unilateralExit, now) ? record.unilateralExit : null;
  return {
    share: settledAt(state, now)[role].share,
    paidIntervals: record.paidIntervals,
    reachedIntervals: reachedIntervals(state, now),
    countedIntervals: countedIntervals(state, role, now),
    inDefault: state.phase === Phase.Active && isInDefault(state, role, now),
    defaultStartsAt: defaultStartsAt(state, role) ?? 0n,
    bleedSeconds: accrue(state, now)[role].bleedClock,
    lastActionAt: record.lastActionAt,
    exitProposalLive: isProposalLive(record.exitProposedAt, now),
    unilateralExitLive: exit !== null,
    executeAfter: exit?.executeAfter ?? 0n,
    frozenPenaltyBps: exit === null || exit.waived ? 0n : exit.penaltyBps,
    exitPenaltyBps: penaltyBps(state.params, countedIntervals(state, role, now)),
    claimable: record.claimable,
  };
}

export interface LockStatus {
  readonly phase: Phase;
  /** t0, or 0 before activation. */
  readonly activatedAt: bigint;
  readonly A: PartyStatus;
  readonly B: PartyStatus;
}

/** getLockStatus(): the phase, t0 and both parties' status, in one call (MLL-VIEW-007). */
export function getLockStatus(state: LockState, now: bigint): LockStatus {
  const status = (party: Address): PartyStatus => getPartyStatus(state, party, now) as PartyStatus;
  return {
    phase: state.phase,
    activatedAt: state.activatedAt ?? 0n,
    A: status(state.params.partyA),
    B: status(state.params.partyB),
  };
}

/** agreement(): the deployed contract's Agreement struct, field for field (MLL-VIEW-004). */
export interface Agreement {
  readonly partyA: Address;
  readonly partyB: Address;
  readonly depositAmount: bigint;
  readonly depositInterval: bigint;
  readonly bleedRatePerDay: bigint;
  readonly gracePeriodsAllowed: bigint;
  readonly exitPenaltyMaxBps: bigint;
  readonly exitPenaltyMinBps: bigint;
  readonly penaltyDecayTarget: bigint;
  readonly exitCountdown: bigint;
  readonly phase: Phase;
  readonly createdAt: bigint;
  readonly activatedAt: bigint;
}

export function agreement(state: LockState): Agreement {
  const p = state.params;
  return {
    partyA: p.partyA,
    partyB: p.partyB,
    depositAmount: p.depositAmount,
    depositInterval: p.depositInterval,
    bleedRatePerDay: p.bleedRateBpsPerDay,
    gracePeriodsAllowed: p.gracePeriods,
    exitPenaltyMaxBps: p.exitPenaltyMaxBps,
    exitPenaltyMinBps: p.exitPenaltyMinBps,
    penaltyDecayTarget: p.penaltyDecayTarget,
    exitCountdown: UNILATERAL_EXIT_COUNTDOWN,
    phase: state.phase,
    createdAt: state.createdAt,
    activatedAt: state.activatedAt ?? 0n,
  };
}

/** claimable(address): what an address may withdraw; 0 for anyone but the parties (MLL-VIEW-004). */
export function claimableOf(state: LockState, who: Address): bigint {
  const role = roleOf(state, who);
  return role === null ? 0n : state[role].claimable;
}
