/**
 * Which property catches which deviation, measured: every known-bad variant (test/known-bad/)
 * × every catalog property whose subject is the implementation, each property run alone on the
 * compiled variant with a fixed seed and budget, in worker threads.
 *
 *   npm run caught-by                      runs everything; writes reports/caught-by.json, reports/caught-by.md
 *                                          and the generated parts of spec/deviations.md
 *   npm run caught-by -- --render          rewrites the .md files from the JSON, running nothing
 *   tsx scripts/caught-by.ts --check       fast, runs nothing; exit 1 if the JSON is stale (contract or variants
 *                                          changed, catalog changed) or the .md files differ from what it says
 *   npm run caught-by -- --only D2-backward-cliff[,…] [--property P-X[,…]]   prints, writes nothing
 *
 * Options: --seed S (1), --runs N per scenario property (100), --steps N for P-DIFFERENTIAL (20,000, as
 * test/known-bad), --workers N (one per core).
 * @module
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { catalog } from '../properties/catalog.js';
import { runInWorker } from '../cli/run/parallel.js';
import { variants } from '../test/known-bad/variants.js';
import type { CaughtByReport, Cell } from './caught-by-report.js';
import { REPORT_VERSION, SOURCE_FILES, checkAll, renderDeviations, renderTable, sourceHash } from './caught-by-report.js';
import type { Job } from './caught-by-worker.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const JSON_PATH = 'reports/caught-by.json';
const TABLE_PATH = 'reports/caught-by.md';
const DEVIATIONS_PATH = 'spec/deviations.md';
const usage =
  'usage: npm run caught-by -- [--check | --render | --only VARIANT[,…] [--property P[,…]]] [--seed S] [--runs N] [--steps N] [--workers N]';

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

function git(args: readonly string[]): string | null {
  try {
    return execFileSync('git', [...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function loadReport(): CaughtByReport | null {
  return existsSync(join(root, JSON_PATH)) ? (JSON.parse(read(JSON_PATH)) as CaughtByReport) : null;
}

function writeMarkdown(report: CaughtByReport): void {
  writeFileSync(join(root, TABLE_PATH), renderTable(report));
  writeFileSync(join(root, DEVIATIONS_PATH), renderDeviations(read(DEVIATIONS_PATH), report));
}

/** The slow jobs first, so the two workers finish together. */
const COST_ORDER = ['P-MIRROR', 'P-TIME-SHIFT', 'P-POKE-INVARIANCE'];
const cost = (property: string): number => (COST_ORDER.includes(property) ? COST_ORDER.indexOf(property) : COST_ORDER.length);

/** Jobs per worker thread before it is replaced by a fresh one: a worker that ran 230 jobs ran out of heap. */
const JOBS_PER_WORKER = 24;

/**
 * Every result is appended to a checkpoint under .cache/caught-by/, keyed by the sources, the
 * budget and the properties, so a run that dies resumes where it stopped; its sessions' wall
 * times add up. The checkpoint goes once the report is written.
 */
interface Checkpoint {
  readonly path: string;
  readonly cells: Cell[];
  /** Wall seconds of the earlier sessions. */
  readonly earlierSeconds: number;
}

