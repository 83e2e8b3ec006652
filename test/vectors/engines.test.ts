/**
 * The main job's engines (MLL-CONF-004, MLL-CONF-001): `--engine native` takes P-DIFFERENTIAL's
 * volume as fixtures from the reference replayed by forge, and a divergence forge finds is shrunk
 * on the embedded engine into the usual timeline and replay command, which runs as printed;
 * `--engine both` runs both; an engine that reports a divergence the other does not on the same
 * run is an ENGINE DISAGREEMENT — shown here by giving the two engines different contracts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bothEngines, nativeDifferential } from '../../cli/engines.js';
import { progressLine } from '../../cli/progress.js';
import { bundledArtifact, compileContractFile } from '../../contracts/compile.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { replayDifferential } from '../../properties/runners/budget.js';
import type { PropertyReport } from '../../properties/runners/check.js';
import { conform, failureBlock, plantedContract, printedReplay } from '../support/conform.js';
import { readReport } from '../support/report.js';

const STEPS = '600';
const bundled = fileURLToPath(new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url));
/** A comparison flipped in the bleed window: the overlap of the bleed with the grace period grows (MLL-BLD-004). */
const planted = plantedContract('PlantedOverlapNative', [
  { find: 'uint256 hi = to < end ? to : end;', replace: 'uint256 hi = to > end ? to : end;' },
]);
const differentialOnly = ['--property', 'P-DIFFERENTIAL', '--steps', STEPS, '--seed', '1', '--quiet'];
const nativeLine =
  /^P-DIFFERENTIAL on the native engine \(forge\): \d+ fixtures, \d+ steps in 17 batches; generated on the reference in [\d.]+ s \([\d,]+ steps\/s\), replayed by forge in [\d.]+ s of test time/m;

