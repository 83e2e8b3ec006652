/**
 * `mll check` (and `npm start`, its alias): holds an implementation to the spec — by default the
 * bundled contract in the embedded EVM — property by property, printing each verdict as it comes,
 * each failure with its timeline and the command that replays it; then a clause-by-clause table;
 * reports for machines (--report), a progress line on a TTY, shards (--shard K/N).
 * Returns the exit code: 0 every property of the implementation passed, 1 one failed or checked
 * nothing, 2 bad arguments or an implementation that cannot be loaded.
 * @internal
 * @module
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ArtifactError } from '../contracts/artifact.js';
import { CompileError } from '../contracts/compile.js';
import type { PropertyDefinition } from '../properties/catalog.js';
import { catalog } from '../properties/catalog.js';
import type { DriverFactory } from '../properties/driver.js';
import { unobservedFields, viewNames } from '../properties/driver.js';
import { uncheckedClauses } from '../properties/differential/clauses.js';
import { noExercise } from '../properties/exercise.js';
import { InterfaceMismatch, engineFromEnv } from '../properties/drivers/evm.js';
import { UnpinnedVersion } from '../properties/drivers/evm-speedups.js';
import type { Scenario } from '../properties/scenario.js';
import { replayDifferential, stepsFromEnv } from '../properties/runners/budget.js';
import type { Budget, Explain, PropertyReport } from '../properties/runners/check.js';
import { budgetFromEnv, checkProperty } from '../properties/runners/check.js';
import type { Implementation } from './run/implementations.js';
import {
  describeImplementation,
  driverFactoryFor,
  parseImplementation,
  parseRemappings,
  withDeployAdapter,
} from './run/implementations.js';
import type { DifferentialRun, Shard } from './run/lanes.js';
import { LANES, differentialReport, inShard, parseShard, runDifferentialLanes, runSteps, wholeRun } from './run/lanes.js';
import type { Regression } from '../properties/runners/regressions.js';
import { regressionFile, revive, savableProperties, saveRegression } from '../properties/runners/regressions.js';
import { describeVectorsReport, replayVectors } from '../properties/vectors/replay.js';
import type { ForgeTarget } from '../properties/vectors/forge.js';
import { FORMAT } from '../properties/vectors/format.js';
import type { EngineChoice } from './engines.js';
import { ENGINES, bothEngines, nativeDifferential, nativeTarget } from './engines.js';
import { explainScenario } from '../properties/runners/timeline.js';
import type { Progress } from './progress.js';
import { progressLine } from './progress.js';
import type { ReportDocument, ReportKind, ReportNative, ReportProperty } from './reports.js';
import { REPORT_FORMAT, REPORT_VERSION, clauseRows, reportTargets, summarise, toolVersion, writeReports } from './reports.js';

const usage = 'usage: mll check [options] (npm start -- [options]); mll check --help lists them';

const DEFAULT_STEPS = 20_000;
/** Runs per scenario property: the reference is ~30× faster than the EVM. */
const DEFAULT_RUNS = { reference: 500, contract: 60 } as const;

