/**
 * The consumer examples (MLL-CONF-001): examples/foundry-consumer, built by forge offline (forge
 * from the npm registry, solc-js behind contracts/solc-js.mjs) in a copy outside the repository,
 * and the artifact forge wrote held to the spec by `mll check` as its README says, from the
 * project's directory. examples/hardhat-consumer needs hardhat, which this repository does not
 * install: its README records the run; here, that both examples carry the bundled contract and
 * the compiler this repository pins.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { forgeBinary, solcJs } from '../../properties/vectors/forge.js';
import { runMll } from '../support/cli.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
const bundled = readFileSync(new URL('../../contracts/MutualLiquidityLock.sol', import.meta.url), 'utf8');
const readme = (example: string): string => readFileSync(join(examples, example, 'README.md'), 'utf8');
/** The `mll check …` line of a README's commands, as arguments. */
const checkCommand = (example: string): string[] => {
  const line = readme(example)
    .split('\n')
    .find((l) => l.startsWith('npx mll check '));
  if (line === undefined) throw new Error(`${example}/README.md has no npx mll check line`);
  return line.slice('npx mll '.length).split(' ');
};

describe('MLL-CONF-001: a Foundry project checks its own build', () => {
  it('examples/foundry-consumer: forge build offline, then mll check on the artifact forge wrote, as its README says', () => {
    const project = mkdtempSync(join(tmpdir(), 'mll-foundry-consumer-'));
    cpSync(join(examples, 'foundry-consumer'), project, { recursive: true });
    const build = spawnSync(forgeBinary(), ['build', '--use', solcJs], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, FOUNDRY_OFFLINE: 'true', NO_COLOR: '1' },
    });
    expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
    const command = checkCommand('foundry-consumer');
    expect(command).toEqual(['check', 'out/MutualLiquidityLock.sol/MutualLiquidityLock.json']);
    // the README's command with budgets this shared test machine can afford
    // as a user's shell starts it: paths from the project's directory (npm would set INIT_CWD to it; vitest's is this repository's)
    const { INIT_CWD: _, ...env } = process.env;
    const run = runMll([...command, '--steps', '2000', '--runs', '5', '--seed', '1', '--quiet'], { cwd: project, env });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^MLL conformance suite — implementation: out\/MutualLiquidityLock\.sol\/MutualLiquidityLock\.json in @ethereumjs\/evm, 21 properties/,
    );
    expect(run.stdout).toMatch(/\n20 of 20 properties of the implementation pass/);
  }, 300_000);
});

describe('MLL-CONF-001: the examples are not stale', () => {
  it('both carry the bundled contract as it is', () => {
    expect(readFileSync(join(examples, 'foundry-consumer', 'src', 'MutualLiquidityLock.sol'), 'utf8')).toBe(bundled);
    expect(readFileSync(join(examples, 'hardhat-consumer', 'contracts', 'MutualLiquidityLock.sol'), 'utf8')).toBe(bundled);
  });

  it('examples/hardhat-consumer pins the solc this repository runs, and checks the artifact Hardhat writes', () => {
    const ours = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
      version: string;
    };
    const theirs = JSON.parse(readFileSync(join(examples, 'hardhat-consumer', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    expect(theirs.devDependencies.solc).toBe(ours.dependencies.solc);
    expect(theirs.devDependencies['mutual-liquidity-lock']).toBe(ours.version);
    expect(checkCommand('hardhat-consumer')).toEqual(['check', 'artifacts/contracts/MutualLiquidityLock.sol/MutualLiquidityLock.json']);
  });
});
