/**
 * Unit checks of spec/parameters.md (MLL-PAR-001 … MLL-PAR-010): the constructor's bounds, the
 * order of its checks, what a successful deployment records and emits, the absence of overflow
 * at the extreme bounds, and the fixed constants. Every bound is tried exactly at its edge and
 * one past it.
 */
import { describe, expect, it } from 'vitest';
import type { Address, FunctionName, LockEvent, Params, Revert } from '../../reference/index.js';
import {
  ABANDONMENT_MIN_INTERVALS,
  ABANDONMENT_MIN_SILENCE,
  ACTIVATION_WINDOW,
  BPS,
  EXIT_EXECUTION_WINDOW,
  EXIT_PROPOSAL_WINDOW,
  MAX_PREPAID_INTERVALS,
  Phase,
  UNILATERAL_EXIT_COUNTDOWN,
  WAD,
  ZERO_ADDRESS,
  deploy,
  getPoolState,
} from '../../reference/index.js';
import { DAY, EXTREME, Lock, PARTY_A, PARTY_B, STRANGER, T, d, defaults, eventNamed, names, status } from '../support/harness.js';

const NOW = 1_700_000_000n;

/** The constructor's revert for the defaults with some arguments changed, or null on success. */
function revertOf(change: Partial<Params>): Revert | null {
  const outcome = deploy({ ...defaults, ...change }, NOW);
  return outcome.ok ? null : outcome.revert;
}

/** The name of the constructor's revert, or 'ok'. */
function result(change: Partial<Params>): string {
  return revertOf(change)?.name ?? 'ok';
}

describe('MLL-PAR-001: two distinct non-zero parties', () => {
  it('MLL-PAR-001: partyA = 0 reverts InvalidPartyAddress', () => {
    expect(result({ partyA: ZERO_ADDRESS })).toBe('InvalidPartyAddress');
  });
  it('MLL-PAR-001: partyB = 0 reverts InvalidPartyAddress', () => {
    expect(result({ partyB: ZERO_ADDRESS })).toBe('InvalidPartyAddress');
  });
  it('MLL-PAR-001: partyA = partyB reverts InvalidPartyAddress', () => {
    expect(result({ partyB: PARTY_A })).toBe('InvalidPartyAddress');
    expect(result({ partyA: ZERO_ADDRESS, partyB: ZERO_ADDRESS })).toBe('InvalidPartyAddress');
  });
  it('MLL-PAR-001: two distinct non-zero parties deploy, in either order', () => {
    expect(result({ partyA: PARTY_A, partyB: PARTY_B })).toBe('ok');
    expect(result({ partyA: PARTY_B, partyB: STRANGER })).toBe('ok');
  });
});

describe('MLL-PAR-002: 1 ≤ d ≤ 2^96 − 1', () => {
  it('MLL-PAR-002: d = 0 reverts InvalidDepositAmount, d = 1 deploys', () => {
    expect(result({ depositAmount: 0n })).toBe('InvalidDepositAmount');
    expect(result({ depositAmount: 1n })).toBe('ok');
  });
  it('MLL-PAR-002: d = 2^96 − 1 deploys, d = 2^96 reverts InvalidDepositAmount', () => {
    expect(result({ depositAmount: 2n ** 96n - 1n })).toBe('ok');
    expect(result({ depositAmount: 2n ** 96n })).toBe('InvalidDepositAmount');
  });
  it('MLL-PAR-002: a negative d (not representable as uint) reverts InvalidDepositAmount', () => {
    expect(result({ depositAmount: -1n })).toBe('InvalidDepositAmount');
  });
});

describe('MLL-PAR-003: 3600 s ≤ T ≤ 3650 days', () => {
  it('MLL-PAR-003: T = 3599 reverts InvalidDepositInterval, T = 3600 deploys', () => {
    expect(result({ depositInterval: 3_599n })).toBe('InvalidDepositInterval');
    expect(result({ depositInterval: 3_600n })).toBe('ok');
  });
  it('MLL-PAR-003: T = 3650 · 86400 deploys, one second more reverts InvalidDepositInterval', () => {
    expect(result({ depositInterval: 3_650n * 86_400n })).toBe('ok');
    expect(result({ depositInterval: 3_650n * 86_400n + 1n })).toBe('InvalidDepositInterval');
  });
  it('MLL-PAR-003: T = 0 reverts InvalidDepositInterval', () => {
    expect(result({ depositInterval: 0n })).toBe('InvalidDepositInterval');
  });
});

