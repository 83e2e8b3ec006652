/**
 * Unit tests for spec/guarantees.md (MLL-GUA): what each party is promised, shown on the
 * reference at the instants issue 8 found the rules breaking it. Each hole is reproduced with the
 * auditor's figures (article defaults): the test fails on the old rule and passes on the new.
 * The guarantees in general are searched for by properties/guarantees.ts (P-GUA-*) and properties/search.ts.
 *
 * Expected amounts come from the spec's formulas restated in properties/oracle.ts, never from the
 * reference.
 */
import { describe, expect, it } from 'vitest';
import type { Address, FunctionName, LockEvent } from '../../reference/index.js';
import { deploy } from '../../reference/index.js';
import { expectedPenaltyAmount, expectedPenaltyBps, expectedRetainedShare } from '../../properties/oracle.js';
import { DAY, Lock, PARTY_A, PARTY_B, STRANGER, T, d, defaults, fork, status } from '../support/harness.js';

const R = 50n;
const SILENCE = 90n * DAY;
const ether = (milli: bigint) => milli * 10n ** 13n; // in units of 0.00001 ether

/** Both activate with d at t0 and nobody calls for 90 days and 1 s; then B pays its arrears, 3d. */
function mutualSilenceThenBPays(): Lock {
  const lock = Lock.active();
  lock.at(lock.t0 + SILENCE + 1n).ok(PARTY_B, 'deposit', 3n * d);
  return lock;
}

describe('MLL-GUA-001 a party never in one-sided default loses nothing', () => {
  it('MLL-GUA-001: issue 8 hole 1, MLL-ABN-006: B pays its arrears and claims in the same second: refused, A keeps its 0.1 (the old rule credited B 0.47072, A 0.02928)', () => {
    const lock = mutualSilenceThenBPays();
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerRecentlyInDefault', claimAfter: lock.now + SILENCE });
    expect(4n * d + expectedPenaltyAmount(d, 7_072n)).toBe(ether(47_072n)); // what the old rule paid B
    lock.ok(PARTY_A, 'deposit', 3n * d); // A wakes up in the next 90 days: nothing was taken from it
    expect(status(lock, PARTY_A).share).toBe(4n * d);
  });

  it('MLL-GUA-001: MLL-ABN-006: a claimer that stays compliant for the whole threshold after its cure may claim; the silent party, in one-sided default since the cure, has bled and pays its own exit rate', () => {
    const lock = mutualSilenceThenBPays();
    const claimAfter = lock.now + SILENCE;
    lock.at(lock.t0 + 4n * T).ok(PARTY_B, 'deposit', d);
    lock.at(lock.t0 + 5n * T).ok(PARTY_B, 'deposit', d); // B compliant until t0 + 7T
    lock.at(claimAfter);
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerRecentlyInDefault', claimAfter });
    lock.at(claimAfter + 1n);
    const aShare = expectedRetainedShare(d, R, 90n); // A's clock: 90 days and 1 s since B's cure
    const penalty = expectedPenaltyAmount(aShare, expectedPenaltyBps(defaults, 1n));
    expect(lock.ok(PARTY_B, 'claimAbandoned').at(-1)).toEqual({
      name: 'AbandonedClaimed',
      args: { claimer: PARTY_B, amount: 6n * d + (d - aShare) + penalty },
    });
    expect(lock.state.A.claimable).toBe(aShare - penalty);
  });
});

describe('MLL-GUA-002 a party that pays on time and does not exit keeps what it paid in', () => {
  it('MLL-GUA-002: B pays every interval on its due date for a year; A, silent, is claimed against: B is credited all it paid and more', () => {
    const lock = Lock.active();
    for (let k = 1n; k <= 12n; k++) lock.at(lock.t0 + k * T).ok(PARTY_B, 'deposit', d);
    lock.at(lock.t0 + 12n * T).ok(PARTY_B, 'claimAbandoned');
    expect(lock.state.B.claimable).toBeGreaterThanOrEqual(13n * d);
    expect(lock.state.A.claimable).toBeGreaterThan(0n);
  });

  it('MLL-GUA-002: issue 8 hole 2: B pays interval 1 in the second it falls due, after A initiated in that second: B ends with its 0.2 plus A’s penalty, never less', () => {
    const lock = snipeAtDueDate();
    lock.at(lock.t0 + 2n * T).ok(PARTY_A, 'executeUnilateralExit');
    expect(lock.state.B.claimable).toBe(2n * d + ether(12_286n));
  });
});

