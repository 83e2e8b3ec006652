/**
 * Known-bad implementations, in the style of crytic/properties: each variant is our own contract
 * (contracts/MutualLiquidityLock.sol) with exactly one behaviour of the deployed contract put
 * back (the defects D1 … D11 of spec/deviations.md, decided against there), written as
 * the smallest patch of our code that does it. The suite must reject every one of them, naming a
 * clause of the area that decides the point.
 *
 * Variants are patches, not copies, so they follow the contract as it changes; every `find`
 * must occur exactly once in the current source, so a variant can never silently become the
 * original (applyPatches throws otherwise).
 * @module
 */
import { clauseOfFunction } from '../../properties/differential/clauses.js';
import type { FunctionName } from '../../reference/index.js';

export interface Patch {
  /** Text that must occur exactly once in the contract's source. */
  readonly find: string;
  /** What it becomes. */
  readonly replace: string;
}

export interface Variant {
  /** `D<n>-<what>`, unique. */
  readonly id: string;
  /** The defect of spec/deviations.md it reinstates. */
  readonly defect: `D${number}`;
  /** One line: the deployed behaviour put back. */
  readonly description: string;
  /** The clause the suite's failure may name: a pattern, or a list of clause IDs or ID prefixes. */
  readonly expectedClauses: RegExp | readonly string[];
  /**
   * Functions whose successful outcome (its events) may be where the difference first shows.
   * The suite names a differing successful outcome by the clause governing the function
   * (clauseOfFunction); that clause is accepted when the failing call is one of these.
   */
  readonly outcomesOf?: readonly FunctionName[];
  readonly patches: readonly Patch[];
}

/** How often `needle` occurs in `haystack` (non-overlapping). */
export function occurrences(haystack: string, needle: string): number {
  if (needle === '') return Infinity;
  return haystack.split(needle).length - 1;
}

/** Applies `patches` in order; throws unless each `find` occurs exactly once when applied, and unless the result differs. */
export function applyPatches(source: string, patches: readonly Patch[], id = 'variant'): string {
  if (patches.length === 0) throw new Error(`${id}: no patches`);
  let patched = source;
  for (const { find, replace } of patches) {
    const count = occurrences(patched, find);
    if (count !== 1) throw new Error(`${id}: expected exactly one occurrence of ${JSON.stringify(find)}, found ${count}`);
    if (find === replace) throw new Error(`${id}: a patch that changes nothing: ${JSON.stringify(find)}`);
    patched = patched.replace(find, () => replace);
  }
  if (patched === source) throw new Error(`${id}: the patches leave the source unchanged`);
  return patched;
}

/** Whether a failure naming `clause` with `message` is one `variant` accepts. */
export function isExpectedFailure(variant: Variant, clause: string | null, message: string): boolean {
  if (clause === null) return false;
  const expected = variant.expectedClauses;
  const named = expected instanceof RegExp ? expected.test(clause) : expected.some((id) => clause.startsWith(id));
  if (named) return true;
  // "<clause> (<deviations>): <fn> by <actor> at <time>, outcome: …", the deviations only where the clause decides some
  const fn = /^\S+(?: \([^)]*\))?: (\w+) by \w+ at \d+, outcome:/.exec(message)?.[1] as FunctionName | undefined;
  return fn !== undefined && (variant.outcomesOf ?? []).includes(fn) && clause === clauseOfFunction(fn);
}

const I = '        '; // two levels of indentation in the contract

/** The calls that settle bleed into the shares: where a bleed difference can first show, in their events. */
const SETTLING: readonly FunctionName[] = ['deposit', 'proposeExit', 'executeUnilateralExit', 'claimAbandoned'];

