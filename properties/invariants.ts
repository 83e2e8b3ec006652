/**
 * Step invariants: checked after every step of every run, each citing the clause it enforces.
 * The values under test (shares, claimables, rates, balance, results) are the implementation's;
 * the spec's predicates that decide which rule applies (phase, in default, exit live, intervals
 * reached, paid and counted, last action) are the reference's for the same history of calls
 * (`entry.expected`), so an implementation cannot pass by reporting its own notion of them.
 * @module
 */
import { DAY, EXIT_EXECUTION_WINDOW, Phase } from '../reference/index.js';
import { EXPECTED_PROPOSAL_WINDOW, expectedPenaltyBps, expectedSilenceThreshold } from './oracle.js';
import type { Role } from '../reference/index.js';
import type { ObservedField } from './driver.js';
import type { StepCheck, TraceEntry } from './run-scenario.js';
import { ensure } from './violation.js';

/**
 * A step invariant's catalog property: how it is run on its own, over random scenarios. This is
 * its one registration: properties/catalog.ts makes a step property of every invariant that has
 * one, and the README's table, MLL-CONF-003's list and spec/properties.md are generated from the
 * catalog (`npm run catalog`).
 */
export interface StepPropertyRegistration {
  /** Stable ID, P-…, cited by the spec's clauses. */
  readonly id: string;
  readonly title: string;
  /** The rule, in the spec's words. */
  readonly rule: string;
  /** Clauses the property checks beyond those its failures name: rules its check relies on. The property's clauses are the invariant's, then these. */
  readonly alsoChecks?: readonly string[];
  /** Whether its scenarios force ether in (default: no). */
  readonly forcedEther?: boolean;
}

/** A step invariant checked only inside differential runs, never as a property of its own: its title, and why. */
export interface DifferentialOnly {
  readonly title: string;
  readonly differentialOnly: string;
}

/**
 * A step invariant: the clauses its failures name, every observation field it reads, the check,
 * and its registration. Every one is in `stepInvariants`, so the differential checks it on the
 * implementation after every step (MLL-CONF-003); `npm run catalog -- --check` fails on one that
 * is not, or whose registration the catalog does not run.
 */
export interface StepInvariant {
  /** The clauses its check names when it fails, each at least once. */
  readonly clauses: readonly string[];
  /** The implementation's fields it reads: on an implementation whose views report not all of these, it cannot run. */
  readonly reads: readonly ObservedField[];
  readonly check: StepCheck;
  /** Its catalog property, or why it has none. */
  readonly property: StepPropertyRegistration | DifferentialOnly;
}

/** Whether a step invariant's registration is a catalog property of its own (not differential-only). */
export function isRegistered(property: StepInvariant['property']): property is StepPropertyRegistration {
  return !('differentialOnly' in property);
}

const roles: readonly Role[] = ['A', 'B'];
const other = (role: Role): Role => (role === 'A' ? 'B' : 'A');

/** Sums of what went in and out, from the trace's successful calls and forced ether. */
function flows(trace: readonly TraceEntry[]): { paidIn: bigint; forcedIn: bigint; paidOut: bigint; surplusCredited: bigint } {
  let paidIn = 0n;
  let forcedIn = 0n;
  let paidOut = 0n;
  let surplusCredited = 0n;
  for (const { action, result } of trace) {
    if (action.kind === 'force') forcedIn += action.amount;
    else if (result.ok) paidIn += action.value;
    if (!result.ok) continue;
    for (const event of result.events) {
      if (event.name === 'Withdrawn') paidOut += event.args.amount;
      if (event.name === 'SurplusCredited') surplusCredited += event.args.toA + event.args.toB;
    }
  }
  return { paidIn, forcedIn, paidOut, surplusCredited };
}

/**
 * MLL-INV-001: balance ≥ shares + claimables; MLL-INV-002: everything paid in by calls equals
 * shares + claimables + everything paid out, less forced ether already credited.
 */