/** G = 0: A pays interval 1 early; in the second B's interval 1 falls due A initiates, and B's payment lands after it. */
function snipeAtDueDate(): Lock {
  const lock = Lock.active({ gracePeriods: 0n });
  lock.ok(PARTY_A, 'deposit', d);
  lock.at(lock.t0 + T).ok(PARTY_A, 'initiateUnilateralExit');
  lock.ok(PARTY_B, 'deposit', d);
  return lock;
}

describe('MLL-GUA-003 a penalty is waived only against a counterparty that has bled', () => {
  it('MLL-GUA-003: issue 8 hole 2, MLL-UEX-010: G = 0, A initiates in the second B’s interval falls due: its rate freezes at 6143 bps, not 0, and it pays 0.12286 on leaving', () => {
    const lock = snipeAtDueDate();
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(6_143n);
    lock.at(lock.t0 + 2n * T);
    const events = lock.ok(PARTY_A, 'executeUnilateralExit');
    expect(events).toEqual([
      { name: 'UnilateralExitExecuted', args: { initiator: PARTY_A, received: ether(7_714n), penaltyPaid: ether(12_286n) } },
    ]);
    expect(lock.state.B.bleedClock).toBe(0n); // B never bled a wei
  });

  it('MLL-GUA-003: issue 8 hole 2, MLL-UEX-010: G = 1, a one-second lapse cured at once and A’s own later default: A pays its frozen 6143 bps, not 0', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', d); // A in default from t0 + 3T, B from t0 + 2T
    lock.at(lock.t0 + 2n * T + 1n).ok(PARTY_A, 'initiateUnilateralExit');
    lock.ok(PARTY_B, 'deposit', d);
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(6_143n);
    lock.at(lock.t0 + 3n * T + 1n); // A itself in default now
    expect(lock.ok(PARTY_A, 'executeUnilateralExit').at(-1)).toEqual({
      name: 'UnilateralExitExecuted',
      args: { initiator: PARTY_A, received: ether(7_714n), penaltyPaid: ether(12_286n) },
    });
  });

  /** G = 1: B lapses at t0 + 2T; A initiates a whole day later, B cures the next second, paying the day's bleed to A. */
  function waivedAfterADayOfBleed(): Lock {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', d);
    lock.at(lock.t0 + 2n * T + DAY).ok(PARTY_A, 'initiateUnilateralExit');
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(0n);
    const events = lock.wait(1n).ok(PARTY_B, 'deposit', d);
    expect(events[0]).toEqual({
      name: 'BleedingApplied',
      args: { from: PARTY_B, to: PARTY_A, amount: d - expectedRetainedShare(d, R, 1n) },
    });
    return lock;
  }

  it('MLL-GUA-003: MLL-UEX-010: after a whole day of B’s one-sided default A’s exit is waived, and B’s cure during the countdown does not undo it', () => {
    const lock = waivedAfterADayOfBleed();
    lock.ok(PARTY_A, 'deposit', d); // A stays compliant through its countdown
    lock.at(lock.t0 + 2n * T + DAY + 30n * DAY);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit').at(-1)).toMatchObject({ name: 'UnilateralExitExecuted', args: { penaltyPaid: 0n } });
  });

  it('MLL-GUA-003: MLL-UEX-010: a waiver held at initiation lapses if the exiter is itself in default at execution: it pays its frozen rate', () => {
    const lock = waivedAfterADayOfBleed();
    lock.at(lock.t0 + 2n * T + DAY + 30n * DAY); // A in default since t0 + 3T
    const share = 2n * d + (d - expectedRetainedShare(d, R, 1n));
    expect(lock.ok(PARTY_A, 'executeUnilateralExit').at(-1)).toMatchObject({
      name: 'UnilateralExitExecuted',
      args: { penaltyPaid: expectedPenaltyAmount(share, 6_143n) },
    });
  });
});