describe('MLL-PAR-004: 1 ≤ r ≤ 1000 bps per day', () => {
  it('MLL-PAR-004: r = 0 reverts InvalidBleedRate, r = 1 deploys', () => {
    expect(result({ bleedRateBpsPerDay: 0n })).toBe('InvalidBleedRate');
    expect(result({ bleedRateBpsPerDay: 1n })).toBe('ok');
  });
  it('MLL-PAR-004: r = 1000 deploys, r = 1001 reverts InvalidBleedRate', () => {
    expect(result({ bleedRateBpsPerDay: 1_000n })).toBe('ok');
    expect(result({ bleedRateBpsPerDay: 1_001n })).toBe('InvalidBleedRate');
  });
});

describe('MLL-PAR-005: 0 ≤ G ≤ 12', () => {
  it('MLL-PAR-005: G = 0 and G = 12 deploy', () => {
    expect(result({ gracePeriods: 0n })).toBe('ok');
    expect(result({ gracePeriods: 12n })).toBe('ok');
  });
  it('MLL-PAR-005: G = 13 reverts InvalidGracePeriods', () => {
    expect(result({ gracePeriods: 13n })).toBe('InvalidGracePeriods');
  });
  it('MLL-PAR-005: a negative G (not representable as uint) reverts InvalidGracePeriods', () => {
    expect(result({ gracePeriods: -1n })).toBe('InvalidGracePeriods');
  });
});

describe('MLL-PAR-011: P_min ≤ P_max ≤ 9000', () => {
  it('MLL-PAR-011: P_max = P_min = 9000 deploys, P_max = 9001 reverts InvalidPenaltyBounds', () => {
    expect(result({ exitPenaltyMaxBps: 9_000n, exitPenaltyMinBps: 9_000n })).toBe('ok');
    expect(result({ exitPenaltyMaxBps: 9_001n, exitPenaltyMinBps: 0n })).toBe('InvalidPenaltyBounds');
  });
  it('MLL-PAR-011: issue 8, P_max = P_min = 10000 (every exit and claim takes 100 %) reverts InvalidPenaltyBounds', () => {
    expect(result({ exitPenaltyMaxBps: 10_000n, exitPenaltyMinBps: 10_000n })).toBe('InvalidPenaltyBounds');
  });
  it('MLL-PAR-011: P_min = P_max deploys, P_min = P_max + 1 reverts InvalidPenaltyBounds', () => {
    expect(result({ exitPenaltyMaxBps: 5_000n, exitPenaltyMinBps: 5_000n })).toBe('ok');
    expect(result({ exitPenaltyMaxBps: 5_000n, exitPenaltyMinBps: 5_001n })).toBe('InvalidPenaltyBounds');
  });
  it('MLL-PAR-011: P_max = P_min = 0 (no penalty at all) deploys', () => {
    expect(result({ exitPenaltyMaxBps: 0n, exitPenaltyMinBps: 0n })).toBe('ok');
  });
  it('MLL-PAR-011: a negative P_min (not representable as uint) reverts InvalidPenaltyBounds', () => {
    expect(result({ exitPenaltyMinBps: -1n })).toBe('InvalidPenaltyBounds');
  });
});

describe('MLL-PAR-007: 1 ≤ n ≤ 1000', () => {
  it('MLL-PAR-007: n = 0 reverts InvalidPenaltyDecayTarget, n = 1 deploys', () => {
    expect(result({ penaltyDecayTarget: 0n })).toBe('InvalidPenaltyDecayTarget');
    expect(result({ penaltyDecayTarget: 1n })).toBe('ok');
  });
  it('MLL-PAR-007: n = 1000 deploys, n = 1001 reverts InvalidPenaltyDecayTarget', () => {
    expect(result({ penaltyDecayTarget: 1_000n })).toBe('ok');
    expect(result({ penaltyDecayTarget: 1_001n })).toBe('InvalidPenaltyDecayTarget');
  });
});

