/**
 * The Driver: the one seam between what should happen and what did. A property talks to a
 * lock only through this interface, so the same property runs on the reference, on the
 * contract inside an EVM, or on any other implementation.
 * @module
 */
import type { Address, Agreement, FunctionName, LockEvent, LockStatus, Params, PartyStatus, PoolState, Role } from '../reference/index.js';
import { PropertyViolation } from './violation.js';

/**
 * What a call did: success with the events in order, or its revert by name with its arguments in
 * declaration order — one of the reference's RevertName for a conforming implementation,
 * anything else named as the backend saw it (a Panic with its code, say).
 */
export type CallResult =
  | { readonly ok: true; readonly events: readonly LockEvent[] }
  | { readonly ok: false; readonly revert: string; readonly args: readonly unknown[] };

/** Everything observable about a lock at one block time: getLockStatus (MLL-VIEW-007) and the balance. */
export interface Observation extends LockStatus {
  readonly time: bigint;
  readonly balance: bigint;
}

/** Every view of the contract, read at one block time; a view that reverts gives its error name. */
export interface Views {
  readonly poolState: PoolState;
  readonly agreement: Agreement;
  /** claimable(address) of A, B and a stranger. */
  readonly claimable: readonly [bigint, bigint, bigint];
  /** getExitPenalty(address) of A, B and a stranger. */
  readonly exitPenalty: readonly [bigint | string, bigint | string, bigint | string];
  /** getPartyStatus(address) of A, B and a stranger. */
  readonly partyStatus: readonly [PartyStatus | string, PartyStatus | string, PartyStatus | string];
}

/**
 * A backend could not read the lock's state: `getLockStatus` reverted, or returned what does not
 * decode. A conforming implementation always answers (MLL-VIEW-007), so this is a property
 * failure like any other, not an error of the suite.
 */
export class ObservationFailed extends PropertyViolation {
  constructor(readonly reason: string) {
    super('MLL-VIEW-007', `getLockStatus did not answer: ${reason}`);
    this.name = 'ObservationFailed';
  }
}

export interface Driver {
  /** Deploys a lock at block time `time`; a constructor revert comes back as its name. */
  deploy(params: Params, time: bigint): Promise<CallResult>;
  /** Calls `fn` from `from` with `value` wei at block time `time` (never earlier than the last). */
  call(from: Address, fn: FunctionName, value: bigint, time: bigint): Promise<CallResult>;
  /** Ether that arrives without a call, as from a self-destructing contract. */
  forceEther(amount: bigint, time: bigint): Promise<void>;
  /** The views at block time `time`, without sending a transaction; ObservationFailed if they cannot be read. */
  observe(time: bigint): Promise<Observation>;
  /** Every view, each by its own function, at block time `time` (MLL-VIEW-001 … MLL-VIEW-004). */
  readViews(time: bigint): Promise<Views>;
}

/**
 * Code a party's address holds, to play a hostile contract (MLL-CONF-002): `rejecting` reverts on
 * every incoming call, so payouts to it fail; `reentrant` calls withdraw() on the lock whenever it
 * receives ether.
 */
export type PartyCode = 'rejecting' | 'reentrant';

/** How a run sets the world up before deploying: which parties are hostile contracts. */
export interface DriverSetup {
  readonly partyCode?: Partial<Readonly<Record<Role, PartyCode>>>;
}

/** Makes a fresh driver for each run. */
export type DriverFactory = (setup?: DriverSetup) => Driver;