function openCheckpoint(key: string): Checkpoint {
  const directory = join(root, '.cache', 'caught-by');
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.jsonl`);
  const cells: Cell[] = [];
  const sessions = new Map<number, number>();
  if (existsSync(path)) {
    for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) {
      const entry = JSON.parse(line) as { session: number; seconds: number; cell: Cell };
      cells.push(entry.cell);
      sessions.set(entry.session, Math.max(sessions.get(entry.session) ?? 0, entry.seconds));
    }
  }
  return { path, cells, earlierSeconds: [...sessions.values()].reduce((a, b) => a + b, 0) };
}

async function runAll(
  selectedVariants: readonly string[],
  properties: readonly string[],
  options: { seed: number; runs: number; steps: number; workers: number; chunkRuns: number },
  checkpoint: Checkpoint | null,
): Promise<Cell[]> {
  const done = new Set((checkpoint?.cells ?? []).map((c) => `${c.variant} ${c.property}`));
  const cells: Cell[] = [...(checkpoint?.cells ?? [])];
  const jobs = selectedVariants
    .flatMap((variant) => properties.map((property) => ({ variant, property })))
    .filter((j) => !done.has(`${j.variant} ${j.property}`));
  if (done.size > 0) console.log(`caught-by: resuming from ${checkpoint!.path}: ${done.size} results kept, ${jobs.length} to run`);
  jobs.sort((a, b) => cost(a.property) - cost(b.property));
  const total = cells.length + jobs.length;
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const session = Date.now();
  const started = performance.now();
  const job: Job = {
    jobs,
    counter,
    seed: options.seed,
    runs: options.runs,
    steps: options.steps,
    chunkRuns: options.chunkRuns,
    maxJobs: JOBS_PER_WORKER,
  };
  const onMessage = (message: unknown): void => {
    if (message === 'done') return;
    const cell = message as Cell;
    cells.push(cell);
    if (checkpoint !== null)
      appendFileSync(checkpoint.path, `${JSON.stringify({ session, seconds: (performance.now() - started) / 1000, cell })}\n`);
    const what =
      cell.verdict === 'fail'
        ? `✗ ${cell.clause ?? 'no clause'} (run ${cell.runs}${cell.steps === null ? '' : `, ${cell.steps} steps`})`
        : cell.verdict;
    console.log(
      `  ${String(cells.length).padStart(3)}/${total} ${cell.variant} × ${cell.property}: ${what}, ${(cell.milliseconds / 1000).toFixed(1)} s`,
    );
  };
  await Promise.all(
    Array.from({ length: Math.min(options.workers, jobs.length) }, async () => {
      while (Atomics.load(next, 0) < jobs.length) await runInWorker(new URL('./caught-by-worker.ts', import.meta.url), job, onMessage);
    }),
  );
  const index = (c: Cell): number => selectedVariants.indexOf(c.variant) * properties.length + properties.indexOf(c.property);
  return cells.filter((c) => index(c) >= 0 && properties.includes(c.property)).sort((a, b) => index(a) - index(b));
}

async function main(): Promise<number> {
  let values: {
    check?: boolean;
    render?: boolean;
    only?: string;
    property?: string;
    seed?: string;
    runs?: string;
    steps?: string;
    workers?: string;
  };
  let options: { seed: number; runs: number; steps: number; workers: number; chunkRuns: number };
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        check: { type: 'boolean' },
        render: { type: 'boolean' },
        only: { type: 'string' },
        property: { type: 'string' },
        seed: { type: 'string' },
        runs: { type: 'string' },
        steps: { type: 'string' },
        workers: { type: 'string' },
      },
      strict: true,
    }));
    if ([values.check, values.render, values.only !== undefined].filter(Boolean).length > 1)
      throw new RangeError('--check, --render and --only are three different runs: give one');
    options = {
      seed: positive('seed', values.seed, 1),
      runs: positive('runs', values.runs, 100),
      steps: positive('steps', values.steps, 20_000),
      workers: positive('workers', values.workers, availableParallelism()),
      chunkRuns: 50,
    };
  } catch (error) {
    console.error(`caught-by: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  // the matrix's columns: catalog properties about the implementation, in catalog order
  const properties = catalog.filter((p) => p.subject === 'implementation').map((p) => p.id);
  const current = { sourceHash: sourceHash(read('contracts/MutualLiquidityLock.sol'), variants), properties };

  if (values.check || values.render) {
    const report = loadReport();
    if (report === null) {
      console.error(`caught-by: no ${JSON_PATH}: run \`npm run caught-by\``);
      return 1;
    }
    if (values.render) {
      writeMarkdown(report);
      console.log(`caught-by: ${TABLE_PATH} and ${DEVIATIONS_PATH} rewritten from ${JSON_PATH}`);
    }
    const problems = checkAll(
      report,
      { table: existsSync(join(root, TABLE_PATH)) ? read(TABLE_PATH) : '', deviations: read(DEVIATIONS_PATH) },
      current,
    );
    for (const problem of problems) console.error(`caught-by: ${problem}`);
    console.log(`caught-by: ${report.variants.length} variants × ${report.properties.length} properties, ${problems.length} problems`);
    return problems.length === 0 ? 0 : 1;
  }

  let selectedVariants = variants.map((v) => v.id);
  let selectedProperties = properties;
  if (values.only !== undefined || values.property !== undefined) {
    const only = values.only === undefined ? selectedVariants : values.only.split(',');
    const chosen = values.property === undefined ? properties : values.property.split(',');
    const unknown = [...only.filter((id) => !selectedVariants.includes(id)), ...chosen.filter((id) => !properties.includes(id))];
    if (unknown.length > 0) {
      console.error(`caught-by: no known-bad variant or implementation property ${unknown.map((id) => `'${id}'`).join(', ')}\n${usage}`);
      return 2;
    }
    selectedVariants = only;
    selectedProperties = chosen;
  }
  const partial = selectedVariants.length !== variants.length || selectedProperties.length !== properties.length;
  console.log(
    `caught-by: ${selectedVariants.length} variants × ${selectedProperties.length} properties, seed ${options.seed}, ` +
      `${options.runs} runs / ${options.steps} differential steps, ${options.workers} workers${partial ? ' (a selection: nothing is written)' : ''}`,
  );
  const started = performance.now();
  const checkpoint = partial
    ? null
    : openCheckpoint(
        JSON.stringify({
          sourceHash: current.sourceHash,
          properties,
          engine: process.env.MLL_EVM ?? 'fast',
          ...options,
          workers: undefined,
        }),
      );
  const cells = await runAll(selectedVariants, selectedProperties, options, checkpoint);
  const wallSeconds = (performance.now() - started) / 1000 + (checkpoint?.earlierSeconds ?? 0);
  console.log(
    `caught-by: ${cells.length} runs in ${wallSeconds.toFixed(0)} s wall time${checkpoint?.earlierSeconds ? ' (earlier sessions included)' : ''}`,
  );
  if (partial) return 0;

  const head = git(['rev-parse', 'HEAD']);
  const status = git(['status', '--porcelain', '--', ...SOURCE_FILES]);
  const report: CaughtByReport = {
    version: REPORT_VERSION,
    generatedBy: 'npm run caught-by (scripts/caught-by.ts)',
    commit: { head, sourcesModified: status === null ? null : status !== '' },
    sourceHash: current.sourceHash,
    sourceFiles: [...SOURCE_FILES],
    seed: options.seed,
    budgets: { scenarioRuns: options.runs, differentialSteps: options.steps, differentialChunkRuns: options.chunkRuns },
    engine: process.env.MLL_EVM ?? 'fast',
    workers: Math.min(options.workers, cells.length),
    wallSeconds: Math.round(wallSeconds),
    properties,
    variants: variants.map((v) => ({ id: v.id, defect: v.defect, description: v.description })),
    cells: cells.map((c) => ({ ...c, milliseconds: Math.round(c.milliseconds) })),
  };
  writeFileSync(join(root, JSON_PATH), `${JSON.stringify(report, null, 2)}\n`);
  writeMarkdown(report);
  rmSync(checkpoint!.path, { force: true });
  console.log(`caught-by: wrote ${JSON_PATH}, ${TABLE_PATH} and the generated parts of ${DEVIATIONS_PATH}`);
  return 0;
}

process.exitCode = await main();
