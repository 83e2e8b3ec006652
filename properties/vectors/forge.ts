/**
 * Replays a fixture set with Foundry, offline: forge from the npm registry (@foundry-rs/forge),
 * solc-js behind contracts/solc-js.mjs as its compiler, and a project made in a build directory
 * (under .cache/forge/, gitignored) as examples/foundry/README.md lays one out: the contract under
 * test in src/, foundry/MllVectorReplayer.sol and the example's test in test/.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVM_VERSION } from '../../contracts/compile.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** The platform's binary that @foundry-rs/forge ships (its bin.mjs wrapper does not pass the exit code on); solc-js behind solc's CLI, for forge --use. */
export const forgeBin = createRequire(import.meta.url).resolve(`@foundry-rs/forge-${process.platform}-${process.arch === 'x64' ? 'amd64' : process.arch}/bin/forge`);
export const solcJs = join(root, 'contracts', 'solc-js.mjs');

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

const units: Readonly<Record<string, number>> = { s: 1, ms: 1e-3, 'µs': 1e-6, ns: 1e-9 };

/** Compiler settings as contracts/compile.ts uses them, so forge builds the contract the EVM suite checks. */
function foundryToml(vectors: string): string {
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
    `fs_permissions = [{ access = "read", path = ${JSON.stringify(vectors)} }]`,
    '',
  ].join('\n');
}

/** examples/foundry's test, which deploys MyLock, made to deploy `contractName`: the example is what npm test runs. */
function replayTest(contractName: string): string {
  return readFileSync(join(root, 'examples', 'foundry', 'test', 'MyLockVectors.t.sol'), 'utf8').replaceAll('MyLock', contractName);
}

/**
 * Replays every fixture in `vectors` with forge against `contractFile` (a .sol whose contract has
 * the file's name and imports nothing), in the project directory .cache/forge/`project`.
 */
export function replayWithForge(vectors: string, contractFile: string, project = basename(contractFile, '.sol')): ForgeReplay {
  const contractName = basename(contractFile, '.sol');
  const dir = join(root, '.cache', 'forge', project);
  mkdirSync(join(dir, 'src'), { recursive: true });
  mkdirSync(join(dir, 'test'), { recursive: true });
  writeFileSync(join(dir, 'foundry.toml'), foundryToml(resolve(vectors)));
  writeFileSync(join(dir, 'src', `${contractName}.sol`), readFileSync(contractFile));
  copyFileSync(join(root, 'foundry', 'MllVectorReplayer.sol'), join(dir, 'test', 'MllVectorReplayer.sol'));
  writeFileSync(join(dir, 'test', `${contractName}Vectors.t.sol`), replayTest(contractName));
  const started = performance.now();
  const run = spawnSync(forgeBin, ['test', '--use', solcJs, '--root', dir], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FOUNDRY_OFFLINE: 'true', MLL_VECTORS: resolve(vectors), NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const output = `${run.stdout}${run.stderr}`;
  if (run.error !== undefined) throw new Error(`forge did not run: ${run.error.message}`);
  if (run.status !== 0 && !/\[FAIL/.test(output)) throw new Error(`forge exited ${run.status} without a test result: ${output.trim().split('\n').at(-1)}`);
  const suite = /Suite result: .*finished in ([\d.]+)(s|ms|µs|ns)/.exec(output);
  const testSeconds = suite === null ? seconds : Number(suite[1]) * units[suite[2]!]!;
  return { passed: run.status === 0, failure: /\[FAIL: (.*)\] test_vectors/.exec(output)?.[1] ?? null, output, seconds, testSeconds };
}
