/**
 * In-process compilation with solc-js, cached by content: the key is the compiler's version and
 * the exact standard-JSON input, so a warm run never recompiles and a stale artifact can never be
 * used. The compiler itself (an 8 MB wasm build) is loaded only when something must be compiled:
 * its version for the key is the solc-js package's, which ships exactly one compiler build.
 *
 * A contract file may import: solc resolves relative imports and remappings (Foundry's
 * `prefix/=path/`, given or read from remappings.txt and foundry.toml), and its import callback
 * reads what it asks for from disk. Source units are named by absolute path, so a relative import
 * may climb above any root. Every source reached goes into the input, hence into the key: a
 * changed import recompiles.
 * @module
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
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

type ImportResult = { contents: string } | { error: string };
interface Solc {
  version(): string;
  compile(input: string, callbacks?: { import(unit: string): ImportResult }): string;
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

/** A compilation that produced errors: every message, formatted by solc unless `message` says it in one line. */
export class CompileError extends Error {
  constructor(
    readonly messages: readonly string[],
    message = `solc: ${messages.length} error(s)\n${messages.join('\n')}`,
  ) {
    super(message);
    this.name = 'CompileError';
  }
}

/** One import that is not on disk: the file that has it, the path as written there, and where it was looked for. */
export interface MissingImport {
  readonly importer: string;
  readonly imported: string;
  readonly lookedIn: string;
}

/** Imports of `file` (or of files it imports) that are not on disk: one line each, with the two ways out. */
export class ImportNotFound extends CompileError {
  constructor(
    readonly file: string,
    readonly missing: readonly MissingImport[],
  ) {
    const artifact = `out/${basename(file)}/${basename(file, '.sol')}.json`;
    const lines = missing.map(
      (m) =>
        `${basename(m.importer)} imports "${m.imported}", which was not found (looked in ${m.lookedIn}); ` +
        `pass --remappings prefix/=path/ or point --implementation at the artifact your build wrote (${artifact})`,
    );
    super(lines, lines.join('\n'));
    this.name = 'ImportNotFound';
  }
}

interface SolcError {
  severity: 'error' | 'warning' | 'info';
  message: string;
  formattedMessage: string;
  sourceLocation?: { file: string; start: number; end: number };
}
interface SolcOutput {
  errors?: SolcError[];
  contracts?: Record<string, Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>>;
}

const OUTPUTS = { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } };

/**
 * The standard-JSON input: viaIR, optimizer 200 runs, EVM_VERSION; `sources` by unit name.
 * Remappings appear only when there are some, so a single file's input (and key) is as it always was.
 */
export function standardInput(
  sources: Readonly<Record<string, string>>,
  remappings: readonly string[] = [],
  outputSelection: object = OUTPUTS,
): object {
  return {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([unit, content]) => [unit, { content }])),
    settings: {
      viaIR: true,
      optimizer: { enabled: true, runs: 200 },
      evmVersion: EVM_VERSION,
      outputSelection,
      ...(remappings.length > 0 ? { remappings } : {}),
    },
  };
}

const errorsOf = (output: SolcOutput): SolcError[] => (output.errors ?? []).filter((e) => e.severity === 'error');

/**
 * Compiles `sources` and returns the artifact of `contractName` in unit `unit`, from the cache
 * when the same compiler has seen the same input.
 */
