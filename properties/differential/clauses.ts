/**
 * Which clause a divergence violates: by the revert either side named, by the function called,
 * or by the view field that differs. Keeps every differential failure pointing at the rule.
 * @module
 */
import type { FunctionName } from '../../reference/index.js';
import type { CallResult } from '../driver.js';

const byRevert: Readonly<Record<string, string>> = {
  InvalidPartyAddress: 'MLL-PAR-001',
  InvalidDepositAmount: 'MLL-PAR-002',
  InvalidDepositInterval: 'MLL-PAR-003',
  InvalidBleedRate: 'MLL-PAR-004',
  InvalidGracePeriods: 'MLL-PAR-005',
  InvalidPenaltyBounds: 'MLL-PAR-011',
  InvalidPenaltyDecayTarget: 'MLL-PAR-007',
  UnexpectedValue: 'MLL-STA-004',
  NotParty: 'MLL-STA-002',
  WrongPhase: 'MLL-STA-003',
  AlreadyActivated: 'MLL-ACT-002',
  ActivationWindowClosed: 'MLL-ACT-005',
  ActivationWindowOpen: 'MLL-CIN-001',
  InvalidDepositValue: 'MLL-SCH-002',
  PrepaymentLimitExceeded: 'MLL-SCH-003',
  UnilateralExitAlreadyActive: 'MLL-UEX-001',
  NoActiveUnilateralExit: 'MLL-UEX-005',
  ExitCountdownNotElapsed: 'MLL-UEX-004',
  CounterpartyNotSilent: 'MLL-ABN-002',
  CounterpartyNotInDefault: 'MLL-ABN-003',
  ClaimerInDefault: 'MLL-ABN-004',
  ClaimerRecentlyInDefault: 'MLL-ABN-006',
  NothingToWithdraw: 'MLL-WDR-002',
  TransferFailed: 'MLL-WDR-003',
  DirectTransferRejected: 'MLL-WDR-005',
};

const byFunction: Readonly<Record<FunctionName | 'force' | 'deploy', string>> = {
  deploy: 'MLL-PAR-008',
  activate: 'MLL-ACT-003',
  deposit: 'MLL-SCH-006',
  applyBleeding: 'MLL-BLD-011',
  proposeExit: 'MLL-PEX-003',
  cancelExitProposal: 'MLL-PEX-004',
  initiateUnilateralExit: 'MLL-UEX-001',
  cancelUnilateralExit: 'MLL-UEX-008',
  executeUnilateralExit: 'MLL-UEX-011',
  claimAbandoned: 'MLL-ABN-005',
  cancelInactive: 'MLL-CIN-003',
  withdraw: 'MLL-WDR-001',
  receive: 'MLL-WDR-005',
  force: 'MLL-WDR-004',
};

const byField: Readonly<Record<string, string>> = {
  phase: 'MLL-STA-001',
  activatedAt: 'MLL-ACT-004',
  balance: 'MLL-INV-002',
  share: 'MLL-BLD-004',
  paidIntervals: 'MLL-SCH-002',
  reachedIntervals: 'MLL-SCH-001',
  countedIntervals: 'MLL-SCH-005',
  inDefault: 'MLL-DEF-001',
  defaultStartsAt: 'MLL-DEF-001',
  bleedSeconds: 'MLL-BLD-002',
  lastActionAt: 'MLL-ABN-007',
  exitProposalLive: 'MLL-PEX-002',
  unilateralExitLive: 'MLL-UEX-005',
  executeAfter: 'MLL-UEX-001',
  frozenPenaltyBps: 'MLL-UEX-009',
  exitPenaltyBps: 'MLL-PEN-001',
  claimable: 'MLL-WDR-001',
};

/** The clause that governs what a function does, named when its successful outcome differs. */
export function clauseOfFunction(fn: FunctionName | 'force' | 'deploy'): string {
  return byFunction[fn];
}

/** The clause of a differing outcome: a revert names its own rule; otherwise the function's. */
export function clauseForResult(fn: FunctionName | 'force' | 'deploy', expected: CallResult, actual: CallResult): string {
  if (!expected.ok && byRevert[expected.revert] !== undefined && (actual.ok || actual.revert !== expected.revert)) {
    return byRevert[expected.revert]!;
  }
  if (!actual.ok && byRevert[actual.revert] !== undefined) return byRevert[actual.revert]!;
  return byFunction[fn];
}

/** The clause of a differing view field. */
export function clauseForField(field: string): string {
  return byField[field] ?? 'MLL-CONF-001';
}
