/**
 * Unit checks of spec/schedule.md: the deposit schedule (MLL-SCH-001 … MLL-SCH-009) and default
 * and grace (MLL-DEF-001 … MLL-DEF-004). Due dates and default starts are probed one second
 * before, at and after; expected figures are derived here from the clause text (t0 + k·T,
 * t0 + (paid + G)·T, (reached + 3 − paid)·d, ⌈share·(1 − r/10000)^days⌉ …). The last is taken
 * in exact rationals for at most 4 days, where the MLL-ARI-003 fraction is exact, so it is what
 * MLL-BLD-004 must give.
 *
 * At the defaults d = 0.1 ether, T = 30 days, G = 1, r = 50 bps/day, P_max 8000, P_min 1500, n = 7.
 */
import { describe, expect, it } from 'vitest';
import { getPoolState } from '../../reference/index.js';
import { expectedPenaltyBps, expectedRetainedShareExact } from '../../properties/oracle.js';
import { DAY, Lock, PARTY_A, PARTY_B, T, aBehindBAhead, d, defaults, eventNamed, exitPenalty, names, status } from '../support/harness.js';

const G = defaults.gracePeriods; // 1
const R = defaults.bleedRateBpsPerDay; // 50

describe('MLL-SCH-001: due dates and reached intervals', () => {
  it('MLL-SCH-001: before activation the schedule has reached 0 intervals', () => {
    const lock = new Lock();
    expect(status(lock, PARTY_A).reachedIntervals).toBe(0n);
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(6n * DAY);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(0n);
    expect(status(lock, PARTY_B).reachedIntervals).toBe(0n);
  });

  it('MLL-SCH-001: interval 0 is reached at t0; interval 1 one second before t0 + T is not, at t0 + T it is', () => {
    const lock = Lock.active();
    const t0 = lock.t0;
    expect(status(lock, PARTY_A).reachedIntervals).toBe(1n);
    lock.at(t0 + T - 1n);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(1n);
    lock.at(t0 + T);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(2n);
    lock.at(t0 + T + 1n);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(2n);
  });

  it('MLL-SCH-001: reached(t) = ⌊(t − t0)/T⌋ + 1 across many intervals (T = 1 hour)', () => {
    const lock = Lock.active({ depositInterval: 3_600n });
    const t0 = lock.t0;
    for (const k of [2n, 5n, 24n, 1_000n]) {
      lock.at(t0 + k * 3_600n - 1n);
      expect(status(lock, PARTY_B).reachedIntervals).toBe(k);
      lock.at(t0 + k * 3_600n);
      expect(status(lock, PARTY_B).reachedIntervals).toBe(k + 1n);
    }
  });

  it('MLL-SCH-001: the schedule starts at the second activation, not at deployment or the first activation', () => {
    const lock = new Lock();
    lock.wait(10n * DAY);
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(5n * DAY);
    lock.ok(PARTY_B, 'activate', d);
    const t0 = lock.t0;
    lock.at(t0 + T - 1n);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(1n);
    lock.at(t0 + T);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(2n);
  });
});

describe('MLL-SCH-002: paying intervals', () => {
  it('MLL-SCH-002: a zero value reverts InvalidDepositValue', () => {
    expect(Lock.active().reverts(PARTY_A, 'deposit', 0n)).toEqual({ name: 'InvalidDepositValue' });
  });

  it('MLL-SCH-002: a value that is not a multiple of d reverts InvalidDepositValue (1 wei, d − 1, d + 1, 2.5·d)', () => {
    const lock = Lock.active();
    for (const value of [1n, d - 1n, d + 1n, (5n * d) / 2n]) {
      expect(lock.reverts(PARTY_A, 'deposit', value)).toEqual({ name: 'InvalidDepositValue' });
    }
  });

  it('MLL-SCH-002: k·d adds k to the paid intervals (activation included) and value to the share', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 2n * d);
    lock.ok(PARTY_B, 'activate', d);
    const events = lock.ok(PARTY_A, 'deposit', 2n * d);
    expect(lock.state.A.paidIntervals).toBe(2n + 2n);
    expect(lock.state.A.share).toBe(2n * d + 2n * d);
    expect(lock.state.balance).toBe(2n * d + d + 2n * d);
    expect(events).toEqual([{ name: 'Deposited', args: { party: PARTY_A, amount: 2n * d, newShare: 4n * d } }]);
  });

  it('MLL-SCH-002: with an odd d (7 wei) only multiples of 7 are accepted', () => {
    const lock = Lock.active({ depositAmount: 7n });
    expect(lock.reverts(PARTY_A, 'deposit', 8n)).toEqual({ name: 'InvalidDepositValue' });
    lock.ok(PARTY_A, 'deposit', 14n);
    expect(lock.state.A.paidIntervals).toBe(3n);
    expect(lock.state.A.share).toBe(21n);
  });
});

