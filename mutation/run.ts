/**
 * `npm run mutate`: how much of the contract the suite would notice going wrong. Every mutant of
 * contracts/MutualLiquidityLock.sol (mutation/sites.ts) is compiled in worker threads with solc
 * kept loaded; mutants whose bytecode equals the original's (equivalent) or an earlier mutant's
 * (duplicate) are dropped; the rest each get the differential suite with a fixed seed and step
 * budget, stopping at the first failure. Writes reports/mutation.json and reports/mutation.md.
 *
 *   npm run mutate -- [--sample N | --only ID[,ID…]] [--seed S] [--steps N] [--workers N]
 * @module
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundledArtifact } from '../contracts/compile.js';
import { runInWorker } from '../cli/run/parallel.js';
import type { MutantResult } from './evaluate.js';
import { codeHash } from './evaluate.js';
import type { Mutant } from './sites.js';
import { mutantsOf } from './sites.js';
import { loadExplanations, writeReports } from './report.js';

const usage = 'usage: npm run mutate -- [--sample N | --only ID[,ID…]] [--seed S] [--steps N] [--workers N]';
const sourcePath = fileURLToPath(new URL('../contracts/MutualLiquidityLock.sol', import.meta.url));

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

/** A deterministic sample: every mutant ranked by a hash of its id and the seed. */
function sample(mutants: readonly Mutant[], size: number, seed: number): Mutant[] {
  if (size >= mutants.length) return [...mutants];
  const rank = (m: Mutant) => {
    let h = seed >>> 0;
    for (const c of m.id) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    return h;
  };
  const chosen = new Set([...mutants].sort((a, b) => rank(a) - rank(b)).slice(0, size));
  return mutants.filter((m) => chosen.has(m));
}

/** Mutants a worker tests before it exits and another starts: the EVM drivers' memory is not all freed between mutants (a run of all of them in two workers ran out of heap at 728 of 741). */
const MUTANTS_PER_WORKER = 24;

async function inWorkers(
  phase: 'compile' | 'test',
  mutants: readonly Mutant[],
  workers: number,
  extra: object,
  onResult: (r: MutantResult) => void,
) {
  const shares = Array.from({ length: workers }, (_, k) => mutants.filter((_m, i) => i % workers === k));
  // compiling keeps one solc loaded per worker; testing recycles its worker every MUTANTS_PER_WORKER mutants
  const chunk = phase === 'test' ? MUTANTS_PER_WORKER : Infinity;
  await Promise.all(
    shares.map(async (share) => {
      for (let from = 0; from < share.length; from += chunk) {
        const part = share.slice(from, from + chunk);
        await runInWorker(new URL('./worker.ts', import.meta.url), { phase, sourcePath, mutants: part, ...extra }, (message) => {
          if (message !== 'done') onResult(message as MutantResult);
        });
      }
    }),
  );
}

async function main(): Promise<number> {
  let options: { sample: number; only: readonly string[] | null; seed: number; steps: number; workers: number };
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        sample: { type: 'string' },
        only: { type: 'string' },
        seed: { type: 'string' },
        steps: { type: 'string' },
        workers: { type: 'string' },
      },
      strict: true,
    });
    if (values.sample !== undefined && values.only !== undefined)
      throw new RangeError('--sample and --only choose mutants two ways: give one');
    options = {
      sample: positive('sample', values.sample, Number.MAX_SAFE_INTEGER),
      only: values.only === undefined ? null : values.only.split(','),
      seed: positive('seed', values.seed, 1),
      steps: positive('steps', values.steps, 10_000),
      workers: positive('workers', values.workers, availableParallelism()),
    };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const source = readFileSync(sourcePath, 'utf8');
  const all = mutantsOf(source);
  let selected: Mutant[];
  if (options.only === null) selected = sample(all, options.sample, options.seed);
  else {
    const unknown = options.only.filter((id) => !all.some((m) => m.id === id));
    if (unknown.length > 0) {
      console.error(
        `--only: no mutant with id ${unknown.map((id) => `'${id}'`).join(', ')} (ids are operator@line:column:replacement, as in reports/mutation.md)\n${usage}`,
      );
      return 2;
    }
    selected = all.filter((m) => options.only!.includes(m.id));
  }
  console.log(
    `${all.length} mutants of contracts/MutualLiquidityLock.sol; ${selected.length} selected; compiling on ${options.workers} workers`,
  );
  const started = performance.now();

  const compiled = new Map<string, MutantResult>();
  await inWorkers('compile', selected, options.workers, {}, (r) => compiled.set(r.mutant.id, r));
  const original = codeHash(bundledArtifact());
  const firstWithHash = new Map<string, string>();
  const results = new Map<string, MutantResult>();
  const toTest: Mutant[] = [];
  for (const mutant of selected) {
    const r = compiled.get(mutant.id)!;
    if (r.status === 'stillborn') results.set(mutant.id, r);
    else if (r.bytecodeHash === original) results.set(mutant.id, { mutant, status: 'equivalent', bytecodeHash: r.bytecodeHash });
    else if (firstWithHash.has(r.bytecodeHash!))
      results.set(mutant.id, { mutant, status: 'duplicate', sameAs: firstWithHash.get(r.bytecodeHash!)!, bytecodeHash: r.bytecodeHash! });
    else {
      firstWithHash.set(r.bytecodeHash!, mutant.id);
      toTest.push(mutant);
    }
  }
  console.log(
    `compiled in ${((performance.now() - started) / 1000).toFixed(0)} s; testing ${toTest.length} distinct mutants, ${options.steps} steps each at most`,
  );
  let done = 0;
  await inWorkers('test', toTest, options.workers, { budget: { steps: options.steps, seed: options.seed } }, (r) => {
    results.set(r.mutant.id, r);
    done++;
    const flag =
      r.status === 'live'
        ? `LIVE ${r.mutant.id}`
        : r.status === 'error'
          ? `HARNESS ERROR ${r.mutant.id}: ${(r.message ?? '').split('\n')[0]}`
          : '';
    if (flag !== '' || done % 20 === 0) console.log(`  ${done}/${toTest.length} ${flag}`);
  });
  const ordered = selected.map((m) => results.get(m.id)!);
  if (options.only !== null) {
    // a look at a few mutants: printed, and the full report left as it is
    const explanations = loadExplanations();
    for (const r of ordered) {
      const why =
        r.status === 'live' ? (explanations[r.mutant.id] === undefined ? ' — unexplained' : ` — ${explanations[r.mutant.id]}`) : '';
      console.log(`${r.mutant.id}: ${r.status}${r.clause ? ` (${r.clause})` : ''}${r.message ? ` ${r.message.split('\n')[0]}` : ''}${why}`);
    }
    return 0;
  }
  mkdirSync(fileURLToPath(new URL('../reports/', import.meta.url)), { recursive: true });
  const summary = writeReports(ordered, { ...options, totalMutants: all.length, seconds: (performance.now() - started) / 1000 });
  console.log(summary);
  return 0;
}

process.exitCode = await main();
