/**
 * `npm start`: holds an implementation to the spec — by default the bundled contract in the
 * embedded EVM — running every property of the catalog, the differential suite under a step
 * budget on every core, and prints a clause-by-clause report. Exits 1 when a property fails,
 * 2 on bad arguments.
 *
 *   npm start -- [--implementation contract|reference|FILE.sol|ARTIFACT.json] [--steps N] [--runs N] [--workers N]
 *                [--property P-ID] [--seed S] [--path PATH] [--save NAME]
 *
 * MLL_STEPS, MLL_RUNS and MLL_SEED set the same as --steps, --runs and --seed.
 * @module
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ArtifactError } from '../../contracts/artifact.js';
import { CompileError } from '../../contracts/compile.js';
import { catalog } from '../catalog.js';
import { InterfaceMismatch } from '../drivers/evm.js';
import type { DriverFactory } from '../driver.js';
import type { BudgetReport } from './budget.js';
import { explainFor, runDifferentialBudget, stepsFromEnv } from './budget.js';
import type { Budget, PropertyReport } from './check.js';
import { budgetFromEnv, checkProperty } from './check.js';
import type { Implementation } from './implementations.js';
import { describeImplementation, driverFactoryFor, parseImplementation } from './implementations.js';
import { runDifferentialParallel } from './parallel.js';
import type { Regression } from './regressions.js';
import { revive, saveRegression } from './regressions.js';

const usage =
  'usage: npm start -- [--implementation contract|reference|FILE.sol|ARTIFACT.json] [--steps N] [--runs N] [--workers N]\n' +
  '                    [--property P-ID] [--seed S] [--path PATH] [--save NAME]';

const DEFAULT_STEPS = 20_000;
/** Runs per scenario property: the reference is ~30× faster than the EVM. */
const DEFAULT_RUNS = { reference: 500, contract: 60 } as const;

interface Options {
  readonly implementation: Implementation;
  readonly budget: Budget;
  readonly steps: number;
  readonly workers: number;
  readonly property: string | undefined;
  readonly save: string | undefined;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      implementation: { type: 'string' },
      steps: { type: 'string' },
      runs: { type: 'string' },
      workers: { type: 'string' },
      seed: { type: 'string' },
      property: { type: 'string' },
      path: { type: 'string' },
      save: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  const env = { ...process.env };
  if (values.runs !== undefined) env.MLL_RUNS = values.runs;
  if (values.seed !== undefined) env.MLL_SEED = values.seed;
  if (values.steps !== undefined) env.MLL_STEPS = values.steps;
  const implementation = parseImplementation(values.implementation ?? 'contract');
  const budget = budgetFromEnv(DEFAULT_RUNS[implementation.kind], env);
  if (values.property !== undefined && !catalog.some((p) => p.id === values.property)) {
    throw new RangeError(`--property: no property '${values.property}'; known: ${catalog.map((p) => p.id).join(', ')}`);
  }
  if (values.path !== undefined && (budget.seed === undefined || values.property === undefined)) {
    throw new RangeError('--path replays one failure: give it with --property and --seed');
  }
  return {
    implementation,
    budget: values.path === undefined ? budget : { ...budget, path: values.path },
    steps: stepsFromEnv(DEFAULT_STEPS, env),
    workers: values.workers === undefined ? availableParallelism() : positive('workers', values.workers),
    property: values.property,
    save: values.save,
  };
}