describe('MLL-GUA-004 no gain from the order of calls at a boundary second', () => {
  it('MLL-GUA-004: at B’s due date (G = 0), A’s initiation and B’s payment in either order give the same frozen rate and the same result', () => {
    const results = [true, false].map((aFirst) => {
      const lock = Lock.active({ gracePeriods: 0n });
      lock.ok(PARTY_A, 'deposit', d);
      lock.at(lock.t0 + T);
      for (const who of aFirst ? ['A', 'B'] : ['B', 'A']) {
        if (who === 'A') lock.ok(PARTY_A, 'initiateUnilateralExit');
        else lock.ok(PARTY_B, 'deposit', d);
      }
      lock.at(lock.t0 + 2n * T).ok(PARTY_A, 'executeUnilateralExit');
      return [lock.state.A.claimable, lock.state.B.claimable];
    });
    expect(results[0]).toEqual(results[1]);
  });

  it('MLL-GUA-004: after mutual silence, paying one’s arrears first at the threshold second wins no claim: the claim waits for a whole threshold of compliance', () => {
    const lock = mutualSilenceThenBPays();
    expect(lock.reverts(PARTY_B, 'claimAbandoned').name).toBe('ClaimerRecentlyInDefault');
    lock.ok(PARTY_A, 'deposit', 3n * d); // A, second in the same block, is as safe as B
    expect([status(lock, PARTY_A).share, status(lock, PARTY_B).share]).toEqual([4n * d, 4n * d]);
  });

  /** Each party's share + claimable net of what the calls paid in, after making `calls` in the given order (a call that reverts pays nothing). */
  function netAfter(lock: Lock, calls: readonly (readonly [Address, FunctionName, bigint])[]): bigint[] {
    const paid = new Map<Address, bigint>([
      [PARTY_A, 0n],
      [PARTY_B, 0n],
    ]);
    for (const [from, fn, value] of calls) if (lock.call(from, fn, value).ok) paid.set(from, paid.get(from)! + value);
    return [PARTY_A, PARTY_B].map((who) => status(lock, who).share + lock.state[who === PARTY_A ? 'A' : 'B'].claimable - paid.get(who)!);
  }

  it('MLL-GUA-004: issue 8, found by the search, MLL-ABN-008: G = 2, A silent since activation, at t0 + 90 days B’s claim and A’s cure in either order: A loses nothing, B gains nothing', () => {
    const silent = () => {
      const lock = new Lock({ gracePeriods: 2n });
      lock.ok(PARTY_A, 'activate', d);
      lock.wait(1n).ok(PARTY_B, 'activate', 4n * d);
      return lock.at(lock.t0 + 90n * DAY); // A's default starts, its silence is over
    };
    const claim = [PARTY_B, 'claimAbandoned', 0n] as const;
    const cure = [PARTY_A, 'deposit', 3n * d] as const;
    const claimFirst = netAfter(silent(), [claim, cure]);
    expect(claimFirst).toEqual(netAfter(silent(), [cure, claim]));
    expect(claimFirst).toEqual([d, 4n * d]); // the old rule: A credited d − ⌊d · 7072 / 10000⌋, B the rest
  });

  it('MLL-GUA-004: issue 8, found by the search at depth 3, MLL-UEX-012: both initiate at t0 and both execute at the countdown’s end: the same credits in either order', () => {
    const both = () => {
      const lock = Lock.active();
      lock.ok(PARTY_A, 'initiateUnilateralExit');
      lock.ok(PARTY_B, 'initiateUnilateralExit');
      return lock.wait(30n * DAY);
    };
    const [a, b] = [
      [PARTY_A, 'executeUnilateralExit', 0n],
      [PARTY_B, 'executeUnilateralExit', 0n],
    ] as const;
    const aFirst = netAfter(both(), [a, b]);
    expect(aFirst).toEqual(netAfter(both(), [b, a]));
    expect(aFirst).toEqual([d, d]); // each paid the other ⌊d · 7072 / 10000⌋
  });

  it('MLL-GUA-004: MLL-UEX-013: both exits executable, B’s cancel and A’s execution in either order: B pays its penalty either way', () => {
    const both = () => {
      const lock = Lock.active();
      lock.ok(PARTY_A, 'initiateUnilateralExit');
      lock.ok(PARTY_B, 'initiateUnilateralExit');
      return lock.wait(30n * DAY);
    };
    const [cancel, execute] = [
      [PARTY_B, 'cancelUnilateralExit', 0n],
      [PARTY_A, 'executeUnilateralExit', 0n],
    ] as const;
    const cancelFirst = netAfter(both(), [cancel, execute]);
    expect(cancelFirst).toEqual(netAfter(both(), [execute, cancel]));
    expect(cancelFirst).toEqual([d, d]); // under the old cancelling rule the cancel first left A paying 0.07072 to B
  });
});

