/**
 * A contract developer's build, brought in from outside (MLL-CONF-001): a Foundry or Hardhat
 * artifact JSON loads as the same contract, runs the differential suite, and every way such a
 * file — or a contract's interface — can be wrong is refused by name, with exit code 2 from
 * `npm start`, before any property runs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArtifactError, loadArtifact } from '../../contracts/artifact.js';
import { bundledArtifact } from '../../contracts/compile.js';
import { InterfaceMismatch, evmDriverFactory, missingInterface } from '../../properties/drivers/evm.js';
import { runDifferentialBudget } from '../../properties/runners/budget.js';
import { startCli } from '../support/cli.js';

const bundled = bundledArtifact();
const dir = mkdtempSync(join(tmpdir(), 'mll-artifacts-'));
const write = (name: string, content: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};
const foundry = write('MutualLiquidityLock.json', {
  abi: bundled.abi,
  bytecode: { object: bundled.bytecode, sourceMap: '' },
  deployedBytecode: { object: bundled.deployedBytecode },
});
const hardhat = write('Hardhat.json', {
  contractName: 'MutualLiquidityLock',
  abi: bundled.abi,
  bytecode: bundled.bytecode.slice(2),
  deployedBytecode: bundled.deployedBytecode,
});

describe('MLL-CONF-001: an implementation compiled elsewhere', () => {
  it('loads from a Foundry or a Hardhat artifact as the same contract', () => {
    for (const file of [foundry, hardhat]) {
      const artifact = loadArtifact(file);
      expect(artifact.contractName).toBe('MutualLiquidityLock');
      expect(artifact.bytecode).toBe(bundled.bytecode);
      expect(artifact.deployedBytecode).toBe(bundled.deployedBytecode);
      expect(artifact.abi).toEqual(bundled.abi);
    }
  });

  it('is held to the spec by the differential suite like the bundled contract', async () => {
    const report = await runDifferentialBudget(evmDriverFactory(loadArtifact(foundry)), { steps: 1_500, seed: 3 });
    expect(report.failed?.failure?.message).toBeUndefined();
    expect(report.steps).toBeGreaterThanOrEqual(1_500);
  }, 120_000);

  it('is refused by name when the file is not an artifact', () => {
    const cases: [string, unknown, RegExp][] = [
      ['missing.json', null, /cannot be read \(ENOENT\)/],
      ['truncated.json', '{"abi": ', /is not JSON/],
      ['array.json', [], /is not a JSON object/],
      ['no-abi.json', { bytecode: bundled.bytecode }, /no abi array/],
      ['no-bytecode.json', { abi: bundled.abi }, /no bytecode/],
      ['odd-hex.json', { abi: bundled.abi, bytecode: '0x123', deployedBytecode: '0x' }, /bytecode is not whole bytes of hex/],
      ['unlinked.json', { abi: bundled.abi, bytecode: '0x6080__$0123$__', deployedBytecode: '0x00' }, /unlinked library placeholders/],
      ['abstract.json', { abi: bundled.abi, bytecode: '0x', deployedBytecode: '0x' }, /bytecode is empty/],
    ];
    for (const [name, content, message] of cases) {
      const file = content === null ? join(dir, name) : write(name, content);
      expect(() => loadArtifact(file), name).toThrow(ArtifactError);
      expect(() => loadArtifact(file), name).toThrow(message);
    }
  });

  it('is refused when its ABI lacks a function, receive or the constructor, naming every missing piece; missing views are not refused', () => {
    expect(missingInterface(bundled.abi)).toEqual([]);
    const without = (names: string[]) => bundled.abi.filter((item) => !('name' in item && names.includes(item.name)));
    expect(missingInterface(without(['withdraw', 'getLockStatus']))).toEqual(['withdraw()']);
    expect(missingInterface(bundled.abi.filter((item) => item.type !== 'receive'))).toEqual(['receive()']);
    const fewerArguments = bundled.abi.map((item) => (item.type === 'constructor' ? { ...item, inputs: item.inputs.slice(1) } : item));
    expect(missingInterface(fewerArguments)).toEqual(['a constructor of 9 arguments (it has 8)']);
    expect(() => evmDriverFactory({ ...bundled, contractName: 'Partial', abi: without(['claimAbandoned']) })).toThrow(InterfaceMismatch);
    expect(() => evmDriverFactory({ ...bundled, contractName: 'Partial', abi: without(['claimAbandoned']) })).toThrow(
      /Partial .* missing claimAbandoned\(\)/,
    );
  });

  it('npm start exits 2 with the reason for a bad artifact, a missing file and a contract that does not compile', () => {
    const partial = write('Partial.json', {
      abi: bundled.abi.filter((item) => !('name' in item && item.name === 'deposit')),
      bytecode: bundled.bytecode,
      deployedBytecode: bundled.deployedBytecode,
    });
    const broken = join(dir, 'Broken.sol');
    writeFileSync(broken, 'pragma solidity ^0.8.0; contract Broken { function f( }');
    for (const [implementation, reason] of [
      [join(dir, 'truncated.json'), /is not JSON/],
      [partial, /missing deposit\(\)/],
      [join(dir, 'nowhere.sol'), /no such file/],
      [broken, /^implementation: .*Broken\.sol does not compile: ParserError: Expected type name\n/],
    ] as const) {
      const { status, stderr } = startCli(['--implementation', implementation, '--steps', '1']);
      expect(status, implementation).toBe(2);
      expect(stderr, implementation).toMatch(reason);
    }
  }, 120_000);
});