describe('MLL-SCH-003: prepaying is bounded', () => {
  it('MLL-SCH-003: at t0 with one paid, 3·d is the most: 4·d reverts PrepaymentLimitExceeded((1 + 3 − 1)·d)', () => {
    const lock = Lock.active();
    expect(lock.reverts(PARTY_A, 'deposit', 4n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: (1n + 3n - 1n) * d });
    lock.ok(PARTY_A, 'deposit', 3n * d);
    expect(lock.state.A.paidIntervals).toBe(4n);
  });

  it('MLL-SCH-003: three ahead, any deposit reverts with maxValue 0 until the next due date', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', 3n * d);
    expect(lock.reverts(PARTY_A, 'deposit', d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 0n });
    lock.at(lock.t0 + T - 1n);
    expect(lock.reverts(PARTY_A, 'deposit', d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 0n });
    lock.at(lock.t0 + T);
    // reached 2, paid 4: (2 + 3 − 4)·d = d
    expect(lock.reverts(PARTY_A, 'deposit', 2n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: d });
    lock.ok(PARTY_A, 'deposit', d);
  });

  it('MLL-SCH-003: a party that activated with 4·d cannot deposit at t0 (maxValue 0)', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.reverts(PARTY_A, 'deposit', d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 0n });
  });

  it('MLL-SCH-003: no sequence of deposits gets a party more than three intervals ahead', () => {
    const lock = Lock.active({ depositInterval: 3_600n });
    const t0 = lock.t0;
    for (const offset of [0n, 1n, 3_599n, 3_600n, 3_601n, 7_200n, 50_000n, 86_400n]) {
      lock.at(t0 + offset);
      const reached = offset / 3_600n + 1n;
      const room = reached + 3n - lock.state.A.paidIntervals;
      expect(lock.reverts(PARTY_A, 'deposit', (room + 1n) * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: room * d });
      if (room > 0n) lock.ok(PARTY_A, 'deposit', room * d);
      expect(lock.state.A.paidIntervals).toBe(reached + 3n);
    }
  });
});

describe('MLL-SCH-004: arrears can be caught up', () => {
  it('MLL-SCH-004: ten intervals behind, a party pays all ten in one deposit and is back on schedule', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 10n * T); // reached 11, paid 1
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    lock.ok(PARTY_A, 'deposit', 10n * d);
    expect(lock.state.A.paidIntervals).toBe(11n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    expect(status(lock, PARTY_A).reachedIntervals - status(lock, PARTY_A).paidIntervals).toBe(0n);
  });

  it('MLL-SCH-004: arrears plus the full prepayment in one deposit: (11 + 3 − 1)·d accepted, one more d reverts', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 10n * T);
    expect(lock.reverts(PARTY_A, 'deposit', 14n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: (11n + 3n - 1n) * d });
    lock.ok(PARTY_A, 'deposit', 13n * d);
    expect(lock.state.A.paidIntervals).toBe(14n);
  });
});