describe('MLL-GUA-005 a third party can neither move value nor change any result', () => {
  /** B prepaid, A silent from t0 (in default from day 60); B claims at day 90 + 1 s. */
  function claimAt90(pokes: readonly [typeof PARTY_A, bigint][]): [readonly LockEvent[], bigint, bigint] {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'deposit', 3n * d);
    for (const [who, day] of pokes) lock.at(lock.t0 + day * DAY).ok(who, 'applyBleeding');
    lock.at(lock.t0 + SILENCE + 1n);
    return [lock.ok(PARTY_B, 'claimAbandoned'), lock.state.A.claimable, lock.state.B.claimable];
  }

  it('MLL-GUA-005: issue 8 hole 3, MLL-BLD-011, MLL-ABN-007: A’s own poke on day 80 no longer stops B’s claim at day 90 + 1 s; the claim is the same to the wei', () => {
    expect(claimAt90([[PARTY_A, 80n]])).toEqual(claimAt90([]));
  });

  it('MLL-GUA-005: pokes by a stranger and by both parties at any times, a stranger’s withdrawals and plain transfers: the same claim, to the wei', () => {
    const baseline = claimAt90([]);
    expect(
      claimAt90([
        [STRANGER, 1n],
        [PARTY_B, 59n],
        [STRANGER, 60n],
        [PARTY_A, 61n],
        [STRANGER, 89n],
      ]),
    ).toEqual(baseline);
    const lock = Lock.active();
    expect(lock.reverts(STRANGER, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
    expect(lock.reverts(STRANGER, 'receive', d)).toEqual({ name: 'DirectTransferRejected' });
    for (const fn of ['deposit', 'proposeExit', 'initiateUnilateralExit', 'claimAbandoned'] as const) {
      expect(fork(lock).reverts(STRANGER, fn, fn === 'deposit' ? d : 0n)).toEqual({ name: 'NotParty' });
    }
  });
});

describe('MLL-GUA-006 each party can always leave, and the most it can lose is bounded', () => {
  it('MLL-GUA-006: issue 8 hole 5, MLL-PAR-011: P_max = P_min = 10000 (every exit and claim takes 100 %) is refused; 9000 is the most', () => {
    expect(deploy({ ...defaults, exitPenaltyMaxBps: 10_000n, exitPenaltyMinBps: 10_000n }, 1n)).toEqual({
      ok: false,
      revert: { name: 'InvalidPenaltyBounds' },
    });
    expect(deploy({ ...defaults, exitPenaltyMaxBps: 9_000n, exitPenaltyMinBps: 9_000n }, 1n).ok).toBe(true);
  });

  it('MLL-GUA-006: at P_max = P_min = 9000 a party’s own exit, initiated at any time, leaves it at least 10 % of its share; so does a claim against it', () => {
    const worst = { exitPenaltyMaxBps: 9_000n, exitPenaltyMinBps: 9_000n };
    const exit = Lock.active(worst);
    exit.at(exit.t0 + 5n * DAY).ok(PARTY_A, 'initiateUnilateralExit');
    exit.at(exit.t0 + 35n * DAY).ok(PARTY_A, 'executeUnilateralExit');
    expect(exit.state.A.claimable).toBe(d / 10n);

    const claim = Lock.active(worst);
    claim.ok(PARTY_B, 'deposit', 3n * d);
    claim.at(claim.t0 + SILENCE + 1n).ok(PARTY_B, 'claimAbandoned');
    const aShare = expectedRetainedShare(d, R, 30n); // A bled from day 60
    expect(claim.state.A.claimable).toBe(aShare - expectedPenaltyAmount(aShare, 9_000n));
    expect(claim.state.A.claimable * 10n).toBeGreaterThanOrEqual(aShare);
  });
});
