/**
 * `mll`: the kit's command. One grammar for every subcommand — options as `--name value` or
 * `--name=value`, `--help` on each — and one rule for exit codes: 0 pass, 1 fail, 2 bad input
 * (one line on stderr, never a stack trace).
 *
 *   mll check    hold an implementation to the spec (npm start -- ARGS is mll check ARGS)
 *   mll replay   replay a saved regression or a fixture (mll-vectors) on an implementation
 *   mll econ     the closed-form economics for parameters
 *   mll trace    clauses ↔ tests ↔ properties (in a clone of the repository)
 *   mll merge    join the JSON reports of a run's shards
 *   mll vectors  conformance vectors generated from the reference (npm run vectors -- ARGS)
 * @internal
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command } from 'commander';
import { ArtifactError } from '../contracts/artifact.js';
import { CompileError } from '../contracts/compile.js';
import { InterfaceMismatch } from '../properties/drivers/evm.js';
import { UnpinnedVersion } from '../properties/drivers/evm-speedups.js';
import { describeImplementation, driverFactoryFor } from './run/implementations.js';
import { DEFAULT_STEPS as DEFAULT_VECTOR_STEPS, runVectors, vectorsOptions } from '../properties/vectors/command.js';
import { FORMAT } from '../properties/vectors/format.js';
import { describeVectorsReport, replayVectorFiles } from '../properties/vectors/replay.js';
import type { Regression } from '../properties/runners/regressions.js';
import { replayRegression, revive } from '../properties/runners/regressions.js';
import { compileErrorText, implementationOptions, parseImplementationOptions, parseWith, runConformance } from './check.js';
import { econCommand, econTable, economics } from './econ.js';
import { mergeReports, readReport, reportTargets, toolVersion, writeReports } from './reports.js';

export interface Io {
  readonly print: (line: string) => void;
  readonly printError: (line: string) => void;
}

type Subcommand = (argv: string[], io: Io) => Promise<number>;

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bad input: one line naming it, exit 2. */
class BadInput extends RangeError {}

const commandOf = (name: string, description: string, args = ''): Command => {
  const command = new Command(name)
    .description(description)
    .helpOption('-h, --help', 'this help')
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    .allowExcessArguments(false);
  return args === '' ? command : command.arguments(args);
};

function replayCommand(): Command {
  return implementationOptions(
    commandOf(
      'mll replay',
      `replay a saved regression (test/regressions/NAME.json, written by --save) or a fixture (${FORMAT}, written by mll vectors) on an implementation`,
      '<file>',
    ),
  );
}

function mergeCommand(): Command {
  return commandOf('mll merge', "join the JSON reports of a run's shards into the report of the whole run", '<reports...>')
    .option(
      '--report <kind>',
      'json, junit or md, paired in order with --out; or KIND=FILE[,KIND=FILE]; repeatable',
      (v: string, p: string[] = []) => [...p, v],
    )
    .option('--out <file>', 'where the --report of the same place goes; repeatable', (v: string, p: string[] = []) => [...p, v]);
}

function traceCommand(): Command {
  return commandOf(
    'mll trace',
    'clauses ↔ tests ↔ properties: writes spec/traceability.md, or only checks with --check (in a clone of the repository)',
  ).option('--check', 'report problems, write nothing; exit 1 on any');
}

function vectorsCommand(): Command {
  return commandOf(
    'mll vectors',
    `write conformance vectors (${FORMAT}, spec/conformance.md) generated from the reference alone: the constructor sweep, the saved regressions and random runs; exit 1 when --forge finds a difference`,
  )
    .option('--out <dir>', 'the directory the fixtures (one NAME.json each) are written to; required')
    .option('--steps <n>', `random-run steps at least (default ${DEFAULT_VECTOR_STEPS})`)
    .option('--seed <s>', 'the seed of the random runs (default 0): the same seed writes the same fixtures')
    .option('--forge <file.sol>', 'then replay them with forge on this contract (named as its file, importing nothing)');
}

/** `npm start` in this repository prints its replays as `npm start -- …`; anywhere else, `mll check …`. */
const viaNpmStart = (): boolean => process.env.npm_lifecycle_event === 'start' && process.env.npm_package_name === 'mutual-liquidity-lock';

const check: Subcommand = (argv, io) => runConformance(argv, io.print, io.printError, viaNpmStart() ? 'npm start --' : 'mll check');