describe('MLL-SCH-005: maturity counts only reached intervals', () => {
  it('MLL-SCH-005: prepaying buys no maturity: four paid at t0 count as one (penalty 7072)', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', d);
    expect(status(lock, PARTY_A).countedIntervals).toBe(1n);
    expect(exitPenalty(lock, PARTY_A)).toBe(expectedPenaltyBps(defaults, 1n));
    expect(expectedPenaltyBps(defaults, 1n)).toBe(7_072n);
  });

  it('MLL-SCH-005: maturity grows with the schedule: counted = min(paid 4, reached) = 1, 2, 3, 4, 4', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', 4n * d);
    const t0 = lock.t0;
    for (const [at, counted] of [
      [t0 + T - 1n, 1n],
      [t0 + T, 2n],
      [t0 + 2n * T, 3n],
      [t0 + 3n * T, 4n],
      [t0 + 9n * T, 4n],
    ] as const) {
      lock.at(at);
      expect(status(lock, PARTY_A).countedIntervals).toBe(counted);
      expect(exitPenalty(lock, PARTY_A)).toBe(expectedPenaltyBps(defaults, counted));
    }
  });

  it('MLL-SCH-005: a party behind counts only what it paid', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 5n * T);
    expect(status(lock, PARTY_A).countedIntervals).toBe(1n);
    lock.ok(PARTY_A, 'deposit', 2n * d);
    expect(status(lock, PARTY_A).countedIntervals).toBe(3n);
  });

  it('MLL-SCH-005: the rate frozen by a unilateral exit is penalty(counted), not penalty(paid)', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', d);
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(expectedPenaltyBps(defaults, 1n));
  });
});

describe('MLL-SCH-006: a deposit settles the depositor first', () => {
  it("MLL-SCH-006: a defaulter's deposit settles its whole days first, on the old share, then adds the value; Deposited last", () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    // A defaults at t0 + (1 + G)·T; it deposits 3 days and 500 s later
    lock.at(t0 + (1n + G) * T + 3n * DAY + 500n);
    const events = lock.ok(PARTY_A, 'deposit', d);
    const retained = expectedRetainedShareExact(d, R, 3n); // 0.995^3 · 0.1 ether = 98507487500000000
    expect(retained).toBe(98_507_487_500_000_000n);
    const bled = d - retained;
    expect(events).toEqual([
      { name: 'BleedingApplied', args: { from: PARTY_A, to: PARTY_B, amount: bled } },
      { name: 'Deposited', args: { party: PARTY_A, amount: d, newShare: retained + d } },
    ]);
    expect(lock.state.A.share).toBe(retained + d);
    expect(lock.state.B.share).toBe(4n * d + bled);
    // the part-day stays on the clock
    expect(lock.state.A.bleedClock).toBe(500n);
    expect(lock.state.A.lastActionAt).toBe(lock.now);
  });

  it('MLL-SCH-006: the deposit is never bled for time before it: out of default, the new share stands still', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    lock.at(t0 + (1n + G) * T + 3n * DAY + 500n);
    lock.ok(PARTY_A, 'deposit', d); // paid 2, reached 3: unpaid 1 = G, out of default until t0 + 3T
    const after = lock.state.A.share;
    lock.at(t0 + 3n * T - 1n);
    expect(getPoolState(lock.state, lock.now).shareA).toBe(after);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(500n);
  });

  it('MLL-SCH-006: a deposit that leaves the depositor in default: only later whole days bleed the new share', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    // at t0 + 3T + 1 day: reached 4, paid 1, unpaid 3; paying one interval leaves 2 > G unpaid
    lock.at(t0 + 3n * T + DAY);
    // B must stay compliant: top it up to reached + 3
    lock.ok(PARTY_B, 'deposit', (4n + 3n - 4n) * d);
    const daysBefore = (t0 + 3n * T + DAY - (t0 + 2n * T)) / DAY; // 31 whole days, no remainder
    expect(daysBefore).toBe(31n);
    const events = lock.ok(PARTY_A, 'deposit', d);
    expect(names(events)).toEqual(['BleedingApplied', 'Deposited']);
    const shareAfter = lock.state.A.share;
    expect(lock.state.A.bleedClock).toBe(0n);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    // two days later, A pays again: exactly two days bleed the share that included the deposit
    lock.wait(2n * DAY);
    const second = lock.ok(PARTY_A, 'deposit', d);
    expect(eventNamed(second, 'BleedingApplied').args.amount).toBe(shareAfter - expectedRetainedShareExact(shareAfter, R, 2n));
  });

  it('MLL-SCH-006: less than a whole day of default: no BleedingApplied, the seconds stay on the clock', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + DAY - 1n);
    const events = lock.ok(PARTY_A, 'deposit', d);
    expect(names(events)).toEqual(['Deposited']);
    expect(lock.state.A.share).toBe(2n * d);
    expect(lock.state.A.bleedClock).toBe(DAY - 1n);
  });

  it("MLL-SCH-006: the counterparty's deposit does not settle the defaulter's clock", () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + 3n * DAY);
    const events = lock.ok(PARTY_B, 'deposit', d);
    expect(names(events)).toEqual(['Deposited']);
    expect(lock.state.A.share).toBe(d);
    expect(lock.state.A.bleedClock).toBe(3n * DAY);
    expect(eventNamed(events, 'Deposited').args).toEqual({ party: PARTY_B, amount: d, newShare: 5n * d });
  });
});

