/**
 * A contract developer's Solidity as it is laid out in a real project (MLL-CONF-001): relative
 * imports and Foundry's remappings — passed, or read from remappings.txt or foundry.toml — are
 * read from disk and every source reached is part of the compile cache's key; an import that is
 * not there is one line, and exit code 2 from `npm start`; a relative path is the caller's.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompileError, ImportNotFound, bundledArtifact, compileContractFile } from '../../contracts/compile.js';
import { codeHash } from '../../mutation/evaluate.js';
import { InterfaceMismatch } from '../../properties/drivers/evm.js';
import { driverFactoryFor, parseRemappings } from '../../cli/run/implementations.js';
import { startCli } from '../support/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh directory holding `files` (path → content); returns its path. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mll-imports-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const HEADER = '// SPDX-License-Identifier: MIT\npragma solidity 0.8.37;\n';
/** A small contract importing `from`, and the library it imports: fast to compile. */
const lock = (from: string): string =>
  `${HEADER}import {Dep} from "${from}";\ncontract Lock { function f() external pure returns (uint256) { return Dep.x(); } }\n`;
const dep = (x: number): string => `${HEADER}library Dep { function x() internal pure returns (uint256) { return ${x}; } }\n`;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('MLL-CONF-001: an implementation that imports', () => {
  it('compiles when split across files by a relative import, to the bundled contract', () => {
    // The error declarations (but WrongPhase, which needs the contract's Phase) moved to ../lib/Errors.sol.
    const source = readFileSync(join(root, 'contracts', 'MutualLiquidityLock.sol'), 'utf8');
    const declaration = /^ {4}(error (?!WrongPhase\b)\w+\([^)]*\);)\n/gm;
    const errors = [...source.matchAll(declaration)].map((m) => m[1]);
    expect(errors.length).toBeGreaterThan(20);
    const dir = project({
      'src/MutualLiquidityLock.sol': source
        .replace(declaration, '')
        .replace(/^pragma .*\n/m, (pragma) => `${pragma}\nimport "../lib/Errors.sol";\n`),
      'lib/Errors.sol': `${HEADER}\n${errors.join('\n')}\n`,
    });
    const split = compileContractFile(join(dir, 'src', 'MutualLiquidityLock.sol'));
    const bundled = bundledArtifact();
    // the same code; only solc's metadata, which hashes the file names, differs
    expect(codeHash(split)).toBe(codeHash(bundled));
    const sorted = (abi: readonly unknown[]) => abi.map((item) => JSON.stringify(item)).sort();
    expect(sorted(split.abi)).toEqual(sorted(bundled.abi));
  }, 60_000);

  it('recompiles when an imported file changes: its content is part of the cache key', () => {
    const dir = project({ 'Lock.sol': lock('./Dep.sol'), 'Dep.sol': dep(1) });
    const before = compileContractFile(join(dir, 'Lock.sol'));
    writeFileSync(join(dir, 'Dep.sol'), dep(2));
    const after = compileContractFile(join(dir, 'Lock.sol'));
    expect(after.inputHash).not.toBe(before.inputHash);
    expect(after.deployedBytecode).not.toBe(before.deployedBytecode);
  });

  it('finds remapped imports from a list passed, from remappings.txt and from foundry.toml', async () => {
    const layout = { 'src/Lock.sol': lock('dep/Dep.sol'), 'lib/dep/src/Dep.sol': dep(7) };
    const passed = project(layout);
    const txt = project({ ...layout, 'remappings.txt': '\ndep/=lib/dep/src/\n' });
    const toml = project({
      ...layout,
      // only [profile.default]'s array counts; comments and other profiles are skipped
      'foundry.toml':
        '[profile.default]\nsrc = "src"\nremappings = [\n  # "dep/=nowhere/",\n  "dep/=lib/dep/src/",\n]\n\n[profile.ci]\nremappings = ["dep/=nowhere/"]\n',
    });
    for (const [dir, remappings] of [
      [passed, { entries: ['dep/=lib/dep/src/'], root: passed }],
      [txt, undefined],
      [toml, undefined],
    ] as const) {
      const artifact = compileContractFile(join(dir, 'src', 'Lock.sol'), remappings);
      expect(artifact.contractName).toBe('Lock');
      expect(artifact.abi).toContainEqual(expect.objectContaining({ type: 'function', name: 'f' }));
    }
    // as `npm start` passes them: --remappings, paths taken from the caller's directory
    vi.stubEnv('INIT_CWD', passed);
    await expect(
      driverFactoryFor({ kind: 'contract', file: 'src/Lock.sol', remappings: parseRemappings('dep/=lib/dep/src/') }),
    ).rejects.toThrow(InterfaceMismatch);
  });

  it('refuses a remapping not of the form prefix=path, naming it', () => {
    expect(parseRemappings('a/=lib/a/, ctx:b/=lib/b/')).toEqual(['a/=lib/a/', 'ctx:b/=lib/b/']);
    expect(() => parseRemappings('a/=lib/a/,b/')).toThrow(new RangeError("remappings: expected prefix=path, got 'b/' in 'a/=lib/a/,b/'"));
    const dir = project({ 'Lock.sol': lock('dep/Dep.sol'), 'remappings.txt': 'dep/lib/dep/\n' });
    expect(() => compileContractFile(join(dir, 'Lock.sol'))).toThrow(CompileError);
    expect(() => compileContractFile(join(dir, 'Lock.sol'))).toThrow(`remapping 'dep/lib/dep/' (paths from ${dir}) is not prefix=path`);
  });

  it('names a missing import in one line: as written, where it was looked for, and the ways out', () => {
    const dir = project({ 'Lock.sol': lock('lib/x/Foo.sol'), 'remapped/Lock.sol': lock('dep/Dep.sol') });
    const missing = (file: string, remappings?: { entries: string[]; root: string }): string => {
      try {
        compileContractFile(join(dir, file), remappings);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportNotFound);
        return (error as ImportNotFound).message;
      }
      throw new Error(`${file} compiled`);
    };
    expect(missing('Lock.sol')).toBe(
      `Lock.sol imports "lib/x/Foo.sol", which was not found (looked in ${dir}/lib/x/Foo.sol); ` +
        'pass --remappings prefix/=path/ or point --implementation at the artifact your build wrote (out/Lock.sol/Lock.json)',
    );
    expect(missing('remapped/Lock.sol', { entries: ['dep/=lib/dep/'], root: dir })).toMatch(
      new RegExp(`^Lock\\.sol imports "dep/Dep\\.sol", which was not found \\(looked in ${dir}/lib/dep/Dep\\.sol\\); [^\\n]*$`),
    );
  });

  it('npm start exits 2 with that line, taking a relative path from the directory it was typed in', () => {
    const dir = project({ 'Lock.sol': lock('lib/x/Foo.sol') });
    // npm runs the script in the package root and passes the caller's directory as INIT_CWD
    const typed = startCli(['--implementation', 'Lock.sol', '--steps', '1'], { cwd: root, env: { ...process.env, INIT_CWD: dir } });
    expect(typed).toEqual({
      status: 2,
      stderr: `Lock.sol imports "lib/x/Foo.sol", which was not found (looked in ${dir}/lib/x/Foo.sol); pass --remappings prefix/=path/ or point --implementation at the artifact your build wrote (out/Lock.sol/Lock.json)\n`,
    });
    // run directly, without npm: the working directory
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'INIT_CWD'));
    const absent = startCli(['--implementation', 'Nowhere.sol'], { cwd: dir, env });
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(`implementation: no such file 'Nowhere.sol' (${join(dir, 'Nowhere.sol')})`);
  }, 60_000);
});
