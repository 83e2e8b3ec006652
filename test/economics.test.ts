/**
 * Checks of spec/economics.md (MLL-ECO). Every test name starts with the clause it checks.
 * Where possible the expected figure is computed independently here (repeated multiplication,
 * truncated series, plain floating point), not by calling the function under test again.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  D,
  DEFAULT_PARAMS,
  type EconomicsParams,
  articleClaims,
  bestExit,
  breakevenShare,
  checkParams,
  coldStartExitKeep,
  coldStartTable,
  countdownBleedDays,
  creditFormDeterrence,
  cureThenExit,
  dailyBleedRate,
  defaulterExitKeep,
  defectionSavingPv,
  defectionUnprofitable,
  deltaStarArticle,
  deltaStarArticleGrace,
  deterrenceThreshold,
  earlyExitKeep,
  exitKeepFraction,
  graceLagSavingPv,
  kStarArticle,
  maxAppliedPenaltyBps,
  minDeterringShare,
  noCureHorizon,
  penaltyBps,
  penaltyExactBps,
  penaltyExactFraction,
  penaltyFraction,
  perIntervalBleedRate,
  punishmentPv,
  retainedFraction,
  selfFunding,
  standingAllowanceSavingPv,
  standingArrearBleedPv,
  standingArrearSteadyShare,
  standingArrearThreshold,
  stayOrExitHorizon,
} from '../reference/economics.js';

/** An independent Decimal for expected values: more digits than the module, own constructor. */
const X = Decimal.clone({ precision: 60 });
const p = DEFAULT_PARAMS;
const TINY = new X('1e-35');

/** (1 − r)^τ by τ repeated multiplications. */
function powLoop(base: Decimal.Value, times: number): Decimal {
  let acc = new X(1);
  const b = new X(base);
  for (let i = 0; i < times; i++) acc = acc.times(b);
  return acc;
}

/** 1 − 0.995^30 by repeated multiplication. */
const R_LOOP = new X(1).minus(powLoop('0.995', 30));

function near(a: Decimal, b: Decimal, tol: Decimal = TINY): boolean {
  return new X(a).minus(new X(b)).abs().lte(tol);
}

/** Random valid parameters (bps rates up to 1000/day as the spec's bounds allow). */
const paramsArb: fc.Arbitrary<EconomicsParams> = fc
  .record({
    depositMilli: fc.integer({ min: 1, max: 10_000 }),
    intervalDays: fc.integer({ min: 1, max: 365 }),
    bleedBpsPerDay: fc.integer({ min: 1, max: 1000 }),
    graceIntervals: fc.integer({ min: 0, max: 12 }),
    pMin: fc.integer({ min: 0, max: 10_000 }),
    pMax: fc.integer({ min: 0, max: 10_000 }),
    maturityIntervals: fc.integer({ min: 1, max: 1000 }),
    countdownDays: fc.integer({ min: 0, max: 90 }),
  })
  .map((x) => ({
    deposit: new X(x.depositMilli).div(1000).toString(),
    intervalDays: x.intervalDays,
    bleedBpsPerDay: x.bleedBpsPerDay,
    graceIntervals: x.graceIntervals,
    penaltyMinBps: Math.min(x.pMin, x.pMax),
    penaltyMaxBps: Math.max(x.pMin, x.pMax),
    maturityIntervals: x.maturityIntervals,
    countdownDays: x.countdownDays,
  }));

const deltaArb = fc.integer({ min: 1, max: 9_999 }).map((k) => new X(k).div(10_000));

