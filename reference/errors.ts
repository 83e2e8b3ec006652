/**
 * Reverts: the names the reference and the contract share (MLL-STA-005). A revert is a value,
 * never an exception: the caller can name it, match on it, and compare it with the contract's.
 * @module
 */

/** Every revert the lock can produce, with its arguments. */
export type Revert =
  // constructor (MLL-PAR-001 … MLL-PAR-007)
  | { readonly name: 'InvalidPartyAddress' }
  | { readonly name: 'InvalidDepositAmount' }
  | { readonly name: 'InvalidDepositInterval' }
  | { readonly name: 'InvalidBleedRate' }
  | { readonly name: 'InvalidGracePeriods' }
  | { readonly name: 'InvalidPenaltyBounds' }
  | { readonly name: 'InvalidPenaltyDecayTarget' }
  // any call (MLL-STA-002 … MLL-STA-004)
  | { readonly name: 'UnexpectedValue' }
  | { readonly name: 'NotParty' }
  | { readonly name: 'WrongPhase'; readonly expected: number; readonly actual: number }
  // activation and cancelling an inactive lock (MLL-ACT, MLL-CIN)
  | { readonly name: 'AlreadyActivated' }
  | { readonly name: 'ActivationWindowClosed' }
  | { readonly name: 'ActivationWindowOpen'; readonly closesAt: bigint }
  // deposits (MLL-SCH)
  | { readonly name: 'InvalidDepositValue' }
  | { readonly name: 'PrepaymentLimitExceeded'; readonly maxValue: bigint }
  | { readonly name: 'BothExitsExecutable' }
  // peaceful exit (MLL-PEX)
  | { readonly name: 'CounterpartyExitExecutable' }
  // unilateral exit (MLL-UEX)
  | { readonly name: 'UnilateralExitAlreadyActive' }
  | { readonly name: 'NoActiveUnilateralExit' }
  | { readonly name: 'ExitCountdownNotElapsed'; readonly executeAfter: bigint }
  | { readonly name: 'ExitCountdownElapsed'; readonly executeAfter: bigint }
  // abandonment (MLL-ABN)
  | { readonly name: 'CounterpartyNotSilent'; readonly silentAfter: bigint }
  | { readonly name: 'CounterpartyNotInDefault' }
  | { readonly name: 'CounterpartyDefaultTooRecent'; readonly claimableAt: bigint }
  | { readonly name: 'ClaimerInDefault' }
  | { readonly name: 'ClaimerRecentlyInDefault'; readonly claimAfter: bigint }
  // withdrawal and plain transfers (MLL-WDR)
  | { readonly name: 'NothingToWithdraw' }
  | { readonly name: 'TransferFailed' }
  | { readonly name: 'DirectTransferRejected' };

/** The name of a revert. */
export type RevertName = Revert['name'];

/**
 * Each revert's arguments in the order the contract's error declares them (the ABI encodes them
 * by position, not by name). Typed so that a field missing from a revert, or a revert missing
 * here, does not compile.
 */
const argumentOrder: { readonly [R in Revert as R['name']]: readonly Exclude<keyof R, 'name'>[] } = {
  InvalidPartyAddress: [],
  InvalidDepositAmount: [],
  InvalidDepositInterval: [],
  InvalidBleedRate: [],
  InvalidGracePeriods: [],
  InvalidPenaltyBounds: [],
  InvalidPenaltyDecayTarget: [],
  UnexpectedValue: [],
  NotParty: [],
  WrongPhase: ['expected', 'actual'],
  AlreadyActivated: [],
  ActivationWindowClosed: [],
  ActivationWindowOpen: ['closesAt'],
  InvalidDepositValue: [],
  PrepaymentLimitExceeded: ['maxValue'],
  BothExitsExecutable: [],
  CounterpartyExitExecutable: [],
  UnilateralExitAlreadyActive: [],
  NoActiveUnilateralExit: [],
  ExitCountdownNotElapsed: ['executeAfter'],
  ExitCountdownElapsed: ['executeAfter'],
  CounterpartyNotSilent: ['silentAfter'],
  CounterpartyNotInDefault: [],
  CounterpartyDefaultTooRecent: ['claimableAt'],
  ClaimerInDefault: [],
  ClaimerRecentlyInDefault: ['claimAfter'],
  NothingToWithdraw: [],
  TransferFailed: [],
  DirectTransferRejected: [],
};

/** A revert's arguments, positionally, as the contract's error encodes them (MLL-CONF-001). */
export function revertArguments(revert: Revert): readonly (bigint | number)[] {
  const fields = argumentOrder[revert.name] as readonly string[];
  return fields.map((field) => (revert as unknown as Record<string, bigint | number>)[field]!);
}