function compileSources(
  sources: Readonly<Record<string, string>>,
  remappings: readonly string[],
  unit: string,
  contractName: string,
): Artifact {
  const input = JSON.stringify(standardInput(sources, remappings));
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
  const errors = errorsOf(output).map((e) => e.formattedMessage);
  if (errors.length > 0) throw new CompileError(errors);
  const contract = output.contracts?.[unit]?.[contractName];
  if (contract === undefined) throw new CompileError([`${unit} has no contract named ${contractName}`]);
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

/**
 * Compiles `source` (named `fileName`) and returns `contractName`'s artifact, from the cache
 * when the same compiler has seen the same input.
 */
export function compileSource(fileName: string, source: string, contractName: string): Artifact {
  return compileSources({ [fileName]: source }, [], fileName, contractName);
}

/**
 * Remappings as Foundry writes them, `[context:]prefix=path`, and the project root their relative
 * paths are taken from; an import neither relative nor remapped is taken from the root too, as
 * solc's base path would take it.
 */
export interface Remappings {
  readonly entries: readonly string[];
  readonly root: string;
}

const REMAPPING = /^(?:([^:=]+):)?([^:=]+)=([^:=]+)$/;

/** Whether `entry` has the form `[context:]prefix=path`. */
export const isRemapping = (entry: string): boolean => REMAPPING.test(entry);

/** `entry` with its context and path made absolute, to match units named by absolute path. */
function absoluteRemapping(entry: string, root: string): string {
  const match = REMAPPING.exec(entry);
  if (match === null) {
    const line = `remapping '${entry}' (paths from ${root}) is not prefix=path`;
    throw new CompileError([line], line);
  }
  const [, context, prefix, path = ''] = match;
  const at = (p: string): string => (isAbsolute(p) ? p : join(root, p));
  return `${context === undefined ? '' : `${at(context)}:`}${prefix}=${at(path)}`;
}

const readIfAny = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** The strings of `remappings = [...]` in foundry.toml's [profile.default]: a parser of that one array, not of TOML. */
function foundryRemappings(toml: string): string[] {
  // the text after each table header's "[", so the section's text runs to the next header
  const section = toml.split(/^[ \t]*\[/m).find((table) => table.startsWith('profile.default]')) ?? '';
  const array = /^[ \t]*remappings[ \t]*=[ \t]*\[([^\]]*)\]/m.exec(section)?.[1] ?? '';
  // strings and comments matched together, so a quote in a comment or a # in a string is read right
  return [...array.matchAll(/"([^"]*)"|'([^']*)'|#[^\n]*/g)].filter((m) => !m[0].startsWith('#')).map((m) => m[1] ?? m[2] ?? '');
}

/**
 * Foundry's remappings for `file`: remappings.txt and foundry.toml's `[profile.default]
 * remappings` in the nearest ancestor directory holding either, which is the project root; with
 * neither, none, and the file's own directory as the root.
 */
export function discoverRemappings(file: string): Remappings {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const txt = readIfAny(join(dir, 'remappings.txt'));
    const toml = readIfAny(join(dir, 'foundry.toml'));
    if (txt !== null || toml !== null) {
      const lines = (txt ?? '').split('\n').map((line) => line.trim());
      return { entries: [...foundryRemappings(toml ?? ''), ...lines.filter((line) => line !== '')], root: dir };
    }
    if (dirname(dir) === dir) return { entries: [], root: dirname(file) };
  }
}

/**
 * Every source `file` reaches, by unit name, read from disk through solc's import callback in a
 * pass that stops before code generation; an import that is not there is an ImportNotFound.
 */
function reachedSources(file: string, source: string, remappings: readonly string[], root: string): Record<string, string> {
  const sources: Record<string, string> = { [file]: source };
  const notFound = new Map<string, string>();
  const findImports = (unit: string): ImportResult => {
    const path = isAbsolute(unit) ? unit : join(root, unit);
    const content = readIfAny(path);
    if (content === null) {
      notFound.set(unit, path);
      return { error: `not found at ${path}` };
    }
    sources[unit] = content;
    return { contents: content };
  };
  const output = JSON.parse(solc().compile(JSON.stringify(standardInput(sources, remappings, {})), { import: findImports })) as SolcOutput;
  const errors = errorsOf(output);
  const missing = errors.flatMap((e): MissingImport[] => {
    const unit = /^Source "(.*)" not found:/.exec(e.message)?.[1];
    const lookedIn = unit === undefined ? undefined : notFound.get(unit);
    if (unit === undefined || lookedIn === undefined || e.sourceLocation === undefined) return [];
    const { file: importer, start, end } = e.sourceLocation;
    // the import as written (before remapping): the quoted path in the directive solc points at
    const imported = /["']([^"']*)["']/.exec((sources[importer] ?? '').slice(start, end))?.[1] ?? unit;
    return [{ importer, imported, lookedIn }];
  });
  if (missing.length > 0) throw new ImportNotFound(file, missing);
  if (errors.length > 0) throw new CompileError(errors.map((e) => e.formattedMessage));
  return sources;
}

/**
 * Compiles a contract file (an absolute path) whose contract has the file's name, with whatever
 * it imports; `remappings` default to the ones Foundry would read for it.
 */
export function compileContractFile(file: string, remappings: Remappings = discoverRemappings(file)): Artifact {
  const source = readFileSync(file, 'utf8');
  const entries = remappings.entries.map((entry) => absoluteRemapping(entry, remappings.root));
  // without an import directive there is nothing to find, and solc need not be loaded on a warm cache
  const sources = /\bimport\b/.test(source) ? reachedSources(file, source, entries, remappings.root) : { [file]: source };
  return compileSources(sources, entries, file, basename(file, '.sol'));
}

/** The bundled implementation: contracts/MutualLiquidityLock.sol, named as in every other compilation of it. */
export function bundledArtifact(): Artifact {
  return compileSource(
    'MutualLiquidityLock.sol',
    readFileSync(join(root, 'contracts', 'MutualLiquidityLock.sol'), 'utf8'),
    'MutualLiquidityLock',
  );
}
