/**
 * `npm run bench`: speeds, measured, never asserted. Writes bench/results.json; the README quotes
 * it. Each figure is the median of several rounds; run it on an otherwise idle machine.
 *
 * - referenceStepsPerSec: scenario steps (a call plus its observations) on the reference driver.
 * - evmCallsPerSec: deposit and applyBleeding calls on the bundled contract, one core.
 * - evmObservationsPerSec: getLockStatus reads, one core.
 * - diffStepsPerSec: differential steps (both sides, compared, invariants checked), one core.
 *   These three on both engines, `fast` and `stock` (MLL_EVM), their rounds interleaved.
 * - diffStepsPerSecAllCores: the same over one worker thread per core, 40,000 steps, worker start-up
 *   included, on the engine MLL_EVM names (fast by default).
 * - vectorGenerationStepsPerSec: fixture steps generated on the reference alone (P-DIFFERENTIAL's
 *   runs written as mll-vectors/2 JSON, in memory), one core.
 * - foundryReplay: 20,000 fixture steps replayed by forge on the bundled contract, the build cache
 *   removed before each round: steps/s by forge's own test time, and by its whole run with
 *   compilation (solc-js, viaIR) and start-up; and, in the same rounds, the same steps with the
 *   views taken out (`viewsStripped`, test time), which is what the 12 view reads per step cost;
 *   and the same fixtures replayed on the embedded EVM (`embeddedSameFixtures`, fast engine, wall),
 *   the same comparisons on both engines.
 * - foundryCampaign: the peer, a plain forge invariant campaign on the same contract
 *   (bench/MllInvariantCampaign.t.sol, 1024 runs × 50 depth): calls/s the same two ways.
 * - mainJobEngines: the main job's P-DIFFERENTIAL at 100,000 steps, `mll check --engine E` as a user
 *   runs it (a child process, every core, compilation and worker start-up included), for each of
 *   embedded, native and both, their rounds interleaved: wall seconds, and for embedded and native
 *   the steps each engine made per wall second (the two plans differ a little: the embedded run
 *   counts the steps its lanes made, the native one the fixture steps forge replayed).
 * - ratios: the targets of issue 10 — replay ≥ 10× the embedded differential's steps/s (one core,
 *   fast engine), the vectors route (generate, then replay: 1/(1/g + 1/r)) ≥ the campaign's calls/s;
 *   and forge over the embedded EVM on the same fixtures.
 * - gas: gas/snapshot.json's figures.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { bundledArtifact } from '../contracts/compile.js';
import { PARTY_A, PARTY_B, STRANGER } from '../properties/actors.js';
import type { ReportDocument } from '../cli/reports.js';
import type { Engine } from '../properties/drivers/evm.js';
import { EvmDriver, evmDriverFactory } from '../properties/drivers/evm.js';
import { ReferenceDriver } from '../properties/drivers/reference.js';
import { runDifferentialBudget } from '../properties/runners/budget.js';
import { runDifferentialParallel } from '../cli/run/parallel.js';
import { runScenario } from '../properties/run-scenario.js';
import { scenarioArb } from '../properties/scenario.js';
import { runCampaign, replayWithForge } from '../properties/vectors/forge.js';
import type { Fixture } from '../properties/vectors/format.js';
import { differentialFixtures, writeVectors } from '../properties/vectors/generate.js';
import { replayVectors } from '../properties/vectors/replay.js';
import { DAY, articleDefaults } from '../reference/index.js';

const ROUNDS = 3;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function rounds(measure: () => Promise<number>): Promise<number> {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) rates.push(await measure());
  return Math.round(median(rates));
}

/** A figure on both engines, round by round in turn, so the shared host's load falls on both alike. */
async function sideBySide(measure: (engine: Engine) => Promise<number>): Promise<Record<Engine, number>> {
  const rates: Record<Engine, number[]> = { fast: [], stock: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const engine of ['fast', 'stock'] as const) rates[engine].push(await measure(engine));
  }
  return { fast: Math.round(median(rates.fast)), stock: Math.round(median(rates.stock)) };
}

