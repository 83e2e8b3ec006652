/**
 * Which clause a divergence violates: by the revert either side named, by the function called,
 * or by the view field that differs. Keeps every differential failure pointing at the rule; and
 * which clauses a run leaves unchecked on an implementation that lacks some views.
 * @module
 */
import type { FunctionName, RevertName } from '../../reference/index.js';
import type { CallResult, ViewName } from '../driver.js';
import { unobservedFields, viewClauses, viewNames, viewsReporting } from '../driver.js';
import { stepInvariants } from '../invariants.js';

/** The clause of each named error of the spec: every one, so a revert missing here is not one of them. */
const byRevert: Readonly<Record<RevertName, string>> = {
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
  BothExitsExecutable: 'MLL-SCH-009',
  CounterpartyExitExecutable: 'MLL-PEX-005',
  UnilateralExitAlreadyActive: 'MLL-UEX-001',
  NoActiveUnilateralExit: 'MLL-UEX-005',
  ExitCountdownNotElapsed: 'MLL-UEX-004',
  ExitCountdownElapsed: 'MLL-UEX-013',
  CounterpartyNotSilent: 'MLL-ABN-002',
  CounterpartyNotInDefault: 'MLL-ABN-003',
  CounterpartyDefaultTooRecent: 'MLL-ABN-008',
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
  cancelUnilateralExit: 'MLL-UEX-013',
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

/** The clause that a revert named `revert` enforces; undefined for what is not a named error of the spec (a require string, a panic, no data). */
function clauseOfRevert(revert: string): string | undefined {
  return Object.hasOwn(byRevert, revert) ? byRevert[revert as RevertName] : undefined;
}

/**
 * The clause of a differing outcome. Where both revert but the implementation's revert is not one
 * of the spec's named errors, the rule broken first is that every failure is one (MLL-STA-005),
 * whatever the reference named; otherwise a revert names its own rule, then the function's.
 */
export function clauseForResult(fn: FunctionName | 'force' | 'deploy', expected: CallResult, actual: CallResult): string {
  if (!expected.ok) {
    if (!actual.ok && clauseOfRevert(actual.revert) === undefined) return 'MLL-STA-005';
    const clause = clauseOfRevert(expected.revert);
    if (clause !== undefined && (actual.ok || actual.revert !== expected.revert)) return clause;
  }
  return (actual.ok ? undefined : clauseOfRevert(actual.revert)) ?? byFunction[fn];
}

/** The clause of a differing view field; `otherwise` for a field no clause of its own governs. */
export function clauseForField(field: string, otherwise = 'MLL-CONF-001'): string {
  return byField[field] ?? otherwise;
}

/** A clause a differential run cannot fully check, and why: the views missing and what they would have shown. */
export interface UncheckedClause {
  readonly clause: string;
  readonly because: string;
}

/**
 * What a differential run on an implementation that has only `views` (its driver's capabilities)
 * leaves unchecked, clause by clause, in clause order: the clause of each missing view, the clause
 * of each field no view it has reports (its differences go unseen), and the clauses of each step
 * invariant that reads such a field (it is not run). Empty for the whole interface.
 */
export function uncheckedClauses(views: ReadonlySet<ViewName>): UncheckedClause[] {
  const reasons = new Map<string, string[]>();
  const add = (clause: string, reason: string) => reasons.set(clause, [...(reasons.get(clause) ?? []), reason]);
  for (const view of viewNames.filter((v) => !views.has(v))) add(viewClauses[view], `${view} missing: its answers are not compared`);
  const hidden = unobservedFields(views);
  for (const field of hidden)
    add(clauseForField(field), `field ${field} not compared: only ${viewsReporting(field).join(' and ')} report it`);
  for (const invariant of stepInvariants) {
    const unread = invariant.reads.filter((field) => hidden.includes(field));
    if (unread.length === 0) continue;
    for (const clause of invariant.clauses) add(clause, `step invariant not run: it reads ${unread.join(', ')}`);
  }
  return [...reasons].sort(([a], [b]) => a.localeCompare(b)).map(([clause, because]) => ({ clause, because: because.join('; ') }));
}
