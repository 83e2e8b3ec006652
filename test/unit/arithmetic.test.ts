/**
 * Unit tests for spec/arithmetic.md (MLL-ARI): integers only, the WAD fixed point, the retained
 * fraction by exponentiation by squaring rounding up, the rounding of penalties and of the
 * surplus split, and the compounding error bound.
 *
 * Every expected value is computed from the clause's own words: a bigint transcription of the
 * MLL-ARI-003 loop (properties/oracle.ts, which imports nothing from reference/), exact
 * rationals in bigint ((10000 − r)^k / 10000^k, no rounding at all) and decimal.js at 60
 * digits. Nothing expected is read back from the code under test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  BPS,
  WAD,
  getExitPenalty,
  getPartyStatus,
  getPoolState,
  mulWadUp,
  penaltyAmount,
  penaltyBps,
  retainedFractionWad,
  retainedShare,
} from '../../reference/index.js';
import { expectedMulWadUp, expectedRetainedFraction, expectedRetainedShare } from '../../properties/oracle.js';
import { DAY, Lock, PARTY_A, PARTY_B, T, d, defaults, eventNamed, names } from '../support/harness.js';

const X = Decimal.clone({ precision: 60 });
const TEN_18 = 1_000_000_000_000_000_000n;

/** The exact s·(1 − r/10000)^k as a fraction num/den, no rounding anywhere. */
function exactRetained(s: bigint, r: bigint, k: bigint): { num: bigint; den: bigint } {
  return { num: s * (10_000n - r) ** k, den: 10_000n ** k };
}

const RATES = [1n, 7n, 50n, 333n, 999n, 1_000n];
const DAYS = [0n, 1n, 2n, 3n, 7n, 10n, 29n, 30n, 31n, 64n, 100n, 365n, 394n, 1_000n];

