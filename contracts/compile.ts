/**
 * In-process compilation with solc-js, cached by content: the key is the compiler's version and
 * the exact standard-JSON input, so a warm run never recompiles and a stale artifact can never be
 * used. The compiler itself (an 8 MB wasm build) is loaded only when something must be compiled:
 * its version for the key is the solc-js package's, which ships exactly one compiler build.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Abi, Hex } from 'viem';

/** The hardfork the embedded VM runs; the compiler must target the same (toolchain: solc defaults to osaka). */
export const EVM_VERSION = 'cancun';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = join(root, '.cache', 'solc');

const require = createRequire(import.meta.url);
/** The solc-js package version: one compiler build per version. */
const solcPackageVersion = (require('solc/package.json') as { version: string }).version;

interface Solc {
  version(): string;
  compile(input: string): string;
}
let loaded: Solc | null = null;
const solc = (): Solc => (loaded ??= require('solc') as Solc);

export interface Artifact {
  readonly contractName: string;
  readonly abi: Abi;
  readonly bytecode: Hex;
  readonly deployedBytecode: Hex;
  readonly compilerVersion: string;
  /** sha256 of the solc-js package version and the standard-JSON input: the cache key. */
  readonly inputHash: string;
}

/** A compilation that produced errors: every message, formatted by solc. */
export class CompileError extends Error {
  constructor(readonly messages: readonly string[]) {
    super(`solc: ${messages.length} error(s)\n${messages.join('\n')}`);
    this.name = 'CompileError';
  }
}

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

/** The standard-JSON input: viaIR, optimizer 200 runs, EVM_VERSION. */
export function standardInput(fileName: string, source: string): object {
  return {
    language: 'Solidity',
    sources: { [fileName]: { content: source } },
    settings: {
      viaIR: true,
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EVM_VERSION,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
}

/**
 * Compiles `source` (named `fileName`) and returns `contractName`'s artifact, from the cache
 * when the same compiler has seen the same input.
 */
export function compileSource(fileName: string, source: string, contractName: string): Artifact {
  const input = JSON.stringify(standardInput(fileName, source));
  const inputHash = createHash('sha256').update(`solc-js ${solcPackageVersion}`).update('\0').update(input).digest('hex');
  const cached = join(cacheDir, `${inputHash}-${contractName}.json`);
  try {
    const artifact = JSON.parse(readFileSync(cached, 'utf8')) as Artifact;
    if (artifact.inputHash === inputHash) return artifact;
  } catch {
    // not cached yet, or unreadable: compile
  }
  const compilerVersion = solc().version();
  const output = JSON.parse(solc().compile(input)) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error').map((e) => e.formattedMessage);
  if (errors.length > 0) throw new CompileError(errors);
  const contract = output.contracts?.[fileName]?.[contractName];
  if (contract === undefined) throw new CompileError([`${fileName} has no contract named ${contractName}`]);
  const artifact: Artifact = {
    contractName,
    abi: contract.abi,
    bytecode: `0x${contract.evm.bytecode.object}`,
    deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    compilerVersion,
    inputHash,
  };
  // Written beside and renamed, so a reader never sees half an artifact.
  mkdirSync(dirname(cached), { recursive: true });
  const partial = `${cached}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(artifact));
  renameSync(partial, cached);
  return artifact;
}

/** Compiles a contract file of contracts/ whose contract has the file's name. */
export function compileContractFile(path: string): Artifact {
  const fileName = basename(path);
  return compileSource(fileName, readFileSync(path, 'utf8'), fileName.replace(/\.sol$/, ''));
}

/** The bundled implementation: contracts/MutualLiquidityLock.sol. */
export function bundledArtifact(): Artifact {
  return compileContractFile(join(root, 'contracts', 'MutualLiquidityLock.sol'));
}
