/**
 * `npm run charts`: the figures of docs/charts.md, computed from reference/economics.ts and from
 * runs of the reference lock, written as SVG beside the page. `--check` writes nothing and fails
 * when a committed figure or the page differs from what the code computes now (npm test runs it).
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PARTY_A, PARTY_B } from '../properties/actors.js';
import type { LockState } from '../reference/index.js';
import { DAY, articleDefaults, deploy, execute, getLockStatus } from '../reference/index.js';
import {
  DEFAULT_PARAMS,
  bestExit,
  defaulterExitKeep,
  kStarArticle,
  noCureHorizon,
  penaltyBps,
  retainedFraction,
  stayOrExitHorizon,
} from '../reference/economics.js';
import type { Chart } from './svg-chart.js';
import { lineChart } from './svg-chart.js';

const p = DEFAULT_PARAMS;
const range = (n: number): number[] => Array.from({ length: n + 1 }, (_, i) => i);
const percent = (y: number): string => `${Math.round(y * 100)} %`;
const four = (x: { toNumber(): number }): string => x.toNumber().toFixed(4);

/** MLL-ECO-002: what a bleeding party keeps after τ whole days. */
function retainedChart(): Chart {
  const marks = [30, 60, 365].map((d) => ({
    x: d,
    y: retainedFraction(p, d).toNumber(),
    label: `${d} d: ${four(retainedFraction(p, d))}`,
  }));
  return {
    title: 'Retained fraction of a bleeding share, r = 50 bps/day',
    xLabel: 'whole days of one-sided default',
    yLabel: 'share retained',
    x: [0, 365],
    y: [0, 1],
    xTicks: [0, 30, 60, 90, 180, 270, 365],
    yTicks: [0, 0.25, 0.5, 0.75, 1],
    yFormat: percent,
    series: [{ label: '(1 − r)^τ', colour: '#c0392b', points: range(365).map((d) => [d, retainedFraction(p, d).toNumber()] as const) }],
    marks,
  };
}

/** MLL-PEN-001 / MLL-ECO-004: the exit penalty against counted intervals m. */
function penaltyChart(): Chart {
  const ms = range(10);
  return {
    title: 'Unilateral exit penalty against counted intervals (P_max 80 %, P_min 15 %, n = 7)',
    xLabel: 'counted intervals m (paid and reached)',
    yLabel: 'penalty',
    x: [0, 10],
    y: [0, 1],
    xTicks: ms,
    yTicks: [0, 0.15, 0.25, 0.5, 0.8, 1],
    yFormat: percent,
    series: [
      {
        label: 'penalty(m), rounded up to a bps',
        colour: '#2c3e50',
        steps: true,
        points: ms.map((m) => [m, penaltyBps(p, m) / 10_000] as const),
      },
    ],
    marks: [1, 2, 4, 7].map((m) => ({ x: m, y: penaltyBps(p, m) / 10_000, label: `${(penaltyBps(p, m) / 100).toFixed(2)} %` })),
  };
}

/** MLL-ECO-015, MLL-ECO-020 … MLL-ECO-022: a mature defaulter with 1 ether at its default start: stay, exit while bleeding, or cure then exit. */
function defaulterChart(): Chart {
  const ks = range(120);
  const article = kStarArticle(p);
  const horizon = stayOrExitHorizon(p, 1);
  const noCure = noCureHorizon(p);
  const cureNow = bestExit(p, 1, 0).net.toNumber();
  return {
    title: 'A mature defaulter (1 ether at its default start): stay, exit, or cure then exit',
    xLabel: 'days of one-sided default so far',
    yLabel: 'ether it holds or leaves with, net',
    x: [0, 120],
    y: [0, 1],
    xTicks: [0, 30, 60, 90, 120],
    yTicks: [0, 0.25, 0.5, 0.75, 0.85, 1],
    yFormat: percent,
    legend: 'bottom-left',
    series: [
      { label: 'stay: (1 − r)^k', colour: '#c0392b', points: ks.map((k) => [k, retainedFraction(p, k).toNumber()] as const) },
      {
        label: "article's exit: 1 − P_min",
        colour: '#7f8c8d',
        dashed: true,
        points: [
          [0, 0.85],
          [120, 0.85],
        ],
      },
      {
        label: 'exit while bleeding, paying nothing',
        colour: '#e67e22',
        points: ks.map((k) => [k, defaulterExitKeep(p, k).toNumber()] as const),
      },
      {
        label: 'cure then exit, net of what it pays',
        colour: '#27ae60',
        points: ks.map((k) => [k, bestExit(p, 1, k).net.toNumber()] as const),
      },
      {
        label: 'best exit at the default start',
        colour: '#27ae60',
        dashed: true,
        points: [
          [0, cureNow],
          [120, cureNow],
        ],
      },
    ],
    marks: [
      { x: article.days, y: 0.85, label: `article k* = ${article.days} d` },
      { x: horizon.days, y: retainedFraction(p, horizon.days).toNumber(), label: `with the cure: ${horizon.days} d`, below: true },
      { x: noCure.days, y: retainedFraction(p, noCure.days).toNumber(), label: `without it: ${noCure.days} d` },
    ],
  };
}

/**
 * MLL-DEF-001 / MLL-BLD-001: the reference lock at the article's defaults; both activate with d,
 * A pays every due date, B never again. B's share starts falling the second its default starts
 * (t0 + (paid + G)·T = day 60), with no backward cliff.
 */