describe('MLL-ARI-001 integers only', () => {
  it('MLL-ARI-001: every amount, time, count and rate in the state, events and views is a non-negative integer', () => {
    const lock = Lock.active();
    const events = [...lock.ok(PARTY_A, 'deposit', 3n * d)];
    lock.at(lock.t0 + 75n * DAY + 12_345n);
    events.push(...lock.ok(PARTY_B, 'deposit', 2n * d));
    events.push(...lock.ok(PARTY_A, 'initiateUnilateralExit'));
    lock.wait(30n * DAY);
    events.push(...lock.ok(PARTY_A, 'executeUnilateralExit'));
    events.push(...lock.ok(PARTY_A, 'withdraw'));

    const seen: unknown[] = [];
    const walk = (value: unknown): void => {
      if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
      else seen.push(value);
    };
    walk(lock.state);
    walk(events);
    walk(getPoolState(lock.state, lock.now));
    walk(getPartyStatus(lock.state, PARTY_B, lock.now));
    for (const value of seen) {
      if (typeof value === 'number') {
        // the phase, numbered as the contract's enum (MLL-STA-001), is the one plain number
        expect(Number.isInteger(value) && value >= 0).toBe(true);
      } else if (typeof value === 'bigint') {
        expect(value >= 0n).toBe(true);
      } else {
        expect(['string', 'boolean'].includes(typeof value) || value === null).toBe(true);
      }
    }
    expect(seen.some((value) => typeof value === 'bigint')).toBe(true);
  });

  it('MLL-ARI-001: no rule that moves value uses floating point or decimal.js', () => {
    const dir = new URL('../../reference/', import.meta.url);
    const files = readdirSync(dir).filter((name) => name.endsWith('.ts') && name !== 'economics.ts');
    expect(files).toContain('arithmetic.ts');
    for (const name of files) {
      const source = readFileSync(new URL(name, dir), 'utf8');
      expect(source, name).not.toMatch(/['"]decimal\.js['"]|\bMath\.|\bparseFloat\(|\.toFixed\(|\bNumber\(/);
    }
  });
});

describe('MLL-ARI-002 fixed point', () => {
  it('MLL-ARI-002: WAD is 10^18 and BPS is 10,000', () => {
    expect(WAD).toBe(TEN_18);
    expect(BPS).toBe(10_000n);
  });

  it('MLL-ARI-002: mulWadUp(a, b) = ⌈a·b / 10^18⌉, checked against decimal.js ceil', () => {
    const cases: [bigint, bigint][] = [
      [0n, 0n],
      [0n, 123n],
      [1n, 1n],
      [1n, TEN_18],
      [TEN_18, TEN_18],
      [3n, 333_333_333_333_333_334n],
      [10n ** 17n, 995_000_000_000_000_000n],
      [123_456_789n, 987_654_321_987_654_321n],
      [2n ** 96n - 1n, 999_999_999_999_999_999n],
      [2n ** 128n, 2n ** 60n + 1n],
    ];
    for (const [a, b] of cases) {
      const ceil = BigInt(new X(a.toString()).times(b.toString()).div(TEN_18.toString()).ceil().toFixed(0));
      expect(mulWadUp(a, b), `${a}·${b}`).toBe(ceil);
    }
  });

  it('MLL-ARI-002: an exact product is not rounded, a product one unit over is rounded up by one', () => {
    expect(mulWadUp(5n, 2n * TEN_18)).toBe(10n);
    expect(mulWadUp(1n, TEN_18 + 1n)).toBe(2n);
    expect(mulWadUp(1n, TEN_18 - 1n)).toBe(1n);
    expect(mulWadUp(TEN_18 - 1n, 1n)).toBe(1n);
  });
});

describe('MLL-ARI-003 the retained fraction', () => {
  it('MLL-ARI-003: small powers that are exact in 18 decimals come out exact (0.995, 0.990025, 0.985074875)', () => {
    expect(retainedFractionWad(50n, 0n)).toBe(TEN_18);
    expect(retainedFractionWad(50n, 1n)).toBe(995_000_000_000_000_000n);
    expect(retainedFractionWad(50n, 2n)).toBe(990_025_000_000_000_000n);
    expect(retainedFractionWad(50n, 3n)).toBe(985_074_875_000_000_000n);
    expect(retainedFractionWad(1_000n, 6n)).toBe(531_441_000_000_000_000n);
  });

  it('MLL-ARI-003: equals the spec loop (square, multiply on odd bits, every product rounded up) for every rate and day count', () => {
    for (const r of RATES) {
      for (const k of DAYS) expect(retainedFractionWad(r, k), `r=${r} days=${k}`).toBe(expectedRetainedFraction(r, k));
    }
    for (let k = 0n; k <= 400n; k++) expect(retainedFractionWad(50n, k)).toBe(expectedRetainedFraction(50n, k));
  });

  it('MLL-ARI-003: the order of operations is the specified one, not repeated multiplication (30 days at 50 bps)', () => {
    let repeated = TEN_18;
    for (let i = 0; i < 30; i++) repeated = expectedMulWadUp(repeated, 995_000_000_000_000_000n);
    expect(expectedRetainedFraction(50n, 30n)).not.toBe(repeated);
    expect(retainedFractionWad(50n, 30n)).toBe(expectedRetainedFraction(50n, 30n));
  });

  it('MLL-ARI-003: the result is never below (1 − r/10000)^days and never zero', () => {
    for (const r of RATES) {
      for (const k of [...DAYS, 5_000n]) {
        const f = retainedFractionWad(r, k);
        // f / 10^18 ≥ (10000 − r)^k / 10000^k, in exact integers
        expect(f * 10_000n ** k >= TEN_18 * (10_000n - r) ** k, `r=${r} days=${k}`).toBe(true);
        expect(f > 0n).toBe(true);
      }
    }
  });

  it('MLL-ARI-003: at r = 1000 the fraction stays at least one unit of 10^-18 after 394, 1000 and 100000 days (D8)', () => {
    // the exact value is below one unit of 10^-18 from 394 days on, so a truncating computation gives 0
    expect(new X('0.9').pow(394).lt('1e-18')).toBe(true);
    expect(retainedFractionWad(1_000n, 394n)).toBe(1n);
    expect(retainedFractionWad(1_000n, 1_000n)).toBe(1n);
    expect(retainedFractionWad(1_000n, 100_000n)).toBe(1n);
  });
});

describe('MLL-ARI-004 the retained share', () => {
  it('MLL-ARI-004: retainedShare = ⌈share · fraction / 10^18⌉', () => {
    for (const share of [1n, 2n, 999n, d, 7n * d + 13n, 1_000n * TEN_18, 2n ** 96n - 1n]) {
      for (const r of RATES) {
        for (const k of [1n, 30n, 365n]) expect(retainedShare(share, r, k)).toBe(expectedRetainedShare(share, r, k));
      }
    }
  });

  it('MLL-ARI-004: 0.1 ether bleeding 30 days at 50 bps keeps 0.086038419191469615 ether, rounded up from 0.0860384191914696149', () => {
    const f = expectedRetainedFraction(50n, 30n);
    expect(f).toBe(860_384_191_914_696_149n);
    expect(retainedShare(d, 50n, 30n)).toBe(86_038_419_191_469_615n);
    expect((d * f) % TEN_18).not.toBe(0n); // a truncating rule would give one wei less
  });

  it('MLL-ARI-004: bleeding never takes more than the exact amount and a positive share stays positive', () => {
    for (const share of [1n, 2n, 17n, d, 1_000n * TEN_18]) {
      for (const r of RATES) {
        for (const k of DAYS) {
          const kept = retainedShare(share, r, k);
          const { num, den } = exactRetained(share, r, k);
          expect(kept * den >= num, `share=${share} r=${r} days=${k}`).toBe(true);
          expect(kept >= 1n).toBe(true);
          expect(kept <= share).toBe(true);
        }
      }
    }
  });

  it('MLL-ARI-004: a bleed settled through the lock moves exactly share − retainedShare (30 days at the defaults)', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', 3n * d); // A paid ahead to day 150
    lock.at(lock.t0 + 2n * T + 30n * DAY); // B in default since day 60
    const events = lock.ok(PARTY_B, 'deposit', 2n * d);
    expect(eventNamed(events, 'BleedingApplied').args.amount).toBe(d - 86_038_419_191_469_615n);
    expect(lock.state.B.share).toBe(86_038_419_191_469_615n + 2n * d);
  });
});

describe('MLL-ARI-005 the penalty rate rounds up', () => {
  it('MLL-ARI-005: at the defaults the rates are 7072, 6143, 4286 bps at 1, 2, 4 intervals (reduction floored)', () => {
    expect(penaltyBps(defaults, 1n)).toBe(7_072n);
    expect(penaltyBps(defaults, 2n)).toBe(6_143n);
    expect(penaltyBps(defaults, 4n)).toBe(4_286n);
    // each of these has an inexact reduction: 6500·m/7 is not an integer
    for (const m of [1n, 2n, 4n]) expect((6_500n * m) % 7n).not.toBe(0n);
  });

  it('MLL-ARI-005: penalty(m) = P_max − ⌊(P_max − P_min)·min(m, n)/n⌋ for inexact reductions at other bounds', () => {
    // P_max = 10000, P_min = 1, n = 7: the reduction at m = 1 is 9999/7 = 1428.43 → 1428
    const seven = { ...defaults, exitPenaltyMaxBps: 10_000n, exitPenaltyMinBps: 1n, penaltyDecayTarget: 7n };
    for (let m = 0n; m <= 9n; m++) {
      const reduction = new X(9_999)
        .times(Math.min(Number(m), 7))
        .div(7)
        .floor();
      expect(penaltyBps(seven, m)).toBe(10_000n - BigInt(reduction.toFixed(0)));
    }
    expect(penaltyBps(seven, 1n)).toBe(8_572n);
  });

  it('MLL-ARI-005: the view reports the rounded-up rate', () => {
    const lock = Lock.active();
    expect(getExitPenalty(lock.state, PARTY_A, lock.now)).toBe(7_072n);
  });
});

describe('MLL-ARI-006 the penalty amount rounds down', () => {
  it('MLL-ARI-006: penalty = ⌊share · rate / 10000⌋', () => {
    expect(penaltyAmount(9_999n, 1n)).toBe(0n);
    expect(penaltyAmount(10_000n, 1n)).toBe(1n);
    expect(penaltyAmount(19_999n, 7_072n)).toBe(14_143n); // 14143.2928
    expect(penaltyAmount(d, 7_072n)).toBe(70_720_000_000_000_000n);
    expect(penaltyAmount(123n, 10_000n)).toBe(123n);
    expect(penaltyAmount(123n, 0n)).toBe(0n);
  });

  it('MLL-ARI-006: an exit on an odd share: the exiter keeps the fraction of a wei, the counterparty gets exactly the penalty', () => {
    // d = 3 wei: A's share 3 at rate 7072 bps: 2.1216 → penalty 2, A keeps 1
    const lock = Lock.active({ depositAmount: 3n });
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.wait(30n * DAY);
    const events = lock.ok(PARTY_A, 'executeUnilateralExit');
    expect(names(events)).toEqual(['UnilateralExitExecuted']);
    expect(eventNamed(events, 'UnilateralExitExecuted').args).toEqual({ initiator: PARTY_A, received: 1n, penaltyPaid: 2n });
    expect(lock.state.A.claimable).toBe(1n);
    expect(lock.state.B.claimable).toBe(5n);
  });
});

describe('MLL-ARI-007 the surplus split', () => {
  for (const [s, toA, toB] of [
    [1n, 0n, 1n],
    [2n, 1n, 1n],
    [7n, 3n, 4n],
    [10n ** 18n + 1n, 5n * 10n ** 17n, 5n * 10n ** 17n + 1n],
  ] as const) {
    it(`MLL-ARI-007: a surplus of ${s} wei is credited ${toA} to A and ${toB} to B`, () => {
      const lock = Lock.active();
      lock.force(s);
      lock.ok(PARTY_A, 'proposeExit');
      lock.ok(PARTY_B, 'proposeExit');
      const events = lock.ok(PARTY_B, 'withdraw');
      expect(names(events)).toEqual(['SurplusCredited', 'Withdrawn']);
      expect(eventNamed(events, 'SurplusCredited').args).toEqual({ toA, toB });
      expect(eventNamed(events, 'Withdrawn').args.amount).toBe(d + toB);
      expect(lock.state.A.claimable).toBe(d + toA);
    });
  }
});

describe('MLL-ARI-008 compounding error bound', () => {
  /** exact ≤ kept ≤ exact + s·k/10^18 + 1, in exact integers. */
  function withinBound(s: bigint, r: bigint, k: bigint): { low: boolean; high: boolean } {
    const kept = retainedShare(s, r, k);
    const { num, den } = exactRetained(s, r, k);
    return {
      low: kept * den >= num,
      high: kept * den * TEN_18 <= num * TEN_18 + s * k * den + den * TEN_18,
    };
  }

  it('MLL-ARI-008: exact ≤ retainedShare ≤ exact + s·k/10^18 + 1 over shares, rates and day counts', () => {
    for (const s of [1n, 3n, 10n ** 9n + 7n, d, 1_000n * TEN_18, 2n ** 96n - 1n, 2n ** 120n]) {
      for (const r of RATES) {
        for (const k of [...DAYS, 3_650n]) expect(withinBound(s, r, k), `s=${s} r=${r} k=${k}`).toEqual({ low: true, high: true });
      }
    }
  });

  it('MLL-ARI-008: 1,000 ether bleeding 365 days at the defaults is within 365,001 wei of exact (decimal.js, 60 digits)', () => {
    const s = 1_000n * TEN_18;
    const exact = new X(s.toString()).times(new X('0.995').pow(365));
    const kept = new X(retainedShare(s, 50n, 365n).toString());
    const error = kept.minus(exact);
    expect(error.gte(0)).toBe(true);
    expect(error.lte(365_001)).toBe(true);
    expect(new X(s.toString()).times(365).div(TEN_18.toString()).plus(1).toNumber()).toBe(365_001);
  });
});