describe('MLL-PAR-008: construction', () => {
  // Every argument invalid at once; fixing them one by one, in the clause order, must move the
  // revert to the next check each time.
  const allBad: Partial<Params> = {
    partyA: ZERO_ADDRESS,
    depositAmount: 0n,
    depositInterval: 1n,
    bleedRateBpsPerDay: 0n,
    gracePeriods: 13n,
    exitPenaltyMaxBps: 10_001n,
    penaltyDecayTarget: 0n,
  };
  const order: [keyof Params, Params[keyof Params], string][] = [
    ['partyA', PARTY_A, 'InvalidPartyAddress'],
    ['depositAmount', d, 'InvalidDepositAmount'],
    ['depositInterval', T, 'InvalidDepositInterval'],
    ['bleedRateBpsPerDay', 50n, 'InvalidBleedRate'],
    ['gracePeriods', 1n, 'InvalidGracePeriods'],
    ['exitPenaltyMaxBps', 8_000n, 'InvalidPenaltyBounds'],
    ['penaltyDecayTarget', 7n, 'InvalidPenaltyDecayTarget'],
  ];

  it('MLL-PAR-008: with every check failing, each fix exposes the next check in the order PAR-001 … PAR-007', () => {
    let change: Partial<Params> = { ...allBad };
    for (const [field, good, expected] of order) {
      expect(result(change)).toBe(expected);
      change = { ...change, [field]: good };
    }
    expect(result(change)).toBe('ok');
  });

  it('MLL-PAR-008: a later failing check never hides an earlier one (pairs of failures)', () => {
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const [fi, , ei] = order[i]!;
        const [fj] = order[j]!;
        expect(result({ [fi]: allBad[fi], [fj]: allBad[fj] })).toBe(ei);
      }
    }
  });

  it('MLL-PAR-008: a successful deployment is Inactive, holds nothing, and records createdAt = block time', () => {
    const outcome = deploy(defaults, NOW);
    if (!outcome.ok) throw new Error('deploy reverted');
    const s = outcome.state;
    expect(s.phase).toBe(Phase.Inactive);
    expect(s.phase).toBe(0);
    expect(s.createdAt).toBe(NOW);
    expect(s.balance).toBe(0n);
    expect([s.A.share, s.B.share, s.A.claimable, s.B.claimable]).toEqual([0n, 0n, 0n, 0n]);
    expect([s.A.paidIntervals, s.B.paidIntervals]).toEqual([0n, 0n]);
    expect(s.firstActivatedAt).toBeNull();
    expect(s.activatedAt).toBeNull();
    expect(getPoolState(s, NOW)).toEqual({ shareA: 0n, shareB: 0n, totalPool: 0n, phase: 0 });
  });

  it('MLL-PAR-008: a successful deployment emits exactly AgreementCreated(partyA, partyB, depositAmount, depositInterval)', () => {
    const params: Params = { ...defaults, depositAmount: 12_345n, depositInterval: 7_200n };
    const outcome = deploy(params, NOW);
    if (!outcome.ok) throw new Error('deploy reverted');
    expect(names(outcome.events)).toEqual(['AgreementCreated']);
    expect(eventNamed(outcome.events, 'AgreementCreated').args).toEqual({
      partyA: PARTY_A,
      partyB: PARTY_B,
      depositAmount: 12_345n,
      interval: 7_200n,
    });
  });

  it('MLL-PAR-008: a failed deployment reports only the revert', () => {
    const outcome = deploy({ ...defaults, depositAmount: 0n }, NOW);
    expect(outcome).toEqual({ ok: false, revert: { name: 'InvalidDepositAmount' } });
  });
});