function lockRun(): { chart: Chart; defaultDay: number } {
  const params = articleDefaults(PARTY_A, PARTY_B);
  const t0 = 1_700_000_000n;
  const ok = (o: ReturnType<typeof deploy>): LockState => {
    if (!o.ok) throw new Error(`reference run reverted: ${o.revert.name}`);
    return o.state;
  };
  let state = ok(deploy(params, t0));
  state = ok(execute(state, 'activate', { from: PARTY_A, value: params.depositAmount, now: t0 }));
  state = ok(execute(state, 'activate', { from: PARTY_B, value: params.depositAmount, now: t0 }));
  const ether = (wei: bigint) => Number(wei) / 1e18;
  const a: [number, number][] = [];
  const b: [number, number][] = [];
  for (let day = 0; day <= 240; day++) {
    const now = t0 + BigInt(day) * DAY;
    if (day > 0 && (BigInt(day) * DAY) % params.depositInterval === 0n) {
      state = ok(execute(state, 'deposit', { from: PARTY_A, value: params.depositAmount, now }));
    }
    const status = getLockStatus(state, now);
    a.push([day, ether(status.A.share)]);
    b.push([day, ether(status.B.share)]);
  }
  const defaultDay = Number((getLockStatus(state, t0).B.defaultStartsAt - t0) / DAY);
  const chart: Chart = {
    title: 'The reference lock: A pays every 30 days, B stops after activation',
    xLabel: 'days since activation',
    yLabel: 'share (ether)',
    x: [0, 240],
    y: [0, 1.25],
    xTicks: [0, 30, 60, 90, 120, 150, 180, 210, 240],
    yTicks: [0, 0.1, 0.25, 0.5, 0.75, 1, 1.25],
    series: [
      { label: "A's share", colour: '#2980b9', points: a },
      { label: "B's share", colour: '#c0392b', points: b },
    ],
    marks: [{ x: defaultDay, y: 0.1, label: `B in default from day ${defaultDay}` }],
  };
  return { chart, defaultDay };
}

function page(defaultDay: number): string {
  const article = kStarArticle(p);
  const horizon = stayOrExitHorizon(p, 1);
  return `# Charts

Generated by \`npm run charts\` from [reference/economics.ts](../reference/economics.ts) and runs of the
reference lock; \`npm test\` fails when a figure here differs from what the code computes. Defaults
throughout: d = 0.1 ether, T = 30 days, r = 50 bps/day, G = 1, P_max 80 %, P_min 15 %, n = 7,
countdown C = 30 days.

## Bleeding (MLL-ECO-002)

![retained fraction](charts/retained.svg)

A party in one-sided default keeps (1 − r)^τ of its share after τ whole days: ${four(retainedFraction(p, 30))} after
30 days, ${four(retainedFraction(p, 60))} after 60, ${four(retainedFraction(p, 365))} after a year — the article's 86 / 74 / 16 %.

## The exit penalty (MLL-PEN-001, MLL-ECO-004)

![penalty](charts/penalty.svg)

The penalty a unilateral exit freezes falls linearly from P_max at m = 0 to P_min at m = n counted
intervals, rounded up to a whole bps: ${[1, 2, 4, 7].map((m) => `${(penaltyBps(p, m) / 100).toFixed(2)} %`).join(' / ')} at m = 1 / 2 / 4 / 7.
Activation pays at least one interval, so 80 % is never charged (MLL-ECO-006).

## Stay or exit (MLL-ECO-015, MLL-ECO-020 … MLL-ECO-022)

![stay or exit](charts/defaulter.svg)

A mature party holds 1 ether when its default starts. The article compares staying in default,
(1 − r)^k, with a flat 1 − P_min = 85 % and finds k* = ${article.days} days. An exit that pays nothing
bleeds through the ${p.countdownDays}-day countdown and keeps (1 − r)^(k + C) · (1 − P_min): ${four(defaulterExitKeep(p, 0))} if begun at once.
A defaulter can do better: pay the intervals that move its default past the countdown's end (the
cure), then exit. Net of what it pays, that leaves it ${four(bestExit(p, 1, 0).net)} at once (paying ${bestExit(p, 1, 0).intervalsPaid} interval) and
${four(bestExit(p, 1, 33).net)} after 33 days (paying ${bestExit(p, 1, 33).intervalsPaid}). Staying holds less than the best exit at the default start
after ${horizon.exact.toFixed(2)} → ${horizon.days} days, not the ${noCureHorizon(p).days} days of an exit without the cure; the horizon
depends on d/s and tends to k* for large shares. Every figure here is also a run of the lock
(test/economics-lock.test.ts).

## The lock, run (MLL-DEF-001, MLL-BLD-001)

![lock run](charts/lock-run.svg)

The reference lock itself: both parties activate with d; A pays on every due date, B never again.
B has one unpaid interval from day 30 (within grace) and falls into default at day ${defaultDay},
the due date of its (paid + G)-th interval; its share bleeds from that second on, to A, with no
cliff charged backwards (the deployed contract's D2) and nothing forgiven later (D1).
`;
}

const dir = new URL('./', import.meta.url);
const run = lockRun();
const outputs: Record<string, string> = {
  'charts/retained.svg': lineChart(retainedChart()),
  'charts/penalty.svg': lineChart(penaltyChart()),
  'charts/defaulter.svg': lineChart(defaulterChart()),
  'charts/lock-run.svg': lineChart(run.chart),
  'charts.md': page(run.defaultDay),
};

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const [name, text] of Object.entries(outputs)) {
  const path = fileURLToPath(new URL(name, dir));
  if (!check) writeFileSync(path, text);
  else {
    let committed: string | null;
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      committed = null;
    }
    if (committed !== text) stale.push(`docs/${name}`);
  }
}
if (stale.length > 0) {
  console.error(`stale figures (run npm run charts and commit): ${stale.join(', ')}`);
  process.exitCode = 1;
} else
  console.log(
    check
      ? 'charts: up to date'
      : `charts: wrote ${Object.keys(outputs)
          .map((n) => `docs/${n}`)
          .join(', ')}`,
  );