describe('MLL-SCH-008: a deposit withdraws the counterparty’s live exit proposal', () => {
  it("MLL-SCH-008: issue 8, the depositor's own live proposal survives its own scheduled deposit, and B can still accept it", () => {
    const lock = Lock.active();
    lock.at(lock.t0 + T - 5n * DAY).ok(PARTY_A, 'proposeExit');
    lock.at(lock.t0 + T);
    const events = lock.ok(PARTY_A, 'deposit', d); // interval 1, on its due date
    expect(events).toEqual([{ name: 'Deposited', args: { party: PARTY_A, amount: d, newShare: 2n * d } }]);
    expect(status(lock, PARTY_A).exitProposalLive).toBe(true);
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([2n * d, d]);
  });

  it("MLL-SCH-008: the counterparty's live proposal is withdrawn by the depositor's deposit", () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(events).toEqual([
      { name: 'ExitProposalCancelled', args: { party: PARTY_A } },
      { name: 'Deposited', args: { party: PARTY_B, amount: 2n * d, newShare: 3n * d } },
    ]);
    expect(status(lock, PARTY_A).exitProposalLive).toBe(false);
  });

  it('MLL-SCH-008: a proposal one second before it lapses is withdrawn; at the lapse instant there is nothing to withdraw', () => {
    const live = Lock.active();
    live.ok(PARTY_A, 'proposeExit');
    live.at(live.t0 + 7n * DAY - 1n);
    expect(names(live.ok(PARTY_B, 'deposit', d))).toEqual(['ExitProposalCancelled', 'Deposited']);

    const lapsed = Lock.active();
    lapsed.ok(PARTY_A, 'proposeExit');
    lapsed.at(lapsed.t0 + 7n * DAY);
    expect(names(lapsed.ok(PARTY_B, 'deposit', d))).toEqual(['Deposited']);
  });

  it('MLL-SCH-008: with bleed to settle, the order is BleedingApplied, ExitProposalCancelled (naming the proposer), Deposited', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + 2n * DAY);
    lock.ok(PARTY_B, 'proposeExit');
    lock.wait(DAY);
    const events = lock.ok(PARTY_A, 'deposit', d);
    expect(names(events)).toEqual(['BleedingApplied', 'ExitProposalCancelled', 'Deposited']);
    expect(eventNamed(events, 'ExitProposalCancelled').args.party).toBe(PARTY_B);
    expect(eventNamed(events, 'BleedingApplied').args.amount).toBe(d - expectedRetainedShareExact(d, R, 3n));
  });
});