interface Options {
  /** As the user typed it, for the replay command. */
  readonly implementationText: string;
  readonly implementation: Implementation;
  readonly budget: Budget;
  /** The seed every part of the run uses: given, or chosen once and reported. */
  readonly seed: number;
  readonly steps: number;
  readonly workers: number;
  readonly property: string | undefined;
  readonly clause: string | undefined;
  readonly selected: readonly PropertyDefinition[];
  readonly save: string | undefined;
  readonly failFast: boolean;
  readonly shard: Shard | undefined;
  readonly reports: readonly { kind: ReportKind; file: string }[];
  readonly quiet: boolean;
  /** A directory of conformance vectors to replay instead of the properties. */
  readonly vectors: string | undefined;
  /** Which engine runs P-DIFFERENTIAL (cli/engines.ts), and what forge replays on when native takes part. */
  readonly engine: EngineChoice;
  readonly nativeTarget: ForgeTarget | null;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options every subcommand running properties shares: one grammar for check and replay. */
export function implementationOptions(command: Command): Command {
  return command
    .option('--implementation <impl>', 'contract (the bundled one), reference, FILE.sol, or a Foundry/Hardhat ARTIFACT.json', 'contract')
    .option('--remappings <list>', "Foundry remappings for a .sol that imports: 'a/=b/,c/=d/'")
    .option(
      '--deploy <adapter>',
      'deploy the contract with a deploy adapter: ADAPTER.json (mll-deploy/1) or a module (.ts, .mjs) exporting the deployment',
    )
    .addOption(
      new Option('--report <kind>', 'json, junit or md, paired in order with --out FILE; or KIND=FILE[,KIND=FILE]; repeatable').argParser(
        collect,
      ),
    )
    .addOption(new Option('--out <file>', 'where the --report of the same place goes; repeatable').argParser(collect))
    .option('--quiet', 'no progress line on stderr');
}

/** `mll check`'s grammar. */
export function checkCommand(name = 'mll check'): Command {
  return implementationOptions(
    new Command(name).description('hold an implementation to the spec: every property, a clause-by-clause report'),
  )
    .argument('[implementation]', 'the same as --implementation: FILE.sol, ARTIFACT.json, contract or reference')
    .option('--steps <n>', `differential steps (MLL_STEPS; default ${DEFAULT_STEPS})`)
    .option('--runs <n>', 'runs per scenario property (MLL_RUNS; default 60 on a contract, 500 on the reference)')
    .option('--workers <n>', 'worker threads (default: one per core)')
    .option('--seed <s>', 'the seed of every part of the run (MLL_SEED; default: chosen and reported)')
    .option('--property <id>', 'run one property, as P-DIFFERENTIAL')
    .option('--clause <glob>', "run the properties checking a clause that matches, as 'MLL-BLD-*'")
    .option('--path <path>', 'replay one failure: with --property and --seed, as a failure prints them')
    .option('--save <name>', "keep a failure's counterexample as test/regressions/NAME.json")
    .option('--fail-fast', 'stop at the first failure')
    .option('--vectors <dir>', `replay a directory of conformance vectors (${FORMAT}) instead of the properties`)
    .addOption(
      new Option(
        '--engine <engine>',
        'who runs P-DIFFERENTIAL: embedded (@ethereumjs/evm), native (fixtures from the reference replayed by forge; a divergence is shrunk on embedded), or both, reporting an ENGINE DISAGREEMENT; native takes the bundled contract, a .sol that imports nothing, or an artifact JSON',
      )
        .choices(ENGINES)
        .default('embedded'),
    )
    .option('--shard <K/N>', `run shard K of N (N ≤ ${LANES}) of the run: merge the shards' JSON reports with mll merge`)
    .helpOption('-h, --help', 'this help')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .allowExcessArguments(false);
}

/**
 * A contract that does not compile: a first line that says so on its own, naming the file and
 * solc's first error; solc's messages, source excerpts included, below it.
 */
export function compileErrorText(file: string, error: CompileError): string {
  // an import not found is one line already, naming the file
  if (error.messages.length === 1 && !error.messages[0]!.includes('\n') && error.message === error.messages[0]) return error.message;
  const first = (error.messages[0] ?? error.message).split('\n')[0]!;
  const more = error.messages.length > 1 ? ` (and ${error.messages.length - 1} more)` : '';
  return `implementation: ${file} does not compile: ${first}${more}\n${error.messages.join('\n')}`;
}

/** Flags take decimal digits only: no 1e3, 0x10 or ' 5'. */
function digits(name: string, text: string | undefined, signed = false): void {
  if (text !== undefined && !(signed ? /^-?\d+$/ : /^\d+$/).test(text)) {
    throw new RangeError(`--${name} must be ${signed ? 'an integer' : 'a positive integer'} in decimal digits, got '${text}'`);
  }
}

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`--${name} must be a positive integer, got '${text}'`);
  return n;
}