export const conservation: StepInvariant = {
  clauses: ['MLL-INV-001', 'MLL-INV-002'],
  property: {
    id: 'P-CONSERVATION',
    title: 'Value is conserved exactly',
    rule: 'Everything paid in MUST equal shares + claimables + everything paid out, to the wei; the balance MUST cover shares + claimables.',
    alsoChecks: ['MLL-BLD-006'],
    forcedEther: true,
  },
  reads: ['share', 'claimable'],
  check: (entry, trace) => {
    const { after } = entry;
    const books = after.A.share + after.B.share + after.A.claimable + after.B.claimable;
    const { paidIn, forcedIn, paidOut, surplusCredited } = flows(trace);
    ensure(after.balance >= books, 'MLL-INV-001', () => `balance ${after.balance} < shares + claimables ${books}`);
    ensure(
      paidIn + surplusCredited === books + paidOut,
      'MLL-INV-002',
      () => `paid in ${paidIn} + surplus credited ${surplusCredited} ≠ shares + claimables ${books} + paid out ${paidOut}`,
    );
    ensure(
      paidIn + forcedIn === after.balance + paidOut,
      'MLL-INV-002',
      () => `paid in ${paidIn} + forced ${forcedIn} ≠ balance ${after.balance} + paid out ${paidOut}`,
    );
  },
};

/** MLL-STA-001: the phase only moves forward. */
export const phaseForward: StepInvariant = {
  clauses: ['MLL-STA-001'],
  property: {
    id: 'P-PHASE-FORWARD',
    title: 'The phase only moves forward',
    rule: 'The phase MUST only move Inactive → Active → Exited or Inactive → Exited.',
  },
  reads: ['phase'],
  check: ({ before, after }) => {
    ensure(after.phase >= before.phase, 'MLL-STA-001', () => `phase went from ${before.phase} to ${after.phase}`);
  },
};

/** MLL-PEN-002: while the lock is active, a party's exit penalty never rises. */
export const penaltyNeverRises: StepInvariant = {
  clauses: ['MLL-PEN-002'],
  property: {
    id: 'P-PENALTY-NEVER-RISES',
    title: "A party's exit penalty never rises",
    rule: "While the lock is active, a party's exit penalty rate MUST never increase.",
  },
  reads: ['exitPenaltyBps'],
  check: (entry, trace) => {
    const previous = trace[trace.length - 2];
    if (previous === undefined || entry.expected.after.phase !== Phase.Active || previous.expected.after.phase !== Phase.Active) return;
    for (const role of roles) {
      const was = previous.after[role].exitPenaltyBps;
      const is = entry.after[role].exitPenaltyBps;
      ensure(is <= was, 'MLL-PEN-002', () => `party ${role}'s penalty rose from ${was} to ${is} bps`);
    }
  },
};

/** MLL-SCH-005: maturity counts only intervals the schedule has reached, so the penalty is never below penalty(reached). */
export const maturityNotBought: StepInvariant = {
  clauses: ['MLL-SCH-005'],
  property: {
    id: 'P-MATURITY-NOT-BOUGHT',
    title: 'Maturity cannot be bought ahead of the schedule',
    rule: 'Only intervals both paid and reached by the schedule count toward maturity.',
    alsoChecks: ['MLL-SCH-003', 'MLL-ACT-001', 'MLL-PEN-001'],
  },
  reads: ['countedIntervals', 'exitPenaltyBps'],
  check: ({ after, expected }, _trace, params) => {
    if (expected.after.phase !== Phase.Active) return;
    for (const role of roles) {
      const party = after[role];
      const { paidIntervals: paid, reachedIntervals: reached } = expected.after[role];
      const floor = expectedPenaltyBps(params, reached);
      ensure(
        party.countedIntervals <= reached && party.countedIntervals <= paid,
        'MLL-SCH-005',
        () => `party ${role} counts ${party.countedIntervals} intervals with ${paid} paid and ${reached} reached`,
      );
      ensure(
        party.exitPenaltyBps >= floor,
        'MLL-SCH-005',
        () => `party ${role}'s penalty ${party.exitPenaltyBps} bps is below penalty(reached = ${reached}) = ${floor}`,
      );
    }
  },
};

