/**
 * Replays a fixture set with Foundry, offline: forge from the npm registry (@foundry-rs/forge),
 * solc-js behind contracts/solc-js.mjs as its compiler, and a project made in a build directory
 * (under .cache/forge/, gitignored) as examples/foundry/README.md lays one out: the contract under
 * test in src/, foundry/MllVectorReplayer.sol and the example's test in test/. An artifact's
 * creation code needs no compiler: the test reads it from a file and deploys it.
 * @module
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hex } from 'viem';
import { EVM_VERSION } from '../../contracts/compile.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** solc-js behind solc's CLI, for forge --use. */
export const solcJs = join(root, 'contracts', 'solc-js.mjs');

/** No forge to run: bad input for whoever asked for the native engine (exit 2), one line. */
export class ForgeMissing extends RangeError {}

/**
 * forge: the platform's binary that @foundry-rs/forge ships (a devDependency here; its bin.mjs
 * wrapper does not pass the exit code on), else a `forge` on PATH, as a Foundry user has one.
 */
export function forgeBinary(): string {
  try {
    return createRequire(import.meta.url).resolve(
      `@foundry-rs/forge-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}/bin/forge`,
    );
  } catch {
    if (spawnSync('forge', ['--version'], { stdio: 'ignore' }).status === 0) return 'forge';
    throw new ForgeMissing('the native engine needs forge: install Foundry (forge on PATH) or npm install --save-dev @foundry-rs/forge');
  }
}

/** forge could not build or run the replay (a contract that does not compile, say): bad input, one line. */
export class ForgeFailed extends RangeError {}

/** What forge replays the vectors on: a .sol (forge compiles it, its contract named as the file), or an artifact's creation code. */
export type ForgeTarget = string | { readonly name: string; readonly bytecode: Hex };

/** What forge said: passed or not, the first failure's reason, its whole output, and how long it took. */
export interface ForgeReplay {
  readonly passed: boolean;
  /** The reason of the failing test, `MLL-…: fixture …, step …: … expected …, actual …`; null when it passed. */
  readonly failure: string | null;
  readonly output: string;
  /** forge's whole run, compilation included. */
  readonly seconds: number;
  /** The replay itself, as forge times the test suite. */
  readonly testSeconds: number;
}

const units: Readonly<Record<string, number>> = { s: 1, ms: 1e-3, µs: 1e-6, ns: 1e-9 };

/** Compiler settings as contracts/compile.ts uses them, so forge builds the contract the EVM suite checks; `extra` lines after them. */
function foundryToml(readable: readonly string[], extra: readonly string[] = []): string {
  return [
    '[profile.default]',
    'src = "src"',
    'test = "test"',
    'out = "out"',
    'libs = []',
    `evm_version = "${EVM_VERSION}"`,
    'via_ir = true',
    'optimizer = true',
    'optimizer_runs = 200',
    'gas_limit = 9223372036854775807',
    `fs_permissions = [${readable.map((path) => `{ access = "read", path = ${JSON.stringify(path)} }`).join(', ')}]`,
    ...extra,
    '',
  ].join('\n');
}

/** examples/foundry's test, which deploys MyLock, made to deploy `contractName`: the example is what npm test runs. */
function replayTest(contractName: string): string {
  return readFileSync(join(root, 'examples', 'foundry', 'test', 'MyLockVectors.t.sol'), 'utf8').replaceAll('MyLock', contractName);
}

/** A test that deploys the creation code in `file` (hex) instead of a contract it compiles. */
function bytecodeTest(file: string): string {
  return [
    '// SPDX-License-Identifier: MIT',
    'pragma solidity ^0.8.20;',
    '',
    'import {MllVectorReplayer} from "./MllVectorReplayer.sol";',
    '',
    'interface CreationCodeVm {',
    '    function readFile(string calldata path) external view returns (string memory data);',
    '    function parseBytes(string calldata text) external pure returns (bytes memory);',
    '}',
    '',
    '/// Replays every fixture in $MLL_VECTORS against the creation code of an artifact.',
    'contract ArtifactVectors is MllVectorReplayer {',
    '    function deployLock(bytes memory constructorArgs) internal override returns (address) {',
    '        CreationCodeVm cheats = CreationCodeVm(address(vm));',
    `        return deployCreationCode(cheats.parseBytes(cheats.readFile(${JSON.stringify(file)})), constructorArgs);`,
    '    }',
    '}',
    '',
  ].join('\n');
}

/**
 * Replays every fixture in `vectors` with forge against `target` (a .sol whose contract has the
 * file's name and imports nothing, or an artifact's creation code), in the project directory
 * .cache/forge/`project`. forge may read `readable` (default: `vectors`): a directory that holds
 * every batch of a run keeps the project's configuration, and so its build cache, the same.
 */