describe('MLL-PAR-009: no overflow at the extreme bounds', () => {
  const D = 2n ** 96n - 1n;
  const TT = 3_650n * DAY;
  const YEAR = 365n * DAY;

  /** A lock with running totals of ether in, forced in, credited and out; conservation is checked after every call. */
  class Ledger {
    paidIn = 0n;
    forced = 0n;
    credited = 0n;
    paidOut = 0n;
    constructor(readonly lock: Lock) {}
    ok(from: Address, fn: FunctionName, value = 0n): readonly LockEvent[] {
      const events = this.lock.ok(from, fn, value);
      this.paidIn += value;
      for (const e of events) {
        if (e.name === 'Withdrawn') this.paidOut += e.args.amount;
        if (e.name === 'SurplusCredited') this.credited += e.args.toA + e.args.toB;
      }
      this.check();
      return events;
    }
    force(amount: bigint): void {
      this.lock.force(amount);
      this.forced += amount;
      this.check();
    }
    check(): void {
      const s = this.lock.state;
      const books = s.A.share + s.B.share + s.A.claimable + s.B.claimable;
      // MLL-INV-002, to the wei
      expect(this.paidIn + this.credited).toBe(books + this.paidOut);
      expect(this.paidIn + this.forced).toBe(s.balance + this.paidOut);
      // the magnitudes MLL-PAR-009 promises
      for (const amount of [s.A.share, s.B.share, s.A.claimable, s.B.claimable, s.balance]) {
        expect(amount >= 0n && amount < 2n ** 128n).toBe(true);
      }
      for (const who of [PARTY_A, PARTY_B]) {
        const st = status(this.lock, who);
        expect(st.paidIntervals < 2n ** 64n && st.reachedIntervals < 2n ** 64n).toBe(true);
        expect(st.share < 2n ** 128n && st.bleedSeconds < 2n ** 65n).toBe(true);
      }
    }
  }

  for (const deployedAt of [2n ** 40n - 1n, 2n ** 40n]) {
    it(`MLL-PAR-009: extreme parameters deployed at ${deployedAt}: a long scenario never throws and conserves value exactly`, () => {
      const ledger = new Ledger(new Lock(EXTREME, deployedAt));
      const lock = ledger.lock;
      // A activates with the most it may pay (four intervals), B a week later minus a second
      ledger.ok(PARTY_A, 'activate', 4n * D);
      lock.wait(7n * DAY - 1n);
      ledger.ok(PARTY_B, 'activate', D);
      const t0 = lock.t0;
      // B catches up to the prepayment limit: reached 1 + 3 − paid 1 = 3 intervals
      ledger.ok(PARTY_B, 'deposit', 3n * D);
      ledger.force(2n ** 100n + 1n);
      // decades pass: B keeps paying several intervals at a time, A goes silent
      for (let k = 1n; k <= 20n; k++) {
        lock.at(t0 + k * TT);
        ledger.ok(STRANGER, 'applyBleeding');
        // B's limit: reached (k + 1) + 3; B has paid 4 + 3(k−1)… pay what the limit allows
        const b = status(lock, PARTY_B);
        const room = b.reachedIntervals + 3n - b.paidIntervals;
        if (room > 0n) ledger.ok(PARTY_B, 'deposit', room * D);
      }
      // A defaults from t0 + (4 + 12)·T; two centuries in, it has bled for decades of days
      lock.at(t0 + 200n * YEAR + 12_345n);
      ledger.ok(PARTY_B, 'applyBleeding');
      const a = status(lock, PARTY_A);
      expect(a.inDefault).toBe(true);
      expect(a.share >= 1n).toBe(true); // MLL-BLD-010: never bled to zero
      // A catches up all its arrears in one deposit, settling its huge clock
      const room = a.reachedIntervals + 3n - a.paidIntervals;
      const events = ledger.ok(PARTY_A, 'deposit', room * D);
      expect(names(events)).toEqual(['BleedingApplied', 'Deposited']);
      // an exit later still: initiate, wait out the countdown, execute, withdraw everything
      lock.wait(10n * YEAR);
      ledger.ok(PARTY_A, 'initiateUnilateralExit');
      lock.wait(UNILATERAL_EXIT_COUNTDOWN);
      ledger.ok(PARTY_A, 'executeUnilateralExit');
      expect(lock.state.phase).toBe(Phase.Exited);
      lock.wait(30n * YEAR);
      ledger.ok(PARTY_A, 'withdraw');
      ledger.ok(PARTY_B, 'withdraw');
      // after both withdraw, nothing is left, forced ether included
      expect(lock.state.balance).toBe(0n);
      expect(ledger.paidOut).toBe(ledger.paidIn + ledger.forced);
    });
  }

  it('MLL-PAR-009: a decades-long mutual default, abandonment claim and withdrawals never throw and conserve value', () => {
    const ledger = new Ledger(new Lock(EXTREME, 2n ** 40n));
    const lock = ledger.lock;
    ledger.ok(PARTY_A, 'activate', D);
    ledger.ok(PARTY_B, 'activate', 4n * D);
    const t0 = lock.t0;
    // both silent for 150 years: A defaults at t0 + 13T and bleeds from then, B would default at t0 + 16T
    lock.at(t0 + 150n * YEAR);
    ledger.ok(STRANGER, 'applyBleeding');
    // B pays its way out of default with as many intervals as it may
    const b = status(lock, PARTY_B);
    ledger.ok(PARTY_B, 'deposit', (b.reachedIntervals + 3n - b.paidIntervals) * D);
    // A stays silent for another 40 years: B claims abandonment
    lock.wait(40n * YEAR);
    const events = ledger.ok(PARTY_B, 'claimAbandoned');
    expect(names(events)).toEqual(['BleedingApplied', 'AbandonedClaimed']);
    ledger.force(3n);
    ledger.ok(PARTY_A, 'withdraw');
    ledger.ok(PARTY_B, 'withdraw');
    expect(lock.state.balance).toBe(0n);
    expect(ledger.paidOut).toBe(ledger.paidIn + ledger.forced);
  });
});