describe('MLL-ECO economics', () => {
  it('MLL-ECO-001: defaults are the article’s (0.1 ETH, 30 d, 50 bps/d, G = 1, 8000 → 1500 bps, n = 7) and C = 30 d', () => {
    expect(new X(p.deposit).eq('0.1')).toBe(true);
    expect([
      p.intervalDays,
      p.bleedBpsPerDay,
      p.graceIntervals,
      p.penaltyMaxBps,
      p.penaltyMinBps,
      p.maturityIntervals,
      p.countdownDays,
    ]).toEqual([30, 50, 1, 8000, 1500, 7, 30]);
    expect(dailyBleedRate(p).eq('0.005')).toBe(true);
  });

  it('MLL-ECO-001: figures use a 40-digit local Decimal and leave the global configuration alone', () => {
    expect(D.precision).toBe(40);
    expect(Decimal.precision).toBe(20);
    expect(perIntervalBleedRate(p).constructor).toBe(D);
  });

  it('MLL-ECO-001: parameters outside the closed forms’ domain are rejected', () => {
    expect(() => checkParams(p)).not.toThrow();
    const bad: Partial<EconomicsParams>[] = [
      { deposit: 0 },
      { deposit: -1 },
      { intervalDays: 0 },
      { intervalDays: 1.5 },
      { bleedBpsPerDay: 0 },
      { bleedBpsPerDay: 10_000 },
      { bleedBpsPerDay: 2.5 },
      { graceIntervals: -1 },
      { penaltyMinBps: 8001 },
      { penaltyMaxBps: 10_001, penaltyMinBps: 0 },
      { maturityIntervals: 0 },
      { countdownDays: -1 },
    ];
    for (const b of bad) expect(() => checkParams({ ...p, ...b }), JSON.stringify(b)).toThrow(RangeError);
    expect(() => retainedFraction(p, -1)).toThrow(RangeError);
    expect(() => penaltyBps(p, 0.5)).toThrow(RangeError);
    expect(() => defectionSavingPv(p, 1)).toThrow(RangeError);
    expect(() => defectionSavingPv(p, 0)).toThrow(RangeError);
  });

  it('MLL-ECO-002: retained fraction after 30/60/365 days is 0.8604/0.7403/0.1605', () => {
    const got = [30, 60, 365].map((t) => retainedFraction(p, t));
    const want = [30, 60, 365].map((t) => powLoop('0.995', t));
    got.forEach((g, i) => expect(near(g, want[i]!)).toBe(true));
    expect(got.map((g) => g.toNumber())).toEqual([expect.closeTo(0.8604, 4), expect.closeTo(0.7403, 4), expect.closeTo(0.1605, 4)]);
    // the article's 86 / 74 / 16 %
    expect(got.map((g) => Math.round(g.toNumber() * 100))).toEqual([86, 74, 16]);
    expect(retainedFraction(p, 0).eq(1)).toBe(true);
  });

  it('MLL-ECO-002: the retained fraction is strictly decreasing in τ and stays positive', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 0, max: 1_500 }), (r, tau) => {
        const q = { ...p, bleedBpsPerDay: r };
        const a = retainedFraction(q, tau);
        const b = retainedFraction(q, tau + 1);
        return b.lt(a) && b.gt(0);
      }),
    );
  });

  it('MLL-ECO-003: per-interval bleed rate R = 1 − 0.995^30 = 13.96 % (the article’s 13.9 % is truncated)', () => {
    const R = perIntervalBleedRate(p);
    expect(near(R, R_LOOP)).toBe(true);
    expect(R.toNumber()).toBeCloseTo(0.13962, 5);
    expect(R.times(100).toFixed(2)).toBe('13.96');
    expect(R.times(100).toFixed(1)).toBe('14.0'); // not 13.9
    expect(R.toNumber()).toBeCloseTo(0.14, 2); // the article's ≈ 0.14
  });

  it('MLL-ECO-003: R increases with r and with T (r ≤ 1000 bps/day, T ≤ 365 days)', () => {
    // Within the spec's bounds (1 − r)^T ≥ 0.9^366 ≈ 1.9e-17, far above the 40-digit resolution
    // of R = 1 − (1 − r)^T; beyond them R rounds to 1 and strictness is lost to precision, not math.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 365 }), (r1, dr, T) => {
        const r2 = Math.min(1_000, r1 + dr);
        fc.pre(r2 > r1);
        const a = perIntervalBleedRate({ ...p, bleedBpsPerDay: r1, intervalDays: T });
        const b = perIntervalBleedRate({ ...p, bleedBpsPerDay: r2, intervalDays: T });
        const c = perIntervalBleedRate({ ...p, bleedBpsPerDay: r1, intervalDays: T + 1 });
        return a.lt(b) && a.lt(c);
      }),
    );
  });

  it('MLL-ECO-004: integer-bps penalty at m = 0…8 is 8000, 7072, 6143, 5215, 4286, 3358, 2429, 1500, 1500', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((m) => penaltyBps(p, m))).toEqual([8000, 7072, 6143, 5215, 4286, 3358, 2429, 1500, 1500]);
    expect(penaltyBps(p, 1_000_000)).toBe(1500);
    expect(penaltyFraction(p, 1).eq('0.7072')).toBe(true);
  });

  it('MLL-ECO-004: the integer penalty is the exact penalty rounded up, never rises with m, and stays in [P_min, P_max]', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 0, max: 2_000 }), (q, m) => {
        const a = penaltyBps(q, m);
        const b = penaltyBps(q, m + 1);
        // ceil(P_max − Δ·min(m,n)/n) by integer arithmetic, independently
        const n = q.maturityIntervals;
        const num = q.penaltyMaxBps * n - (q.penaltyMaxBps - q.penaltyMinBps) * Math.min(m, n);
        const ceil = Math.floor((num + n - 1) / n);
        return (
          a === ceil && b <= a && a >= q.penaltyMinBps && a <= q.penaltyMaxBps && Number.isInteger(a) && (m < n || a === q.penaltyMinBps)
        );
      }),
    );
  });

  it('MLL-ECO-005: the article’s exact penalty is 7071.43 / 6142.86 / 4285.71 / 1500 bps and matches its table 70.7/61.4/42.9/15.0 %', () => {
    const ms = [1, 2, 4, 7];
    for (const m of ms) {
      // 7 · penalty = 7 · 8000 − 6500 · m exactly
      expect(near(penaltyExactBps(p, m).times(7), new X(56_000 - 6_500 * m), new X('1e-30'))).toBe(true);
    }
    expect(ms.map((m) => penaltyExactBps(p, m).toFixed(2))).toEqual(['7071.43', '6142.86', '4285.71', '1500.00']);
    const table = ['70.7', '61.4', '42.9', '15.0'];
    expect(ms.map((m) => penaltyExactFraction(p, m).times(100).toFixed(1))).toEqual(table);
    expect(ms.map((m) => penaltyFraction(p, m).times(100).toFixed(1))).toEqual(table);
  });

  it('MLL-ECO-005: the integer and exact penalties differ by less than one bps, the integer one never lower', () => {
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 0, max: 2_000 }), (q, m) => {
        const diff = new X(penaltyBps(q, m)).minus(penaltyExactBps(q, m));
        return diff.gte(0) && diff.lt(1);
      }),
    );
  });

  it('MLL-ECO-006: the highest applied penalty is penalty(1) = 7072 bps (70.72 %), P_max = 8000 is unreachable', () => {
    expect(maxAppliedPenaltyBps(p)).toBe(7072);
    expect(maxAppliedPenaltyBps(p)).toBeLessThan(p.penaltyMaxBps);
    for (let m = 1; m <= 50; m++) expect(penaltyBps(p, m)).toBeLessThanOrEqual(7072);
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 1, max: 2_000 }), (q, m) => {
        const top = maxAppliedPenaltyBps(q);
        const reachable = q.penaltyMaxBps - q.penaltyMinBps >= q.maturityIntervals;
        return penaltyBps(q, m) <= top && (!reachable || top < q.penaltyMaxBps);
      }),
    );
  });

  it('MLL-ECO-007: exit keeps (1 − r)^b · (1 − penalty(m)); the waiver drops the penalty factor', () => {
    const b = 10;
    expect(near(exitKeepFraction(p, 7, b), powLoop('0.995', b).times('0.85'))).toBe(true);
    expect(near(exitKeepFraction(p, 2, b), powLoop('0.995', b).times('0.3857'))).toBe(true);
    expect(near(exitKeepFraction(p, 7, b, { waived: true }), powLoop('0.995', b))).toBe(true);
    expect(exitKeepFraction(p, 1, 0, { waived: true }).eq(1)).toBe(true);
    expect(exitKeepFraction(p, 1, 0, { waived: false }).eq('0.2928')).toBe(true);
  });

  it('MLL-ECO-008: cold-start exit keeps 29.28 % (article ~29 %); table m = 1…7 keeps 0.2928 … 0.85', () => {
    expect(coldStartExitKeep(p).eq('0.2928')).toBe(true);
    expect(Math.round(coldStartExitKeep(p).toNumber() * 100)).toBe(29);
    const rows = coldStartTable(p);
    expect(rows.map((r) => r.m)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.map((r) => r.keep.toFixed(4))).toEqual(['0.2928', '0.3857', '0.4785', '0.5714', '0.6642', '0.7571', '0.8500']);
    for (const r of rows) {
      expect(r.keep.plus(new X(r.penaltyBps).div(10_000)).eq(1)).toBe(true);
      expect(new X(r.penaltyBps).minus(r.penaltyExactBps).abs().lt(1)).toBe(true);
    }
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.keep.gt(rows[i - 1]!.keep)).toBe(true);
  });

  it('MLL-ECO-009: breakeven share d/R = 0.7163 ETH (article ≈ 0.71, which is below breakeven)', () => {
    const s = breakevenShare(p);
    expect(near(s, new X('0.1').div(R_LOOP), new X('1e-34'))).toBe(true);
    expect(s.toNumber()).toBeCloseTo(0.7163, 4);
    expect(s.toDecimalPlaces(2).toString()).toBe('0.72');
    expect(R_LOOP.times('0.71').lt('0.1')).toBe(true);
    expect(R_LOOP.times('0.7163').gt('0.1')).toBe(true);
  });

  it('MLL-ECO-010: self-funding (m·d·R > d) first at the 8th deposit, day 210 — the article’s “7–8 months”', () => {
    const sf = selfFunding(p);
    expect(sf.deposits).toBe(8);
    expect(sf.intervalIndex).toBe(7);
    expect(sf.days).toBe(210);
    expect(sf.share.eq('0.8')).toBe(true);
    expect(R_LOOP.times('0.7').lte('0.1')).toBe(true);
    expect(R_LOOP.times('0.8').gt('0.1')).toBe(true);
    const months = sf.days / 30;
    expect(months).toBeGreaterThanOrEqual(7);
    expect(months).toBeLessThanOrEqual(8);
    // the penalty reaches P_min one deposit earlier than self-funding
    expect(penaltyBps(p, 7)).toBe(1500);
    expect(sf.deposits).toBe(p.maturityIntervals + 1);
  });

  it('MLL-ECO-010: m* is the least m with m·R > 1 (strictly: R·s = d is not yet self-funding)', () => {
    // T = 1 day makes R = r exactly: R = 0.1 gives 10·d·R = d, so m* = 11; R = 0.5 gives m* = 3
    expect(selfFunding({ ...p, intervalDays: 1, bleedBpsPerDay: 1000 }).deposits).toBe(11);
    expect(selfFunding({ ...p, intervalDays: 1, bleedBpsPerDay: 5000 }).deposits).toBe(3);
    expect(selfFunding({ ...p, intervalDays: 1, bleedBpsPerDay: 3000 }).deposits).toBe(4);
    fc.assert(
      fc.property(paramsArb, (q) => {
        const R = new X(1).minus(powLoop(new X(1).minus(new X(q.bleedBpsPerDay).div(10_000)), q.intervalDays));
        const { deposits: m, days } = selfFunding(q);
        return R.times(m).gt(1) && R.times(m - 1).lte(1) && days === (m - 1) * q.intervalDays;
      }),
      { numRuns: 50 },
    );
  });

  it('MLL-ECO-011: the article’s δ* = d/(d + R·s) is 0.4173 at s = 1 ETH (0.6460 grace-adjusted) and solves d = δRs/(1 − δ)', () => {
    const s = new X(1);
    const dA = deltaStarArticle(p, s);
    expect(near(dA, new X('0.1').div(new X('0.1').plus(R_LOOP)), new X('1e-34'))).toBe(true);
    expect(dA.toNumber()).toBeCloseTo(0.4173, 4);
    // the article's indifference condition holds with equality at δ*
    const lhs = new X('0.1');
    const rhs = new X(dA).times(R_LOOP).times(s).div(new X(1).minus(dA));
    expect(near(lhs, rhs, new X('1e-30'))).toBe(true);
    const g = deltaStarArticleGrace(p, s);
    expect(g.toNumber()).toBeCloseTo(0.646, 4);
    expect(near(new X(g).pow(2), dA, new X('1e-35'))).toBe(true);
  });

  it('MLL-ECO-012: δ_MLL = (d/(R·s))^(1/(G+1)) is 0.8463 at s = 1 ETH (0.7163 with G = 0) and equates saving and punishment', () => {
    const s = new X(1);
    const t1 = deterrenceThreshold(p, s);
    const t0 = deterrenceThreshold({ ...p, graceIntervals: 0 }, s);
    expect(t0.toNumber()).toBeCloseTo(0.7163, 4);
    expect(t1.toNumber()).toBeCloseTo(0.8463, 4);
    expect(near(t0, new X('0.1').div(R_LOOP), new X('1e-34'))).toBe(true);
    expect(near(new X(t1).pow(2), t0, new X('1e-35'))).toBe(true);
    // at the threshold, δ^(G+1)·R·s/(1 − δ) = d/(1 − δ)
    expect(near(punishmentPv(p, s, t1).constant, defectionSavingPv(p, t1), new X('1e-30'))).toBe(true);
    expect(defectionUnprofitable(p, s, '0.85')).toBe(true);
    expect(defectionUnprofitable(p, s, '0.84')).toBe(false);
    // at 2 ETH: 0.3581 (G = 0) / 0.5984 (G = 1)
    expect(deterrenceThreshold({ ...p, graceIntervals: 0 }, 2).toNumber()).toBeCloseTo(0.3581, 4);
    expect(deterrenceThreshold(p, 2).toNumber()).toBeCloseTo(0.5984, 4);
  });

  it('MLL-ECO-012: no δ < 1 deters while s ≤ d/R — e.g. at maturity, s = 0.7 ETH — and the article’s δ* is always lower', () => {
    expect(deterrenceThreshold(p, '0.7').gt(1)).toBe(true);
    expect(defectionUnprofitable(p, '0.7', '0.999999')).toBe(false);
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 1, max: 100_000 }), (q, sMilli) => {
        const s = new X(sMilli).div(1000);
        const above = deterrenceThreshold(q, s).gte(1);
        const small = s.lte(breakevenShare(q));
        return (
          above === small &&
          deltaStarArticle(q, s).lt(deterrenceThreshold({ ...q, graceIntervals: 0 }, s)) &&
          deltaStarArticle(q, s).lt(deterrenceThreshold(q, s))
        );
      }),
      { numRuns: 200 },
    );
  });

  it('MLL-ECO-012: the least deterring share is d/(R·δ^(G+1)) = 0.7936 ETH at δ = 0.95, above d/R', () => {
    const sMin = minDeterringShare(p, '0.95');
    expect(sMin.toNumber()).toBeCloseTo(0.7936, 4);
    expect(near(sMin, new X('0.1').div(R_LOOP.times('0.9025')), new X('1e-34'))).toBe(true);
    expect(sMin.gt(breakevenShare(p))).toBe(true);
    expect(defectionUnprofitable(p, sMin.times('1.000001'), '0.95')).toBe(true);
    expect(defectionUnprofitable(p, sMin.times('0.999999'), '0.95')).toBe(false);
  });

  it('MLL-ECO-013: the constant-punishment approximation overstates the exact geometric bleed stream', () => {
    // exact stream, summed term by term: Σ_j δ^(G+1+j) · R · s · (1 − R)^j
    const delta = new X('0.9');
    let sum = new X(0);
    let term = delta.times(delta).times(R_LOOP); // δ^(G+1) · R · s · (1 − R)^j at j = 0, s = 1, G = 1
    for (let j = 0; j < 2_000; j++) {
      sum = sum.plus(term);
      term = term.times(delta).times(new X(1).minus(R_LOOP));
    }
    const pv = punishmentPv(p, 1, delta);
    expect(near(pv.geometric, sum, new X('1e-30'))).toBe(true);
    expect(pv.geometric.lt(pv.constant)).toBe(true);
    // deterred under the approximation, not under the exact stream: δ = 0.99, s = 1 ETH
    const pv99 = punishmentPv(p, 1, '0.99');
    const save99 = defectionSavingPv(p, '0.99');
    expect(defectionUnprofitable(p, 1, '0.99')).toBe(true);
    expect(pv99.constant.gte(save99)).toBe(true);
    expect(pv99.geometric.lt(save99)).toBe(true);
    fc.assert(
      fc.property(paramsArb, deltaArb, fc.integer({ min: 1, max: 100_000 }), (q, dlt, sMilli) => {
        const s = new X(sMilli).div(1000);
        const v = punishmentPv(q, s, dlt);
        return v.geometric.lt(v.constant) && v.geometric.lte(s);
      }),
      { numRuns: 200 },
    );
  });

  it('MLL-ECO-014: paying G intervals late is worth d·(1 − δ^G)/(1 − δ) ≤ G·d (exactly d at G = 1); the deployed allowance is 4.975 ETH at δ = 0.99', () => {
    for (const dl of ['0.5', '0.9', '0.99']) expect(graceLagSavingPv(p, dl).eq('0.1')).toBe(true);
    // independent: truncated series Σ_i d·δ^i·(1 − δ^G), G = 3, δ = 0.9
    const q = { ...p, graceIntervals: 3 };
    let series = new X(0);
    for (let i = 0; i < 3_000; i++)
      series = series.plus(new X('0.1').times(new X('0.9').pow(i)).times(new X(1).minus(new X('0.9').pow(3))));
    expect(near(graceLagSavingPv(q, '0.9'), series, new X('1e-30'))).toBe(true);
    expect(graceLagSavingPv({ ...p, graceIntervals: 0 }, '0.9').eq(0)).toBe(true);
    const allowance = standingAllowanceSavingPv(p, '0.99');
    expect(allowance.toNumber()).toBeCloseTo(4.9749, 4);
    expect(near(allowance, new X('0.1').times(new X(100).minus(new X(1).div('0.0199'))), new X('1e-30'))).toBe(true);
    fc.assert(
      fc.property(paramsArb, deltaArb, (qq, dlt) => {
        const gd = new X(qq.deposit).times(qq.graceIntervals);
        // bounded by G·d at every δ; the deployed allowance exceeds that bound once δ is near 1
        return graceLagSavingPv(qq, dlt).lte(gd.plus(TINY)) && (qq.graceIntervals === 0 || standingAllowanceSavingPv(qq, '0.999').gt(gd));
      }),
      { numRuns: 200 },
    );
  });

  it('MLL-ECO-015: the article’s k* = ⌈ln 0.85 / ln 0.995⌉ = 33 days (32.42 exact)', () => {
    const k = kStarArticle(p);
    expect(k.days).toBe(33);
    expect(k.exact.toNumber()).toBeCloseTo(Math.log(0.85) / Math.log(0.995), 10);
    expect(k.exact.toFixed(2)).toBe('32.42');
    expect(powLoop('0.995', 32).gt('0.85')).toBe(true);
    expect(powLoop('0.995', 33).lt('0.85')).toBe(true);
  });

  it('MLL-ECO-020: a mature defaulter exiting after 33 days of bleed and paying nothing keeps 0.995^63 · 0.85 = 61.98 %, not 85 %', () => {
    const keep = defaulterExitKeep(p, 33);
    expect(near(keep, powLoop('0.995', 63).times('0.85'))).toBe(true);
    expect(keep.toNumber()).toBeCloseTo(0.6198, 4);
    expect(keep.lt('0.85')).toBe(true);
    const now = defaulterExitKeep(p, 0);
    expect(near(now, powLoop('0.995', 30).times('0.85'))).toBe(true);
    expect(now.toNumber()).toBeCloseTo(0.7313, 4);
    // m < n: frozen penalty of the initiation count applies
    expect(near(defaulterExitKeep(p, 5, 2), powLoop('0.995', 35).times('0.3857'))).toBe(true);
    expect(near(cureThenExit(p, 1, 33, 0).net, keep)).toBe(true);
    fc.assert(
      fc.property(
        paramsArb,
        fc.integer({ min: 0, max: 1_000 }),
        (q, k) =>
          // strictly falling while anything is kept; a 100 % penalty keeps 0 at every k
          (defaulterExitKeep(q, k + 1).lt(defaulterExitKeep(q, k)) ||
            (defaulterExitKeep(q, k).isZero() && defaulterExitKeep(q, k + 1).isZero())) &&
          defaulterExitKeep(q, k).lte(retainedFraction(q, q.countdownDays).times(new X(1).minus(new X(q.penaltyMinBps).div(10_000)))),
      ),
      { numRuns: 100 },
    );
  });

  it('MLL-ECO-021: cure then exit at s = 1 ETH — k = 0: j = 0/1/2 net 0.7313/0.835/0.82; k = 33: j = 0/2/3 net 0.6198/0.6771/0.6754', () => {
    const net = (k: number, j: number): Decimal => cureThenExit(p, 1, k, j).net;
    expect(net(0, 1).eq('0.835')).toBe(true);
    expect(cureThenExit(p, 1, 0, 1).credited.eq('0.935')).toBe(true);
    expect(net(0, 2).eq('0.82')).toBe(true);
    expect(cureThenExit(p, 1, 0, 2).credited.eq('1.02')).toBe(true);
    expect(near(net(33, 2), powLoop('0.995', 33).plus('0.2').times(powLoop('0.995', 3)).times('0.85').minus('0.2'))).toBe(true);
    expect(net(33, 2).toFixed(4)).toBe('0.6771');
    expect(near(net(33, 3), powLoop('0.995', 33).plus('0.3').times('0.85').minus('0.3'))).toBe(true);
    expect(net(33, 3).toFixed(4)).toBe('0.6754');
    expect([0, 1, 2, 3].map((j) => countdownBleedDays(p, 33, j))).toEqual([30, 30, 3, 0]);
    expect(bestExit(p, 1, 0).intervalsPaid).toBe(1);
    expect(bestExit(p, 1, 33).intervalsPaid).toBe(2);
    // with C ≤ T and k = 0 the best exit pays one interval and nets s − P_min·(s + d)
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 200 }), (q0, sMilli, k) => {
        const q = { ...q0, countdownDays: Math.min(q0.countdownDays, q0.intervalDays) };
        const s = new X(sMilli).div(1000);
        const best = bestExit(q, s, k);
        const pMin = new X(q.penaltyMinBps).div(10_000);
        const oneInterval = s.minus(pMin.times(s.plus(q.deposit)));
        // best is at least every j, strictly falls in k, never beats the cheapest escape
        const top = Math.ceil((k + q.countdownDays) / q.intervalDays);
        const everyJ = Array.from({ length: top + 4 }, (_, j) => cureThenExit(q, s, k, j).net).every((n) =>
          n.lte(best.net.plus(new X('1e-30'))),
        );
        const falls = bestExit(q, s, k + 1).net.lt(best.net) || pMin.eq(1);
        const belowEscape = best.net.lte(s.times(new X(1).minus(pMin)));
        const atZero = k > 0 || !bestExit(q, s, 0).net.lt(oneInterval.minus(TINY));
        return everyJ && falls && belowEscape && atZero;
      }),
      { numRuns: 150 },
    );
  });

  it('MLL-ECO-022: the stay-or-exit horizon depends on d/s — 37.52 → 38 d at 0.7 ETH, 35.97 → 36 at 1, 34.19 → 35 at 2 — and tends to k* = 32.42 as d/s → 0', () => {
    const h = (s: string) => stayOrExitHorizon(p, s);
    expect([h('0.7'), h('1'), h('2')].map((x) => `${x.exact.toFixed(2)} → ${x.days}`)).toEqual(['37.52 → 38', '35.97 → 36', '34.19 → 35']);
    expect(near(h('1').exact, new X(Math.log(0.835)).div(Math.log(0.995)), new X('1e-12'))).toBe(true);
    expect(h('1000000').exact.minus(kStarArticle(p).exact).abs().lt('0.001')).toBe(true);
    // at the horizon, staying holds exactly the best exit's net
    const x = h('1').exact;
    expect(near(new X('0.995').pow(x), bestExit(p, 1, 0).net, new X('1e-30'))).toBe(true);
    // below s = P_min·d / ((1 − P_min)·(1 − (1 − r)^C)) = 0.1264 ETH the cure does not pay: the horizon is the no-cure one
    const sCure = new X('0.015').div(new X('0.85').times(new X(1).minus(powLoop('0.995', 30))));
    expect(sCure.toFixed(4)).toBe('0.1264');
    expect(bestExit(p, sCure.times('0.999'), 0).intervalsPaid).toBe(0);
    expect(bestExit(p, sCure.times('1.001'), 0).intervalsPaid).toBe(1);
    expect(h('0.1').exact.toFixed(2)).toBe('62.42');
    // the horizon that ignores the cure: 62.42 → 63 days
    expect(noCureHorizon(p).exact.toFixed(2)).toBe('62.42');
    expect(noCureHorizon(p).days).toBe(63);
    fc.assert(
      fc.property(fc.integer({ min: 130, max: 100_000 }), fc.integer({ min: 1, max: 1_000 }), (sMilli, extra) => {
        const s1 = new X(sMilli).div(1000);
        const s2 = s1.plus(new X(extra).div(1000));
        return (
          stayOrExitHorizon(p, s2).exact.lt(stayOrExitHorizon(p, s1).exact) && stayOrExitHorizon(p, s2).exact.gt(kStarArticle(p).exact)
        );
      }),
      { numRuns: 100 },
    );
  });

  it('MLL-ECO-023: in the credit-limit form g/(g + v): standing arrear g = d, v = R·s → 0.4173 (the article’s δ*); permanent g = d, v = R·s − d, lag G + 1 → 0.8463', () => {
    const sa = creditFormDeterrence(p, 1, 'standing-arrear');
    expect(sa.gain.eq('0.1') && near(sa.loss, R_LOOP)).toBe(true);
    expect(near(sa.threshold, deltaStarArticle(p, 1))).toBe(true);
    expect(sa.threshold.toFixed(4)).toBe('0.4173');
    const pd = creditFormDeterrence(p, 1, 'permanent');
    expect(near(pd.loss, R_LOOP.minus('0.1'))).toBe(true);
    expect(pd.lag).toBe(2);
    expect(near(pd.threshold, new X('0.1').div(R_LOOP), new X('1e-34'))).toBe(true);
    expect(near(pd.delta, deterrenceThreshold(p, 1), new X('1e-34'))).toBe(true);
    expect(pd.delta.toFixed(4)).toBe('0.8463');
    // the literature's equivalence: δ ≥ g/(g + v) iff g ≤ δ·v/(1 − δ)
    for (const dl of ['0.41', '0.42']) {
      const x = new X(dl);
      expect(x.gte(sa.threshold)).toBe(sa.gain.lte(x.times(sa.loss).div(new X(1).minus(x))));
    }
    // below the breakeven share no δ deters permanent defection
    expect(creditFormDeterrence(p, '0.7', 'permanent').threshold.gt(1)).toBe(true);
    // exact decay: steady share d/R = 0.7163 (the breakeven share), threshold 0.4239 at s = 1; at s = s* both forms give 1/2
    const sStar = standingArrearSteadyShare(p);
    expect(sStar.toFixed(4)).toBe('0.7163');
    expect(sStar.eq(breakevenShare(p))).toBe(true);
    let sum = new X(0);
    let share = new X(1);
    for (let i = 1; i <= 3_000; i++) {
      sum = sum.plus(new X('0.9').pow(i).times(R_LOOP).times(share));
      share = share.times(new X(1).minus(R_LOOP)).plus('0.1');
    }
    expect(near(standingArrearBleedPv(p, 1, '0.9'), sum, new X('1e-25'))).toBe(true);
    const exact = standingArrearThreshold(p, 1);
    expect(exact.toFixed(4)).toBe('0.4239');
    expect(near(standingArrearBleedPv(p, 1, exact), new X('0.1'), new X('1e-25'))).toBe(true);
    const atStar = new X('0.5');
    expect(near(standingArrearThreshold(p, sStar), atStar, new X('1e-25'))).toBe(true);
    expect(near(creditFormDeterrence(p, sStar, 'standing-arrear').threshold, atStar, new X('1e-30'))).toBe(true);
    // grows without bound as δ → 1
    expect(standingArrearBleedPv(p, 1, '0.999999').gt(1000)).toBe(true);
  });

  it('MLL-ECO-018: the cheapest escape — initiate ≥ C days before default — keeps a flat 1 − P_min = 85 %', () => {
    expect(earlyExitKeep(p, 30).eq('0.85')).toBe(true);
    expect(earlyExitKeep(p, 60).eq('0.85')).toBe(true);
    expect(near(earlyExitKeep(p, 10), powLoop('0.995', 20).times('0.85'))).toBe(true);
    expect(earlyExitKeep(p, 0).eq(defaulterExitKeep(p, 0))).toBe(true);
    // feasible at defaults: an on-time deposit leaves (G + 1)·T = 60 ≥ C days before default
    expect((p.graceIntervals + 1) * p.intervalDays).toBeGreaterThanOrEqual(p.countdownDays);
    fc.assert(
      fc.property(paramsArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), (q, lead, k) => {
        const flat = new X(1).minus(new X(q.penaltyMinBps).div(10_000));
        return (
          earlyExitKeep(q, lead + 1).gte(earlyExitKeep(q, lead)) &&
          earlyExitKeep(q, lead).lte(flat) &&
          (lead < q.countdownDays || earlyExitKeep(q, lead).eq(flat)) &&
          earlyExitKeep(q, lead).gte(defaulterExitKeep(q, k))
        );
      }),
      { numRuns: 100 },
    );
  });

  it('MLL-ECO-019: the claims table lists the article’s figures next to the exact ones', () => {
    const rows = articleClaims();
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const r of rows) {
      expect(r.clause).toMatch(/^MLL-ECO-0(0[2-9]|1[0-8]|2[0-3])$/);
      for (const f of [r.claim, r.article, r.exact, r.verdict]) expect(f.length).toBeGreaterThan(0);
    }
    const byClause = (c: string): string =>
      rows
        .filter((r) => r.clause === c)
        .map((r) => `${r.article} | ${r.exact} | ${r.verdict}`)
        .join('\n');
    expect(byClause('MLL-ECO-005')).toContain('7072 / 6143 / 4286 / 1500');
    expect(byClause('MLL-ECO-005')).toContain('70.7 / 61.4 / 42.9 / 15.0 %');
    expect(byClause('MLL-ECO-003')).toContain(`${R_LOOP.times(100).toFixed(2)} %`);
    expect(byClause('MLL-ECO-002')).toContain('86.04 / 74.03 / 16.05 %');
    expect(byClause('MLL-ECO-009')).toContain(`${new X('0.1').div(R_LOOP).toPrecision(4)} ETH`);
    expect(byClause('MLL-ECO-010')).toContain('day 210');
    expect(byClause('MLL-ECO-012')).toContain('0.8463');
    expect(byClause('MLL-ECO-006')).toContain('70.72 %');
    expect(byClause('MLL-ECO-008')).toContain('29.28 %');
    expect(byClause('MLL-ECO-015')).toContain('32.42 → 33 days');
    expect(byClause('MLL-ECO-021')).toContain(`${powLoop('0.995', 63).times('0.85').times(100).toFixed(2)} % paying nothing`);
    expect(byClause('MLL-ECO-021')).toContain('67.71 % net, paying 2 intervals');
    expect(byClause('MLL-ECO-021')).toContain('83.50 % net, paying 1');
    expect(byClause('MLL-ECO-022')).toContain('35.97 → 36 days at s = 1 ETH');
    expect(byClause('MLL-ECO-023')).toContain('0.4173');
    expect(byClause('MLL-ECO-023')).toContain('0.8463');
    expect(byClause('MLL-ECO-018')).toContain('85.00 %');
  });
});
