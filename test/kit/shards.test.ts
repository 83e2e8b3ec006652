/**
 * Shards (MLL-CONF-001: a verdict is the verdict of the run it names): four `mll check --shard
 * K/4` processes, merged by `mll merge`, are exactly the one unsharded run on the same seed — the
 * same steps, the same lanes and seeds visited, the same sweep, the same verdicts — and every JSON
 * report, the shards', the merge's and the whole run's, is valid against cli/report.schema.json.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../cli/reports.js';
import { catalog } from '../../properties/catalog.js';
import { readReport as read } from '../support/report.js';

const mll = fileURLToPath(new URL('../../bin/mll.mjs', import.meta.url));
const run = promisify(execFile);

async function mllRun(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [mll, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** What must be equal between the merge and the whole run. */
const essence = (doc: ReportDocument) => ({
  verdict: doc.verdict,
  exitCode: doc.exitCode,
  steps: doc.differential?.steps,
  sweep: doc.differential?.sweep,
  lanes: doc.differential?.lanesRun,
  properties: doc.properties.map((p) => ({ id: p.id, verdict: p.verdict, runs: p.runs, exercise: p.exercise })),
  clauses: doc.clauses,
});

describe('MLL-CONF-001: shards of a run are the run', () => {
  it('four shards merged equal the unsharded run on the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mll-shards-'));
    const common = ['--seed', '11', '--steps', '1200', '--runs', '2', '--quiet'];
    const shards = await Promise.all(
      [1, 2, 3, 4].map((k) =>
        mllRun(['check', ...common, '--workers', '1', '--shard', `${k}/4`, '--report', 'json', '--out', join(dir, `shard-${k}.json`)]),
      ),
    );
    for (const s of shards) expect(s.code, s.stdout + s.stderr).toBe(0);
    const whole = await mllRun(['check', ...common, '--workers', '2', '--report', `json=${join(dir, 'whole.json')}`]);
    expect(whole.code, whole.stderr).toBe(0);
    const merged = await mllRun([
      'merge',
      ...[1, 2, 3, 4].map((k) => join(dir, `shard-${k}.json`)),
      '--report',
      `json=${join(dir, 'merged.json')},junit=${join(dir, 'merged.xml')},md=${join(dir, 'merged.md')}`,
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(new RegExp(`${catalog.length} of ${catalog.length} properties pass`));

    const parts = [1, 2, 3, 4].map((k) => read(join(dir, `shard-${k}.json`)));
    // disjoint: every lane, place of the sweep and property once
    expect(parts.flatMap((p) => p.differential!.lanesRun.map((l) => l.lane)).sort((a, b) => a - b)).toEqual([...Array(16).keys()]);
    expect(parts.flatMap((p) => p.differential!.sweep.places).sort((a, b) => a - b)).toEqual(
      read(join(dir, 'whole.json')).differential!.sweep.places,
    );
    expect(parts.flatMap((p) => p.properties.map((q) => q.id)).filter((id) => id !== 'P-DIFFERENTIAL')).toHaveLength(catalog.length - 1);

    const doc = read(join(dir, 'merged.json'));
    expect(doc.run.mergedFrom).toBe(4);
    expect(essence(doc)).toEqual(essence(read(join(dir, 'whole.json'))));
    expect(readFileSync(join(dir, 'merged.xml'), 'utf8')).toMatch(/^<\?xml [^>]*>\n<testsuites tests="\d+" failures="0"/);
    expect(readFileSync(join(dir, 'merged.md'), 'utf8')).toMatch(/^### ✅ MLL conformance: pass/);

    // shards of different runs, or a shard missing, are refused
    const missing = await mllRun(['merge', join(dir, 'shard-1.json'), join(dir, 'shard-2.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^mll merge: merge: shard 3\/4 is missing\n$/);
    const notShard = await mllRun(['merge', join(dir, 'whole.json')]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toMatch(/not a shard's report/);
  }, 300_000);
});
