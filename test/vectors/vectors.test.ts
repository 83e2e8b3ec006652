/**
 * Conformance vectors (MLL-CONF-004): 20,000 random-run steps, the constructor sweep and the
 * regressions, generated from the reference alone and valid against spec/vectors.schema.json;
 * forge (from the npm registry, offline, solc-js) replays them on the bundled contract, and a
 * planted bug fails on its clause; replayVectors does the same on the embedded EVM.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundledArtifact, compileSource } from '../../contracts/compile.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { ReferenceDriver } from '../../properties/drivers/reference.js';
import { specAbi } from '../../properties/vectors/fixture.js';
import type { Fixture } from '../../properties/vectors/format.js';
import { replayWithForge } from '../../properties/vectors/forge.js';
import { differentialFixtures, writeVectors } from '../../properties/vectors/generate.js';
import type { VectorsWritten } from '../../properties/vectors/generate.js';
import { describeVectorsReport, replayVectors } from '../../properties/vectors/replay.js';
import { fixtureErrors } from '../../properties/vectors/schema.js';

const STEPS = 20_000;
const contract = new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url);
let dir: string;
let written: VectorsWritten;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mll-vectors-'));
  written = await writeVectors(dir, STEPS, 1);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The bundled contract with a comparison flipped in the bleed window (test/evm/planted-contract.test.ts). */
function planted(): string {
  const source = readFileSync(contract, 'utf8');
  expect(source).toContain('uint256 hi = to < end ? to : end;');
  return source.replace('uint256 hi = to < end ? to : end;', 'uint256 hi = to > end ? to : end;');
}

const fixtures = (): Fixture[] => readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Fixture);

it('MLL-CONF-004: spec/MutualLiquidityLock.abi.json, which the vectors are encoded with, is the bundled contract’s ABI', () => {
  const sorted = (abi: readonly unknown[]) => abi.map((item) => JSON.stringify(item)).sort();
  expect(sorted(specAbi)).toEqual(sorted(bundledArtifact().abi));
});

it('MLL-CONF-004: every fixture is valid against spec/vectors.schema.json; the set has the sweep, the regressions, hostile parties and forced ether', () => {
  const all = fixtures();
  for (const fixture of all) expect(fixtureErrors(fixture), fixture.name).toEqual([]);
  expect(written.steps).toBeGreaterThanOrEqual(STEPS);
  expect(all.reduce((n, f) => n + f.steps.length, 0)).toBe(written.steps);
  expect(all.some((f) => f.name.startsWith('sweep-') && !f.deployment.success)).toBe(true);
  expect(all.some((f) => f.name === 'regression-flipped-overlap-bound')).toBe(true);
  expect(new Set(all.flatMap((f) => f.parties.map((p) => p.kind)))).toEqual(new Set(['rejecting', 'reentrant']));
  expect(all.some((f) => f.steps.some((s) => s.kind === 'force'))).toBe(true);
  // the clauses the steps name: every external function's, and most named errors'
  expect(new Set(all.flatMap((f) => f.clauses)).size).toBeGreaterThan(30);
});

it('MLL-CONF-004: each view answer is held once; an index past viewResults, or a wrong count of them, makes the file no fixture', () => {
  const all = fixtures();
  const answers = all.reduce((n, f) => n + f.viewResults.length, 0);
  const read = all.reduce((n, f) => n + [f.deployment, ...f.steps].reduce((m, e) => m + e.views.length, 0), 0);
  expect(read).toBeGreaterThan(5 * answers); // the reason for version 2: most answers recur
  for (const f of all) expect(new Set(f.viewResults.map((r) => `${r.success}${r.data}`)).size, f.name).toBe(f.viewResults.length);
  const fixture = all.find((f) => f.steps.length > 0 && f.deployment.success)!;
  const step = fixture.steps[0]!;
  const withViews = (views: number[]): Fixture => ({ ...fixture, steps: [{ ...step, views }, ...fixture.steps.slice(1)] });
  expect(fixtureErrors(withViews([...step.views.slice(1), fixture.viewResults.length]))).toEqual([
    `/steps/0/views/${step.views.length - 1} is ${fixture.viewResults.length}, past the ${fixture.viewResults.length} viewResults`,
  ]);
  expect(fixtureErrors(withViews(step.views.slice(1)))).toEqual([
    `/steps/0/views has ${step.views.length - 1} entries; the fixture has ${fixture.views.length} views`,
  ]);
});

