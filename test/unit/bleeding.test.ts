/**
 * Unit tests for spec/bleeding.md (MLL-BLD): the bleed window, the bleed clock counted in
 * seconds, settlement in whole days at the bleeding party's own deposits and at the end, pokes
 * that change nothing, and the deployed contract's bleeding defects D1, D2, D8 (fraction at
 * zero) and D10 replayed under our rules. MLL-PAR-003 is cited here for D10.
 *
 * Expected amounts come from the spec's formulas written out in properties/oracle.ts (the
 * MLL-ARI-002 fixed point, the MLL-ARI-003 loop, the MLL-ARI-004 rounding), never from the
 * reference's own arithmetic.
 *
 * Most tests use the article's defaults (d = 0.1 ether, T = 30 days, r = 50 bps, G = 1) and the
 * same opening: both activate at t0 with one interval, then A prepays three more, so A is in
 * default only from t0 + 5T (day 150) while silent B is in default from t0 + 2T (day 60).
 */
import { describe, expect, it } from 'vitest';
import type { Address, FunctionName, LockEvent } from '../../reference/index.js';
import { expectedBleedAmount, expectedPenaltyAmount, expectedRetainedShare } from '../../properties/oracle.js';
import {
  DAY,
  Lock,
  PARTY_A,
  PARTY_B,
  STRANGER,
  T,
  aAheadBSilent,
  bleedingApplied,
  d,
  fork,
  names,
  status,
  viewShares,
} from '../support/harness.js';

const HOUR = 3_600n;
const R = 50n;

describe('MLL-BLD-001 the bleed window', () => {
  it('MLL-BLD-001: B bleeds exactly in [its default start, A’s default start) = [day 60, day 150)', () => {
    const lock = aAheadBSilent();
    const bStart = lock.t0 + 2n * T;
    const aStart = lock.t0 + 5n * T;
    expect(status(lock, PARTY_B).defaultStartsAt).toBe(bStart);
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(aStart);
    const checkpoints: [bigint, bigint][] = [
      [bStart - 1n, 0n],
      [bStart, 0n],
      [bStart + 1n, 1n],
      [aStart - 1n, 3n * T - 1n],
      [aStart, 3n * T],
      [aStart + 1n, 3n * T],
      [aStart + 40n * DAY, 3n * T],
    ];
    for (const [time, seconds] of checkpoints) {
      lock.at(time);
      expect(status(lock, PARTY_B).bleedSeconds, `at t0 + ${time - lock.t0}`).toBe(seconds);
      expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    }
  });

  it('MLL-BLD-001: D2, no backward cliff: B holds d one second before and one second after its default start (G = 1)', () => {
    const lock = aAheadBSilent();
    const bStart = lock.t0 + 2n * T;
    for (const time of [bStart - 1n, bStart, bStart + 1n, bStart + DAY - 1n]) {
      lock.at(time);
      expect(viewShares(lock), `at default start + ${time - bStart}`).toEqual([4n * d, d]);
    }
    lock.at(bStart + DAY);
    expect(viewShares(lock)).toEqual([4n * d + expectedBleedAmount(d, R, 1n), expectedRetainedShare(d, R, 1n)]);
  });

  it('MLL-BLD-001: D2, a deposit one second after default start is not charged the grace period', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + 1n);
    const events = lock.ok(PARTY_B, 'deposit', d);
    expect(events).toEqual([{ name: 'Deposited', args: { party: PARTY_B, amount: d, newShare: 2n * d } }]);
    expect(lock.state.B.bleedClock).toBe(1n);
  });

  it('MLL-BLD-001: D2 with G = 0 at r = 1000: a party on time for the whole interval loses nothing when the deadline passes', () => {
    const lock = Lock.active({ gracePeriods: 0n, bleedRateBpsPerDay: 1_000n });
    lock.ok(PARTY_A, 'deposit', 3n * d);
    const deadline = lock.t0 + T;
    lock.at(deadline - 1n);
    expect(viewShares(lock)).toEqual([4n * d, d]);
    lock.at(deadline + 1n);
    expect(viewShares(lock)).toEqual([4n * d, d]);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(1n);
    const events = lock.ok(PARTY_B, 'deposit', d);
    expect(names(events)).toEqual(['Deposited']);
    expect(lock.state.B.share).toBe(2n * d);
  });

  it('MLL-BLD-001: nothing bleeds during mutual default; once A pays its way out, B bleeds again', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 200n * DAY); // both in default since day 60
    expect(viewShares(lock)).toEqual([d, d]);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(0n);
    // reached at day 200: 7; A pays up to 6 (one unpaid, within G = 1): A defaults again at t0 + 7T = day 210
    const events = lock.ok(PARTY_A, 'deposit', 5n * d);
    expect(names(events)).toEqual(['Deposited']);
    lock.at(lock.t0 + 230n * DAY);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(10n * DAY);
    expect(viewShares(lock)).toEqual([6n * d + expectedBleedAmount(d, R, 10n), expectedRetainedShare(d, R, 10n)]);
  });
});