describe('MLL-PAR-010: constants', () => {
  it('MLL-PAR-010: the fixed values are DAY 86400, BPS 10000, WAD 1e18, 3 prepaid intervals, windows of 7/30/7/7 days, abandonment 90 days and 3 intervals', () => {
    expect(DAY).toBe(86_400n);
    expect(BPS).toBe(10_000n);
    expect(WAD).toBe(1_000_000_000_000_000_000n);
    expect(MAX_PREPAID_INTERVALS).toBe(3n);
    expect(ACTIVATION_WINDOW).toBe(7n * 86_400n);
    expect(UNILATERAL_EXIT_COUNTDOWN).toBe(30n * 86_400n);
    expect(EXIT_EXECUTION_WINDOW).toBe(7n * 86_400n);
    expect(EXIT_PROPOSAL_WINDOW).toBe(7n * 86_400n);
    expect(ABANDONMENT_MIN_SILENCE).toBe(90n * 86_400n);
    expect(ABANDONMENT_MIN_INTERVALS).toBe(3n);
  });

  it('MLL-PAR-010: MAX_PREPAID_INTERVALS = 3 bounds an activation at 4·d', () => {
    const lock = new Lock();
    expect(lock.reverts(PARTY_A, 'activate', 5n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 4n * d });
    lock.ok(PARTY_A, 'activate', 4n * d);
  });

  it('MLL-PAR-010: ACTIVATION_WINDOW = 7 days closes the second activation 604800 s after the first', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(604_800n);
    expect(lock.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'ActivationWindowClosed' });
  });

  it('MLL-PAR-010: UNILATERAL_EXIT_COUNTDOWN = 30 days sets executeAfter = now + 2592000', () => {
    const lock = Lock.active();
    lock.wait(5n);
    const events = lock.ok(PARTY_A, 'initiateUnilateralExit');
    expect(eventNamed(events, 'UnilateralExitInitiated').args.executeAfter).toBe(lock.t0 + 5n + 2_592_000n);
  });

  it('MLL-PAR-010: EXIT_EXECUTION_WINDOW = 7 days: an exit lapses 604800 s after its countdown', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.wait(2_592_000n + 604_800n);
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
  });

  it('MLL-PAR-010: EXIT_PROPOSAL_WINDOW = 7 days: a proposal 604800 s old no longer ends the lock', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.wait(604_800n);
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed']);
    expect(lock.state.phase).toBe(Phase.Active);
  });

  it('MLL-PAR-010: abandonment needs max(90 days, 3·T) of silence: 90 days at T = 30 days, 3·T at T = 31 days', () => {
    const short = Lock.active();
    expect(short.reverts(PARTY_B, 'claimAbandoned')).toEqual({
      name: 'CounterpartyNotSilent',
      silentAfter: short.t0 + 90n * 86_400n,
    });
    const long = Lock.active({ depositInterval: 31n * DAY });
    expect(long.reverts(PARTY_B, 'claimAbandoned')).toEqual({
      name: 'CounterpartyNotSilent',
      silentAfter: long.t0 + 3n * 31n * 86_400n,
    });
  });
});