export const variants: readonly Variant[] = [
  // ---------------------------------------------------------------- D1
  {
    id: 'D1-poke-settles',
    defect: 'D1',
    description: 'applyBleeding settles both parties, so rounding and the events depend on who pokes and when',
    expectedClauses: /^MLL-BLD-/,
    outcomesOf: ['applyBleeding', ...SETTLING],
    patches: [
      {
        find: `${I}_requirePhase(Phase.Active);\n${I}_accrue();\n    }\n`,
        replace: `${I}_requirePhase(Phase.Active);\n${I}_accrue();\n${I}_settle(0);\n${I}_settle(1);\n    }\n`,
      },
    ],
  },
  {
    id: 'D1-mutual-default-forgives',
    defect: 'D1',
    description: 'any call made while both parties are in default resets both bleed clocks, forgiving accrued bleed nobody had settled',
    expectedClauses: /^MLL-BLD-/,
    outcomesOf: SETTLING,
    patches: [
      {
        find: `${I}(uint256 clockA, uint256 clockB) = _accruedClocks();\n${I}_parties[0].bleedClock = uint64(clockA);`,
        replace:
          `${I}(uint256 clockA, uint256 clockB) = _accruedClocks();\n` +
          `${I}if (_isInDefault(0) && _isInDefault(1)) (clockA, clockB) = (0, 0);\n` +
          `${I}_parties[0].bleedClock = uint64(clockA);`,
      },
    ],
  },
  {
    // Issue 8, hole 3 (the withdrawn rule MLL-BLD-011 and MLL-ABN-007 replace): a party's own poke
    // recorded its liveness, so poking on day 80 stopped the counterparty's claim at day 90 + 1 s.
    id: 'D1-party-poke-is-liveness',
    defect: 'D1',
    description: "a party's own applyBleeding records its liveness, so a poke changes a later abandonment claim",
    expectedClauses: /^MLL-(ABN|BLD)-/,
    patches: [
      {
        find: `${I}_requirePhase(Phase.Active);\n${I}_accrue();\n    }\n`,
        replace:
          `${I}_requirePhase(Phase.Active);\n${I}_accrue();\n` +
          `${I}if (msg.sender == PARTY_A) _parties[0].lastActionAt = uint64(block.timestamp);\n` +
          `${I}else if (msg.sender == PARTY_B) _parties[1].lastActionAt = uint64(block.timestamp);\n    }\n`,
      },
    ],
  },

  // ---------------------------------------------------------------- D2
  {
    // The deployed contract counts bleed from lastDeposit + G·T but fires at lastDeposit + (G+1)·T:
    // the interval before default start is charged backwards, one interval whatever G is.
    id: 'D2-backward-cliff',
    defect: 'D2',
    description: 'once default begins, the bleed window reaches back one interval before the default start',
    expectedClauses: /^MLL-(BLD|DEF)-/,
    outcomesOf: SETTLING,
    patches: [
      {
        find: `function _overlap(uint256 from, uint256 to, uint256 start, uint256 end) internal pure returns (uint256) {\n${I}uint256 lo = from > start ? from : start;`,
        replace:
          `function _overlap(uint256 from, uint256 to, uint256 start, uint256 end) internal view returns (uint256) {\n` +
          `${I}uint256 lo = from > start ? from : (to > start ? start - DEPOSIT_INTERVAL : start);`,
      },
    ],
  },

  // ---------------------------------------------------------------- D3
  {
    id: 'D3-arrears-forgiven',
    defect: 'D3',
    description: 'any deposit pays the party up to the reached intervals: grace is a standing allowance and arrears are forgiven',
    expectedClauses: /^MLL-(SCH|DEF)-/,
    outcomesOf: ['deposit'],
    patches: [
      {
        find: `${I}party.paidIntervals = uint64(paid + intervals);`,
        replace:
          `${I}uint256 reached = _reachedIntervals();\n` +
          `${I}party.paidIntervals = uint64(paid + intervals > reached ? paid + intervals : reached);`,
      },
    ],
  },

  // ---------------------------------------------------------------- D4
  {
    id: 'D4-maturity-counts-prepaid',
    defect: 'D4',
    description: 'maturity counts every paid interval, prepaid ones included, so the penalty can be bought down at once',
    expectedClauses: /^MLL-(SCH|PEN|UEX)-/,
    outcomesOf: ['executeUnilateralExit', 'claimAbandoned'],
    patches: [{ find: `${I}return paid < reached ? paid : reached;`, replace: `${I}return paid;` }],
  },
  {
    id: 'D4-activation-uncapped',
    defect: 'D4',
    description: 'activate takes any number of intervals, with no prepayment limit',
    expectedClauses: /^MLL-(SCH|ACT)-/,
    patches: [{ find: `${I}if (intervals > limit) revert PrepaymentLimitExceeded(limit * DEPOSIT_AMOUNT);\n`, replace: '' }],
  },
  {
    id: 'D4-deposit-cap-per-transaction',
    defect: 'D4',
    description: 'the deposit cap bounds each transaction to three intervals, not the total paid ahead of the schedule',
    expectedClauses: /^MLL-SCH-/,
    patches: [
      {
        find: `${I}if (paid + intervals > limit) revert PrepaymentLimitExceeded((limit - paid) * DEPOSIT_AMOUNT);`,
        replace: `${I}if (intervals > MAX_PREPAID_INTERVALS) revert PrepaymentLimitExceeded((limit - paid) * DEPOSIT_AMOUNT);`,
      },
    ],
  },

  // ---------------------------------------------------------------- D5
  {
    id: 'D5-penalty-at-execution',
    defect: 'D5',
    description: 'the exit penalty is computed at execution from the counted intervals then, not the rate frozen at initiation',
    expectedClauses: /^MLL-(UEX|PEN)-/,
    outcomesOf: ['executeUnilateralExit'],
    patches: [
      {
        find: `${I}return waived ? 0 : party.frozenPenaltyBps;`,
        replace: `${I}return waived ? 0 : _penaltyBps(_countedIntervals(role));`,
      },
    ],
  },

  // ---------------------------------------------------------------- D6
  {
    id: 'D6-no-waiver',
    defect: 'D6',
    description: 'a compliant party leaving a counterparty in default pays its full exit penalty',
    expectedClauses: /^MLL-(UEX|PEN)-/,
    outcomesOf: ['executeUnilateralExit'],
    patches: [{ find: `${I}return !_isInDefault(role) && _parties[1 - role].bleedClock >= DAY;`, replace: `${I}return false;` }],
  },
  {
    // Issue 8, hole 2 (the withdrawn waiver MLL-UEX-010 replaces): with G = 0, A initiating in the second B's interval
    // fell due, B paying in the same block after it, froze A's rate at 0 though B never bled.
    id: 'D6-waiver-on-first-second',
    defect: 'D6',
    description: "the waiver holds from the first second of the counterparty's default, before it has bled anything",
    expectedClauses: /^MLL-(UEX|PEN)-/,
    outcomesOf: ['executeUnilateralExit'],
    patches: [
      {
        find: `${I}return !_isInDefault(role) && _parties[1 - role].bleedClock >= DAY;`,
        replace: `${I}return !_isInDefault(role) && _isInDefault(1 - role);`,
      },
    ],
  },
  {
    // Issue 8, hole 2 (the withdrawn freeze MLL-UEX-009 and MLL-UEX-010 replace): a 0 rate frozen at initiation survived the exiter's
    // own default at execution.
    id: 'D6-waiver-survives-own-default',
    defect: 'D6',
    description: 'a waiver granted at initiation still holds when the exiter is itself in default at execution',
    expectedClauses: /^MLL-(UEX|PEN)-/,
    outcomesOf: ['executeUnilateralExit'],
    patches: [
      {
        find: `${I}bool waived = _penaltyWaived(role) || (party.exitWaived && !_isInDefault(role));`,
        replace: `${I}bool waived = _penaltyWaived(role) || party.exitWaived;`,
      },
    ],
  },

  // ---------------------------------------------------------------- D7
  {
    id: 'D7-exit-never-lapses',
    defect: 'D7',
    description: 'a unilateral exit stays executable forever after its countdown',
    expectedClauses: /^MLL-UEX-/,
    patches: [
      {
        find: `${I}return executeAfter != 0 && block.timestamp < executeAfter + EXIT_EXECUTION_WINDOW;`,
        replace: `${I}return executeAfter != 0;`,
      },
    ],
  },
  {
    id: 'D7-either-party-executes',
    defect: 'D7',
    description: "a party with no live exit of its own executes its counterparty's, springing the penalty on it",
    expectedClauses: /^MLL-UEX-/,
    patches: [
      {
        find: `${I}Party storage party = _parties[role];\n${I}uint256 executeAfter = party.executeAfter;`,
        replace:
          `${I}if (!_isExitLive(_parties[role].executeAfter)) role = 1 - role;\n` +
          `${I}Party storage party = _parties[role];\n${I}uint256 executeAfter = party.executeAfter;`,
      },
    ],
  },
  {
    id: 'D7-one-exit-at-a-time',
    defect: 'D7',
    description: "while one party's exit is live the other cannot initiate its own",
    expectedClauses: /^MLL-UEX-/,
    patches: [
      {
        find: `${I}if (_isExitLive(party.executeAfter)) revert UnilateralExitAlreadyActive();`,
        replace: `${I}if (_isExitLive(party.executeAfter) || _isExitLive(_parties[1 - role].executeAfter)) revert UnilateralExitAlreadyActive();`,
      },
    ],
  },

  {
    // Issue 8, found by the exhaustive search at depth 3 (MLL-UEX-011 alone, MLL-UEX-012 decides it): both parties
    // initiated at t0 and executed at the countdown's end; the first to land paid its penalty to the other.
    id: 'D7-first-executor-pays',
    defect: 'D7',
    description: "an execution leaves the counterparty's executable exit unexecuted, so whichever of two exiting parties lands first pays",
    expectedClauses: /^MLL-UEX-/,
    outcomesOf: ['executeUnilateralExit'],
    patches: [
      {
        find: `${I}bool both = _isExecutable(counterparty);`,
        replace: `${I}bool both = false;`,
      },
    ],
  },
  {
    // Issue 8 (the old cancelling rule, MLL-UEX-013 replaces it): an executable exit could still be cancelled, so B's
    // cancel ordered before A's execution in one block spared B its penalty.
    id: 'D7-cancel-after-countdown',
    defect: 'D7',
    description: 'an exit can be cancelled after its countdown has ended, until it lapses',
    expectedClauses: /^MLL-UEX-/,
    outcomesOf: ['cancelUnilateralExit'],
    patches: [{ find: `${I}if (block.timestamp >= party.executeAfter) revert ExitCountdownElapsed(party.executeAfter);\n`, replace: '' }],
  },
  {
    // Issue 8 (found by the search at depth 3, MLL-SCH-009 decides it): with both exits executable, a deposit ordered
    // before the counterparty's execution was penalised at the depositor's rate; ordered after, it reverted.
    id: 'D7-deposit-while-both-executable',
    defect: 'D7',
    description: 'a deposit is taken while both exits are executable, so the block order decides whether it is penalised',
    expectedClauses: /^MLL-SCH-/,
    outcomesOf: ['deposit'],
    patches: [{ find: `${I}if (_isExecutable(role) && _isExecutable(other)) revert BothExitsExecutable();\n`, replace: '' }],
  },
  {
    // Issue 8 (found by the search at depth 3, MLL-PEX-005 decides it): an offer accepted in the block of its
    // proposer's execution ended the lock in peace or at the proposer's penalty, by the order.
    id: 'D7-accept-while-proposer-can-execute',
    defect: 'D7',
    description: "a live offer can be accepted while its proposer's exit is executable",
    expectedClauses: /^MLL-PEX-/,
    outcomesOf: ['proposeExit'],
    patches: [{ find: `${I}if (accepting && _isExecutable(other)) revert CounterpartyExitExecutable();\n`, replace: '' }],
  },

  // ---------------------------------------------------------------- D8
  {
    id: 'D8-silent-party-need-not-default',
    defect: 'D8',
    description: 'an abandonment claim succeeds against a silent party that is not in default',
    expectedClauses: /^MLL-ABN-/,
    patches: [{ find: `${I}if (!_isInDefault(silent)) revert CounterpartyNotInDefault();\n`, replace: '' }],
  },
  {
    id: 'D8-claimer-may-default',
    defect: 'D8',
    description: 'a claimer in default may claim abandonment',
    expectedClauses: /^MLL-ABN-/,
    patches: [{ find: `${I}if (_isInDefault(role)) revert ClaimerInDefault();\n`, replace: '' }],
  },
  {
    id: 'D8-claimer-takes-all',
    defect: 'D8',
    description: "an abandonment claim gives the claimer the silent party's whole share",
    expectedClauses: /^MLL-ABN-/,
    outcomesOf: ['claimAbandoned'],
    patches: [{ find: `${I}uint256 penalty = silentShare * rate / BPS;`, replace: `${I}uint256 penalty = silentShare;` }],
  },
  {
    id: 'D8-silence-since-last-deposit',
    defect: 'D8',
    description: 'silence counts from the last deposit only: other calls are no sign of life',
    expectedClauses: /^MLL-ABN-/,
    patches: [{ find: `${I}_accrue();\n${I}_parties[role].lastActionAt = uint64(block.timestamp);\n`, replace: `${I}_accrue();\n` }],
  },
  {
    // Issue 8, hole 1 (MLL-ABN-002 … 004 alone): after mutual silence B paid its arrears and
    // claimed in the same second, taking 70.72 % of A's share.
    id: 'D8-claim-right-after-cure',
    defect: 'D8',
    description: 'a claimer that has just paid its way out of default may claim at once, racing a counterparty no more silent than it',
    expectedClauses: /^MLL-ABN-/,
    outcomesOf: ['claimAbandoned'],
    patches: [
      {
        find: `${I}if (cured != 0 && block.timestamp <= cured + threshold) revert ClaimerRecentlyInDefault(cured + threshold);\n`,
        replace: '',
      },
    ],
  },
  {
    // Issue 8, found by the exhaustive search (MLL-ABN-002 … 004 alone, MLL-ABN-008 decides it): with G = 2 a party
    // silent since activation defaults in the second its silence ends; a claim ordered before its deposit took its penalty.
    id: 'D8-claim-at-default-start',
    defect: 'D8',
    description: "a claim may land in the silent party's first second of default, racing the deposit that costs nothing in that second",
    expectedClauses: /^MLL-ABN-/,
    outcomesOf: ['claimAbandoned'],
    patches: [
      {
        find: `${I}uint256 claimableAt = _defaultStartsAt(silent) + DAY;\n${I}if (block.timestamp < claimableAt) revert CounterpartyDefaultTooRecent(claimableAt);\n`,
        replace: '',
      },
    ],
  },
  {
    // Issue 8, hole 5 (the withdrawn bound MLL-PAR-011 replaces): P_max = P_min = 10000 made every exit and claim a 100 % confiscation.
    id: 'D8-penalty-may-confiscate',
    defect: 'D8',
    description: 'the constructor accepts P_max up to 10000 bps, so an exit or a claim can take the whole share',
    expectedClauses: /^MLL-PAR-/,
    patches: [{ find: ' || exitPenaltyMaxBps > MAX_PENALTY_BPS) revert', replace: ' || exitPenaltyMaxBps > BPS) revert' }],
  },
  {
    id: 'D8-truncated-compounding',
    defect: 'D8',
    description: 'the retained fraction is compounded rounding down, so it shrinks faster and can reach zero',
    expectedClauses: /^MLL-(ARI|BLD)-/,
    outcomesOf: SETTLING,
    patches: [
      { find: 'if (n & 1 == 1) result = _mulWadUp(result, base);', replace: 'if (n & 1 == 1) result = result * base / WAD;' },
      { find: 'if (n > 0) base = _mulWadUp(base, base);', replace: 'if (n > 0) base = base * base / WAD;' },
    ],
  },

  // ---------------------------------------------------------------- D9
  {
    // spec/deviations.md D9: the spec keeps bleeding through the countdown; stopping it is the
    // variant it rejects, since a defaulter could initiate an exit to freeze its losses.
    id: 'D9-countdown-stops-bleeding',
    defect: 'D9',
    description: 'a party with a live unilateral exit does not bleed during its countdown',
    expectedClauses: /^MLL-(BLD|UEX)-/,
    outcomesOf: SETTLING,
    patches: [
      {
        find: `${I}if (startA < startB) clockA += _overlap(`,
        replace: `${I}if (startA < startB && !_isExitLive(_parties[0].executeAfter)) clockA += _overlap(`,
      },
      {
        find: `${I}else if (startB < startA) clockB += _overlap(`,
        replace: `${I}else if (startB < startA && !_isExitLive(_parties[1].executeAfter)) clockB += _overlap(`,
      },
    ],
  },

  // ---------------------------------------------------------------- D10
  {
    id: 'D10-partial-day-forgiven',
    defect: 'D10',
    description:
      'settling a party drops the part-day remainder of its bleed clock, so default shorter than a day between deposits never bleeds',
    expectedClauses: /^MLL-BLD-/,
    outcomesOf: SETTLING,
    patches: [
      { find: `${I}if (days_ == 0) return;\n`, replace: `${I}party.bleedClock = 0;\n${I}if (days_ == 0) return;\n` },
      { find: `${I}party.bleedClock = uint64(clock - days_ * DAY);\n`, replace: '' },
    ],
  },

  // ---------------------------------------------------------------- D11
  {
    // The deployed contract checks no upper bound: T = 2^255 makes claimAbandoned revert forever.
    id: 'D11-unbounded-interval',
    defect: 'D11',
    description: 'the constructor accepts any deposit interval above the minimum, with no upper bound',
    expectedClauses: /^MLL-PAR-/,
    patches: [{ find: ' || depositInterval > MAX_DEPOSIT_INTERVAL', replace: '' }],
  },
  {
    // The deployed contract checks no upper bound: n = 2^255 makes executeUnilateralExit revert forever.
    id: 'D11-unbounded-decay-target',
    defect: 'D11',
    description: 'the constructor accepts any penalty decay target above zero, with no upper bound',
    expectedClauses: /^MLL-PAR-/,
    patches: [{ find: ' || penaltyDecayTarget > MAX_PENALTY_DECAY_TARGET', replace: '' }],
  },
  {
    id: 'D11-proposal-never-lapses',
    defect: 'D11',
    description: 'an exit proposal stays live until cancelled',
    expectedClauses: /^MLL-PEX-/,
    outcomesOf: ['proposeExit', 'deposit'],
    patches: [
      {
        find: `${I}return proposedAt != 0 && block.timestamp < proposedAt + EXIT_PROPOSAL_WINDOW;`,
        replace: `${I}return proposedAt != 0;`,
      },
    ],
  },
  {
    id: 'D11-deposit-keeps-proposal',
    defect: 'D11',
    description: 'a deposit leaves a live exit proposal standing, though it was made on the old split',
    expectedClauses: /^MLL-(PEX|SCH)-/,
    outcomesOf: ['deposit'],
    patches: [
      {
        find: `${I}    _parties[other].exitProposedAt = 0;\n${I}    emit ExitProposalCancelled(_addressOf(other));\n`,
        replace: '',
      },
    ],
  },
  {
    // Issue 8, hole 6 (the withdrawn rule MLL-SCH-008 replaces): a party that proposed and then paid its next
    // interval on time lost its own proposal.
    id: 'D11-own-deposit-withdraws-own-proposal',
    defect: 'D11',
    description: "a deposit withdraws the depositor's own live exit proposal too",
    expectedClauses: /^MLL-(PEX|SCH)-/,
    outcomesOf: ['deposit', 'proposeExit'],
    patches: [
      {
        find: `${I}// MLL-SCH-008: the counterparty's live proposal was made on the old shares; the depositor's own stands\n`,
        replace:
          `${I}if (_isProposalLive(party.exitProposedAt)) {\n${I}    party.exitProposedAt = 0;\n` +
          `${I}    emit ExitProposalCancelled(msg.sender);\n${I}}\n`,
      },
    ],
  },
  {
    // Issue 8, hole 4 (the withdrawn prose MLL-STA-008's table replaces): read literally, it put activate's value checks
    // before its window check.
    id: 'D11-activation-value-before-window',
    defect: 'D11',
    description: 'activate checks the value it is sent before the activation window',
    expectedClauses: /^MLL-(ACT|STA)-/,
    patches: [
      { find: `${I}if (first != 0 && block.timestamp >= first + ACTIVATION_WINDOW) revert ActivationWindowClosed();\n`, replace: '' },
      {
        find: `${I}if (intervals > limit) revert PrepaymentLimitExceeded(limit * DEPOSIT_AMOUNT);\n`,
        replace:
          `${I}if (intervals > limit) revert PrepaymentLimitExceeded(limit * DEPOSIT_AMOUNT);\n` +
          `${I}if (first != 0 && block.timestamp >= first + ACTIVATION_WINDOW) revert ActivationWindowClosed();\n`,
      },
    ],
  },
  {
    // The weakest catch of the table: it needs an inactive lock whose first activation comes well
    // after deployment and a cancelInactive between the two window ends; random runs rarely play
    // that (from ~800 to ~27,000 steps over independent seeds).
    id: 'D11-cancel-counted-from-creation',
    defect: 'D11',
    description: 'cancelInactive opens ACTIVATION_WINDOW after deployment, not after the first activation',
    expectedClauses: /^MLL-(CIN|ACT)-/,
    patches: [
      {
        find: `${I}uint256 closesAt = (first != 0 ? first : CREATED_AT) + ACTIVATION_WINDOW;`,
        replace: `${I}uint256 closesAt = CREATED_AT + ACTIVATION_WINDOW;`,
      },
    ],
  },
  {
    id: 'D11-forced-ether-stuck',
    defect: 'D11',
    description: 'ether forced into the lock is never credited to the parties',
    expectedClauses: /^MLL-(WDR|INV)-/,
    outcomesOf: ['withdraw'],
    patches: [{ find: `${I}if (_phase == Phase.Exited) _creditSurplus();\n`, replace: '' }],
  },
];