/** The differential suite: a step budget over the workers, or one replayed failure. */
async function runDifferential(options: Options, factory: DriverFactory): Promise<PropertyReport> {
  const property = catalog.find((p) => p.id === 'P-DIFFERENTIAL')!;
  if (options.budget.path !== undefined) return checkProperty(property, factory, options.budget, explainFor(factory));
  const seed = options.budget.seed ?? Date.now() % 1_000_000_000;
  const budget = { steps: options.steps, seed };
  const reports: BudgetReport[] =
    options.workers > 1 ? await runDifferentialParallel(options.implementation, budget, options.workers) : [await runDifferentialBudget(factory, budget)];
  const steps = reports.reduce((sum, r) => sum + r.steps, 0);
  const runs = reports.reduce((sum, r) => sum + r.runs, 0);
  const milliseconds = Math.max(...reports.map((r) => r.milliseconds));
  console.log(`P-DIFFERENTIAL: ${steps} steps in ${runs} runs on ${reports.length} worker(s), ${((steps / milliseconds) * 1000).toFixed(0)} steps/s`);
  const failed = reports.find((r) => r.failed !== undefined)?.failed;
  return failed ?? { id: property.id, title: property.title, clauses: property.clauses, runs, ok: true, milliseconds };
}

function printReport(reports: readonly PropertyReport[]): void {
  const rows = reports
    .flatMap((report) => report.clauses.map((clause) => ({ clause, report })))
    .sort((x, y) => x.clause.localeCompare(y.clause) || x.report.id.localeCompare(y.report.id));
  console.log(`\n${'clause'.padEnd(13)}${'property'.padEnd(27)}${'runs'.padEnd(8)}result`);
  for (const { clause, report } of rows) {
    const result = report.ok ? 'pass' : report.failure?.clause === clause ? 'FAIL' : 'fail (another clause)';
    console.log(`${clause.padEnd(13)}${report.id.padEnd(27)}${String(report.runs).padEnd(8)}${result}`);
  }
  const clauses = new Set(rows.map((row) => row.clause));
  const seconds = reports.reduce((sum, r) => sum + r.milliseconds, 0) / 1000;
  console.log(
    `\n${reports.filter((r) => r.ok).length} of ${reports.length} properties pass, covering ${clauses.size} clauses, ${seconds.toFixed(1)} s. ` +
      'Every other clause is checked by the unit tests on the reference: npm test.',
  );
}

function printFailure(report: PropertyReport, options: Options): void {
  const f = report.failure!;
  console.log(`\n${report.id} failed: ${f.message}`);
  const implementation = options.implementation.kind === 'reference' ? 'reference' : (options.implementation.file ?? 'contract');
  if (f.timeline === undefined) {
    console.log(`  counterexample: ${f.counterexample}`);
    console.log(`\nreplay: npm start -- --implementation ${implementation} --property ${report.id} --seed ${f.seed} --path ${f.path}`);
    return;
  }
  console.log(`\n${f.timeline}`);
  if (options.save !== undefined && f.regression !== undefined) {
    const { world, steps } = JSON.parse(f.regression, revive) as Pick<Regression, 'world' | 'steps'>;
    console.log(`\nsaved as a regression test: ${saveRegression({ name: options.save, found: f.message, world, steps })}`);
  }
  // One worker, one chunk from the failing chunk's seed: the same runs, the same failure.
  console.log(`\nreplay: npm start -- --implementation ${implementation} --property ${report.id} --seed ${f.seed} --workers 1 --steps 1${options.save === undefined ? ' [--save NAME]' : ''}`);
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  let factory: DriverFactory;
  try {
    factory = driverFactoryFor(options.implementation);
  } catch (error) {
    // an implementation that cannot be compiled, loaded or spoken to is bad input, not a failed property
    if (error instanceof CompileError || error instanceof ArtifactError || error instanceof InterfaceMismatch) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  const selected = catalog.filter((p) => options.property === undefined || p.id === options.property);
  console.log(`MLL conformance suite — implementation: ${describeImplementation(options.implementation)}, ${selected.length} properties`);
  const reports: PropertyReport[] = [];
  for (const property of selected) {
    reports.push(property.id === 'P-DIFFERENTIAL' ? await runDifferential(options, factory) : await checkProperty(property, factory, options.budget));
  }
  printReport(reports);
  for (const report of reports.filter((r) => !r.ok)) printFailure(report, options);
  return reports.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main();