const replay: Subcommand = async (argv, io) => {
  const command = replayCommand();
  const values = parseWith(command, argv);
  if (values === 'help') return help(command, io);
  const file = command.args[0]!;
  const { text, implementation } = parseImplementationOptions(values);
  let regression: Regression;
  try {
    regression = JSON.parse(readFileSync(file, 'utf8'), revive) as Regression;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BadInput(code === undefined ? `${file}: not JSON` : `${file}: cannot read it (${code})`);
  }
  const fixture = (regression as { format?: unknown } | null)?.format === FORMAT;
  if (
    !fixture &&
    (regression === null ||
      typeof regression !== 'object' ||
      !Array.isArray(regression.steps) ||
      typeof regression.world !== 'object' ||
      regression.world === null)
  ) {
    throw new BadInput(`${file}: not a saved regression (no world and steps) nor a fixture (format ${FORMAT})`);
  }
  const name = regression.name ?? file;
  let factory;
  try {
    factory = await driverFactoryFor(implementation);
  } catch (error) {
    if (error instanceof CompileError) throw new BadInput(compileErrorText(text, error));
    throw error;
  }
  if (fixture) {
    const replayed = await replayVectorFiles([file], factory);
    for (const line of describeVectorsReport(replayed)) io.print(line);
    return replayed.failures.length > 0 ? 1 : 0;
  }
  try {
    await replayRegression(factory, regression);
  } catch (error) {
    if (error instanceof RangeError) throw new BadInput(error.message);
    io.print(`✗ ${name} fails on ${describeImplementation(implementation)}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  io.print(`✓ ${name} replays without a failure on ${describeImplementation(implementation)} (${regression.steps.length} steps)`);
  return 0;
};

const econ: Subcommand = async (argv, io) => {
  const figures = economics(argv);
  if (figures === 'help') return help(econCommand(), io);
  io.print(argv.includes('--json') ? JSON.stringify(figures, null, 2) : econTable(figures));
  return 0;
};

const trace: Subcommand = async (argv, io) => {
  const command = traceCommand();
  const values = parseWith(command, argv);
  if (values === 'help') return help(command, io);
  const script = fileURLToPath(new URL('../scripts/trace.ts', import.meta.url));
  if (!existsSync(script) || !existsSync(new URL('../test/', import.meta.url))) {
    throw new BadInput("mll trace maps clauses to the repository's tests: run it in a clone of the repository (npm run trace)");
  }
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const result = spawnSync(process.execPath, ['--import', tsx, script, ...(values.check === true ? ['--check'] : [])], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.stdout) io.print(result.stdout.trimEnd());
  if (result.stderr) io.printError(result.stderr.trimEnd());
  return result.status === 0 ? 0 : 1;
};

const merge: Subcommand = async (argv, io) => {
  const command = mergeCommand();
  const values = parseWith(command, argv);
  if (values === 'help') return help(command, io);
  const targets = reportTargets((values.report as string[] | undefined) ?? [], (values.out as string[] | undefined) ?? []);
  const doc = mergeReports(command.args.map((file) => ({ file, doc: readReport(file) })));
  const t = doc.totals;
  io.print(`merged ${doc.run.mergedFrom} shards of the run with seed ${doc.run.seed} on ${doc.implementation.description}`);
  if (doc.differential !== null) {
    io.print(
      `P-DIFFERENTIAL: ${doc.differential.steps} steps, ${doc.differential.lanesRun.length} of ${doc.differential.lanes} lanes, ${doc.differential.sweep.places.length} places of the constructor sweep`,
    );
  }
  for (const p of doc.properties) {
    io.print(
      `${{ pass: '✓', fail: '✗', unexercised: '∅' }[p.verdict]} ${p.id.padEnd(26)}${p.verdict} · ${p.runs} runs · ${p.exercise.succeeded} calls succeeded`,
    );
    if (p.failure !== null) io.print(`    ${p.failure.message}\n    replay: ${p.failure.replay}`);
  }
  io.print(`\n${'clause'.padEnd(13)}${'property'.padEnd(27)}${'runs'.padEnd(8)}${'calls ok'.padEnd(10)}result`);
  for (const r of doc.clauses)
    io.print(`${r.clause.padEnd(13)}${r.property.padEnd(27)}${String(r.runs).padEnd(8)}${String(r.succeeded).padEnd(10)}${r.result}`);
  io.print(
    `\n${t.pass} of ${t.properties} properties pass${t.fail === 0 ? '' : `, ${t.fail} fail`}${t.unexercised === 0 ? '' : `, ${t.unexercised} not exercised`}, covering ${t.clauses} clauses.`,
  );
  writeReports(doc, targets);
  return doc.exitCode;
};

const vectors: Subcommand = async (argv, io) => {
  const command = vectorsCommand();
  const values = parseWith(command, argv);
  if (values === 'help') return help(command, io);
  return runVectors(vectorsOptions(values), io.print);
};

const subcommands: Record<string, { run: Subcommand; summary: string }> = {
  check: { run: check, summary: 'hold an implementation to the spec (npm start -- ARGS is mll check ARGS)' },
  replay: { run: replay, summary: 'replay a saved regression JSON on --implementation' },
  econ: { run: econ, summary: 'the closed-form economics for --d --T --r … as a table or --json' },
  trace: { run: trace, summary: 'clauses ↔ tests ↔ properties (in a clone of the repository)' },
  merge: { run: merge, summary: "join the JSON reports of a run's shards (--shard K/N)" },
  vectors: { run: vectors, summary: 'conformance vectors generated from the reference --out DIR (npm run vectors -- ARGS)' },
};

function help(command: Command, io: Io): number {
  io.print(command.helpInformation().trimEnd());
  return 0;
}

const overview = (): string =>
  [
    `mll ${toolVersion} — the Mutual Liquidity Lock conformance kit`,
    '',
    'usage: mll <command> [options]; mll <command> --help',
    '',
    ...Object.entries(subcommands).map(([name, { summary }]) => `  ${name.padEnd(9)}${summary}`),
    '',
    'exit codes: 0 pass, 1 fail, 2 bad input',
  ].join('\n');

/** `mll`'s arguments in, the exit code out. */
export async function main(argv: readonly string[], io: Io = { print: console.log, printError: console.error }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.print(overview());
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.print(toolVersion);
    return 0;
  }
  const subcommand = name === undefined ? undefined : subcommands[name];
  if (subcommand === undefined) {
    io.printError(
      `${name === undefined ? 'mll: give a command' : `mll: no command '${name}'`}; known: ${Object.keys(subcommands).join(', ')}\nusage: mll <command> [options]; mll --help`,
    );
    return 2;
  }
  try {
    return await subcommand.run([...rest], io);
  } catch (error) {
    if (
      error instanceof RangeError ||
      error instanceof CompileError ||
      error instanceof ArtifactError ||
      error instanceof InterfaceMismatch ||
      error instanceof UnpinnedVersion
    ) {
      io.printError(`mll ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
