/**
 * The Driver: the one seam between what should happen and what did. A property talks to a
 * lock only through this interface, so the same property runs on the reference, on the
 * contract inside an EVM, or on any other implementation.
 * @module
 */
import type { Address, FunctionName, LockEvent, Params, PartyStatus, Phase, RevertName } from '../reference/index.js';

/** What a call did: its revert name, or success with the events in order. */
export type CallResult =
  | { readonly ok: true; readonly events: readonly LockEvent[] }
  | { readonly ok: false; readonly revert: RevertName };

/** One party as the views report it at a block time: getPartyStatus and getExitPenalty (MLL-VIEW-002, MLL-VIEW-003). */
export interface PartyObservation extends PartyStatus {
  readonly exitPenaltyBps: bigint;
}

/** Everything observable about a lock at one block time. */
export interface Observation {
  readonly time: bigint;
  readonly phase: Phase;
  readonly balance: bigint;
  readonly activatedAt: bigint;
  readonly A: PartyObservation;
  readonly B: PartyObservation;
}

export interface Driver {
  /** Deploys a lock at block time `time`; a constructor revert comes back as its name. */
  deploy(params: Params, time: bigint): Promise<CallResult>;
  /** Calls `fn` from `from` with `value` wei at block time `time` (never earlier than the last). */
  call(from: Address, fn: FunctionName, value: bigint, time: bigint): Promise<CallResult>;
  /** Ether that arrives without a call, as from a self-destructing contract. */
  forceEther(amount: bigint, time: bigint): Promise<void>;
  /** The views at block time `time`, without sending a transaction. */
  observe(time: bigint): Promise<Observation>;
}

/** Makes a fresh driver for each run. */
export type DriverFactory = () => Driver;
