/**
 * The conformance run behind `npm start`: holds an implementation to the spec — by default the
 * bundled contract in the embedded EVM — property by property, printing each verdict as it comes,
 * each failure with its timeline and the command that replays it; then a clause-by-clause table.
 * Returns the exit code: 0 every property of the implementation passed, 1 one failed or checked
 * nothing, 2 bad arguments or an implementation that cannot be loaded.
 * @module
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ArtifactError } from '../../contracts/artifact.js';
import { CompileError } from '../../contracts/compile.js';
import type { PropertyDefinition } from '../catalog.js';
import { catalog } from '../catalog.js';
import type { DriverFactory } from '../driver.js';
import { unobservedFields, viewNames } from '../driver.js';
import { uncheckedClauses } from '../differential/clauses.js';
import { noExercise } from '../exercise.js';
import { InterfaceMismatch, engineFromEnv } from '../drivers/evm.js';
import { UnpinnedVersion } from '../drivers/evm-speedups.js';
import type { Scenario } from '../scenario.js';
import { explainFor, mergeBudgetReports, replayDifferential, runDifferentialBudget, stepsFromEnv } from './budget.js';
import type { Budget, Explain, PropertyReport } from './check.js';
import { budgetFromEnv, checkProperty } from './check.js';
import type { Implementation } from './implementations.js';
import { describeImplementation, driverFactoryFor, parseImplementation, parseRemappings } from './implementations.js';
import { runDifferentialParallel } from './parallel.js';
import type { Regression } from './regressions.js';
import { regressionFile, revive, savableProperties, saveRegression } from './regressions.js';
import { explainScenario } from './timeline.js';
import { describeVectorsReport, replayVectors } from '../vectors/replay.js';

const usage =
  'usage: npm start -- [--implementation contract|reference|FILE.sol|ARTIFACT.json] [--steps N] [--runs N] [--workers N]\n' +
  '                    [--property P-ID] [--seed S] [--path PATH] [--save NAME] [--fail-fast] [--remappings a/=b/,c/=d/] [--vectors DIR]';

const DEFAULT_STEPS = 20_000;
/** Runs per scenario property: the reference is ~30× faster than the EVM. */
const DEFAULT_RUNS = { reference: 500, contract: 60 } as const;