describe('MLL-BLD-002 the bleed clock', () => {
  it('MLL-BLD-002: a successful call of any kind first advances both clocks to now', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 70n * DAY + 5n);
    lock.ok(PARTY_A, 'cancelExitProposal');
    expect(lock.state.accruedUntil).toBe(lock.now);
    expect(lock.state.B.bleedClock).toBe(10n * DAY + 5n);
    expect(lock.state.A.bleedClock).toBe(0n);
    lock.wait(HOUR);
    lock.ok(STRANGER, 'applyBleeding');
    expect(lock.state.B.bleedClock).toBe(10n * DAY + 5n + HOUR);
  });

  it('MLL-BLD-002: a reverted call advances nothing', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 70n * DAY);
    const before = lock.state;
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.state.accruedUntil).toBe(before.accruedUntil);
    expect(lock.state.B.bleedClock).toBe(0n);
  });

  it('MLL-BLD-002: accrual is additive: pokes every 3h17m across both default starts give the clocks one accrual gives', () => {
    const poked = aAheadBSilent();
    const once = fork(poked);
    const end = poked.t0 + 170n * DAY + 11n;
    while (poked.now + 3n * HOUR + 17n * 60n < end) {
      poked.wait(3n * HOUR + 17n * 60n);
      poked.ok(STRANGER, 'applyBleeding');
    }
    poked.at(end).ok(STRANGER, 'applyBleeding');
    once.at(end).ok(STRANGER, 'applyBleeding');
    expect(poked.state).toEqual(once.state);
    expect(once.state.B.bleedClock).toBe(3n * T);
  });
});

describe('MLL-BLD-003 when bleed is settled', () => {
  it('MLL-BLD-003: A’s deposits, proposals, exits and anyone’s pokes move no value; only B’s deposit settles B', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 75n * DAY);
    const calls: [Address, FunctionName, bigint][] = [
      [STRANGER, 'applyBleeding', 0n],
      [PARTY_A, 'applyBleeding', 0n],
      [PARTY_A, 'proposeExit', 0n],
      [PARTY_A, 'cancelExitProposal', 0n],
      [PARTY_A, 'initiateUnilateralExit', 0n],
      [PARTY_A, 'cancelUnilateralExit', 0n],
    ];
    for (const [from, fn, value] of calls) {
      const events = lock.ok(from, fn, value);
      expect(names(events)).not.toContain('BleedingApplied');
      expect([lock.state.A.share, lock.state.B.share]).toEqual([4n * d, d]);
    }
    lock.at(lock.t0 + 80n * DAY);
    expect(names(lock.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);
    expect([lock.state.A.share, lock.state.B.share]).toEqual([5n * d, d]);
    expect(lock.state.B.bleedClock).toBe(20n * DAY);

    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(events).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 20n)),
      { name: 'Deposited', args: { party: PARTY_B, amount: 2n * d, newShare: expectedRetainedShare(d, R, 20n) + 2n * d } },
    ]);
    expect(lock.state.A.share).toBe(5n * d + expectedBleedAmount(d, R, 20n));
  });

  it('MLL-BLD-003: a peaceful exit settles pending bleed', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 80n * DAY);
    lock.ok(PARTY_A, 'proposeExit');
    const events = lock.ok(PARTY_B, 'proposeExit');
    expect(events).toEqual([
      { name: 'ExitProposed', args: { party: PARTY_B } },
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 20n)),
      { name: 'PeacefulExit', args: { shareA: 4n * d + expectedBleedAmount(d, R, 20n), shareB: expectedRetainedShare(d, R, 20n) } },
    ]);
  });

  it('MLL-BLD-003: a unilateral exit settles pending bleed, including the countdown', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 80n * DAY);
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // waived: A compliant, B in default
    lock.wait(30n * DAY);
    const events = lock.ok(PARTY_A, 'executeUnilateralExit');
    expect(events).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 50n)),
      { name: 'UnilateralExitExecuted', args: { initiator: PARTY_A, received: 4n * d + expectedBleedAmount(d, R, 50n), penaltyPaid: 0n } },
    ]);
  });

  it('MLL-BLD-003: an abandonment claim settles pending bleed before the penalty', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 90n * DAY + 1n); // B silent since t0: more than 90 days
    const events = lock.ok(PARTY_A, 'claimAbandoned');
    const bShare = expectedRetainedShare(d, R, 30n); // 30 days and 1 second on the clock: 30 days settle
    const penalty = expectedPenaltyAmount(bShare, 7_072n);
    expect(events).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 30n)),
      { name: 'AbandonedClaimed', args: { claimer: PARTY_A, amount: 4n * d + expectedBleedAmount(d, R, 30n) + penalty } },
    ]);
    expect(lock.state.B.claimable).toBe(bShare - penalty);
  });
});

