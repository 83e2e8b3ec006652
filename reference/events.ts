/**
 * Events (MLL-VIEW-005): the deployed contract's events, same names and argument order, plus
 * SurplusCredited for forced ether.
 * @module
 */
import type { Address } from './params.js';

export type LockEvent =
  | { readonly name: 'AgreementCreated'; readonly args: { partyA: Address; partyB: Address; depositAmount: bigint; interval: bigint } }
  | { readonly name: 'AgreementActivated'; readonly args: { activatedAt: bigint } }
  | { readonly name: 'Deposited'; readonly args: { party: Address; amount: bigint; newShare: bigint } }
  | { readonly name: 'BleedingApplied'; readonly args: { from: Address; to: Address; amount: bigint } }
  | { readonly name: 'ExitProposed'; readonly args: { party: Address } }
  | { readonly name: 'ExitProposalCancelled'; readonly args: { party: Address } }
  | { readonly name: 'PeacefulExit'; readonly args: { shareA: bigint; shareB: bigint } }
  | { readonly name: 'UnilateralExitInitiated'; readonly args: { initiator: Address; executeAfter: bigint } }
  | { readonly name: 'UnilateralExitCancelled'; readonly args: { canceller: Address } }
  | { readonly name: 'UnilateralExitExecuted'; readonly args: { initiator: Address; received: bigint; penaltyPaid: bigint } }
  | { readonly name: 'AbandonedClaimed'; readonly args: { claimer: Address; amount: bigint } }
  | { readonly name: 'InactiveCancelled'; readonly args: { party: Address; refund: bigint } }
  | { readonly name: 'SurplusCredited'; readonly args: { toA: bigint; toB: bigint } }
  | { readonly name: 'Withdrawn'; readonly args: { party: Address; amount: bigint } };

export type LockEventName = LockEvent['name'];