/** MLL-BLD-009: at most one party ever has a whole day of unsettled bleed. */
export const singlePendingDay: StepInvariant = {
  clauses: ['MLL-BLD-009'],
  property: {
    id: 'P-SINGLE-PENDING-DAY',
    title: 'At most one party has bleed pending',
    rule: 'At most one party MAY have a whole day of unsettled bleed at any time.',
  },
  reads: ['bleedSeconds'],
  check: ({ after }) => {
    ensure(
      after.A.bleedSeconds < DAY || after.B.bleedSeconds < DAY,
      'MLL-BLD-009',
      () => `both parties have a whole day pending: A ${after.A.bleedSeconds} s, B ${after.B.bleedSeconds} s`,
    );
  },
};

/**
 * MLL-BLD-001, MLL-BLD-008: between two calls, a party's share falls only while it is in
 * default and its counterparty is not; with both in default, or neither, nothing moves.
 */
export const noBleedOutsideWindow: StepInvariant = {
  clauses: ['MLL-BLD-001', 'MLL-BLD-008'],
  property: {
    id: 'P-NO-BLEED-OUTSIDE-WINDOW',
    title: 'No bleed outside default windows',
    rule: 'A share MUST NOT bleed except while its party is in default and the counterparty is not.',
    alsoChecks: ['MLL-DEF-001', 'MLL-DEF-004'],
  },
  reads: ['share'],
  check: (entry, trace) => {
    const previous = trace[trace.length - 2];
    if (previous === undefined || previous.expected.after.phase !== Phase.Active) return;
    const from = previous.after;
    const to = entry.before;
    const spec = { from: previous.expected.after, to: entry.expected.before };
    for (const role of roles) {
      // Defaults only begin between calls, so compliant at the end means compliant throughout.
      if (!spec.to[role].inDefault) {
        ensure(
          to[role].share >= from[role].share,
          'MLL-BLD-008',
          () => `party ${role}, never in default in [${from.time}, ${to.time}), went from ${from[role].share} to ${to[role].share}`,
        );
      }
      if (spec.from[role].inDefault && spec.from[other(role)].inDefault) {
        ensure(
          to[role].share === from[role].share,
          'MLL-BLD-001',
          () => `party ${role} moved from ${from[role].share} to ${to[role].share} during mutual default`,
        );
      }
    }
  },
};

/**
 * MLL-UEX-009, MLL-UEX-004 … MLL-UEX-006: a live exit keeps its frozen rate; an exit executes
 * only by its initiator, from the end of its countdown until it lapses.
 */
export const exitRules: StepInvariant = {
  clauses: ['MLL-UEX-009', 'MLL-UEX-004', 'MLL-UEX-005', 'MLL-UEX-006'],
  property: {
    id: 'P-EXIT-RULES',
    title: 'Unilateral exits cannot ambush',
    rule: 'Only the initiator MAY execute, only from the end of the countdown until the lapse, at the rate frozen at initiation.',
  },
  reads: ['frozenPenaltyBps'],
  check: ({ action, before, after, result, time, expected: spec }) => {
    for (const role of roles) {
      const [was, is] = [spec.before[role], spec.after[role]];
      if (was.unilateralExitLive && is.unilateralExitLive && was.executeAfter === is.executeAfter) {
        ensure(
          after[role].frozenPenaltyBps === before[role].frozenPenaltyBps,
          'MLL-UEX-009',
          () => `party ${role}'s frozen rate moved from ${before[role].frozenPenaltyBps} to ${after[role].frozenPenaltyBps}`,
        );
      }
    }
    if (action.kind !== 'call' || !result.ok || action.fn !== 'executeUnilateralExit') return;
    ensure(action.actor !== 'stranger', 'MLL-UEX-006', () => 'a stranger executed an exit');
    const own = spec.before[action.actor];
    ensure(own.unilateralExitLive, 'MLL-UEX-006', () => `party ${action.actor} executed without a live exit of its own`);
    ensure(time >= own.executeAfter, 'MLL-UEX-004', () => `executed at ${time} before ${own.executeAfter}`);
    ensure(time < own.executeAfter + EXIT_EXECUTION_WINDOW, 'MLL-UEX-005', () => `executed at ${time}, after the lapse`);
  },
};

/**
 * Whether `role` had a live proposal just before the last entry, judged from the trace alone:
 * its latest successful proposeExit less than EXIT_PROPOSAL_WINDOW ago, with no deposit by
 * the counterparty and no cancelExitProposal of its own since (MLL-PEX-002, MLL-SCH-008).
 */