describe('MLL-BLD-004 settlement in whole days', () => {
  it('MLL-BLD-004: settlement takes whole days and leaves the part-day on the clock', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + 10n * DAY + 5n * HOUR);
    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(events[0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 10n)));
    expect(lock.state.B.bleedClock).toBe(5n * HOUR);
    expect(lock.state.B.share).toBe(expectedRetainedShare(d, R, 10n) + 2n * d);
  });

  it('MLL-BLD-004: less than a whole day settles nothing and leaves the clock as it is', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + DAY - 1n);
    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(names(events)).toEqual(['Deposited']);
    expect(lock.state.B.share).toBe(3n * d);
    expect(lock.state.B.bleedClock).toBe(DAY - 1n);
  });

  it('MLL-BLD-004: the part-day left at one deposit is settled with the next default (5h + 9d19h = 10 days)', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + 10n * DAY + 5n * HOUR);
    lock.ok(PARTY_B, 'deposit', 2n * d); // paid 3: next default at t0 + 4T
    const share = expectedRetainedShare(d, R, 10n) + 2n * d;
    lock.at(lock.t0 + 4n * T + 9n * DAY + 19n * HOUR);
    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(events[0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(share, R, 10n)));
    expect(lock.state.B.bleedClock).toBe(0n);
    expect(lock.state.B.share).toBe(expectedRetainedShare(share, R, 10n) + 2n * d);
  });

  it('MLL-BLD-004: mutual default in the middle of a day: 4.5 days before it and 0.5 after settle as 5 days', () => {
    // T = 36 hours: A (paid 4) defaults at t0 + 7.5 days, B (paid 1) at t0 + 3 days
    const lock = Lock.active({ depositInterval: 36n * HOUR });
    lock.ok(PARTY_A, 'deposit', 3n * d);
    lock.at(lock.t0 + 20n * DAY); // mutual default since day 7.5
    expect(status(lock, PARTY_B).bleedSeconds).toBe(4n * DAY + 12n * HOUR);
    // reached 14, A pays up to 17: A defaults next at t0 + 18·36h = day 27
    expect(names(lock.ok(PARTY_A, 'deposit', 13n * d))).toEqual(['Deposited']);
    expect(lock.state.B.bleedClock).toBe(4n * DAY + 12n * HOUR);
    lock.wait(12n * HOUR);
    const events = lock.ok(PARTY_B, 'deposit', d);
    expect(events[0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 5n)));
    expect(lock.state.B.bleedClock).toBe(0n);
    expect(lock.state.B.share).toBe(expectedRetainedShare(d, R, 5n) + d);
  });

  it('MLL-BLD-004: D10, T = 1 hour, G = 0: paying once a day, B settles a whole day at its 2nd and 3rd payments', () => {
    const { lock, deposits } = dailyPayerScenario();
    const s1 = 25n * d;
    const s2 = expectedRetainedShare(s1, R, 1n) + 24n * d;
    const s3 = expectedRetainedShare(s2, R, 1n) + 24n * d;
    expect(names(deposits[0]!)).toEqual(['Deposited']);
    expect(deposits[1]![0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(s1, R, 1n)));
    expect(deposits[2]![0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(s2, R, 1n)));
    expect(lock.state.B.share).toBe(s3);
    expect(lock.state.B.bleedClock).toBe(21n * HOUR); // 69 hours of default, 2 days settled
  });
});