it('MLL-CONF-004: both replayers skip the views only after a reverted call in the same second that the fixture says changed nothing; a fixture saying otherwise is read and compared', async () => {
  const all = fixtures();
  /** A reverted call in the second of the step before it, expecting the answers that step had: what the replayer skips. */
  const skippable = (f: Fixture, i: number): boolean => {
    const step = f.steps[i]!;
    const previous = i === 0 ? f.deployment : f.steps[i - 1]!;
    const same = step.time === previous.time && step.balance === previous.balance && step.views.join() === previous.views.join();
    return step.kind === 'call' && !step.success && same;
  };
  // most reverted calls come in the second of the step before: what the skip saves
  const skipped = all.reduce((n, f) => n + f.steps.filter((_, i) => skippable(f, i)).length, 0);
  expect(skipped).toBeGreaterThan(written.steps / 3);
  const fixture = all.find((f) => f.viewResults.length > 1 && f.steps.some((_, i) => skippable(f, i)))!;
  const at = fixture.steps.findIndex((_, i) => skippable(fixture, i));
  const step = fixture.steps[at]!;
  const other = fixture.viewResults.findIndex((_, i) => i !== step.views[0]);
  const told = { ...fixture, steps: fixture.steps.map((s, i) => (i === at ? { ...s, views: [other, ...s.views.slice(1)] } : s)) };
  const one = mkdtempSync(join(tmpdir(), 'mll-vectors-skip-'));
  try {
    writeFileSync(join(one, `${fixture.name}.json`), JSON.stringify(told));
    const replay = await replayWithForge(one, fileURLToPath(contract), 'MutualLiquidityLock', one);
    expect(replay.passed).toBe(false);
    expect(replay.failure).toMatch(
      new RegExp(`: fixture ${fixture.name}, step ${at} \\(call at ${step.time}\\), view getLockStatus\\(\\) `),
    );
    const embedded = await replayVectors(one, evmDriverFactory(bundledArtifact()));
    expect(embedded.failures).toHaveLength(1);
    expect(embedded.failures[0]).toMatchObject({ fixture: fixture.name, step: `step ${at} (call at ${step.time})` });
    expect(embedded.failures[0]!.what).toMatch(/^view getLockStatus\(\) /);
  } finally {
    rmSync(one, { recursive: true, force: true });
  }
}, 300_000);

it('MLL-CONF-004: the same seed generates the same fixtures', async () => {
  const twice = await Promise.all(
    [1, 2].map(async () => {
      const made: Fixture[] = [];
      for await (const fixture of differentialFixtures(200, 7)) made.push(fixture);
      return made;
    }),
  );
  expect(twice[0]).toEqual(twice[1]);
});

it('MLL-CONF-004, MLL-CONF-002: forge replays every fixture on the bundled contract, hostile parties and forced ether included', async () => {
  const replay = await replayWithForge(dir, fileURLToPath(contract));
  expect(replay.failure).toBeNull();
  expect(replay.passed).toBe(true);
}, 300_000);

it('MLL-CONF-004: forge fails a comparison flipped in the bleed window on MLL-BLD-004, naming fixture, step, field, expected and actual', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mll-planted-')), 'MutualLiquidityLock.sol');
  writeFileSync(file, planted());
  try {
    const replay = await replayWithForge(dir, file, 'planted-overlap');
    expect(replay.passed).toBe(false);
    expect(replay.failure).toMatch(
      /^MLL-BLD-004: fixture [\w-]+, step \d+ \((call|wait|force) at \d+\), view \S+ \S*share: expected 0x[0-9a-f]{64}, actual 0x[0-9a-f]{64}$/,
    );
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}, 300_000);

it('MLL-CONF-004: replayVectors replays a set on the embedded EVM, passes the bundled contract and fails the planted bug on MLL-BLD-004', async () => {
  const small = mkdtempSync(join(tmpdir(), 'mll-vectors-evm-'));
  try {
    await writeVectors(small, 150, 3);
    const passed = await replayVectors(small, evmDriverFactory(bundledArtifact()));
    expect(passed.failures).toEqual([]);
    expect(passed.steps).toBeGreaterThanOrEqual(150);
    const failed = await replayVectors(small, evmDriverFactory(compileSource('MutualLiquidityLock.sol', planted(), 'MutualLiquidityLock')));
    expect(failed.failures[0]?.clause).toBe('MLL-BLD-004');
    expect(describeVectorsReport(failed)[1]).toMatch(
      /^✗ MLL-BLD-004: fixture [\w-]+, step \d+ \(\w+ at \d+\), view \S+ \S*share: expected 0x[0-9a-f]{64}, actual 0x[0-9a-f]{64}$/,
    );
    writeFileSync(join(small, 'stray.json'), '{"format":"mll-vectors/0"}');
    const stray = await replayVectors(small, (setup) => new ReferenceDriver(setup));
    expect(stray.failures).toEqual([
      expect.objectContaining({ fixture: 'stray.json', clause: 'MLL-CONF-004', what: 'not a fixture of mll-vectors/2' }),
    ]);
  } finally {
    rmSync(small, { recursive: true, force: true });
  }
}, 300_000);
