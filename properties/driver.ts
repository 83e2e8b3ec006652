/**
 * The Driver: the one seam between what should happen and what did. A property talks to a
 * lock only through this interface, so the same property runs on the reference, on the
 * contract inside an EVM, or on any other implementation.
 * @public
 * @module
 */
import type {
  Address,
  Agreement,
  FunctionName,
  LockEvent,
  LockStatus,
  Params,
  PartyStatus,
  Phase,
  PoolState,
  Role,
} from '../reference/index.js';
import { PropertyViolation } from './violation.js';

/**
 * What a call did: success with the events in order, or its revert by name with its arguments in
 * declaration order — one of the reference's RevertName for a conforming implementation,
 * anything else named as the backend saw it (a Panic with its code, say).
 * @public
 */
export type CallResult =
  | { readonly ok: true; readonly events: readonly LockEvent[] }
  | { readonly ok: false; readonly revert: string; readonly args: readonly unknown[] };

/**
 * Everything observable about a lock at one block time: getLockStatus (MLL-VIEW-007) and the balance.
 * @public
 */
export interface Observation extends LockStatus {
  readonly time: bigint;
  readonly balance: bigint;
}

/**
 * What an implementation lacking some views shows: the time and the balance always, every other
 * field only where a view it has reports it (absent, never undefined).
 * @public
 */
export interface PartialObservation {
  readonly time: bigint;
  readonly balance: bigint;
  readonly phase?: Phase;
  readonly activatedAt?: bigint;
  readonly A: Partial<PartyStatus>;
  readonly B: Partial<PartyStatus>;
}

/**
 * The spec's view functions, each with the clause that defines it.
 * @public
 */
export const viewClauses = {
  getLockStatus: 'MLL-VIEW-007',
  getPoolState: 'MLL-VIEW-001',
  agreement: 'MLL-VIEW-004',
  claimable: 'MLL-VIEW-004',
  getExitPenalty: 'MLL-VIEW-002',
  getPartyStatus: 'MLL-VIEW-003',
} as const;
export type ViewName = keyof typeof viewClauses;
export const viewNames = Object.keys(viewClauses) as readonly ViewName[];

/**
 * A field of an observation that only a view can report (the balance needs none).
 * @public
 */
export type ObservedField = 'phase' | 'activatedAt' | keyof PartyStatus;

const partyFields = Object.keys({
  share: 0,
  paidIntervals: 0,
  reachedIntervals: 0,
  countedIntervals: 0,
  inDefault: 0,
  defaultStartsAt: 0,
  bleedSeconds: 0,
  lastActionAt: 0,
  exitProposalLive: 0,
  unilateralExitLive: 0,
  executeAfter: 0,
  frozenPenaltyBps: 0,
  exitPenaltyBps: 0,
  claimable: 0,
} satisfies Record<keyof PartyStatus, 0>) as readonly (keyof PartyStatus)[];
const observedFields: readonly ObservedField[] = ['phase', 'activatedAt', ...partyFields];

/** The fields each view reports of both parties and the lock; getLockStatus reports them all. */
const fieldsOfView: Readonly<Record<ViewName, readonly ObservedField[]>> = {
  getLockStatus: observedFields,
  getPoolState: ['phase', 'share'],
  agreement: ['phase', 'activatedAt'],
  claimable: ['claimable'],
  getExitPenalty: ['exitPenaltyBps'],
  getPartyStatus: partyFields,
};

/**
 * The views that report `field`.
 * @public
 */
export function viewsReporting(field: ObservedField): ViewName[] {
  return viewNames.filter((view) => fieldsOfView[view].includes(field));
}

/**
 * The fields that none of `views` reports: what an observation through them leaves out.
 * @public
 */
export function unobservedFields(views: ReadonlySet<ViewName>): ObservedField[] {
  return observedFields.filter((field) => !viewsReporting(field).some((view) => views.has(view)));
}

/**
 * `observation` as getLockStatus reports it, for what needs every field (a scenario resolves its
 * times against the implementation's own views); ObservationFailed when a field is absent.
 */
export function whole(observation: PartialObservation): Observation {
  const absent = observedFields.filter((field) =>
    field === 'phase' || field === 'activatedAt' ? !(field in observation) : !(field in observation.A && field in observation.B),
  );
  if (absent.length > 0) throw new ObservationFailed('getLockStatus', `missing, and no other view reports ${absent.join(', ')}`);
  return observation as Observation;
}