describe('MLL-CONF-004: mll check --engine', () => {
  it('native passes the bundled contract: the sweep and 16 lanes replayed by forge, its figures in the JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mll-native-report-'));
    try {
      const run = await conform([
        '--engine',
        'native',
        ...differentialOnly,
        '--report',
        `json=${join(dir, 'report.json')},md=${join(dir, 'report.md')}`,
      ]);
      expect(run.code, run.out + run.err).toBe(0);
      expect(run.out).toMatch(nativeLine);
      expect(run.out).toMatch(/^✓ P-DIFFERENTIAL +pass/m);
      const [, fixtures, steps] = /^P-DIFFERENTIAL on the native engine \(forge\): (\d+) fixtures, (\d+) steps in 17 batches/m.exec(
        run.out,
      )!;
      const doc = readReport(join(dir, 'report.json'));
      expect(doc.differential).toBeNull();
      expect(doc.native).toMatchObject({
        seed: 1,
        budget: Number(STEPS),
        fixtures: Number(fixtures),
        steps: Number(steps),
        batches: 17,
        failedFixture: null,
      });
      expect(doc.native!.forgeTestSeconds).toBeLessThan(doc.native!.forgeSeconds);
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain(
        ` · ${Number(steps).toLocaleString('en-US')} fixture steps on forge · `,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('both passes the bundled contract, each engine running the run, each in the JSON report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mll-both-report-'));
    try {
      const run = await conform(['--engine', 'both', ...differentialOnly, '--report', 'json', '--out', join(dir, 'report.json')]);
      expect(run.code, run.out + run.err).toBe(0);
      expect(run.out).toMatch(nativeLine);
      const [, steps] = /^P-DIFFERENTIAL: (\d+) steps in \d+ runs, 16 of 16 lanes/m.exec(run.out)!;
      expect(run.out).toContain('both engines agree: no divergence');
      const doc = readReport(join(dir, 'report.json'));
      expect(doc.differential!.steps).toBe(Number(steps));
      expect(doc.native!.failedFixture).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('native fails a planted bug on MLL-BLD-004 as forge finds it, shrunk on the embedded engine; the printed replay fails the same', async () => {
    const run = await conform(['--engine', 'native', '--implementation', planted, ...differentialOnly]);
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.out).toMatch(
      /^forge: MLL-BLD-004: fixture run-\d+-\d{3}, step \d+ \(\w+ at \d+\), view \S+ \S*share: expected 0x[0-9a-f]{64}, actual 0x[0-9a-f]{64}$/m,
    );
    const [, seed, path] = /^replaying that run \(P-DIFFERENTIAL --seed (\d+) --path (\d+)\) on the embedded engine to shrink it$/m.exec(
      run.out,
    )!;
    const block = failureBlock(run);
    expect(block).toMatch(/^P-DIFFERENTIAL failed: MLL-BLD-\d{3}/);
    expect(block).toMatch(/\nstep +time +call +reference +implementation\n/);
    expect(block).toContain('confirmed on the stock engine');
    expect(printedReplay(run)).toEqual(['--implementation', planted, '--property', 'P-DIFFERENTIAL', '--seed', seed, '--path', path]);
    const replay = await conform([...printedReplay(run), '--quiet']);
    expect(replay.code).toBe(1);
    expect(failureBlock(replay)).toBe(block);
  }, 300_000);

  it('native replays an artifact JSON by its creation code: the planted bug’s build fails on MLL-BLD-004 as its source does', async () => {
    const build = compileContractFile(planted);
    const file = join(mkdtempSync(join(tmpdir(), 'mll-artifact-')), 'PlantedOverlapNative.json');
    writeFileSync(
      file,
      JSON.stringify({ abi: build.abi, bytecode: { object: build.bytecode }, deployedBytecode: { object: build.deployedBytecode } }),
    );
    try {
      const run = await conform(['--engine', 'native', '--implementation', file, ...differentialOnly]);
      expect(run.code, run.out + run.err).toBe(1);
      expect(run.out).toMatch(/^P-DIFFERENTIAL on the native engine \(forge\): \d+ fixtures, \d+ steps in \d+ batches/m);
      expect(run.out).toMatch(/^forge: MLL-BLD-004: fixture run-\d+-\d{3}, /m);
      expect(failureBlock(run)).toMatch(/^P-DIFFERENTIAL failed: MLL-BLD-\d{3}/);
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  }, 300_000);

  it('a divergence one engine reports on a run the other replays without one is an ENGINE DISAGREEMENT, either way round', async () => {
    const lines: string[] = [];
    const say = (line: string): void => void lines.push(line);
    // forge on the planted contract, the embedded engine on the bundled one
    const { report: byForge, run: forgeRun } = await nativeDifferential(
      planted,
      evmDriverFactory(bundledArtifact()),
      { steps: Number(STEPS), seed: 1 },
      say,
      progressLine(true),
    );
    expect(byForge.verdict).toBe('fail');
    expect(byForge.failure!.message).toMatch(
      /^ENGINE DISAGREEMENT: forge: MLL-BLD-004: fixture (run-\d+-\d{3}), .*; the embedded engine replays the same run \(fixture \1\) without a failure$/,
    );
    expect(byForge.failure!.message).toContain(`fixture ${forgeRun.failedFixture!},`);
    // the embedded engine on the planted contract, forge on the bundled one: that run, replayed by forge, passes
    const { seed, path } = byForge.failure!;
    const embedded = await replayDifferential(evmDriverFactory(compileContractFile(planted)), seed, path);
    expect(embedded.verdict).toBe('fail');
    const { id, title, clauses, subject, exercise } = embedded;
    const pass: PropertyReport = { id, title, clauses, subject, runs: 1, verdict: 'pass', milliseconds: 0, exercise };
    const byEmbedded = await bothEngines(embedded, pass, bundled, say);
    expect(byEmbedded.failure!.message).toBe(
      `ENGINE DISAGREEMENT: the embedded engine: ${embedded.failure!.message}; forge replays the same run without a difference`,
    );
    expect(byEmbedded.failure!.timeline).toBe(embedded.failure!.timeline);
    // and when forge fails that run too, the engines agree: the embedded report stands
    expect(await bothEngines(embedded, pass, planted, say)).toBe(embedded);
    expect(lines.at(-1)).toMatch(/^forge fails the same run too: MLL-BLD-004: fixture run-/);
  }, 300_000);
});