export async function replayWithForge(
  vectors: string,
  target: ForgeTarget,
  project = typeof target === 'string' ? basename(target, '.sol') : target.name,
  readable = vectors,
): Promise<ForgeReplay> {
  const dir = join(root, '.cache', 'forge', project);
  // sources and tests of an earlier target would be built and run too; the build cache (out/, cache/) stays
  for (const sub of ['src', 'test']) {
    rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(join(dir, sub), { recursive: true });
  }
  const creationCode = join(dir, 'creation-code.hex');
  writeFileSync(
    join(dir, 'foundry.toml'),
    foundryToml(typeof target === 'string' ? [resolve(readable)] : [resolve(readable), creationCode]),
  );
  copyFileSync(join(root, 'foundry', 'MllVectorReplayer.sol'), join(dir, 'test', 'MllVectorReplayer.sol'));
  if (typeof target === 'string') {
    const contractName = basename(target, '.sol');
    writeFileSync(join(dir, 'src', `${contractName}.sol`), readFileSync(target));
    writeFileSync(join(dir, 'test', `${contractName}Vectors.t.sol`), replayTest(contractName));
  } else {
    writeFileSync(creationCode, target.bytecode);
    writeFileSync(join(dir, 'test', 'ArtifactVectors.t.sol'), bytecodeTest(creationCode));
  }
  const run = await forgeTest(dir, { MLL_VECTORS: resolve(vectors) });
  return { ...run, failure: /\[FAIL: (.*)\] test_vectors/.exec(run.output)?.[1] ?? null };
}

/** A child process run to its end: its exit status (null if a signal ended it) and its output, stdout then stderr. */
function runToEnd(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ status: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', fail);
    child.on('close', (status) => done({ status, output: `${Buffer.concat(out).toString('utf8')}${Buffer.concat(err).toString('utf8')}` }));
  });
}

/**
 * `forge test` in the project `dir`, offline, with solc-js; how long it took, whole and as forge
 * times its suites. Asynchronous, so the caller can make the next batch of fixtures meanwhile.
 */
async function forgeTest(dir: string, env: Readonly<Record<string, string>> = {}): Promise<Omit<ForgeReplay, 'failure'>> {
  const forge = forgeBinary();
  const started = performance.now();
  let run: { status: number | null; output: string };
  try {
    run = await runToEnd(forge, ['test', '--use', solcJs, '--root', dir], {
      cwd: dir,
      env: { ...process.env, FOUNDRY_OFFLINE: 'true', NO_COLOR: '1', ...env },
    });
  } catch (error) {
    throw new ForgeFailed(`forge did not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const { output } = run;
  if (run.status !== 0 && !/\[FAIL/.test(output)) {
    const said = output.split('\n').find((line) => /^Error|error\[/.test(line.trim())) ?? output.trim().split('\n').at(-1);
    throw new ForgeFailed(`forge exited ${run.status ?? 'on a signal'} without a test result: ${said?.trim()}`);
  }
  const suite = /Suite result: .*finished in ([\d.]+)(s|ms|µs|ns)/.exec(output);
  const testSeconds = suite === null ? seconds : Number(suite[1]) * units[suite[2]!]!;
  return { passed: run.status === 0, output, seconds, testSeconds };
}

/** A forge invariant campaign's figures: calls made, and forge's own test time and whole run. */
export interface Campaign {
  readonly passed: boolean;
  readonly runs: number;
  readonly calls: number;
  readonly reverts: number;
  readonly testSeconds: number;
  readonly seconds: number;
}

/**
 * Runs the invariant campaign `testFile` (a forge test importing ../src/`contractFile`'s
 * contract) with `runs` runs of `depth` calls, in the project .cache/forge/`project`; with
 * `fresh`, its build cache is removed first, so the whole run includes compilation.
 */
export async function runCampaign(
  testFile: string,
  contractFile: string,
  { runs, depth, project, fresh }: { runs: number; depth: number; project: string; fresh: boolean },
): Promise<Campaign> {
  const dir = join(root, '.cache', 'forge', project);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'test'), { recursive: true });
  writeFileSync(
    join(dir, 'foundry.toml'),
    foundryToml([], ['', '[profile.default.invariant]', `runs = ${runs}`, `depth = ${depth}`, 'fail_on_revert = false']),
  );
  copyFileSync(contractFile, join(dir, 'src', basename(contractFile)));
  copyFileSync(testFile, join(dir, 'test', basename(testFile)));
  const run = await forgeTest(dir);
  const figures = /\(runs: (\d+), calls: (\d+), reverts: (\d+)\)/.exec(run.output);
  if (figures === null) throw new ForgeFailed(`forge ran no invariant campaign: ${run.output.trim().split('\n').at(-1)}`);
  return {
    passed: run.passed,
    runs: Number(figures[1]),
    calls: Number(figures[2]),
    reverts: Number(figures[3]),
    testSeconds: run.testSeconds,
    seconds: run.seconds,
  };
}