/**
 * Every view of the contract, read at one block time; a view that reverts gives its error name.
 * @public
 */
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
 * The view function behind each entry of Views.
 * @public
 */
export const functionOfView: Readonly<Record<keyof Views, ViewName>> = {
  poolState: 'getPoolState',
  exitPenalty: 'getExitPenalty',
  partyStatus: 'getPartyStatus',
  agreement: 'agreement',
  claimable: 'claimable',
};

/**
 * A backend could not read the lock's state: a view reverted, or returned what does not decode.
 * A conforming implementation always answers (MLL-VIEW-007), so this is a property failure like
 * any other, not an error of the suite.
 * @public
 */
export class ObservationFailed extends PropertyViolation {
  constructor(
    readonly view: ViewName,
    readonly reason: string,
  ) {
    super(viewClauses[view], `${view} did not answer: ${reason}`);
    this.name = 'ObservationFailed';
  }
}

/**
 * A log of the lock's that its ABI does not declare, or that does not decode as the event it
 * declares: no conforming call emits one (MLL-CONF-001: the reference's events, and only those).
 * @public
 */
export class UndecodableEvent extends PropertyViolation {
  constructor(
    readonly log: { readonly topics: readonly `0x${string}`[]; readonly data: `0x${string}` },
    readonly reason: string,
  ) {
    super('MLL-CONF-001', `a log the ABI does not decode: ${reason}`);
    this.name = 'UndecodableEvent';
  }
}

/**
 * How a call of each external function is sent over the ABI (the EVM driver, the vectors):
 * `receive` as a plain transfer with no call data, every other as its selector with no
 * arguments. A function added to the interface fails the type check here until it is said.
 */
export const callEncoding: Readonly<Record<FunctionName, 'no data' | 'selector'>> = {
  activate: 'selector',
  deposit: 'selector',
  applyBleeding: 'selector',
  proposeExit: 'selector',
  cancelExitProposal: 'selector',
  initiateUnilateralExit: 'selector',
  cancelUnilateralExit: 'selector',
  executeUnilateralExit: 'selector',
  claimAbandoned: 'selector',
  cancelInactive: 'selector',
  withdraw: 'selector',
  receive: 'no data',
};

export interface Driver {
  /** Deploys a lock at block time `time`; a constructor revert comes back as its name. */
  deploy(params: Params, time: bigint): Promise<CallResult>;
  /** Calls `fn` from `from` with `value` wei at block time `time` (never earlier than the last). */
  call(from: Address, fn: FunctionName, value: bigint, time: bigint): Promise<CallResult>;
  /** Ether that arrives without a call, as from a self-destructing contract. */
  forceEther(amount: bigint, time: bigint): Promise<void>;
  /** The spec's views the implementation has; observe and readViews leave out what the others would report. */
  readonly capabilities: ReadonlySet<ViewName>;
  /** The views at block time `time`, without sending a transaction; ObservationFailed if they cannot be read. */
  observe(time: bigint): Promise<PartialObservation>;
  /** Every view the implementation has, each by its own function, at block time `time` (MLL-VIEW-001 … MLL-VIEW-004). */
  readViews(time: bigint): Promise<Partial<Views>>;
}

/**
 * Code a party's address holds, to play a hostile contract (MLL-CONF-002): `rejecting` reverts on
 * every incoming call, so payouts to it fail; `reentrant` calls withdraw() on the lock whenever it
 * receives ether.
 * @public
 */
export type PartyCode = 'rejecting' | 'reentrant';

/** The bytecode of each hostile party, for the lock at `lock`: what a backend installs, and what a fixture carries. */
export const partyBytecode: Readonly<Record<PartyCode, (lock: Address) => `0x${string}`>> = {
  // PUSH0 PUSH0 REVERT
  rejecting: () => '0x5f5ffd',
  // mstore(0, withdraw selector); call(gas, lock, 0, 28, 4, 0, 0); pop; stop — the lock address is pushed inline
  reentrant: (lock) => `0x633ccfd60b5f525f5f6004601c5f73${lock.slice(2)}5af15000`,
};

/**
 * How a run sets the world up before deploying: which parties are hostile contracts.
 * @public
 */
export interface DriverSetup {
  readonly partyCode?: Partial<Readonly<Record<Role, PartyCode>>>;
}

/**
 * Makes a fresh driver for each run.
 * @public
 */
export type DriverFactory = (setup?: DriverSetup) => Driver;
