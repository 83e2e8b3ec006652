/**
 * mll's subcommands doing their work (MLL-CONF-001): --clause selects by a glob over the
 * properties' clauses; econ prints the economics of reference/economics.ts; replay holds a saved
 * regression to an implementation; vectors writes fixtures that replay takes one by one;
 * merge takes the run's failure — the sweep's earliest place,
 * else the lowest failing lane — whichever shard found it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/mll.js';
import type { ReportDocument, ReportProperty } from '../../cli/reports.js';
import { mergeReports, summarise, toJunit, toMarkdown } from '../../cli/reports.js';
import { breakevenShare, DEFAULT_PARAMS, penaltyBps } from '../../reference/economics.js';

async function mll(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { print: (l) => out.push(l), printError: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('MLL-CONF-001: mll subcommands', () => {
  it('check --clause runs the properties whose clauses match the glob, and only those', async () => {
    const run = await mll(['check', '--implementation', 'reference', '--clause', 'MLL-PEX-*', '--runs', '5', '--seed', '1', '--quiet']);
    expect(run.code, run.err).toBe(0);
    expect(run.out.split('\n').filter((l) => /^[✓✗∅] P-/.test(l))).toEqual([expect.stringMatching(/^✓ P-PEACEFUL-EXIT +pass/)]);
  });

  it('econ prints the reference economics, as a table and as JSON', async () => {
    const json = await mll(['econ', '--json']);
    expect(json.code).toBe(0);
    const figures = JSON.parse(json.out) as {
      breakevenShare: string;
      penalty: { counted: number; bps: number }[];
      retained: { days: number }[];
    };
    expect(figures.breakevenShare).toBe(breakevenShare(DEFAULT_PARAMS).toSignificantDigits(12).toString());
    expect(figures.penalty.map((r) => r.bps)).toEqual([...Array(8).keys()].map((m) => penaltyBps(DEFAULT_PARAMS, m)));
    expect(figures.penalty.at(-1)!.bps).toBe(1500);
    const table = await mll(['econ', '--r', '100', '--T', '7', '--days', '10']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^d=0\.1 ether {2}T=7 days {2}r=100 bps\/day/);
    expect(table.out).toMatch(/\n10 +0\.9043820750\d*\n/);
  });

  it('replay holds a saved regression to an implementation: it passes on the bundled contract', async () => {
    const file = join(fileURLToPath(new URL('../regressions/', import.meta.url)), 'flipped-overlap-bound.json');
    const run = await mll(['replay', file]);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^✓ flipped-overlap-bound replays without a failure on contracts\/MutualLiquidityLock\.sol/);
  });

  it('vectors writes the sweep, the regressions and random runs; replay holds one fixture to an implementation', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mll-kit-vectors-'));
    try {
      const run = await mll(['vectors', '--out', out, '--steps', '100', '--seed', '5']);
      expect(run.code, run.err).toBe(0);
      const files = readdirSync(out);
      expect(run.out).toMatch(
        new RegExp(`^wrote ${files.length} fixtures, \\d+ steps, [\\d.]+ MB to ${out} in [\\d.]+ s \\(\\d+ steps/s\\), seed 5$`),
      );
      const fixture = join(
        out,
        files.find((f) => f.startsWith('differential-5-'))!,
      );
      const replayed = await mll(['replay', fixture]);
      expect(replayed.code, replayed.err).toBe(0);
      expect(replayed.out).toMatch(/^vectors: 1 fixtures, [1-9]\d* steps, 0 failing$/);
      const onReference = await mll(['replay', fixture, '--implementation', 'reference']);
      expect(onReference.out).toBe(replayed.out);
      // the fixture's expected balance after its deployment one wei off: the replay names it, exit 1
      const altered = JSON.parse(readFileSync(fixture, 'utf8')) as { deployment: { balance: string } };
      altered.deployment.balance = String(BigInt(altered.deployment.balance) + 1n);
      writeFileSync(fixture, JSON.stringify(altered));
      const failed = await mll(['replay', fixture, '--implementation', 'reference']);
      expect(failed.code).toBe(1);
      expect(failed.out.split('\n')[1]).toMatch(/^✗ MLL-\w+-\d+: fixture differential-5-\d+, deployment, balance: expected 1, actual 0$/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe("MLL-CONF-001: merge takes the run's failure, whichever shard found it", () => {
  const property = (id: string, failure: string | null): ReportProperty => ({
    id,
    title: id,
    subject: 'implementation',
    clauses: ['MLL-CONF-001'],
    verdict: failure === null ? 'pass' : 'fail',
    runs: 3,
    milliseconds: 1,
    exercise: { deployments: 1, calls: 2, succeeded: 1 },
    notRun: null,
    failure:
      failure === null
        ? null
        : {
            clause: 'MLL-BLD-004',
            message: failure,
            seed: 1,
            path: '0',
            counterexample: '',
            timeline: null,
            replay: `mll check --seed 1 # ${failure}`,
            confirmation: null,
          },
  });
  const shard = (
    index: number,
    lanes: { lane: number; failed: boolean }[],
    failedPlace: number | null,
    failure: string | null,
  ): ReportDocument => {
    const properties = [property('P-DIFFERENTIAL', failure)];
    return {
      format: 'mll-report',
      version: 2,
      tool: { name: 'mll', version: '0' },
      implementation: { argument: 'X.sol', description: 'X' },
      run: {
        seed: 1,
        steps: 100,
        runs: 3,
        shard: { index, count: 2 },
        mergedFrom: null,
        property: 'P-DIFFERENTIAL',
        clause: null,
        engine: 'embedded',
        evm: 'fast',
      },
      ...summarise(properties, 1),
      properties,
      differential: {
        seed: 1,
        budget: 100,
        lanes: 16,
        steps: 50,
        sweep: { places: [index - 1], steps: 1, failedPlace },
        lanesRun: lanes.map(({ lane, failed }) => ({ lane, seed: 1 + lane * 1_000_000, chunks: 1, steps: 10, runs: 3, failed })),
      },
      native: null,
    };
  };

  it('the lowest failing lane', () => {
    const merged = mergeReports([
      {
        file: 'a',
        doc: shard(
          1,
          [
            { lane: 0, failed: false },
            { lane: 2, failed: false },
            { lane: 4, failed: true },
          ],
          null,
          'lane 4',
        ),
      },
      {
        file: 'b',
        doc: shard(
          2,
          [
            { lane: 1, failed: false },
            { lane: 3, failed: true },
          ],
          null,
          'lane 3',
        ),
      },
    ]);
    expect(merged.properties[0]!.failure?.message).toBe('lane 3');
    expect(merged.verdict).toBe('fail');
    expect(merged.exitCode).toBe(1);
  });

  it('a failure of the constructor sweep before any lane', () => {
    const merged = mergeReports([
      { file: 'a', doc: shard(1, [{ lane: 0, failed: true }], null, 'lane 0') },
      { file: 'b', doc: shard(2, [], 1, 'sweep place 1') },
    ]);
    expect(merged.properties[0]!.failure?.message).toBe('sweep place 1');
    expect(merged.differential?.sweep).toEqual({ places: [0, 1], steps: 2, failedPlace: 1 });
  });

  it('refuses shards of different runs', () => {
    const other = shard(2, [], null, null);
    expect(() =>
      mergeReports([
        { file: 'a', doc: shard(1, [], null, null) },
        { file: 'b', doc: { ...other, run: { ...other.run, seed: 2 } } },
      ]),
    ).toThrow(/^merge: b is of another run \(seed 2, a has 1\)$/);
    expect(() =>
      mergeReports([
        { file: 'a', doc: shard(1, [], null, null) },
        { file: 'b', doc: { ...other, run: { ...other.run, engine: 'native' } } },
      ]),
    ).toThrow(/^merge: b is of another run \(--engine native, a has embedded\)$/);
    expect(() =>
      mergeReports([
        { file: 'a', doc: shard(1, [], null, null) },
        { file: 'b', doc: { ...other, run: { ...other.run, evm: 'stock' } } },
      ]),
    ).toThrow(/^merge: b is of another run \(MLL_EVM stock, a has fast\)$/);
  });

  it('records the engine in every report: JSON run.engine and run.evm, JUnit properties, the Markdown summary line', () => {
    const doc = shard(1, [], null, null);
    expect(toJunit(doc)).toMatch(/<property name="engine" value="embedded"\/>\s*<property name="evm" value="fast"\/>/);
    expect(toMarkdown(doc)).toMatch(/ · engine embedded · shard 1\/2\n/);
    expect(toMarkdown({ ...doc, run: { ...doc.run, engine: 'both', evm: 'stock' } })).toMatch(/ · engine both \(stock EVM\)/);
  });
});
