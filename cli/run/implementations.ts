/**
 * Which implementation a run holds to the spec: the reference itself, the bundled contract, any
 * Solidity file a contract developer points at (its contract must have the file's name and the
 * spec's interface), or a contract already compiled elsewhere (a Foundry or Hardhat artifact
 * JSON). Each becomes a DriverFactory; nothing else in the suites changes. Paths, the file's and
 * the remappings', are the caller's: taken from the directory `npm start` was typed in.
 * @internal
 * @module
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadArtifact } from '../../contracts/artifact.js';
import { bundledArtifact, compileContractFile, isRemapping } from '../../contracts/compile.js';
import type { DriverFactory } from '../../properties/driver.js';
import { checkAdapterFile, loadDeployment } from '../../properties/drivers/deploy.js';
import type { EvmEngineOptions } from '../../properties/drivers/evm.js';
import { evmDriverFactory } from '../../properties/drivers/evm.js';
import { ReferenceDriver } from '../../properties/drivers/reference.js';

/**
 * `file` is as typed (null: the bundled contract); `remappings`, Foundry's `prefix/=path/` for a
 * .sol that imports, replace the ones found beside it in remappings.txt or foundry.toml; `deploy`,
 * a deploy adapter's file as typed (properties/drivers/deploy.ts), for a contract deployed otherwise
 * than by the spec's constructor.
 */
export type Implementation =
  | { readonly kind: 'reference' }
  | { readonly kind: 'contract'; readonly file: string | null; readonly remappings?: readonly string[]; readonly deploy?: string };

/** The caller's directory: `npm start` runs in the package root and passes the caller's as INIT_CWD. */
const callerDirectory = (): string => process.env.INIT_CWD ?? process.cwd();

/** A path as the caller typed it, made absolute from the caller's directory. */
export const callerPath = (text: string): string => resolve(callerDirectory(), text);

/** A human name for reports. */
export function describeImplementation(implementation: Implementation): string {
  if (implementation.kind === 'reference') return 'the reference (TypeScript)';
  const deployed = implementation.deploy === undefined ? '' : `, deployed by ${implementation.deploy}`;
  return `${implementation.file ?? 'contracts/MutualLiquidityLock.sol'} in @ethereumjs/evm${deployed}`;
}

/** `implementation` deployed by the adapter `file` (as typed), checked to be one before anything runs. */
export function withDeployAdapter(implementation: Implementation, file: string): Implementation {
  if (implementation.kind !== 'contract') throw new RangeError('--deploy goes with a contract: the reference has no deployment to adapt');
  checkAdapterFile(file, callerPath(file));
  return { ...implementation, deploy: file };
}

/** Parses `reference`, `contract`, or a path to a .sol file or an artifact .json. */
export function parseImplementation(text: string): Implementation {
  if (text === 'reference') return { kind: 'reference' };
  if (text === 'contract') return { kind: 'contract', file: null };
  if (!text.endsWith('.sol') && !text.endsWith('.json')) {
    throw new RangeError(`implementation: expected 'reference', 'contract', a .sol file or an artifact .json, got '${text}'`);
  }
  if (!existsSync(callerPath(text))) throw new RangeError(`implementation: no such file '${text}' (${callerPath(text)})`);
  if (!statSync(callerPath(text)).isFile()) throw new RangeError(`implementation: '${text}' is not a file (${callerPath(text)})`);
  return { kind: 'contract', file: text };
}

/** Parses `a/=b/,c/=d/`: remappings as Foundry writes them, each `[context:]prefix=path`. */
export function parseRemappings(text: string): string[] {
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isRemapping(entry));
  if (bad !== undefined) throw new RangeError(`remappings: expected prefix=path, got '${bad}' in '${text}'`);
  return entries;
}

/**
 * The implementation's drivers. A contract's run on the engine MLL_EVM names unless `options`
 * says: `{ engine: 'stock' }` re-runs a failure on @ethereumjs/evm as published, to tell a
 * contract's divergence from a speed-up's. The reference has no engine and ignores them. Async:
 * a module adapter is imported.
 */
export async function driverFactoryFor(implementation: Implementation, options: EvmEngineOptions = {}): Promise<DriverFactory> {
  if (implementation.kind === 'reference') return (setup) => new ReferenceDriver(setup);
  const { file, remappings, deploy } = implementation;
  const deployment = deploy === undefined ? {} : { deployment: await loadDeployment(deploy, callerPath(deploy)) };
  if (file === null) return evmDriverFactory(bundledArtifact(), { ...options, ...deployment });
  const path = callerPath(file);
  const artifact = path.endsWith('.json')
    ? loadArtifact(path)
    : compileContractFile(path, remappings === undefined ? undefined : { entries: remappings, root: callerDirectory() });
  return evmDriverFactory(artifact, { ...options, ...deployment });
}