/** A glob over clause IDs: `*` any characters, `?` one. */
export function clauseGlob(glob: string): RegExp {
  if (!/^[A-Za-z0-9*?-]+$/.test(glob))
    throw new RangeError(`--clause: expected a clause ID or a glob over them, as MLL-BLD-*, got '${glob}'`);
  return new RegExp(`^${glob.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

/** Parses `--implementation` and `--remappings` together. */
export function parseImplementationOptions(values: { implementation?: string; remappings?: string; deploy?: string }): {
  text: string;
  implementation: Implementation;
} {
  const text = values.implementation ?? 'contract';
  const typed = parseImplementation(text);
  const parsed = values.deploy === undefined ? typed : withDeployAdapter(typed, values.deploy);
  if (values.remappings !== undefined && !(parsed.kind === 'contract' && parsed.file?.endsWith('.sol') === true)) {
    throw new RangeError('--remappings goes with --implementation FILE.sol');
  }
  if (values.remappings === undefined || parsed.kind !== 'contract') return { text, implementation: parsed };
  return { text, implementation: { ...parsed, remappings: parseRemappings(values.remappings) } };
}

/** Commander's own complaint (unknown option, missing argument) as a RangeError; help as 'help'. */
export function parseWith(command: Command, argv: readonly string[]): 'help' | Record<string, unknown> {
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return 'help';
      throw new RangeError(error.message.replace(/^error: /, ''), { cause: error });
    }
    throw error;
  }
  return command.opts();
}

/** Parses and checks every argument before anything runs; a RangeError names the first that is wrong. */
function parseOptions(argv: string[]): Options | 'help' {
  const command = checkCommand();
  const values = parseWith(command, argv) as
    | 'help'
    | {
        implementation?: string;
        remappings?: string;
        deploy?: string;
        report?: string[];
        out?: string[];
        quiet?: boolean;
        steps?: string;
        runs?: string;
        workers?: string;
        seed?: string;
        property?: string;
        clause?: string;
        path?: string;
        save?: string;
        failFast?: boolean;
        shard?: string;
        vectors?: string;
        engine: EngineChoice;
      };
  if (values === 'help') return 'help';
  const positional = command.args[0];
  if (positional !== undefined) {
    if (argv.some((a) => a === '--implementation' || a.startsWith('--implementation=')))
      throw new RangeError(`give the implementation once: '${positional}' and --implementation ${values.implementation}`);
    values.implementation = positional;
  }
  engineFromEnv();
  digits('steps', values.steps);
  digits('runs', values.runs);
  digits('workers', values.workers);
  digits('seed', values.seed, true);
  const env = { ...process.env };
  if (values.runs !== undefined) env.MLL_RUNS = values.runs;
  if (values.seed !== undefined) env.MLL_SEED = values.seed;
  if (values.steps !== undefined) env.MLL_STEPS = values.steps;
  const { text: implementationText, implementation } = parseImplementationOptions(values);
  const budget = budgetFromEnv(DEFAULT_RUNS[implementation.kind], env);
  if (values.property !== undefined && !catalog.some((p) => p.id === values.property)) {
    throw new RangeError(`--property: no property '${values.property}'; known: ${catalog.map((p) => p.id).join(', ')}`);
  }
  const glob = values.clause === undefined ? undefined : clauseGlob(values.clause);
  const selected = catalog.filter(
    (p) => (values.property === undefined || p.id === values.property) && (glob === undefined || p.clauses.some((c) => glob.test(c))),
  );
  if (selected.length === 0)
    throw new RangeError(
      `--clause: no property${values.property === undefined ? '' : ` among ${values.property}`} checks a clause matching '${values.clause}'`,
    );
  if (values.path !== undefined && (values.property === undefined || (budget.seed === undefined && !values.path.startsWith('sweep:')))) {
    throw new RangeError('--path replays one failure: give it with --property and --seed, as the failure printed them');
  }
  if (values.save !== undefined) {
    if (values.property === undefined || !savableProperties.includes(values.property)) {
      throw new RangeError(
        `--save keeps the counterexample of one property: give it with --property, one of ${savableProperties.join(', ')}`,
      );
    }
    regressionFile(values.save);
  }
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard !== undefined && budget.seed === undefined)
    throw new RangeError('--shard: give --seed too, the same for every shard, so the shards are parts of one run');
  if (shard !== undefined && (values.path !== undefined || values.save !== undefined))
    throw new RangeError('--shard runs part of a run; --path and --save replay one failure: not together');
  const reports = reportTargets(values.report ?? [], values.out ?? []);
  if (values.engine !== 'embedded' && (shard !== undefined || values.path !== undefined || values.vectors !== undefined)) {
    throw new RangeError(
      `--engine ${values.engine} runs the whole differential; --shard, --path and --vectors run on the embedded engine: not together`,
    );
  }
  return {
    implementationText,
    implementation,
    budget: values.path === undefined ? budget : { ...budget, path: values.path },
    seed: budget.seed ?? Date.now() % 1_000_000_000,
    steps: stepsFromEnv(DEFAULT_STEPS, env),
    workers: values.workers === undefined ? availableParallelism() : positive('workers', values.workers),
    property: values.property,
    clause: values.clause,
    selected,
    save: values.save,
    failFast: values.failFast === true,
    shard,
    reports,
    quiet: values.quiet === true,
    vectors: values.vectors,
    engine: values.engine,
    nativeTarget: values.engine === 'embedded' ? null : nativeTarget(implementation),
  };
}

/** The differential suite: this shard's part of the step budget over the workers, or one replayed failure. */
async function runDifferential(
  options: Options,
  factory: DriverFactory,
  print: (line: string) => void,
  progress: Progress,
): Promise<{ report: PropertyReport; run: DifferentialRun | null }> {
  const { path } = options.budget;
  if (path !== undefined) return { report: await replayDifferential(factory, options.seed, path), run: null };
  const shard = options.shard ?? wholeRun;
  progress.phase('P-DIFFERENTIAL', Math.ceil(options.steps / shard.count), 'steps');
  const run = await runDifferentialLanes(options.implementation, factory, {
    steps: options.steps,
    seed: options.seed,
    shard,
    workers: options.workers,
    onProgress: (steps, failures) => progress.update(steps, failures),
  });
  const steps = runSteps(run);
  const runs = run.lanes.reduce((sum, l) => sum + l.runs, 0);
  const threads = Math.min(options.workers, run.lanes.length);
  progress.around(() =>
    print(
      `P-DIFFERENTIAL: ${steps} steps in ${runs} runs, ${run.lanes.length} of ${LANES} lanes${shard.count === 1 ? '' : ` (shard ${shard.index}/${shard.count})`} on ${Math.max(1, threads)} worker(s), ${((steps / run.milliseconds) * 1000).toFixed(0)} steps/s`,
    ),
  );
  return { report: differentialReport(run), run };
}

/** Every other property: a scenario property's counterexample is replayed into a timeline. */
function runProperty(definition: PropertyDefinition, budget: Budget, factory: DriverFactory): Promise<PropertyReport> {
  const explain: Explain | undefined =
    definition.subject === 'specification'
      ? undefined
      : (counterexample) => explainScenario(factory, definition, counterexample[0] as Scenario);
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
  const stock = await driverFactoryFor(implementation, { engine: 'stock' });
  const definition = catalog.find((p) => p.id === report.id)!;
  const path = replayPath(failure.path);
  const again =
    definition.id === 'P-DIFFERENTIAL'
      ? await replayDifferential(stock, failure.seed, path)
      : await runProperty(definition, { numRuns: options.budget.numRuns, seed: failure.seed, path }, stock);
  if (again.failure?.message === failure.message)
    return 'confirmed on the stock engine (@ethereumjs/evm as published, no speed-ups): the same failure';
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
  const verdict =
    report.verdict === 'unexercised' ? 'NOT EXERCISED: no call succeeded on the implementation, so nothing was checked' : report.verdict;
  return `${mark} ${report.id.padEnd(ID_WIDTH)}${verdict} · ${count(report.runs)} runs · ${reached} · ${seconds}`;
}

/**
 * The command that replays a failure, as a user types it. It names the failing run by its index
 * alone, not fast-check's whole shrink path: model-based commands cannot walk a shrink path back
 * (fast-check would need their replayPath too), while running the same run from the same seed
 * fails and shrinks to the same counterexample again, since every step is deterministic.
 */
export function replayCommand(report: PropertyReport, implementationText: string, deploy?: string): string {
  const f = report.failure!;
  const adapter = deploy === undefined ? '' : ` --deploy ${deploy}`;
  return `npm start -- --implementation ${implementationText}${adapter} --property ${report.id} --seed ${f.seed} --path ${replayPath(f.path)}`;
}

const adapterOf = (implementation: Implementation): string | undefined =>
  implementation.kind === 'contract' ? implementation.deploy : undefined;

/** Prints a failure: headline, timeline, the stock engine's word, the saved file, the replay; returns the stock engine's word. */
async function printFailure(
  report: PropertyReport,
  options: Options,
  print: (line: string) => void,
  invokedAs: string,
): Promise<string | null> {
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
  print(
    `\nreplay: ${invokedAs} ${replayCommand(report, options.implementationText, adapterOf(options.implementation)).slice('npm start -- '.length)}${saveHint}\n`,
  );
  return confirmation;
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
        ? failed === clause
          ? 'FAIL'
          : `not judged: the run stopped at a failure of ${failed ?? 'the property'}`
        : report.verdict === 'pass'
          ? 'pass'
          : 'not exercised';
    print(
      `${clause.padEnd(13)}${report.id.padEnd(ID_WIDTH + 1)}${String(report.runs).padEnd(8)}${String(report.exercise.succeeded).padEnd(10)}${result}`,
    );
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

/** A property report as the JSON report has it. */
function reportProperty(report: PropertyReport, replay: string | null, confirmation: string | null): ReportProperty {
  const f = report.failure;
  return {
    id: report.id,
    title: report.title,
    subject: report.subject,
    clauses: report.clauses,
    verdict: report.verdict,
    runs: report.runs,
    milliseconds: Math.round(report.milliseconds),
    exercise: report.exercise,
    notRun: report.notRun ?? null,
    failure:
      f === undefined
        ? null
        : {
            clause: f.clause,
            message: f.message,
            seed: f.seed,
            path: f.path,
            counterexample: f.counterexample,
            timeline: f.timeline ?? null,
            replay: replay!,
            confirmation,
          },
  };
}

/**
 * `mll check`'s arguments in, the exit code out; every line of the report goes to `print`.
 * `invokedAs` starts the printed replay command: `npm start --` (the default) or `mll check`.
 */
export async function runConformance(
  argv: string[],
  print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error,
  invokedAs = 'npm start --',
): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    printError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (options === 'help') {
    print(
      checkCommand(invokedAs === 'npm start --' ? 'npm start --' : 'mll check')
        .helpInformation()
        .trimEnd(),
    );
    return 0;
  }
  let factory: DriverFactory;
  try {
    factory = await driverFactoryFor(options.implementation);
  } catch (error) {
    // an implementation that cannot be compiled, loaded or spoken to is bad input, not a failed property
    if (error instanceof CompileError) {
      printError(compileErrorText(options.implementationText, error));
      return 2;
    }
    if (
      error instanceof ArtifactError ||
      error instanceof InterfaceMismatch ||
      error instanceof UnpinnedVersion ||
      error instanceof RangeError
    ) {
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
  const started = performance.now();
  const progress = progressLine(options.quiet);
  const say = (line: string): void => progress.around(() => print(line));
  const shard = options.shard ?? wholeRun;
  // A shard runs its lanes of the differential and every N-th of the other properties.
  const others = options.selected.filter((p) => p.id !== 'P-DIFFERENTIAL');
  const selected = options.selected.filter((p) => p.id === 'P-DIFFERENTIAL' || inShard(shard, others.indexOf(p)));
  say(
    `MLL conformance suite — implementation: ${describeImplementation(options.implementation)}, ${selected.length} properties` +
      (options.engine === 'embedded'
        ? ''
        : `; P-DIFFERENTIAL ${options.engine === 'native' ? 'on forge instead' : 'on forge as well'} (--engine ${options.engine})`) +
      (options.shard === undefined ? '' : ` (shard ${shard.index}/${shard.count} of the run with seed ${options.seed})`),
  );
  // An implementation lacking views is judged on what it has: the differential compares what its views show.
  const { capabilities } = factory();
  const unchecked = uncheckedClauses(capabilities);
  const blind = unobservedFields(capabilities).length > 0;
  if (unchecked.length > 0) {
    say(`It lacks ${viewNames.filter((v) => !capabilities.has(v)).join(', ')}; what that leaves unchecked, clause by clause:`);
    for (const { clause, because } of unchecked) say(`  ${clause.padEnd(13)}${because}`);
  }
  const reports: PropertyReport[] = [];
  const entries: ReportProperty[] = [];
  let differential: DifferentialRun | null = null;
  let nativeRun: ReportNative | null = null;
  let failures = 0;
  const otherCount = selected.filter((p) => p.id !== 'P-DIFFERENTIAL').length;
  try {
    for (const property of selected) {
      if (property.id !== 'P-DIFFERENTIAL') {
        progress.phase('properties', otherCount, 'properties');
        progress.update(reports.filter((r) => r.id !== 'P-DIFFERENTIAL').length, failures);
      }
      let report: PropertyReport;
      if (blind && property.subject === 'implementation' && property.id !== 'P-DIFFERENTIAL') {
        report = notRun(property, 'its checks read fields only getLockStatus and getPartyStatus report');
      } else if (property.id === 'P-DIFFERENTIAL' && options.nativeTarget !== null) {
        const native = await nativeDifferential(options.nativeTarget, factory, { steps: options.steps, seed: options.seed }, say, progress);
        nativeRun = native.run;
        if (options.engine === 'both') {
          const ran = await runDifferential(options, factory, print, progress);
          differential = ran.run;
          report = await bothEngines(ran.report, native.report, options.nativeTarget, say);
        } else report = native.report;
      } else if (property.id === 'P-DIFFERENTIAL') {
        const ran = await runDifferential(options, factory, print, progress);
        report = ran.report;
        differential = ran.run;
      } else {
        report = await runProperty(
          property,
          options.budget.seed === undefined ? { ...options.budget, seed: options.seed } : options.budget,
          factory,
        );
      }
      reports.push(report);
      say(verdictLine(report));
      let replay: string | null = null;
      let confirmation: string | null = null;
      if (report.verdict === 'fail') {
        failures++;
        replay = `${invokedAs} ${replayCommand(report, options.implementationText, adapterOf(options.implementation)).slice('npm start -- '.length)}`;
        confirmation = await printFailure(report, options, say, invokedAs);
      }
      entries.push(reportProperty(report, replay, confirmation));
      if (report.verdict === 'fail' && options.failFast) break;
    }
  } finally {
    progress.stop();
  }
  printTable(reports, print);
  const doc: ReportDocument = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    tool: { name: 'mll', version: toolVersion },
    implementation: { argument: options.implementationText, description: describeImplementation(options.implementation) },
    run: {
      seed: options.seed,
      steps: options.steps,
      runs: options.budget.numRuns,
      shard: options.shard ?? null,
      mergedFrom: null,
      property: options.property ?? null,
      clause: options.clause ?? null,
      engine: options.engine,
      evm: engineFromEnv(),
    },
    ...summarise(entries, Math.round(performance.now() - started)),
    properties: entries,
    differential:
      differential === null
        ? null
        : {
            seed: differential.seed,
            budget: differential.budget,
            lanes: LANES,
            steps: runSteps(differential),
            sweep: {
              places: differential.sweep.places,
              steps: differential.sweep.steps,
              failedPlace: differential.sweep.failed?.index ?? null,
            },
            lanesRun: differential.lanes.map((l) => ({
              lane: l.lane,
              seed: l.seed,
              chunks: l.chunks,
              steps: l.steps,
              runs: l.runs,
              failed: l.failed !== undefined,
            })),
          },
    native: nativeRun,
  };
  try {
    writeReports(doc, options.reports);
  } catch (error) {
    printError(`--out: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  return reports.every((r) => r.verdict === 'pass') ? 0 : 1;
}

/** For the clause table of the text report. */
export { clauseRows };