/**
 * D10: T = 1 hour, G = 0. A prepays three hours and pays every hour; B pays its arrears once a
 * day (24 intervals at hours 24, 48, 72), so it is in default 23 hours of every 24.
 */
function dailyPayerScenario(): { lock: Lock; deposits: (readonly LockEvent[])[] } {
  const lock = Lock.active({ depositInterval: HOUR, gracePeriods: 0n });
  lock.ok(PARTY_A, 'deposit', 3n * d);
  const deposits: (readonly LockEvent[])[] = [];
  for (let hour = 1n; hour <= 72n; hour++) {
    lock.at(lock.t0 + hour * HOUR);
    lock.ok(PARTY_A, 'deposit', d);
    if (hour % 24n === 0n) deposits.push(lock.ok(PARTY_B, 'deposit', 24n * d));
  }
  return { lock, deposits };
}

describe('MLL-PAR-003 short intervals are enforced', () => {
  it('MLL-PAR-003: D10, T = 1 hour and G = 0: a party paying once a day still accrues 23 bleed hours a day', () => {
    const lock = Lock.active({ depositInterval: HOUR, gracePeriods: 0n });
    lock.ok(PARTY_A, 'deposit', 3n * d);
    for (let hour = 1n; hour <= 24n; hour++) lock.at(lock.t0 + hour * HOUR).ok(PARTY_A, 'deposit', d);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(23n * HOUR);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    // paying its arrears ends B's default but keeps the 23 hours on its clock
    expect(names(lock.ok(PARTY_B, 'deposit', 24n * d))).toEqual(['Deposited']);
    expect(lock.state.B.bleedClock).toBe(23n * HOUR);
  });
});

describe('MLL-BLD-005 bleed compounds on the whole share', () => {
  it('MLL-BLD-005: 7 days at r = 1000 take d·(1 − 0.9^7) = 0.05217031 ether exactly', () => {
    const lock = Lock.active({ bleedRateBpsPerDay: 1_000n });
    lock.ok(PARTY_A, 'deposit', 3n * d);
    lock.at(lock.t0 + 2n * T + 7n * DAY);
    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(events[0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, 52_170_310_000_000_000n));
  });

  it('MLL-BLD-005: value received from the counterparty’s bleed bleeds too', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 70n * DAY);
    lock.ok(PARTY_B, 'deposit', 5n * d); // B settles 10 days to A, then is paid to t0 + 7T = day 210
    const aShare = 4n * d + expectedBleedAmount(d, R, 10n);
    expect(lock.state.A.share).toBe(aShare);
    lock.at(lock.t0 + 170n * DAY); // A in default since day 150, B compliant
    lock.ok(PARTY_B, 'proposeExit');
    const events = lock.ok(PARTY_A, 'proposeExit');
    const amount = expectedBleedAmount(aShare, R, 20n);
    expect(amount).toBeGreaterThan(expectedBleedAmount(4n * d, R, 20n));
    expect(events).toEqual([
      { name: 'ExitProposed', args: { party: PARTY_A } },
      bleedingApplied(PARTY_A, PARTY_B, amount),
      {
        name: 'PeacefulExit',
        args: { shareA: expectedRetainedShare(aShare, R, 20n), shareB: expectedRetainedShare(d, R, 10n) + 5n * d + amount },
      },
    ]);
  });
});