async function referenceStepsPerSec(): Promise<number> {
  const scenarios = fc.sample(scenarioArb({ forcedEther: true }), { numRuns: 400, seed: 1 });
  return rounds(async () => {
    let steps = 0;
    const started = performance.now();
    for (const scenario of scenarios) steps += (await runScenario(new ReferenceDriver(), scenario)).entries.length;
    return steps / ((performance.now() - started) / 1000);
  });
}

const artifact = bundledArtifact();
const params = articleDefaults(PARTY_A, PARTY_B);

/** Deposits by A every interval while B pokes daily: calls per second. */
async function evmCallsPerSec(): Promise<Record<Engine, number>> {
  return sideBySide(async (engine) => {
    const driver = new EvmDriver(artifact, { engine });
    let time = 1_700_000_000n;
    await driver.deploy(params, time);
    await driver.call(PARTY_A, 'activate', params.depositAmount, time);
    await driver.call(PARTY_B, 'activate', params.depositAmount, time);
    const started = performance.now();
    const N = 600;
    for (let i = 0; i < N; i++) {
      time += DAY;
      if (i % 30 === 0) await driver.call(PARTY_A, 'deposit', params.depositAmount, time);
      else await driver.call(STRANGER, 'applyBleeding', 0n, time);
    }
    return N / ((performance.now() - started) / 1000);
  });
}

/** getLockStatus reads per second. */
async function evmObservationsPerSec(): Promise<Record<Engine, number>> {
  return sideBySide(async (engine) => {
    const driver = new EvmDriver(artifact, { engine });
    await driver.deploy(params, 1_700_000_000n);
    const started = performance.now();
    const N = 300;
    for (let i = 0; i < N; i++) await driver.observe(1_700_000_000n + BigInt(i) * DAY);
    return N / ((performance.now() - started) / 1000);
  });
}

async function diffStepsPerSec(): Promise<Record<Engine, number>> {
  return sideBySide(async (engine) => {
    const report = await runDifferentialBudget(evmDriverFactory(artifact, { engine }), { steps: 3_000, seed: 11 });
    return report.steps / (report.milliseconds / 1000);
  });
}

async function diffStepsPerSecAllCores(): Promise<number> {
  return rounds(async () => {
    const started = performance.now();
    const reports = await runDifferentialParallel({ kind: 'contract', file: null }, { steps: 40_000, seed: 11 });
    return reports.reduce((sum, r) => sum + r.steps, 0) / ((performance.now() - started) / 1000);
  });
}

async function vectorGenerationStepsPerSec(): Promise<number> {
  return rounds(async () => {
    let steps = 0;
    const started = performance.now();
    for await (const fixture of differentialFixtures(5_000, 11)) {
      JSON.stringify(fixture);
      steps += fixture.steps.length;
    }
    return steps / ((performance.now() - started) / 1000);
  });
}

const contractFile = fileURLToPath(new URL('../contracts/MutualLiquidityLock.sol', import.meta.url));
const forgeCache = (project: string): string => fileURLToPath(new URL(`../.cache/forge/${project}`, import.meta.url));

/** Per second by forge's test time and by its whole run, medians of the rounds. */
interface ForgeRate {
  readonly testTime: number;
  readonly wallWithCompilation: number;
}

/** The fixtures of `from` in `to` with no views: the replay then makes the calls and compares outcomes, logs and balances only. */
function withoutViews(from: string, to: string): void {
  mkdirSync(to);
  for (const name of readdirSync(from)) {
    const fixture = JSON.parse(readFileSync(join(from, name), 'utf8')) as Fixture;
    const bare = <E extends { views: readonly number[] }>(effects: E): E => ({ ...effects, views: [] });
    writeFileSync(
      join(to, name),
      JSON.stringify({ ...fixture, views: [], viewResults: [], deployment: bare(fixture.deployment), steps: fixture.steps.map(bare) }),
    );
  }
}

