/**
 * `mll econ`: the closed-form economics of reference/economics.ts (decimal.js, 40 digits) for the
 * parameters given — the exit penalty by counted intervals, the share a defaulter retains by days
 * of one-sided default, the exit horizons and the breakeven share — as a table or as JSON.
 * @internal
 * @module
 */
import { Command } from 'commander';
import type { Decimal } from 'decimal.js';
import type { EconomicsParams } from '../reference/economics.js';
import {
  DEFAULT_PARAMS,
  breakevenShare,
  checkParams,
  kStarArticle,
  noCureHorizon,
  penaltyBps,
  penaltyExactBps,
  perIntervalBleedRate,
  retainedFraction,
} from '../reference/economics.js';
import { parseWith } from './check.js';

/** `mll econ`'s grammar. */
export function econCommand(): Command {
  const d = DEFAULT_PARAMS;
  return new Command('mll econ')
    .description('the closed-form economics (decimal.js, 40 digits) for the parameters given')
    .option('--d <ether>', 'deposit per interval, in ether', String(d.deposit))
    .option('--T <days>', 'interval, whole days', String(d.intervalDays))
    .option('--r <bps>', 'bleed rate, bps per day', String(d.bleedBpsPerDay))
    .option('--G <intervals>', 'grace, intervals', String(d.graceIntervals))
    .option('--pmax <bps>', 'exit penalty at 0 counted intervals', String(d.penaltyMaxBps))
    .option('--pmin <bps>', 'exit penalty from n counted intervals on', String(d.penaltyMinBps))
    .option('--n <intervals>', 'counted intervals to maturity', String(d.maturityIntervals))
    .option('--C <days>', 'unilateral-exit countdown, whole days', String(d.countdownDays))
    .option('--days <list>', 'days of one-sided default to tabulate', '1,7,30,60,90,180,365')
    .option('--json', 'JSON instead of a table')
    .helpOption('-h, --help', 'this help')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .allowExcessArguments(false);
}

const integer = (flag: string, text: string): number => {
  if (!/^-?\d+$/.test(text)) throw new RangeError(`--${flag} must be an integer, got '${text}'`);
  return Number(text);
};

/** The figures for `argv`; a RangeError names the first bad argument. */
export function economics(argv: readonly string[]): 'help' | Record<string, unknown> {
  const v = parseWith(econCommand(), argv) as 'help' | Record<string, string | boolean>;
  if (v === 'help') return 'help';
  const deposit = String(v.d);
  if (!/^\d+(\.\d+)?$/.test(deposit)) throw new RangeError(`--d must be a positive decimal (ether), got '${deposit}'`);
  const p: EconomicsParams = {
    deposit,
    intervalDays: integer('T', String(v.T)),
    bleedBpsPerDay: integer('r', String(v.r)),
    graceIntervals: integer('G', String(v.G)),
    penaltyMaxBps: integer('pmax', String(v.pmax)),
    penaltyMinBps: integer('pmin', String(v.pmin)),
    maturityIntervals: integer('n', String(v.n)),
    countdownDays: integer('C', String(v.C)),
  };
  try {
    checkParams(p);
  } catch (error) {
    const names: Record<string, string> = {
      deposit: 'd',
      intervalDays: 'T',
      bleedBpsPerDay: 'r',
      graceIntervals: 'G',
      penaltyMinBps: 'pmin',
      penaltyMaxBps: 'pmax',
      maturityIntervals: 'n',
      countdownDays: 'C',
    };
    throw new RangeError(
      (error as Error).message.replace(/^(\w+)/, (name) => (names[name] === undefined ? name : `--${names[name]}`)),
      { cause: error },
    );
  }
  const days = String(v.days)
    .split(',')
    .map((t) => integer('days', t.trim()));
  if (days.some((t) => t < 0)) throw new RangeError(`--days must be non-negative integers, got '${String(v.days)}'`);
  const s = (x: Decimal): string => x.toSignificantDigits(12).toString();
  const horizon = (h: { exact: Decimal; days: number }) => ({ exact: s(h.exact), days: h.days });
  return {
    params: p,
    perIntervalBleed: s(perIntervalBleedRate(p)),
    penalty: Array.from({ length: p.maturityIntervals + 1 }, (_, m) => ({
      counted: m,
      bps: penaltyBps(p, m),
      exactBps: s(penaltyExactBps(p, m)),
    })),
    retained: days.map((t) => ({ days: t, share: s(retainedFraction(p, t)) })),
    horizons: { article: horizon(kStarArticle(p)), withCountdown: horizon(noCureHorizon(p)) },
    breakevenShare: s(breakevenShare(p)),
  };
}

/** The figures as a table. */
export function econTable(f: Record<string, unknown>): string {
  const figures = f as unknown as {
    params: EconomicsParams;
    perIntervalBleed: string;
    penalty: { counted: number; bps: number; exactBps: string }[];
    retained: { days: number; share: string }[];
    horizons: { article: { exact: string; days: number }; withCountdown: { exact: string; days: number } };
    breakevenShare: string;
  };
  const p = figures.params;
  return [
    `d=${String(p.deposit)} ether  T=${p.intervalDays} days  r=${p.bleedBpsPerDay} bps/day  G=${p.graceIntervals}  penalty ${p.penaltyMaxBps}→${p.penaltyMinBps} bps over n=${p.maturityIntervals}  C=${p.countdownDays} days`,
    '',
    'exit penalty by counted intervals',
    `${'counted'.padEnd(9)}${'bps'.padEnd(7)}exact bps`,
    ...figures.penalty.map((r) => `${String(r.counted).padEnd(9)}${String(r.bps).padEnd(7)}${r.exactBps}`),
    '',
    'share a defaulter retains after days of one-sided default',
    `${'days'.padEnd(9)}retained`,
    ...figures.retained.map((r) => `${String(r.days).padEnd(9)}${r.share}`),
    '',
    `bleed over one interval: ${figures.perIntervalBleed}`,
    `exit horizon, the article's k*: ${figures.horizons.article.exact} → ${figures.horizons.article.days} days; with the countdown: ${figures.horizons.withCountdown.exact} → ${figures.horizons.withCountdown.days} days`,
    `breakeven share: ${figures.breakevenShare}`,
  ].join('\n');
}