describe('MLL-BLD-006 all bleed goes to the counterparty', () => {
  it('MLL-BLD-006: every wei bled is credited to the counterparty and shareA + shareB does not change by bleeding', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + 33n * DAY);
    const before = lock.state.A.share + lock.state.B.share;
    const events = lock.ok(PARTY_B, 'deposit', 3n * d);
    expect(events[0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 33n)));
    expect(lock.state.A.share).toBe(4n * d + expectedBleedAmount(d, R, 33n));
    expect(lock.state.A.share + lock.state.B.share).toBe(before + 3n * d);
  });

  it('MLL-BLD-006: a settlement that moves nothing emits nothing (d = 1 wei: a 1-wei share keeps its wei)', () => {
    const lock = Lock.active({ depositAmount: 1n });
    lock.ok(PARTY_A, 'deposit', 3n);
    lock.at(lock.t0 + 2n * T + 5n * DAY);
    const events = lock.ok(PARTY_B, 'deposit', 2n);
    expect(names(events)).toEqual(['Deposited']);
    expect([lock.state.A.share, lock.state.B.share]).toEqual([4n, 3n]);
    expect(lock.state.B.bleedClock).toBe(0n); // the five days were settled, at no cost
  });
});

describe('MLL-BLD-011 pokes change nothing', () => {
  it('MLL-BLD-011: a poke advances the clocks and nothing else: no event, no share, no claimable', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 75n * DAY);
    const before = lock.state;
    expect(lock.ok(STRANGER, 'applyBleeding')).toEqual([]);
    const after = lock.state;
    expect(after.B.bleedClock).toBe(15n * DAY);
    expect({
      ...after,
      accruedUntil: before.accruedUntil,
      A: { ...after.A, bleedClock: before.A.bleedClock },
      B: { ...after.B, bleedClock: before.B.bleedClock },
    }).toEqual(before);
  });

  it('MLL-BLD-011: issue 8, nobody’s poke records liveness, a party’s no more than a stranger’s', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 10n * DAY);
    lock.ok(STRANGER, 'applyBleeding');
    lock.ok(PARTY_B, 'applyBleeding');
    lock.ok(PARTY_A, 'applyBleeding');
    expect([lock.state.A.lastActionAt, lock.state.B.lastActionAt]).toEqual([lock.t0, lock.t0]);
  });

  it('MLL-BLD-011: applyBleeding outside the Active phase reverts WrongPhase', () => {
    const inactive = new Lock();
    expect(inactive.reverts(STRANGER, 'applyBleeding')).toEqual({ name: 'WrongPhase', expected: 1, actual: 0 });
    const exited = Lock.active();
    exited.ok(PARTY_A, 'proposeExit');
    exited.ok(PARTY_B, 'proposeExit');
    expect(exited.reverts(PARTY_A, 'applyBleeding')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
  });

  it('MLL-BLD-011: D1, a keeper’s poke on day 109 (or daily pokes) change nothing: identical to the wei', () => {
    // A deposits on day 50 (defaults at day 90), B silent (defaults at day 60); A deposits on day 112
    const base = Lock.active();
    base.at(base.t0 + 50n * DAY).ok(PARTY_A, 'deposit', d);
    const keeper = fork(base);
    const daily = fork(base);
    keeper.at(keeper.t0 + 109n * DAY).ok(STRANGER, 'applyBleeding');
    for (let day = 51n; day < 112n; day++) daily.at(daily.t0 + day * DAY + 7n).ok(STRANGER, 'applyBleeding');

    const runs = [base, keeper, daily].map((lock) => {
      const events: LockEvent[] = [];
      lock.at(lock.t0 + 112n * DAY);
      events.push(...lock.ok(PARTY_A, 'deposit', d));
      lock.at(lock.t0 + 130n * DAY);
      events.push(...lock.ok(PARTY_A, 'proposeExit'));
      events.push(...lock.ok(PARTY_B, 'proposeExit'));
      return { events, state: lock.state };
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    // B bled 30 days [60, 90) and 8 more [112, 120) once A had paid its way out
    expect(runs[0]!.events.at(-1)).toEqual({
      name: 'PeacefulExit',
      args: { shareA: 3n * d + expectedBleedAmount(d, R, 38n), shareB: expectedRetainedShare(d, R, 38n) },
    });
  });

  it('MLL-BLD-011: D1, the creditor falling behind forgives nothing: after A’s day-112 deposit B still owes its 30 days', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 50n * DAY).ok(PARTY_A, 'deposit', d);
    lock.at(lock.t0 + 112n * DAY); // A itself in default since day 90
    expect(status(lock, PARTY_B).bleedSeconds).toBe(30n * DAY);
    lock.ok(PARTY_A, 'deposit', d);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(30n * DAY);
    expect(viewShares(lock)).toEqual([3n * d + expectedBleedAmount(d, R, 30n), expectedRetainedShare(d, R, 30n)]);
    expect(expectedRetainedShare(d, R, 30n)).toBe(86_038_419_191_469_615n); // not the deployed contract's 0.1000
  });
});