async function foundryReplay(): Promise<
  ForgeRate & { readonly steps: number; readonly fixtures: number; readonly viewsStripped: number; readonly embeddedSameFixtures: number }
> {
  const dir = mkdtempSync(join(tmpdir(), 'mll-bench-vectors-'));
  try {
    const full = join(dir, 'full');
    const written = await writeVectors(full, 20_000, 11);
    withoutViews(full, join(dir, 'bare'));
    const test: number[] = [];
    const wall: number[] = [];
    const bare: number[] = [];
    const embedded: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      rmSync(forgeCache('bench-replay'), { recursive: true, force: true });
      const replay = await replayWithForge(full, contractFile, 'bench-replay', dir);
      if (!replay.passed) throw new Error(`forge failed the bundled contract: ${replay.failure}`);
      test.push(written.steps / replay.testSeconds);
      wall.push(written.steps / replay.seconds);
      const stripped = await replayWithForge(join(dir, 'bare'), contractFile, 'bench-replay', dir);
      if (!stripped.passed) throw new Error(`forge failed the bundled contract without views: ${stripped.failure}`);
      bare.push(written.steps / stripped.testSeconds);
      // the same fixtures, the same comparisons and the same skip, on the embedded EVM: the engines at equal work
      const started = performance.now();
      const same = await replayVectors(full, evmDriverFactory(artifact));
      if (same.failures.length > 0 || same.steps !== written.steps) throw new Error(`the embedded replay failed the bundled contract`);
      embedded.push(written.steps / ((performance.now() - started) / 1000));
    }
    return {
      steps: written.steps,
      fixtures: written.fixtures,
      testTime: Math.round(median(test)),
      wallWithCompilation: Math.round(median(wall)),
      viewsStripped: Math.round(median(bare)),
      embeddedSameFixtures: Math.round(median(embedded)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function foundryCampaign(): Promise<
  ForgeRate & { readonly runs: number; readonly depth: number; readonly calls: number; readonly reverts: number }
> {
  const test: number[] = [];
  const wall: number[] = [];
  let last = { calls: 0, reverts: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const campaign = await runCampaign(fileURLToPath(new URL('MllInvariantCampaign.t.sol', import.meta.url)), contractFile, {
      runs: 1024,
      depth: 50,
      project: 'bench-campaign',
      fresh: true,
    });
    if (!campaign.passed) throw new Error('the invariant campaign failed on the bundled contract');
    test.push(campaign.calls / campaign.testSeconds);
    wall.push(campaign.calls / campaign.seconds);
    last = campaign;
  }
  return {
    runs: 1024,
    depth: 50,
    calls: last.calls,
    reverts: last.reverts,
    testTime: Math.round(median(test)),
    wallWithCompilation: Math.round(median(wall)),
  };
}

const mainJobSteps = 100_000;
const mainJobEngineNames = ['embedded', 'native', 'both'] as const;
type MainJobEngine = (typeof mainJobEngineNames)[number];

/**
 * `mll check --engine E --property P-DIFFERENTIAL` at `mainJobSteps`, as a user runs it, each
 * engine in turn per round: wall seconds; for embedded and native, the steps each made (its JSON
 * report's `differential` or `native`) per wall second, and native's parts.
 */
function mainJobEngines() {
  const cli = fileURLToPath(new URL('../bin/mll.mjs', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'mll-bench-main-job-'));
  const wall: Record<MainJobEngine, number[]> = { embedded: [], native: [], both: [] };
  const rate: Record<MainJobEngine, number[]> = { embedded: [], native: [], both: [] };
  const forgeTest: number[] = [];
  const forgeWall: number[] = [];
  const generate: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const engine of mainJobEngineNames) {
        const file = join(dir, `${engine}.json`);
        const args = ['check', '--engine', engine, '--property', 'P-DIFFERENTIAL', '--steps', `${mainJobSteps}`, '--seed', '11'];
        const started = performance.now();
        execFileSync(process.execPath, [cli, ...args, '--quiet', '--report', 'json', '--out', file], { stdio: 'ignore' });
        const seconds = (performance.now() - started) / 1000;
        const report = JSON.parse(readFileSync(file, 'utf8')) as ReportDocument;
        if (report.verdict !== 'pass') throw new Error(`mll check --engine ${engine} failed the bundled contract`);
        wall[engine].push(seconds);
        if (engine === 'embedded') rate.embedded.push(report.differential!.steps / seconds);
        if (engine === 'native') {
          const native = report.native!;
          rate.native.push(native.steps / seconds);
          generate.push(native.generateSeconds);
          forgeTest.push(native.forgeTestSeconds);
          forgeWall.push(native.forgeSeconds);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const tenth = (values: readonly number[]): number => Math.round(median(values) * 10) / 10;
  return {
    steps: mainJobSteps,
    embedded: { wallSeconds: tenth(wall.embedded), stepsPerSec: Math.round(median(rate.embedded)) },
    native: {
      wallSeconds: tenth(wall.native),
      stepsPerSec: Math.round(median(rate.native)),
      generateSeconds: tenth(generate),
      forgeTestSeconds: tenth(forgeTest),
      forgeSeconds: tenth(forgeWall),
    },
    both: { wallSeconds: tenth(wall.both) },
  };
}

const loadBefore = loadavg();
const diff = await diffStepsPerSec();
const generation = await vectorGenerationStepsPerSec();
const replay = await foundryReplay();
const campaign = await foundryCampaign();
const mainJob = mainJobEngines();
/** Generating, then replaying, the same steps: their rates combined as a pipeline run one after the other. */
const route = (replayRate: number): number => Math.round(1 / (1 / generation + 1 / replayRate));
const ratio = (x: number): number => Math.round(x * 100) / 100;

const results = {
  measuredAt: new Date().toISOString(),
  machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), node: process.version },
  rounds: ROUNDS,
  referenceStepsPerSec: await referenceStepsPerSec(),
  evmCallsPerSec: await evmCallsPerSec(),
  evmObservationsPerSec: await evmObservationsPerSec(),
  diffStepsPerSec: diff,
  diffStepsPerSecAllCores: await diffStepsPerSecAllCores(),
  vectorGenerationStepsPerSec: generation,
  foundryReplay: replay,
  foundryCampaign: campaign,
  mainJobEngines: mainJob,
  vectorsRouteStepsPerSec: { testTime: route(replay.testTime), wallWithCompilation: route(replay.wallWithCompilation) },
  ratios: {
    foundryReplayOverEmbeddedDifferential: ratio(replay.testTime / diff.fast),
    foundryReplayWallOverEmbeddedDifferential: ratio(replay.wallWithCompilation / diff.fast),
    foundryReplayOverEmbeddedReplay: ratio(replay.testTime / replay.embeddedSameFixtures),
    mainJobEmbeddedWallOverNativeWall: ratio(mainJob.embedded.wallSeconds / mainJob.native.wallSeconds),
    vectorsRouteOverCampaign: ratio(route(replay.testTime) / campaign.testTime),
    vectorsRouteWallOverCampaignWall: ratio(route(replay.wallWithCompilation) / campaign.wallWithCompilation),
  },
  loadAverage: { before: loadBefore.map((l) => Math.round(l * 100) / 100), after: loadavg().map((l) => Math.round(l * 100) / 100) },
  gas: (JSON.parse(readFileSync(new URL('../gas/snapshot.json', import.meta.url), 'utf8')) as { functions: unknown }).functions,
};
writeFileSync(new URL('results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