function hadLiveProposal(trace: readonly TraceEntry[], role: Role, now: bigint): boolean {
  for (const { action, result, time } of trace.slice(0, -1).reverse()) {
    if (action.kind !== 'call' || !result.ok) continue;
    if (action.fn === 'deposit' && action.actor !== role) return false;
    if (action.actor !== role) continue;
    if (action.fn === 'cancelExitProposal') return false;
    if (action.fn === 'proposeExit') return now < time + EXPECTED_PROPOSAL_WINDOW;
  }
  return false;
}

/**
 * MLL-PEX-003: a peaceful exit needs the counterparty's proposal live; it pays each party its
 * share as the views showed it just before.
 */
export const peacefulExitRules: StepInvariant = {
  clauses: ['MLL-PEX-003'],
  property: {
    id: 'P-PEACEFUL-EXIT',
    title: 'A peaceful exit pays each its share',
    rule: 'A peaceful exit needs both proposals live and credits each party exactly its share.',
    alsoChecks: ['MLL-PEX-002'],
  },
  reads: ['phase', 'share', 'claimable'],
  check: ({ action, before, after, result, time }, trace) => {
    if (action.kind !== 'call' || !result.ok || action.fn !== 'proposeExit' || after.phase !== Phase.Exited) return;
    ensure(
      action.actor !== 'stranger' && hadLiveProposal(trace, other(action.actor), time),
      'MLL-PEX-003',
      () => 'the lock ended without a live proposal from the counterparty',
    );
    for (const role of roles) {
      ensure(
        after[role].claimable === before[role].claimable + before[role].share,
        'MLL-PEX-003',
        () => `party ${role} was credited ${after[role].claimable - before[role].claimable}, its share was ${before[role].share}`,
      );
    }
  },
};

/**
 * MLL-ABN-002 … MLL-ABN-005: a claim needs the counterparty silent past the threshold and in
 * default, the claimer not in default; the silent party pays exactly its penalty and keeps the
 * rest.
 */
export const abandonmentRules: StepInvariant = {
  clauses: ['MLL-ABN-002', 'MLL-ABN-003', 'MLL-ABN-004', 'MLL-ABN-005'],
  property: {
    id: 'P-ABANDONMENT-GUARDS',
    title: 'Abandonment needs silence and default, and takes only the penalty',
    rule: 'A claim needs the counterparty silent past max(90 days, 3T) and in default, the claimer not in default; the silent party loses only its exit penalty.',
  },
  reads: ['share', 'claimable'],
  check: ({ action, before, after, result, time, expected }, _trace, params) => {
    if (action.kind !== 'call' || !result.ok || action.fn !== 'claimAbandoned') return;
    ensure(action.actor !== 'stranger', 'MLL-ABN-002', () => 'a stranger claimed');
    const claimer = action.actor;
    const silent = other(claimer);
    const spec = expected.before;
    ensure(
      time > spec[silent].lastActionAt + expectedSilenceThreshold(params),
      'MLL-ABN-002',
      () => `claimed at ${time}; the counterparty last acted at ${spec[silent].lastActionAt}`,
    );
    ensure(spec[silent].inDefault, 'MLL-ABN-003', () => 'claimed against a party not in default');
    ensure(!spec[claimer].inDefault, 'MLL-ABN-004', () => 'a claimer in default claimed');
    const penalty = (before[silent].share * expectedPenaltyBps(params, spec[silent].countedIntervals)) / 10_000n;
    ensure(
      after[silent].claimable - before[silent].claimable === before[silent].share - penalty,
      'MLL-ABN-005',
      () => `the silent party kept ${after[silent].claimable - before[silent].claimable}, expected ${before[silent].share - penalty}`,
    );
  },
};

/**
 * Every step invariant, in the order a differential run checks them on the implementation
 * (MLL-CONF-003); the catalog lists their properties in this order too. A new invariant is
 * defined above, with its registration, and listed here.
 */
export const stepInvariants: readonly StepInvariant[] = [
  conservation,
  phaseForward,
  penaltyNeverRises,
  maturityNotBought,
  singlePendingDay,
  noBleedOutsideWindow,
  exitRules,
  peacefulExitRules,
  abandonmentRules,
];