describe('MLL-SCH-009: no deposit once both exits are executable', () => {
  /** Both initiate at t0 (7072 bps each); the clock at t0 + 30 days − 1 s + `by`. */
  function bothInitiated(by: bigint): Lock {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    return lock.at(lock.t0 + T - 1n + by);
  }

  it('MLL-SCH-009: issue 8, found by the search at depth 3: at the countdowns’ end A’s deposit reverts BothExitsExecutable, so it and B’s execution give the same in either order', () => {
    const depositFirst = bothInitiated(1n);
    expect(depositFirst.reverts(PARTY_A, 'deposit', d)).toEqual({ name: 'BothExitsExecutable' });
    depositFirst.ok(PARTY_B, 'executeUnilateralExit');
    const executeFirst = bothInitiated(1n);
    executeFirst.ok(PARTY_B, 'executeUnilateralExit');
    expect(executeFirst.reverts(PARTY_A, 'deposit', d)).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
    expect(depositFirst.state).toEqual(executeFirst.state);
    expect([depositFirst.state.A.claimable, depositFirst.state.B.claimable]).toEqual([d, d]); // deposited first, A got 0.12928 for 0.2 paid in
  });

  it('MLL-SCH-009: a second before the countdowns end, and with only one exit executable, the deposit is taken', () => {
    const before = bothInitiated(0n);
    expect(names(before.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);

    const one = Lock.active();
    one.ok(PARTY_A, 'initiateUnilateralExit');
    one.wait(1n).ok(PARTY_B, 'initiateUnilateralExit');
    one.at(one.t0 + T); // A's exit executable, B's a second short
    expect(names(one.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);
    expect(names(one.ok(PARTY_B, 'deposit', d))).toEqual(['Deposited']);
    one.wait(1n);
    expect(one.reverts(PARTY_B, 'deposit', d)).toEqual({ name: 'BothExitsExecutable' });
  });

  it('MLL-SCH-009: once an exit has lapsed, deposits are taken again', () => {
    const lock = bothInitiated(1n);
    lock.wait(7n * DAY - 1n);
    expect(lock.reverts(PARTY_A, 'deposit', d)).toEqual({ name: 'BothExitsExecutable' });
    lock.wait(1n); // both lapse at t0 + 37 days
    expect(names(lock.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);
  });
});

describe('MLL-DEF-001: default', () => {
  it('MLL-DEF-001: with one paid and G = 1, default starts at t0 + (1 + 1)·T: not one second before, yes at it', () => {
    const lock = aBehindBAhead();
    const start = lock.t0 + (1n + G) * T;
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(start);
    lock.at(start - 1n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    expect(status(lock, PARTY_A).reachedIntervals - status(lock, PARTY_A).paidIntervals).toBe(G);
    lock.at(start);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    expect(status(lock, PARTY_A).reachedIntervals - status(lock, PARTY_A).paidIntervals).toBe(G + 1n);
    lock.at(start + 1n);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
  });

  it('MLL-DEF-001: G = 0: default from the next due date t0 + (1 + 0)·T', () => {
    const lock = Lock.active({ gracePeriods: 0n });
    const start = lock.t0 + T;
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(start);
    lock.at(start - 1n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    lock.at(start);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
  });

  it('MLL-DEF-001: G = 12 with four paid: default from t0 + (4 + 12)·T', () => {
    const lock = new Lock({ gracePeriods: 12n });
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', 4n * d);
    const start = lock.t0 + 16n * T;
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(start);
    lock.at(start - 1n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    lock.at(start);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
  });

  it('MLL-DEF-001: the bleed window is half-open: 0 s of default at its start, 1 s one second later', () => {
    const lock = aBehindBAhead();
    const start = lock.t0 + (1n + G) * T;
    lock.at(start);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    lock.at(start + 1n);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(1n);
  });

  it('MLL-DEF-001: a payment at exactly the default start is on time: no second of default ever accrues', () => {
    const lock = aBehindBAhead();
    const start = lock.t0 + (1n + G) * T;
    lock.at(start);
    expect(names(lock.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);
    expect(lock.state.A.bleedClock).toBe(0n);
    lock.at(lock.t0 + 3n * T - 1n); // next default start is t0 + (2 + G)·T
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
  });

  it('MLL-DEF-001: a payment one second after the default start carries exactly one second of default', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + 1n);
    lock.ok(PARTY_A, 'deposit', d);
    expect(lock.state.A.bleedClock).toBe(1n);
    expect(lock.state.A.share).toBe(2n * d);
  });

  it('MLL-DEF-001: nobody is in default outside the Active phase', () => {
    const inactive = new Lock();
    inactive.ok(PARTY_A, 'activate', d);
    inactive.wait(6n * DAY);
    expect(status(inactive, PARTY_A).inDefault).toBe(false);

    const exited = Lock.active();
    exited.ok(PARTY_A, 'proposeExit');
    exited.ok(PARTY_B, 'proposeExit');
    exited.at(exited.t0 + 10n * T);
    expect(status(exited, PARTY_A).inDefault).toBe(false);
    expect(status(exited, PARTY_B).inDefault).toBe(false);
  });
});

describe('MLL-DEF-002: grace tolerates lateness, it does not lower the cadence (D3)', () => {
  // The deployed contract let a party pay once every (G+1)·T − 1 s forever without bleeding.
  const EPS = 1n;
  const period = (G + 1n) * T - EPS;

  it('MLL-DEF-002: paying one interval every (G+1)·T − 1 s falls one interval further behind each payment and defaults at payment G + 1', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    let carried = 0n; // part-day left on A's clock after each settlement
    for (let j = 1n; j <= 6n; j++) {
      lock.at(t0 + j * period);
      const before = status(lock, PARTY_A);
      // paid j so far; reached ⌊j·(2T − 1)/T⌋ + 1 = 2j: unpaid j
      expect(before.paidIntervals).toBe(j);
      expect(before.reachedIntervals - before.paidIntervals).toBe(j);
      expect(before.inDefault).toBe(j > G);
      expect(before.defaultStartsAt).toBe(t0 + (j + G) * T);
      // seconds in default since the later of the previous payment and t0 + (j + G)·T, plus
      // what the previous settlement carried
      const previous = t0 + (j - 1n) * period;
      const from = previous > t0 + (j + G) * T ? previous : t0 + (j + G) * T;
      const secondsInDefault = lock.now > from ? lock.now - from : 0n;
      expect(before.bleedSeconds).toBe(carried + secondsInDefault);
      const events = lock.ok(PARTY_A, 'deposit', d);
      const clock = carried + secondsInDefault;
      if (clock >= DAY) {
        expect(names(events)).toEqual(['BleedingApplied', 'Deposited']);
        expect(eventNamed(events, 'BleedingApplied').args.from).toBe(PARTY_A);
        expect(eventNamed(events, 'BleedingApplied').args.to).toBe(PARTY_B);
      } else {
        expect(names(events)).toEqual(['Deposited']);
      }
      carried = clock % DAY;
      expect(lock.state.A.bleedClock).toBe(carried);
      // B stays three ahead, compliant throughout
      const b = status(lock, PARTY_B);
      const room = b.reachedIntervals + 3n - b.paidIntervals;
      if (room > 0n) lock.ok(PARTY_B, 'deposit', room * d);
    }
    // and after the run A is in default and bleeding
    lock.wait(DAY);
    const a = status(lock, PARTY_A);
    expect(a.inDefault).toBe(true);
    expect(a.bleedSeconds).toBeGreaterThanOrEqual(DAY);
    expect(getPoolState(lock.state, lock.now).shareA).toBeLessThan(a.paidIntervals * d);
  });

  it('MLL-DEF-002: the second payment settles T − 2 s of default: 29 whole days on 2·d, 86398 s carried', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    lock.at(t0 + period);
    lock.ok(PARTY_A, 'deposit', d);
    lock.at(t0 + 2n * period);
    const events = lock.ok(PARTY_A, 'deposit', d);
    // default from t0 + (2 + 1)·T to t0 + 4T − 2: T − 2 s = 29 days + 86398 s
    expect(T - 2n).toBe(29n * DAY + 86_398n);
    expect(lock.state.A.bleedClock).toBe(86_398n);
    // MLL-ARI-008: exact ≤ retained ≤ exact + s·k/10^18 + 1, with s = 2·d, k = 29
    const s = 2n * d;
    const num = s * 9_950n ** 29n;
    const den = 10_000n ** 29n;
    const exactCeil = (num + den - 1n) / den;
    const upper = (num + ((s * 29n) / 10n ** 18n + 1n) * den) / den;
    const amount = eventNamed(events, 'BleedingApplied').args.amount;
    expect(amount).toBeLessThanOrEqual(s - exactCeil);
    expect(amount).toBeGreaterThanOrEqual(s - upper);
    expect(amount).toBeGreaterThan(s / 10n); // about 13.5 % of 2·d
  });

  it('MLL-DEF-002: the cadence is T: paying one interval at every due date never defaults', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    for (let k = 1n; k <= 8n; k++) {
      lock.at(t0 + k * T);
      expect(status(lock, PARTY_A).inDefault).toBe(false);
      expect(names(lock.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);
      const b = status(lock, PARTY_B);
      const room = b.reachedIntervals + 3n - b.paidIntervals;
      if (room > 0n) lock.ok(PARTY_B, 'deposit', room * d);
    }
    lock.at(t0 + 9n * T + G * T - 1n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
  });
});

describe('MLL-DEF-003: default ends only by paying', () => {
  it('MLL-DEF-003: time never ends a default: a hundred intervals later the party is still in default from the same instant', () => {
    const lock = aBehindBAhead();
    const start = lock.t0 + (1n + G) * T;
    lock.at(start);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    lock.at(start + 100n * T);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(start);
  });

  it("MLL-DEF-003: the counterparty's deposits never change the defaulter's default", () => {
    const lock = aBehindBAhead();
    const start = lock.t0 + (1n + G) * T;
    for (let k = 2n; k <= 5n; k++) {
      lock.at(lock.t0 + k * T + 5n);
      lock.ok(PARTY_B, 'deposit', d);
      expect(status(lock, PARTY_A).inDefault).toBe(true);
      expect(status(lock, PARTY_A).defaultStartsAt).toBe(start);
      expect(lock.state.A.paidIntervals).toBe(1n);
    }
  });

  it('MLL-DEF-003: a deposit leaving G + 1 unpaid keeps the default; the one bringing it to G ends it', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + 5n * T + 10n); // reached 6, paid 1: unpaid 5
    lock.ok(PARTY_B, 'deposit', (6n + 3n - 4n) * d); // B stays compliant
    lock.ok(PARTY_A, 'deposit', 3n * d); // unpaid 6 − 4 = 2 = G + 1
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(lock.t0 + (4n + G) * T);
    lock.ok(PARTY_A, 'deposit', d); // unpaid 1 = G
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(lock.t0 + (5n + G) * T);
  });
});

describe('MLL-DEF-004: mutual default', () => {
  it('MLL-DEF-004: while both are in default neither clock moves and the shares stand still', () => {
    const lock = Lock.active();
    const start = lock.t0 + (1n + G) * T; // both paid one
    lock.at(start + 10n * DAY);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    expect(status(lock, PARTY_B).inDefault).toBe(true);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(0n);
    expect(getPoolState(lock.state, lock.now)).toEqual({ shareA: d, shareB: d, totalPool: 2n * d, phase: 1 });
  });

  it('MLL-DEF-004: when one pays its way out, the other bleeds again from that second', () => {
    const lock = Lock.active();
    const t0 = lock.t0;
    const out = t0 + (1n + G) * T + 10n * DAY; // reached 3, both paid 1
    lock.at(out);
    expect(names(lock.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']); // A: unpaid 1 = G, out
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    lock.at(out + DAY - 1n);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(DAY - 1n);
    expect(getPoolState(lock.state, lock.now).shareB).toBe(d);
    lock.at(out + DAY + 5n);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(DAY + 5n);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(0n);
    const retained = expectedRetainedShareExact(d, R, 1n); // 0.995 · d
    expect(getPoolState(lock.state, lock.now)).toEqual({ shareA: 2n * d + (d - retained), shareB: retained, totalPool: 3n * d, phase: 1 });
  });

  it('MLL-DEF-004: a clock built before the counterparty defaulted stops growing during mutual default', () => {
    const lock = aBehindBAhead(); // A defaults at t0 + 2T, B at t0 + 5T
    const t0 = lock.t0;
    lock.at(t0 + (4n + G) * T + 10n * DAY);
    expect(status(lock, PARTY_B).inDefault).toBe(true);
    // A bled only from t0 + 2T to t0 + 5T
    expect(status(lock, PARTY_A).bleedSeconds).toBe((4n + G) * T - (1n + G) * T);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(0n);
  });

  it('MLL-DEF-004: the other way round: B pays its way out and A bleeds again', () => {
    const lock = Lock.active();
    const out = lock.t0 + (1n + G) * T + 3n * DAY;
    lock.at(out);
    lock.ok(PARTY_B, 'deposit', d);
    lock.at(out + 2n * DAY);
    expect(status(lock, PARTY_A).bleedSeconds).toBe(2n * DAY);
    expect(status(lock, PARTY_B).bleedSeconds).toBe(0n);
  });
});
