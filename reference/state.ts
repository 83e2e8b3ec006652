/**
 * The lock's state (MLL-STA). Immutable values: every transition returns a new state.
 * @module
 */
import type { Address, Params } from './params.js';

/** The lock's phases, numbered as the contract's enum (MLL-STA-001). */
export const Phase = { Inactive: 0, Active: 1, Exited: 2 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

/** The two parties' roles. */
export type Role = 'A' | 'B';

/** The other party. */
export function counterparty(role: Role): Role {
  return role === 'A' ? 'B' : 'A';
}

/** A unilateral exit a party has initiated (MLL-UEX-001). */
export interface UnilateralExit {
  readonly executeAfter: bigint;
  /** The maturity rate frozen at initiation (MLL-UEX-009). */
  readonly penaltyBps: bigint;
  /** Whether the waiver held at initiation; it holds at execution only if the exiter is not then in default (MLL-UEX-010). */
  readonly waived: boolean;
}

/** What the lock records of one party. */
export interface PartyState {
  /** Settled share in wei: bleed not yet settled is in the bleed clock (MLL-BLD-003). */
  readonly share: bigint;
  /** Intervals paid for, activation included (MLL-SCH-002). */
  readonly paidIntervals: bigint;
  /** Seconds spent in a bleed window and not yet settled into the share (MLL-BLD-002). */
  readonly bleedClock: bigint;
  /** Time of this party's last successful call (MLL-ABN-007). */
  readonly lastActionAt: bigint;
  /** When a deposit last ended this party's default, or null (MLL-ABN-006). */
  readonly curedAt: bigint | null;
  /** When this party's peaceful-exit proposal was made, or null (MLL-PEX-001). */
  readonly exitProposedAt: bigint | null;
  /** This party's unilateral exit, live or lapsed, or null (MLL-UEX-001). */
  readonly unilateralExit: UnilateralExit | null;
  /** Wei this party may withdraw (MLL-WDR-001). */
  readonly claimable: bigint;
}

export interface LockState {
  readonly params: Params;
  readonly phase: Phase;
  readonly createdAt: bigint;
  /** When the first party activated, or null (MLL-ACT-003). */
  readonly firstActivatedAt: bigint | null;
  /** t0: when the second party activated and the schedule began, or null (MLL-ACT-004). */
  readonly activatedAt: bigint | null;
  /** Bleed clocks count up to this time (MLL-BLD-002). */
  readonly accruedUntil: bigint;
  readonly A: PartyState;
  readonly B: PartyState;
  /** Wei the contract holds, forced ether included (MLL-INV-001). */
  readonly balance: bigint;
}

const emptyParty: PartyState = {
  share: 0n,
  paidIntervals: 0n,
  bleedClock: 0n,
  lastActionAt: 0n,
  curedAt: null,
  exitProposedAt: null,
  unilateralExit: null,
  claimable: 0n,
};

/** The state right after the constructor ran at time `now` (MLL-PAR-008). */
export function initialState(params: Params, now: bigint): LockState {
  return {
    params,
    phase: Phase.Inactive,
    createdAt: now,
    firstActivatedAt: null,
    activatedAt: null,
    accruedUntil: now,
    A: emptyParty,
    B: emptyParty,
    balance: 0n,
  };
}

/** The role of an address, or null for anyone else (MLL-STA-002). */
export function roleOf(state: LockState, who: Address): Role | null {
  if (who === state.params.partyA) return 'A';
  if (who === state.params.partyB) return 'B';
  return null;
}

/** The address of a role. */
export function addressOf(state: LockState, role: Role): Address {
  return role === 'A' ? state.params.partyA : state.params.partyB;
}

/** A copy of the state with one party's record changed. */
export function withParty(state: LockState, role: Role, change: Partial<PartyState>): LockState {
  return { ...state, [role]: { ...state[role], ...change } };
}
