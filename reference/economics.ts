/**
 * Closed-form economics of the Mutual Liquidity Lock (MLL-ECO, spec/economics.md).
 *
 * Every figure the design article quotes — the per-interval bleed rate R, the retained fractions,
 * the penalty table, the cooperation threshold δ*, the exit horizon k*, the breakeven share — is
 * computed here exactly (decimal.js, 40 significant digits), next to the figure our spec derives
 * where the article's model is inconsistent. The functions are pure: no state, no clock, no I/O.
 *
 * Units: amounts in ether (any unit works; results come back in the unit of `deposit`), rates in
 * basis points, time in whole days or whole intervals. Fractions are Decimals in [0, 1].
 *
 * @public
 * @module
 */
import { Decimal } from 'decimal.js';

/**
 * The Decimal constructor used by this module: 40 significant digits, the global configuration
 * left untouched (MLL-ECO-001).
 */
export const D = Decimal.clone({ precision: 40 });

const ONE = new D(1);
const BPS = 10_000;

/**
 * The lock's economic parameters (MLL-ECO-001).
 * @public
 */
export interface EconomicsParams {
  /** d: deposit owed per interval by each party (ether). */
  readonly deposit: Decimal.Value;
  /** T: interval length in whole days. */
  readonly intervalDays: number;
  /** r: bleed rate in basis points of the defaulter's share per whole day of default. */
  readonly bleedBpsPerDay: number;
  /** G: reached intervals a party may leave unpaid before it is in default. */
  readonly graceIntervals: number;
  /** P_max: exit penalty in bps at zero counted intervals. */
  readonly penaltyMaxBps: number;
  /** P_min: exit penalty in bps from n counted intervals on. */
  readonly penaltyMinBps: number;
  /** n: counted intervals at which the penalty reaches P_min. */
  readonly maturityIntervals: number;
  /** C: unilateral-exit countdown in whole days. */
  readonly countdownDays: number;
}

/**
 * The article's defaults: d = 0.1 ether, T = 30 days, r = 50 bps/day, G = 1, P_max = 8000 bps,
 * P_min = 1500 bps, n = 7, and the spec's countdown C = 30 days (MLL-ECO-001).
 * @public
 */
export const DEFAULT_PARAMS: EconomicsParams = Object.freeze({
  deposit: '0.1',
  intervalDays: 30,
  bleedBpsPerDay: 50,
  graceIntervals: 1,
  penaltyMaxBps: 8000,
  penaltyMinBps: 1500,
  maturityIntervals: 7,
  countdownDays: 30,
});

