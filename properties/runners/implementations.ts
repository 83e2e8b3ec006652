/**
 * Which implementation a run holds to the spec: the reference itself, the bundled contract, any
 * Solidity file a contract developer points at (its contract must have the file's name and the
 * spec's interface), or a contract already compiled elsewhere (a Foundry or Hardhat artifact
 * JSON). Each becomes a DriverFactory; nothing else in the suites changes.
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadArtifact } from '../../contracts/artifact.js';
import { bundledArtifact, compileContractFile } from '../../contracts/compile.js';
import type { DriverFactory } from '../driver.js';
import type { EvmEngineOptions } from '../drivers/evm.js';
import { evmDriverFactory } from '../drivers/evm.js';
import { ReferenceDriver } from '../drivers/reference.js';

export type Implementation = { readonly kind: 'reference' } | { readonly kind: 'contract'; readonly file: string | null };

/** A human name for reports. */
export function describeImplementation(implementation: Implementation): string {
  if (implementation.kind === 'reference') return 'the reference (TypeScript)';
  return implementation.file === null ? 'contracts/MutualLiquidityLock.sol in @ethereumjs/evm' : `${implementation.file} in @ethereumjs/evm`;
}

/** Parses `reference`, `contract`, or a path to a .sol file or an artifact .json. */
export function parseImplementation(text: string): Implementation {
  if (text === 'reference') return { kind: 'reference' };
  if (text === 'contract') return { kind: 'contract', file: null };
  if (!text.endsWith('.sol') && !text.endsWith('.json')) {
    throw new RangeError(`implementation: expected 'reference', 'contract', a .sol file or an artifact .json, got '${text}'`);
  }
  if (!existsSync(resolve(text))) throw new RangeError(`implementation: no such file '${text}'`);
  return { kind: 'contract', file: text };
}

/**
 * The implementation's drivers. A contract's run on the engine MLL_EVM names unless `options`
 * says: `{ engine: 'stock' }` re-runs a failure on @ethereumjs/evm as published, to tell a
 * contract's divergence from a speed-up's. The reference has no engine and ignores them.
 */
export function driverFactoryFor(implementation: Implementation, options: EvmEngineOptions = {}): DriverFactory {
  if (implementation.kind === 'reference') return (setup) => new ReferenceDriver(setup);
  const file = implementation.file;
  const artifact = file === null ? bundledArtifact() : file.endsWith('.json') ? loadArtifact(resolve(file)) : compileContractFile(resolve(file));
  return evmDriverFactory(artifact, options);
}