interface Options {
  /** As the user typed it, for the replay command. */
  readonly implementationText: string;
  readonly implementation: Implementation;
  readonly budget: Budget;
  readonly steps: number;
  readonly workers: number;
  readonly property: string | undefined;
  readonly save: string | undefined;
  readonly failFast: boolean;
  /** A directory of conformance vectors to replay instead of the properties. */
  readonly vectors: string | undefined;
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

/** Parses and checks every argument before anything runs; a RangeError names the first that is wrong. */
function parseOptions(argv: string[]): Options | 'help' {
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
      'fail-fast': { type: 'boolean' },
      remappings: { type: 'string' },
      vectors: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return 'help';
  engineFromEnv();
  const env = { ...process.env };
  if (values.runs !== undefined) env.MLL_RUNS = values.runs;
  if (values.seed !== undefined) env.MLL_SEED = values.seed;
  if (values.steps !== undefined) env.MLL_STEPS = values.steps;
  const implementationText = values.implementation ?? 'contract';
  const parsed = parseImplementation(implementationText);
  if (values.remappings !== undefined && !(parsed.kind === 'contract' && parsed.file?.endsWith('.sol') === true)) {
    throw new RangeError('--remappings goes with --implementation FILE.sol');
  }
  const implementation = values.remappings === undefined ? parsed : { ...parsed, remappings: parseRemappings(values.remappings) };
  const budget = budgetFromEnv(DEFAULT_RUNS[implementation.kind], env);
  if (values.property !== undefined && !catalog.some((p) => p.id === values.property)) {
    throw new RangeError(`--property: no property '${values.property}'; known: ${catalog.map((p) => p.id).join(', ')}`);
  }
  if (values.path !== undefined && (values.property === undefined || (budget.seed === undefined && !values.path.startsWith('sweep:')))) {
    throw new RangeError('--path replays one failure: give it with --property and --seed, as the failure printed them');
  }
  if (values.save !== undefined) {
    if (values.property === undefined || !savableProperties.includes(values.property)) {
      throw new RangeError(`--save keeps the counterexample of one property: give it with --property, one of ${savableProperties.join(', ')}`);
    }
    regressionFile(values.save);
  }
  return {
    implementationText,
    implementation,
    budget: values.path === undefined ? budget : { ...budget, path: values.path },
    steps: stepsFromEnv(DEFAULT_STEPS, env),
    workers: values.workers === undefined ? availableParallelism() : positive('workers', values.workers),
    property: values.property,
    save: values.save,
    failFast: values['fail-fast'] === true,
    vectors: values.vectors,
  };
}

/** The differential suite: a step budget over the workers, or one replayed failure. */
async function runDifferential(options: Options, factory: DriverFactory, print: (line: string) => void): Promise<PropertyReport> {
  const { seed: given, path } = options.budget;
  if (path !== undefined) return replayDifferential(factory, given ?? 0, path);
  const seed = given ?? Date.now() % 1_000_000_000;
  const budget = { steps: options.steps, seed };
  const reports =
    options.workers > 1 ? await runDifferentialParallel(options.implementation, budget, options.workers) : [await runDifferentialBudget(factory, budget)];
  const steps = reports.reduce((sum, r) => sum + r.steps, 0);
  const milliseconds = Math.max(...reports.map((r) => r.milliseconds));
  print(`P-DIFFERENTIAL: ${steps} steps in ${reports.reduce((sum, r) => sum + r.runs, 0)} runs on ${reports.length} worker(s), ${((steps / milliseconds) * 1000).toFixed(0)} steps/s`);
  return mergeBudgetReports(reports);
}

/** Every other property: a scenario property's counterexample is replayed into a timeline. */
function runProperty(definition: PropertyDefinition, budget: Budget, factory: DriverFactory): Promise<PropertyReport> {
  const explain: Explain | undefined =
    definition.subject === 'specification' ? undefined : (counterexample) => explainScenario(factory, definition, counterexample[0] as Scenario);
  return checkProperty(definition, factory, budget, explain);
}

/** The path a replay gives: the failing run's index (see replayCommand), or the sweep's place. */
const replayPath = (path: string): string => (path.startsWith('sweep:') ? path : path.split(':')[0]!);

/**
 * A failure found on the fast engine, replayed on @ethereumjs/evm as published: a line saying
 * whether the stock engine confirms it, so a fault of the speed-ups is never reported as the
 * contract's. Only for a contract other than the bundled one, whose identity on both engines
 * npm test shows.
 */
async function stockConfirmation(report: PropertyReport, options: Options): Promise<string | null> {
  const { implementation } = options;
  if (implementation.kind !== 'contract' || implementation.file === null || engineFromEnv() === 'stock') return null;
  const failure = report.failure!;
  const stock = driverFactoryFor(implementation, { engine: 'stock' });
  const definition = catalog.find((p) => p.id === report.id)!;
  const path = replayPath(failure.path);
  const again =
    definition.id === 'P-DIFFERENTIAL'
      ? await replayDifferential(stock, failure.seed, path)
      : await runProperty(definition, { numRuns: options.budget.numRuns, seed: failure.seed, path }, stock);
  if (again.failure?.message === failure.message) return 'confirmed on the stock engine (@ethereumjs/evm as published, no speed-ups): the same failure';
  return `ENGINE DISAGREEMENT: on the stock engine the same run gives ${again.failure === undefined ? 'no failure' : `"${again.failure.message}"`} — report it with this command`;
}

/** A property that could not run on this implementation, and why: it checked nothing. */
function notRun(definition: PropertyDefinition, why: string): PropertyReport {
  const { id, title, clauses, subject } = definition;
  return { id, title, clauses, subject, runs: 0, verdict: 'unexercised', milliseconds: 0, exercise: noExercise, notRun: why };
}

/** Property IDs in one column, however long the longest. */
const ID_WIDTH = Math.max(...catalog.map((p) => p.id.length)) + 2;

const count = (n: number): string => n.toLocaleString('en-US');

/** One line per property as it finishes: its verdict and what reached the implementation. */
function verdictLine(report: PropertyReport): string {
  const seconds = `${(report.milliseconds / 1000).toFixed(1)} s`;
  if (report.subject === 'specification') {
    return `${report.verdict === 'pass' ? '✓' : '✗'} ${report.id.padEnd(ID_WIDTH)}${report.verdict} — a check of the specification (the reference's own arithmetic), not of the implementation · ${count(report.runs)} runs · ${seconds}`;
  }
  if (report.notRun !== undefined) return `∅ ${report.id.padEnd(ID_WIDTH)}NOT RUN: ${report.notRun}`;
  const reached = `${count(report.exercise.calls)} calls reached the implementation, ${count(report.exercise.succeeded)} succeeded`;
  const mark = { pass: '✓', fail: '✗', unexercised: '∅' }[report.verdict];
  const verdict = report.verdict === 'unexercised' ? 'NOT EXERCISED: no call succeeded on the implementation, so nothing was checked' : report.verdict;
  return `${mark} ${report.id.padEnd(ID_WIDTH)}${verdict} · ${count(report.runs)} runs · ${reached} · ${seconds}`;
}

/**
 * The command that replays a failure, as a user types it. It names the failing run by its index
 * alone, not fast-check's whole shrink path: model-based commands cannot walk a shrink path back
 * (fast-check would need their replayPath too), while running the same run from the same seed
 * fails and shrinks to the same counterexample again, since every step is deterministic.
 */
export function replayCommand(report: PropertyReport, implementationText: string): string {
  const f = report.failure!;
  return `npm start -- --implementation ${implementationText} --property ${report.id} --seed ${f.seed} --path ${replayPath(f.path)}`;
}

async function printFailure(report: PropertyReport, options: Options, print: (line: string) => void): Promise<void> {
  const f = report.failure!;
  print(`\n${report.id} failed: ${f.message}`);
  print(`\n${f.timeline ?? `counterexample: ${f.counterexample}`}`);
  const confirmation = await stockConfirmation(report, options);
  if (confirmation !== null) print(`\n${confirmation}`);
  if (options.save !== undefined && f.regression !== undefined) {
    const counterexample = JSON.parse(f.regression, revive) as Omit<Regression, 'name' | 'found'>;
    const file = saveRegression({ name: options.save, found: f.message, ...counterexample });
    print(`\nsaved as a regression test: ${relative(process.cwd(), file)}`);
  }
  const saveHint = options.save === undefined && savableProperties.includes(report.id) ? ' [--save NAME]' : '';
  print(`\nreplay: ${replayCommand(report, options.implementationText)}${saveHint}\n`);
}

function printTable(reports: readonly PropertyReport[], print: (line: string) => void): void {
  // A failure may name a clause outside its property's list (the differential names the rule it broke): it gets a row too.
  const clausesOf = (report: PropertyReport): readonly string[] => {
    const failed = report.failure?.clause;
    return failed === null || failed === undefined || report.clauses.includes(failed) ? report.clauses : [...report.clauses, failed];
  };
  const rows = reports
    .filter((r) => r.subject === 'implementation')
    .flatMap((report) => clausesOf(report).map((clause) => ({ clause, report })))
    .sort((x, y) => x.clause.localeCompare(y.clause) || x.report.id.localeCompare(y.report.id));
  print(`\n${'clause'.padEnd(13)}${'property'.padEnd(ID_WIDTH + 1)}${'runs'.padEnd(8)}${'calls ok'.padEnd(10)}result`);
  for (const { clause, report } of rows) {
    const failed = report.failure?.clause;
    const result =
      report.verdict === 'fail'
        ? failed === clause ? 'FAIL' : `not judged: the run stopped at a failure of ${failed ?? 'the property'}`
        : report.verdict === 'pass' ? 'pass' : 'not exercised';
    print(`${clause.padEnd(13)}${report.id.padEnd(ID_WIDTH + 1)}${String(report.runs).padEnd(8)}${String(report.exercise.succeeded).padEnd(10)}${result}`);
  }
  const implementation = reports.filter((r) => r.subject === 'implementation');
  const specification = reports.filter((r) => r.subject === 'specification');
  const clauses = new Set(rows.map((row) => row.clause));
  const seconds = reports.reduce((sum, r) => sum + r.milliseconds, 0) / 1000;
  const unexercised = implementation.filter((r) => r.verdict === 'unexercised').length;
  print(
    `\n${implementation.filter((r) => r.verdict === 'pass').length} of ${implementation.length} properties of the implementation pass` +
      (unexercised === 0 ? '' : `, ${unexercised} not exercised`) +
      `, covering ${clauses.size} clauses, ${seconds.toFixed(1)} s.` +
      (specification.length === 0
        ? ''
        : ` Checks of the specification itself: ${specification.filter((r) => r.verdict === 'pass').length} of ${specification.length} pass (${specification.flatMap((r) => r.clauses).join(', ')}).`) +
      ' Every other clause is checked by the unit tests on the reference: npm test.',
  );
}

/** `npm start`'s arguments in, the exit code out; every line of the report goes to `print`. */
export async function runConformance(argv: string[], print: (line: string) => void = console.log, printError: (line: string) => void = console.error): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    printError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    print(usage);
    return 0;
  }
  let factory: DriverFactory;
  try {
    factory = driverFactoryFor(options.implementation);
  } catch (error) {
    // an implementation that cannot be compiled, loaded or spoken to is bad input, not a failed property
    if (error instanceof CompileError || error instanceof ArtifactError || error instanceof InterfaceMismatch || error instanceof UnpinnedVersion || error instanceof RangeError) {
      printError(error.message);
      return 2;
    }
    throw error;
  }
  if (options.vectors !== undefined) {
    const replayed = await replayVectors(options.vectors, factory);
    for (const line of describeVectorsReport(replayed)) print(line);
    return replayed.failures.length > 0 || replayed.steps === 0 ? 1 : 0;
  }
  const selected = catalog.filter((p) => options.property === undefined || p.id === options.property);
  print(`MLL conformance suite — implementation: ${describeImplementation(options.implementation)}, ${selected.length} properties`);
  // An implementation lacking views is judged on what it has: the differential compares what its views show.
  const { capabilities } = factory();
  const unchecked = uncheckedClauses(capabilities);
  const blind = unobservedFields(capabilities).length > 0;
  if (unchecked.length > 0) {
    print(`It lacks ${viewNames.filter((v) => !capabilities.has(v)).join(', ')}; what that leaves unchecked, clause by clause:`);
    for (const { clause, because } of unchecked) print(`  ${clause.padEnd(13)}${because}`);
  }
  const reports: PropertyReport[] = [];
  for (const property of selected) {
    if (blind && property.subject === 'implementation' && property.id !== 'P-DIFFERENTIAL') {
      reports.push(notRun(property, 'its checks read fields only getLockStatus and getPartyStatus report'));
      print(verdictLine(reports.at(-1)!));
      continue;
    }
    const report = property.id === 'P-DIFFERENTIAL' ? await runDifferential(options, factory, print) : await runProperty(property, options.budget, factory);
    reports.push(report);
    print(verdictLine(report));
    if (report.verdict === 'fail') await printFailure(report, options, print);
    if (report.verdict === 'fail' && options.failFast) break;
  }
  printTable(reports, print);
  return reports.every((r) => r.verdict === 'pass') ? 0 : 1;
}