function isNonNegInt(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function requireNonNegInt(name: string, x: number): void {
  if (!isNonNegInt(x)) throw new RangeError(`${name} must be a non-negative integer, got ${x}`);
}

function requireDiscount(delta: Decimal.Value): Decimal {
  const x = new D(delta);
  if (!(x.gt(0) && x.lt(1))) throw new RangeError(`discount factor must lie in (0, 1), got ${x.toString()}`);
  return x;
}

function requirePositive(name: string, v: Decimal.Value): Decimal {
  const x = new D(v);
  if (!x.isFinite() || !x.gt(0)) throw new RangeError(`${name} must be positive, got ${x.toString()}`);
  return x;
}

/**
 * Checks that the parameters lie in the domain of the closed forms (MLL-ECO-001): d > 0;
 * T a positive whole number of days; 0 < r < 10000; G, C ≥ 0 and n ≥ 1 integers;
 * 0 ≤ P_min ≤ P_max ≤ 10000.
 * @throws RangeError naming the first parameter out of its domain.
 * @public
 */
export function checkParams(p: EconomicsParams): void {
  requirePositive('deposit', p.deposit);
  if (!isNonNegInt(p.intervalDays) || p.intervalDays < 1) {
    throw new RangeError(`intervalDays must be a positive integer, got ${p.intervalDays}`);
  }
  if (!Number.isSafeInteger(p.bleedBpsPerDay) || p.bleedBpsPerDay <= 0 || p.bleedBpsPerDay >= BPS) {
    throw new RangeError(`bleedBpsPerDay must be an integer in (0, 10000), got ${p.bleedBpsPerDay}`);
  }
  requireNonNegInt('graceIntervals', p.graceIntervals);
  requireNonNegInt('penaltyMinBps', p.penaltyMinBps);
  requireNonNegInt('penaltyMaxBps', p.penaltyMaxBps);
  if (p.penaltyMinBps > p.penaltyMaxBps || p.penaltyMaxBps > BPS) {
    throw new RangeError(`need 0 <= penaltyMinBps <= penaltyMaxBps <= 10000`);
  }
  if (!isNonNegInt(p.maturityIntervals) || p.maturityIntervals < 1) {
    throw new RangeError(`maturityIntervals must be a positive integer, got ${p.maturityIntervals}`);
  }
  requireNonNegInt('countdownDays', p.countdownDays);
}

function dep(p: EconomicsParams): Decimal {
  checkParams(p);
  return new D(p.deposit);
}

/**
 * The daily bleed rate r as a fraction, r_bps / 10000 (MLL-ECO-002).
 * @public
 */
export function dailyBleedRate(p: EconomicsParams): Decimal {
  checkParams(p);
  return new D(p.bleedBpsPerDay).div(BPS);
}

/**
 * Fraction of its share a defaulter retains after τ whole days of one-sided default:
 * (1 − r)^τ (MLL-ECO-002). At defaults: 0.8604 / 0.7403 / 0.1605 after 30 / 60 / 365 days.
 * @public
 */
export function retainedFraction(p: EconomicsParams, days: number): Decimal {
  requireNonNegInt('days', days);
  return ONE.minus(dailyBleedRate(p)).pow(days);
}

/**
 * Per-interval bleed rate R = 1 − (1 − r)^T, T in whole days (MLL-ECO-003): the fraction of its
 * share a defaulter loses over one full interval of one-sided default. At defaults 0.13962.
 * @public
 */
export function perIntervalBleedRate(p: EconomicsParams): Decimal {
  return ONE.minus(retainedFraction(p, p.intervalDays));
}

/**
 * The spec's exit penalty in whole bps, m = intervals paid and reached by the schedule
 * (MLL-ECO-004): P_max − ⌊(P_max − P_min) · min(m, n) / n⌋. Integer arithmetic throughout; the
 * floor on the reduction rounds the penalty up. At defaults m = 1, 2, 4, 7 → 7072, 6143, 4286, 1500.
 * @public
 */
export function penaltyBps(p: EconomicsParams, m: number): number {
  checkParams(p);
  requireNonNegInt('m', m);
  const n = BigInt(p.maturityIntervals);
  const mm = BigInt(m) < n ? BigInt(m) : n;
  const reduction = (BigInt(p.penaltyMaxBps - p.penaltyMinBps) * mm) / n;
  return p.penaltyMaxBps - Number(reduction);
}

/**
 * The spec's exit penalty as a fraction of the share, penaltyBps(m) / 10000 (MLL-ECO-004).
 * @public
 */
export function penaltyFraction(p: EconomicsParams, m: number): Decimal {
  return new D(penaltyBps(p, m)).div(BPS);
}

/**
 * The article's exact penalty in (fractional) bps, P_max − (P_max − P_min) · min(S/s_target, 1)
 * with S/s_target = m/n (MLL-ECO-005). At defaults m = 1 → 7071.43, 2 → 6142.86, 4 → 4285.71.
 */
export function penaltyExactBps(p: EconomicsParams, m: number): Decimal {
  checkParams(p);
  requireNonNegInt('m', m);
  const ratio = D.min(new D(m).div(p.maturityIntervals), ONE);
  return new D(p.penaltyMaxBps).minus(new D(p.penaltyMaxBps - p.penaltyMinBps).times(ratio));
}

/**
 * The article's exact penalty as a fraction of the share (MLL-ECO-005): 0.7071 at m = 1.
 * @public
 */
export function penaltyExactFraction(p: EconomicsParams, m: number): Decimal {
  return penaltyExactBps(p, m).div(BPS);
}

/**
 * The highest penalty any exit can be charged (MLL-ECO-006): penaltyBps(1), because activation
 * pays interval 0 so every active party has m ≥ 1. P_max itself (m = 0) is never applied.
 * At defaults 7072 bps = 70.72 %, not 80 %.
 * @public
 */
export function maxAppliedPenaltyBps(p: EconomicsParams): number {
  return penaltyBps(p, 1);
}

/**
 * Options of {@link exitKeepFraction}.
 * @public
 */
export interface ExitKeepOptions {
  /** The penalty is waived: the exiter is compliant and the counterparty in default (MLL-ECO-007). */
  readonly waived?: boolean;
}

/**
 * Fraction of its share an exiter keeps from a unilateral exit (MLL-ECO-007):
 * (1 − r)^b · (1 − penalty(m)), where m is the count frozen at initiation and b the whole days of
 * one-sided default of the exiter up to execution; the factor (1 − penalty) is 1 when waived.
 * The fraction is of the exiter's share when its bleeding started (or of its share, if b = 0).
 * @public
 */
export function exitKeepFraction(p: EconomicsParams, m: number, bleedDays: number, options: ExitKeepOptions = {}): Decimal {
  const afterPenalty = options.waived === true ? ONE : ONE.minus(penaltyFraction(p, m));
  return retainedFraction(p, bleedDays).times(afterPenalty);
}

/**
 * Fraction of its share a party keeps by exiting at cold start, m = 1 with no bleed
 * (MLL-ECO-008): 1 − penalty(1) = 0.2928 at defaults (0.2929 by the article's exact formula).
 * @public
 */
export function coldStartExitKeep(p: EconomicsParams): Decimal {
  return exitKeepFraction(p, 1, 0);
}

/**
 * A row of {@link coldStartTable}.
 * @public
 */
export interface ColdStartRow {
  /** Counted intervals m (paid and reached). */
  readonly m: number;
  /** Spec penalty, integer bps. */
  readonly penaltyBps: number;
  /** Article's exact penalty, fractional bps. */
  readonly penaltyExactBps: Decimal;
  /** Fraction of the share kept on a penalty-bearing exit without bleed, 1 − penaltyBps / 10000. */
  readonly keep: Decimal;
}

/**
 * Exit payoff without bleed for m = 1 … n (MLL-ECO-008): 0.2928, 0.3857, …, 0.8500 at defaults.
 * @public
 */
export function coldStartTable(p: EconomicsParams): ColdStartRow[] {
  checkParams(p);
  const rows: ColdStartRow[] = [];
  for (let m = 1; m <= p.maturityIntervals; m++) {
    rows.push({ m, penaltyBps: penaltyBps(p, m), penaltyExactBps: penaltyExactBps(p, m), keep: exitKeepFraction(p, m, 0) });
  }
  return rows;
}

/**
 * Breakeven share d / R (MLL-ECO-009): the defaulter's share above which a compliant party's bleed
 * income per interval, R · s, exceeds its deposit d. At defaults 0.7163 ether.
 * @public
 */
export function breakevenShare(p: EconomicsParams): Decimal {
  return dep(p).div(perIntervalBleedRate(p));
}

/**
 * Result of {@link selfFunding}.
 * @public
 */
export interface SelfFunding {
  /** m*: the smallest number of deposits m with m · d · R > d. */
  readonly deposits: number;
  /** The schedule index of the m*-th deposit, m* − 1 (interval 0 is paid at activation). */
  readonly intervalIndex: number;
  /** Days from activation to the due date of the m*-th deposit, (m* − 1) · T. */
  readonly days: number;
  /** The share then held, m* · d. */
  readonly share: Decimal;
}

/**
 * Time to self-funding at the true cadence T (MLL-ECO-010): with share s = m · d (own deposits only,
 * one per interval, interval 0 at activation), the smallest m with m · d · R > d, i.e.
 * m* = ⌊1/R⌋ + 1. At defaults m* = 8, reached at day 210 (7 intervals after activation).
 * @public
 */
export function selfFunding(p: EconomicsParams): SelfFunding {
  const d = dep(p);
  const R = perIntervalBleedRate(p);
  const m = ONE.div(R).floor().plus(1).toNumber();
  return { deposits: m, intervalIndex: m - 1, days: (m - 1) * p.intervalDays, share: d.times(m) };
}

/**
 * The article's cooperation threshold as stated (MLL-ECO-011): δ* = d / (d + R · s).
 * It solves d ≤ δ · R · s / (1 − δ): one saved deposit against a perpetual bleed stream.
 * At defaults and s = 1 ether: 0.4173.
 * @public
 */
export function deltaStarArticle(p: EconomicsParams, share: Decimal.Value): Decimal {
  const d = dep(p);
  const s = requirePositive('share', share);
  return d.div(d.plus(perIntervalBleedRate(p).times(s)));
}

/**
 * The article's grace-adjusted threshold as stated (MLL-ECO-011): [d / (d + R · s)]^(1/(G+1)).
 * At defaults (G = 1) and s = 1 ether: 0.6460.
 * @public
 */
export function deltaStarArticleGrace(p: EconomicsParams, share: Decimal.Value): Decimal {
  return deltaStarArticle(p, share).pow(ONE.div(p.graceIntervals + 1));
}

/**
 * Present value, at the first missed due date, of the deposits a permanent defector saves:
 * d + δd + δ²d + … = d / (1 − δ) (MLL-ECO-012).
 * @public
 */
export function defectionSavingPv(p: EconomicsParams, delta: Decimal.Value): Decimal {
  const x = requireDiscount(delta);
  return dep(p).div(ONE.minus(x));
}

/**
 * Result of {@link punishmentPv}.
 * @public
 */
export interface PunishmentPv {
  /** Constant-punishment approximation: R · s every interval, δ^(G+1) · R · s / (1 − δ). */
  readonly constant: Decimal;
  /** Exact geometric bleed R · s · (1 − R)^j in the j-th interval: δ^(G+1) · R · s / (1 − δ(1 − R)). */
  readonly geometric: Decimal;
}

/**
 * Present value, at the first missed due date, of the bleed a permanent defector with share s
 * suffers; bleeding starts G intervals later and each interval's bleed is counted at its end
 * (MLL-ECO-012, MLL-ECO-013).
 * @public
 */
export function punishmentPv(p: EconomicsParams, share: Decimal.Value, delta: Decimal.Value): PunishmentPv {
  const x = requireDiscount(delta);
  const s = requirePositive('share', share);
  const R = perIntervalBleedRate(p);
  const first = x
    .pow(p.graceIntervals + 1)
    .times(R)
    .times(s);
  return { constant: first.div(ONE.minus(x)), geometric: first.div(ONE.minus(x.times(ONE.minus(R)))) };
}

/**
 * Whether permanent defection from share s is unprofitable in the spec's model (MLL-ECO-012):
 * δ^(G+1) · R · s / (1 − δ) ≥ d / (1 − δ), i.e. δ^(G+1) · R · s ≥ d.
 * @public
 */
export function defectionUnprofitable(p: EconomicsParams, share: Decimal.Value, delta: Decimal.Value): boolean {
  const x = requireDiscount(delta);
  const s = requirePositive('share', share);
  return x
    .pow(p.graceIntervals + 1)
    .times(perIntervalBleedRate(p))
    .times(s)
    .gte(dep(p));
}

/**
 * The spec's cooperation threshold (MLL-ECO-012): permanent defection is unprofitable iff
 * δ ≥ δ_MLL = (d / (R · s))^(1/(G+1)). A value ≥ 1 means no discount factor below 1 deters,
 * which happens exactly when s ≤ d/R. At defaults and s = 1 ether: 0.8463 (0.7163 with G = 0).
 * @public
 */
export function deterrenceThreshold(p: EconomicsParams, share: Decimal.Value): Decimal {
  const s = requirePositive('share', share);
  return dep(p)
    .div(perIntervalBleedRate(p).times(s))
    .pow(ONE.div(p.graceIntervals + 1));
}

/**
 * The least share at which permanent defection is unprofitable for discount factor δ
 * (MLL-ECO-012): s_min(δ) = d / (R · δ^(G+1)) > d/R. At defaults and δ = 0.95: 0.7936 ether.
 * @public
 */
export function minDeterringShare(p: EconomicsParams, delta: Decimal.Value): Decimal {
  const x = requireDiscount(delta);
  return dep(p).div(perIntervalBleedRate(p).times(x.pow(p.graceIntervals + 1)));
}

/**
 * The most a party can gain from grace under per-interval accounting without ever defaulting
 * (MLL-ECO-014): paying every deposit G intervals late, worth d · (1 − δ^G) / (1 − δ) =
 * d · (1 + δ + … + δ^(G−1)) ≤ G · d, a one-off float. Exactly d at G = 1.
 * @public
 */
export function graceLagSavingPv(p: EconomicsParams, delta: Decimal.Value): Decimal {
  const x = requireDiscount(delta);
  return dep(p)
    .times(ONE.minus(x.pow(p.graceIntervals)))
    .div(ONE.minus(x));
}

/**
 * For comparison, the deployed contract's standing allowance (original defect D3): paying once
 * every G + 1 intervals never bleeds, worth d · [1/(1 − δ) − 1/(1 − δ^(G+1))], unbounded as δ → 1
 * (MLL-ECO-014). At defaults and δ = 0.99: 4.975 ether.
 * @public
 */
export function standingAllowanceSavingPv(p: EconomicsParams, delta: Decimal.Value): Decimal {
  const x = requireDiscount(delta);
  const d = dep(p);
  return d.div(ONE.minus(x)).minus(d.div(ONE.minus(x.pow(p.graceIntervals + 1))));
}

/**
 * A horizon in days: the exact real root and the whole days the article rounds it up to.
 * @public
 */
export interface DayHorizon {
  readonly exact: Decimal;
  readonly days: number;
}

/**
 * The article's exit horizon (MLL-ECO-015): k* = ⌈ln(1 − P_min) / ln(1 − r)⌉, the first whole day
 * on which cumulative bleed 1 − (1 − r)^k exceeds the mature exit penalty P_min.
 * At defaults 32.42 → 33 days.
 * @public
 */
export function kStarArticle(p: EconomicsParams): DayHorizon {
  const exact = ONE.minus(new D(p.penaltyMinBps).div(BPS))
    .ln()
    .div(ONE.minus(dailyBleedRate(p)).ln());
  return { exact, days: exact.ceil().toNumber() };
}

/**
 * Exit while bleeding (MLL-ECO-020): what a defaulter keeps, as a fraction of its share at the
 * start of its default, if after k whole days of default it initiates a unilateral exit and pays
 * nothing more: bleeding continues through the countdown, so (1 − r)^(k + C) · (1 − penalty(m)),
 * m ≥ n by default. At defaults: 0.7313 at k = 0, 0.6198 at k = 33.
 * @public
 */
export function defaulterExitKeep(p: EconomicsParams, k: number, m: number = p.maturityIntervals): Decimal {
  requireNonNegInt('k', k);
  return exitKeepFraction(p, m, k + p.countdownDays);
}

/**
 * Whole days of bleed a defaulter carries through its countdown if, after k whole days of
 * default, it pays j intervals and initiates in the same second (MLL-ECO-021): its default
 * restarts j·T after it began, so it bleeds min(C, max(0, k + C − j·T)) days before execution
 * (at the countdown's end, or within the day after it: a part-day is dropped, MLL-BLD-003).
 */
export function countdownBleedDays(p: EconomicsParams, k: number, j: number): number {
  checkParams(p);
  requireNonNegInt('k', k);
  requireNonNegInt('j', j);
  return Math.min(p.countdownDays, Math.max(0, k + p.countdownDays - j * p.intervalDays));
}

/** Result of {@link cureThenExit}: amounts in the unit of the share. */
export interface CureThenExit {
  /** j: intervals paid after k days of default, just before initiating. */
  readonly intervalsPaid: number;
  /** Whole days of bleed during the countdown, {@link countdownBleedDays}. */
  readonly countdownBleedDays: number;
  /** What the exit credits the defaulter. */
  readonly credited: Decimal;
  /** What it paid after its default began, j · d. */
  readonly paid: Decimal;
  /** credited − paid: what it leaves with, net of the cure. */
  readonly net: Decimal;
}

/**
 * Cure then exit (MLL-ECO-021): a defaulter with share s at the start of its default, its rate
 * frozen at penalty(m) (m ≥ n by default: P_min), pays j intervals after k whole days of default
 * and initiates its exit in the same second. It is credited
 * (1 − penalty) · (s · (1 − r)^k + j · d) · (1 − r)^b, b = {@link countdownBleedDays}, having paid
 * j · d more. j = 0 is the exit while bleeding (MLL-ECO-020).
 */
export function cureThenExit(
  p: EconomicsParams,
  share: Decimal.Value,
  k: number,
  j: number,
  m: number = p.maturityIntervals,
): CureThenExit {
  const s = requirePositive('share', share);
  const b = countdownBleedDays(p, k, j);
  const paid = dep(p).times(j);
  const atInitiation = s.times(retainedFraction(p, k)).plus(paid);
  const credited = atInitiation.times(retainedFraction(p, b)).times(ONE.minus(penaltyFraction(p, m)));
  return { intervalsPaid: j, countdownBleedDays: b, credited, paid, net: credited.minus(paid) };
}

/**
 * The best exit open to a defaulter after k whole days of default (MLL-ECO-021): the j that
 * maximises {@link cureThenExit}'s net, searched over 0 … ⌈(k + C)/T⌉ (more intervals only add
 * penalty: each costs penalty · d and saves no bleed). Ties go to the smaller j. At defaults and
 * s = 1 ether: j = 1, net 0.835 at k = 0; j = 2, net 0.6771 at k = 33.
 */
export function bestExit(p: EconomicsParams, share: Decimal.Value, k: number, m: number = p.maturityIntervals): CureThenExit {
  const top = Math.ceil((k + p.countdownDays) / p.intervalDays);
  let best = cureThenExit(p, share, k, 0, m);
  for (let j = 1; j <= top; j++) {
    const next = cureThenExit(p, share, k, j, m);
    if (next.net.gt(best.net)) best = next;
  }
  return best;
}

/**
 * Stay or exit (MLL-ECO-022): the whole days τ of one-sided default after which what a
 * defaulter still holds, s · (1 − r)^τ, falls below what the best exit open at the start of its
 * default would have left it, {@link bestExit}(k = 0).net; τ = ⌈ln(net/s) / ln(1 − r)⌉. It depends
 * on d/s: with C ≤ T the best exit pays one interval and nets s − P_min · (s + d), so τ tends to
 * the article's k* as d/s → 0. At defaults, s = 1 ether: 35.97 → 36 days.
 */
export function stayOrExitHorizon(p: EconomicsParams, share: Decimal.Value, m: number = p.maturityIntervals): DayHorizon {
  const s = requirePositive('share', share);
  const ratio = bestExit(p, s, 0, m).net.div(s);
  const exact = ratio.ln().div(ONE.minus(dailyBleedRate(p)).ln());
  return { exact, days: exact.ceil().toNumber() };
}

/**
 * The horizon without the cure (MLL-ECO-022, for comparison; the figure this spec gave before issue 8):
 * staying falls below the exit while bleeding initiated at once, (1 − r)^C · (1 − P_min), after
 * C + ln(1 − P_min) / ln(1 − r) days. At defaults 62.42 → 63 days.
 * @public
 */
export function noCureHorizon(p: EconomicsParams): DayHorizon {
  const exact = kStarArticle(p).exact.plus(p.countdownDays);
  return { exact, days: exact.ceil().toNumber() };
}

/** A deviation in the credit-limit form δ_eff ≥ g / (g + v) (MLL-ECO-023). */
export interface CreditFormDeviation {
  /** g: the one-shot gain, counted when the deviation starts. */
  readonly gain: Decimal;
  /** v: the loss in every interval once the punishment runs. */
  readonly loss: Decimal;
  /** Intervals from the deviation to the first interval of loss: δ_eff = δ^lag. */
  readonly lag: number;
  /** g / (g + v): the least δ_eff that deters; ≥ 1 means none below 1 does. */
  readonly threshold: Decimal;
  /** The least per-interval δ that deters: threshold^(1/lag). */
  readonly delta: Decimal;
}

/**
 * MLL's deterrence in the form of the credit-limit literature, δ_eff ≥ g / (g + v), for the two
 * deviations the lock punishes by bleeding, a compliant counterparty and the constant-punishment
 * approximation of MLL-ECO-012 (MLL-ECO-023):
 * - `standing-arrear`: pay every later interval, but one interval later than grace allows (the
 *   party lives in default and each deposit settles its bleed): g = d, the one deposit held back
 *   for good; v = R · s, the bleed of each interval; lag 1. Threshold d / (d + R · s), the
 *   article's δ*.
 * - `permanent`: never pay again: g = d, v = R · s − d (the bleed, less the deposit it goes on
 *   withholding), lag G + 1. Threshold d / (R · s) = δ_MLL^(G+1) of MLL-ECO-012.
 */
export function creditFormDeterrence(
  p: EconomicsParams,
  share: Decimal.Value,
  deviation: 'standing-arrear' | 'permanent',
): CreditFormDeviation {
  const s = requirePositive('share', share);
  const d = dep(p);
  const Rs = perIntervalBleedRate(p).times(s);
  const loss = deviation === 'standing-arrear' ? Rs : Rs.minus(d);
  const lag = deviation === 'standing-arrear' ? 1 : p.graceIntervals + 1;
  const threshold = loss.lte(0) ? new D(Infinity) : d.div(d.plus(loss));
  const delta = threshold.isFinite() ? threshold.pow(ONE.div(lag)) : threshold;
  return { gain: d, loss, lag, threshold, delta };
}

/**
 * The standing arrear under exact decay (MLL-ECO-023): the bleed of the defector's i-th interval
 * (i = 1, 2, …) is R · s_(i−1), its share following s_i = (1 − R) · s_(i−1) + d from s_0 = s, so
 * s_i = s* + (s − s*)(1 − R)^i with s* = d / R, the breakeven share, where each interval's bleed
 * is d. Present value at the deviation:
 * R · s* · δ / (1 − δ) + R · (s − s*) · δ / (1 − δ (1 − R)). Unlike permanent defection's
 * (MLL-ECO-013) it grows without bound as δ → 1: the defector keeps feeding the bleed.
 */
export function standingArrearBleedPv(p: EconomicsParams, share: Decimal.Value, delta: Decimal.Value): Decimal {
  const x = requireDiscount(delta);
  const s = requirePositive('share', share);
  const R = perIntervalBleedRate(p);
  const sStar = dep(p).div(R);
  return R.times(sStar)
    .times(x)
    .div(ONE.minus(x))
    .plus(
      R.times(s.minus(sStar))
        .times(x)
        .div(ONE.minus(x.times(ONE.minus(R)))),
    );
}

/**
 * The least δ that deters a standing arrear under exact decay (MLL-ECO-023): the root of
 * {@link standingArrearBleedPv}(δ) = d in (0, 1), by bisection to 10⁻³⁰ (the present value rises
 * with δ from 0 without bound, so the root exists and is unique). At defaults, s = 1 ether: 0.4239.
 */
export function standingArrearThreshold(p: EconomicsParams, share: Decimal.Value): Decimal {
  const d = dep(p);
  let lo = new D(0);
  let hi = new D(1);
  while (hi.minus(lo).gt('1e-30')) {
    const mid = lo.plus(hi).div(2);
    if (standingArrearBleedPv(p, share, mid).lt(d)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The standing arrear's steady share s* = d / R (MLL-ECO-023), the breakeven share of MLL-ECO-009:
 * there each interval's bleed is the deposit paid in. 0.7163 ether at defaults.
 */
export function standingArrearSteadyShare(p: EconomicsParams): Decimal {
  return breakevenShare(p);
}

/**
 * What a party keeps if it initiates a unilateral exit `leadDays` whole days before its default
 * would start and pays nothing more (MLL-ECO-018): (1 − r)^max(0, C − lead) · (1 − penalty(m)).
 * With lead ≥ C this is the flat 1 − penalty(m): 0.85 for a mature party at defaults.
 * @public
 */
export function earlyExitKeep(p: EconomicsParams, leadDays: number, m: number = p.maturityIntervals): Decimal {
  requireNonNegInt('leadDays', leadDays);
  return exitKeepFraction(p, m, Math.max(0, p.countdownDays - leadDays));
}

/**
 * A row of {@link articleClaims}.
 * @public
 */
export interface ClaimRow {
  /** The clause that fixes the exact figure. */
  readonly clause: string;
  /** What the article claims. */
  readonly claim: string;
  /** The article's figure, as printed. */
  readonly article: string;
  /** The exact figure at the article's defaults. */
  readonly exact: string;
  /** right / close / wrong, with the reason. */
  readonly verdict: string;
}

function pct(x: Decimal, places = 2): string {
  return `${x.times(100).toFixed(places)} %`;
}

function sig(x: Decimal, digits = 4): string {
  return x.toPrecision(digits);
}

/**
 * The article's numerical claims next to the exact figures at its defaults (MLL-ECO-019), every
 * exact figure computed by this module. A plain table for the docs.
 * @public
 */
export function articleClaims(): ClaimRow[] {
  const p = DEFAULT_PARAMS;
  const R = perIntervalBleedRate(p);
  const ms = [1, 2, 4, 7];
  const sf = selfFunding(p);
  const kA = kStarArticle(p);
  const one = new D(1);
  const h1 = stayOrExitHorizon(p, one);
  const h07 = stayOrExitHorizon(p, '0.7');
  const kBig = kStarArticle(p).days;
  const sN = new D(p.deposit).times(p.maturityIntervals);
  return [
    {
      clause: 'MLL-ECO-005',
      claim: 'exit penalty after 1 / 2 / 4 / 7 deposits',
      article: '70.7 / 61.4 / 42.9 / 15.0 %',
      exact: `${ms.map((m) => pct(penaltyExactFraction(p, m)).replace(' %', '')).join(' / ')} % (integer bps: ${ms
        .map((m) => penaltyBps(p, m))
        .join(' / ')})`,
      verdict: 'right',
    },
    {
      clause: 'MLL-ECO-003',
      claim: `per-interval bleed rate R = 1 − (1 − r)^${p.intervalDays}`,
      article: '≈ 0.14 (13.9 %)',
      exact: pct(R),
      verdict: 'close: 13.96 %, which rounds to 14.0 %, not 13.9 %',
    },
    {
      clause: 'MLL-ECO-002',
      claim: 'share retained after 30 / 60 / 365 days of bleeding',
      article: '86 / 74 / 16 %',
      exact: `${[30, 60, 365].map((t) => retainedFraction(p, t).times(100).toFixed(2)).join(' / ')} %`,
      verdict: 'right, counted from the start of bleeding',
    },
    {
      clause: 'MLL-ECO-009',
      claim: 'breakeven defaulter share d / R for the compliant party',
      article: '≈ 0.71 ETH',
      exact: `${sig(breakevenShare(p))} ETH`,
      verdict: 'close: ≈ 0.72 (at 0.71 ETH R·s < d)',
    },
    {
      clause: 'MLL-ECO-010',
      claim: 'self-funding (R · s > d) reached',
      article: 'within 7–8 months',
      exact: `deposit ${sf.deposits} (s = ${sf.share.toString()} ETH), day ${sf.days} = ${sf.intervalIndex} intervals after activation`,
      verdict: 'right',
    },
    {
      clause: 'MLL-ECO-010',
      claim: 'penalty reaches P_min at the point where bleeding becomes self-sufficient',
      article: `n = ${p.maturityIntervals} deposits`,
      exact: `P_min at ${p.maturityIntervals} deposits (R·s = ${sig(R.times(sN))} < d); self-funding at ${sf.deposits}`,
      verdict: 'close: one deposit apart',
    },
    {
      clause: 'MLL-ECO-012',
      claim: 'cooperation threshold δ*',
      article: `d / (d + R·s): ${sig(deltaStarArticle(p, one))} at s = 1 ETH`,
      exact: `(d / (R·s))^(1/(G+1)): ${sig(deterrenceThreshold(p, one))} at s = 1 ETH (G = 0: ${sig(
        deterrenceThreshold({ ...p, graceIntervals: 0 }, one),
      )}); ≥ 1 while s ≤ ${sig(breakevenShare(p))} ETH`,
      verdict: 'wrong model: the saved deposit is counted once, the bleed every interval',
    },
    {
      clause: 'MLL-ECO-023',
      claim: 'δ* = d / (d + R·s) deters defection',
      article: `${sig(deltaStarArticle(p, one))} at s = 1 ETH, for permanent defection`,
      exact: `δ ≥ g/(g + v): a standing arrear (g = d, v = R·s) needs ${sig(creditFormDeterrence(p, one, 'standing-arrear').delta)}; permanent defection (g = d, v = R·s − d, lag G + 1) needs ${sig(
        creditFormDeterrence(p, one, 'permanent').delta,
      )}`,
      verdict: 'right formula, wrong deviation: it deters paying one interval later than grace allows, not stopping',
    },
    {
      clause: 'MLL-ECO-014',
      claim: 'grace-adjusted threshold',
      article: `[d / (d + R·s)]^(1/(G+1)): ${sig(deltaStarArticleGrace(p, one))} at s = 1 ETH`,
      exact: 'arrears are owed: lateness within grace is worth at most G·d once, not d per interval',
      verdict: 'superseded: grace only delays the bleed of a permanent defector (MLL-ECO-012)',
    },
    {
      clause: 'MLL-ECO-006',
      claim: 'range of the unilateral exit penalty',
      article: '15 %–80 %',
      exact: `${pct(penaltyFraction(p, p.maturityIntervals))}–${pct(new D(maxAppliedPenaltyBps(p)).div(BPS))}`,
      verdict: 'wrong: P_max is unreachable, every exiter has m ≥ 1',
    },
    {
      clause: 'MLL-ECO-008',
      claim: 'cold-start exit payoff',
      article: '~29 % of share',
      exact: `${pct(coldStartExitKeep(p))} (exact formula ${pct(ONE.minus(penaltyExactFraction(p, 1)))})`,
      verdict: 'right',
    },
    {
      clause: 'MLL-ECO-015',
      claim: 'k*: days of bleed after which a mature defaulter prefers to exit',
      article: '≈ 33 days',
      exact: `${kA.exact.toFixed(2)} → ${kA.days} days`,
      verdict: 'arithmetic right; the comparison ignores the countdown and the cure (MLL-ECO-020 … MLL-ECO-022)',
    },
    {
      clause: 'MLL-ECO-021',
      claim: 'what a mature defaulter (s = 1 ETH at its default start) keeps exiting after k* days of bleed',
      article: '85 % (exit costs P_min)',
      exact: `${pct(defaulterExitKeep(p, kBig))} paying nothing (MLL-ECO-020); ${pct(bestExit(p, one, kBig).net)} net, paying ${
        bestExit(p, one, kBig).intervalsPaid
      } intervals first; at once: ${pct(bestExit(p, one, 0).net)} net, paying ${bestExit(p, one, 0).intervalsPaid}`,
      verdict: 'wrong: the countdown bleeds unless the defaulter cures first, and the cure pays P_min on what it pays in',
    },
    {
      clause: 'MLL-ECO-022',
      claim: 'length of the bleed phase bounded by the exit option',
      article: '≈ 33 days',
      exact: `${h1.exact.toFixed(2)} → ${h1.days} days at s = 1 ETH, ${h07.exact.toFixed(2)} → ${h07.days} at 0.7 ETH; → ${kStarArticle(p).exact.toFixed(2)} as d/s → 0`,
      verdict: 'close: it depends on d/s (and 63 days, ignoring the cure, was wrong)',
    },
    {
      clause: 'MLL-ECO-018',
      claim: 'cheapest escape for a mature party',
      article: 'not stated',
      exact: `${pct(earlyExitKeep(p, p.countdownDays))} kept: initiate ≥ C days before default`,
      verdict: 'missing from the article',
    },
  ];
}