describe('MLL-BLD-008 no bleed outside the window', () => {
  it('MLL-BLD-008: with neither party in default, or with both, the reported shares do not move', () => {
    const lock = Lock.active();
    for (let day = 0n; day < 60n; day += 6n) {
      lock.at(lock.t0 + day * DAY);
      expect(viewShares(lock), `day ${day}: both compliant`).toEqual([d, d]);
    }
    for (let day = 60n; day <= 400n; day += 17n) {
      lock.at(lock.t0 + day * DAY);
      expect(viewShares(lock), `day ${day}: mutual default`).toEqual([d, d]);
    }
  });
});

describe('MLL-BLD-009 at most one party has bleed pending', () => {
  it('MLL-BLD-009: B keeps half a day, A gathers 20 days; at the end either settlement order gives the same split', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 70n * DAY + 12n * HOUR);
    lock.ok(PARTY_B, 'deposit', 5n * d); // B settles 10 days, keeps 12 hours, is paid to day 210
    const aShare = 4n * d + expectedBleedAmount(d, R, 10n);
    const bShare = expectedRetainedShare(d, R, 10n) + 5n * d;
    for (const day of [100n, 150n, 160n, 170n]) {
      lock.at(lock.t0 + day * DAY);
      const clocks = [status(lock, PARTY_A).bleedSeconds, status(lock, PARTY_B).bleedSeconds];
      expect(clocks.filter((seconds) => seconds >= DAY).length).toBeLessThanOrEqual(1);
    }
    expect([status(lock, PARTY_A).bleedSeconds, status(lock, PARTY_B).bleedSeconds]).toEqual([20n * DAY, 12n * HOUR]);
    // B's half day settles nothing in either order, so A-then-B and B-then-A both give A's 20 days only
    lock.ok(PARTY_A, 'proposeExit');
    const events = lock.ok(PARTY_B, 'proposeExit');
    expect(events).toEqual([
      { name: 'ExitProposed', args: { party: PARTY_B } },
      bleedingApplied(PARTY_A, PARTY_B, expectedBleedAmount(aShare, R, 20n)),
      {
        name: 'PeacefulExit',
        args: { shareA: expectedRetainedShare(aShare, R, 20n), shareB: bShare + expectedBleedAmount(aShare, R, 20n) },
      },
    ]);
  });
});

describe('MLL-BLD-010 a positive share never bleeds to zero', () => {
  it('MLL-BLD-010: D8, at r = 1000 B keeps at least 1 wei after 394 days and after 1000 days of bleeding', () => {
    // T = 365 days, G = 0: B (paid 1) defaults at t0 + T, A (paid 4) at t0 + 4T
    const lock = Lock.active({ depositInterval: 365n * DAY, gracePeriods: 0n, bleedRateBpsPerDay: 1_000n });
    lock.ok(PARTY_A, 'deposit', 3n * d);
    lock.at(lock.t0 + 365n * DAY + 394n * DAY);
    expect(viewShares(lock)[1]).toBe(expectedRetainedShare(d, 1_000n, 394n));
    expect(expectedRetainedShare(d, 1_000n, 394n)).toBe(1n);
    lock.at(lock.t0 + 365n * DAY + 1_000n * DAY);
    const events = lock.ok(PARTY_B, 'deposit', d);
    expect(events[0]).toEqual(bleedingApplied(PARTY_B, PARTY_A, d - 1n));
    expect(lock.state.B.share).toBe(1n + d);
    expect(lock.state.A.share + lock.state.B.share).toBe(6n * d);
  });
});
