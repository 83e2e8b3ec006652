/**
 * Deploy adapters: how the EVM driver turns the spec's nine parameters into an implementation's
 * deployment when that is not the spec's nine-argument constructor — a constructor of another
 * argument order, an initializer called after deployment, a minimal proxy in front — so every
 * property and the differential run on it unchanged. A JSON file for those (format
 * mll-deploy/1, deploy.schema.json beside this file); a module (.ts, .mjs, .js) whose default
 * export is a DeployFunction for anything else. `mll check IMPL --deploy ADAPTER`.
 * @public
 * @module
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import type { Abi, Hex } from 'viem';
import type { Address, ParameterName, Params } from '../../reference/index.js';
import { constructorArguments, functionNames, parameterNames } from '../../reference/index.js';
import type { CallResult } from '../driver.js';
import { viewNames } from '../driver.js';
import { constructorProblem, functionProblem, specConstructorProblems, specConstructorTypes } from './interface.js';

/**
 * What an adapter deploys with: the driver's fresh EVM, at the deployment's block time, every
 * transaction from the deployer's account. A step that reverts throws DeploymentReverted, which
 * the driver reports as the deployment's revert (MLL-PAR-001: invalid parameters revert, by name).
 * @public
 */
export interface Deployer {
  /** The implementation under test: its ABI, which `deploy` and `call` encode with. */
  readonly abi: Abi;
  /** Creates the implementation with `args` for its constructor, as its ABI encodes them; its address. */
  deploy(args?: readonly unknown[]): Promise<Address>;
  /** Creates a contract from any creation code (a proxy's, a factory's); its address. */
  create(bytecode: Hex): Promise<Address>;
  /** An EIP-1167 minimal proxy delegating every call to `implementation`; its address. */
  proxy(implementation: Address): Promise<Address>;
  /** Calls `functionName(args)` of the implementation's ABI on the contract at `address`. */
  call(address: Address, functionName: string, args?: readonly unknown[]): Promise<void>;
}

/**
 * A module adapter's default export: deploys a lock from the spec's parameters and returns the
 * address the parties call. The lock's events are those its address emitted during deployment.
 * @public
 */
export type DeployFunction = (params: Params, deployer: Deployer) => Promise<Address>;

/**
 * How an implementation is deployed: its deployment, and what that needs of the ABI's
 * constructor and initializer (the interface check's part for the constructor).
 * @public
 */
export interface Deployment {
  /** As a report names it. */
  readonly description: string | null;
  readonly deploy: DeployFunction;
  /** What of the constructor and initializer the deployment calls the ABI lacks, one phrase each. */
  readonly missing: (abi: Abi) => string[];
}

/**
 * A step of a deployment reverted: the deployment's outcome.
 * @public
 */
export class DeploymentReverted extends Error {
  constructor(readonly result: Extract<CallResult, { ok: false }>) {
    super(`deployment reverted: ${result.revert}`);
    this.name = 'DeploymentReverted';
  }
}

/**
 * A deploy adapter threw other than a step's revert (a function its ABI lacks, a bug of its own):
 * the adapter's failure, in one line, not the implementation's.
 * @public
 */
export class DeployAdapterFailed extends Error {
  constructor(description: string, error: unknown) {
    super(`the deployment (${description}) threw: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    this.name = 'DeployAdapterFailed';
  }
}

/**
 * A deploy adapter that cannot be used: one line naming the file and what is wrong. Bad input
 * (exit 2), as a RangeError is everywhere in the command.
 * @public
 */
export class DeployAdapterError extends RangeError {
  constructor(file: string, problem: string) {
    super(`deploy adapter ${file}: ${problem}`);
    this.name = 'DeployAdapterError';
  }
}

/**
 * The spec's own deployment: the nine-argument constructor in the spec's order.
 * @public
 */
export const specDeployment: Deployment = {
  description: null,
  deploy: (params, deployer) => deployer.deploy(constructorArguments(params)),
  missing: specConstructorProblems,
};

/** The spec type of each parameter, from the spec constructor's argument types. */
const typeOf = (name: ParameterName): string => specConstructorTypes[parameterNames.indexOf(name)]!;
const argumentsOf = (params: Params, names: readonly ParameterName[]): unknown[] => names.map((name) => params[name]);

/** A JSON adapter, as deploy.schema.json has it. */
interface DeployJson {
  readonly format: 'mll-deploy/1';
  readonly constructorArguments?: readonly ParameterName[];
  readonly initializer?: { readonly function: string; readonly arguments: readonly ParameterName[] };
  readonly proxy?: 'eip-1167';
}

const schema = JSON.parse(readFileSync(new URL('./deploy.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: false }).compile<DeployJson>(schema);

/** The deployment a JSON adapter describes: construct with its order, put the proxy in front, initialize. */
function jsonDeployment(file: string, json: DeployJson): Deployment {
  const { initializer, proxy } = json;
  const constructor = json.constructorArguments ?? (initializer === undefined ? parameterNames : []);
  for (const [where, names] of [
    ['constructorArguments', constructor],
    ['initializer.arguments', initializer?.arguments ?? []],
  ] as const) {
    if (names.length !== 0 && names.length !== parameterNames.length) {
      throw new DeployAdapterError(
        file,
        `${where}: name all ${parameterNames.length} parameters, each once, or none (it names ${names.length})`,
      );
    }
  }
  if (initializer !== undefined && [...functionNames, ...viewNames].includes(initializer.function as never)) {
    throw new DeployAdapterError(file, `initializer: '${initializer.function}' is a function of the spec, not an initializer`);
  }
  const whose = ` (as ${basename(file)} has it)`;
  const parts = [
    constructor === parameterNames ? null : `constructor(${constructor.join(', ')})`,
    proxy === undefined ? null : `behind an EIP-1167 proxy`,
    initializer === undefined ? null : `then ${initializer.function}(${initializer.arguments.join(', ')})`,
  ].filter((part) => part !== null);
  return {
    description: `deployed by ${basename(file)}: ${parts.length === 0 ? "the spec's constructor" : parts.join(', ')}`,
    async deploy(params, deployer) {
      const implementation = await deployer.deploy(argumentsOf(params, constructor));
      const lock = proxy === undefined ? implementation : await deployer.proxy(implementation);
      if (initializer !== undefined) await deployer.call(lock, initializer.function, argumentsOf(params, initializer.arguments));
      return lock;
    },
    missing(abi) {
      const problems = [constructorProblem(abi, constructor.map(typeOf), whose)];
      if (initializer !== undefined) problems.push(functionProblem(abi, initializer.function, initializer.arguments.map(typeOf), whose));
      return problems.filter((problem) => problem !== null);
    },
  };
}

/** A module adapter: its default export deploys; what it needs of the ABI is its own business. */
async function moduleDeployment(file: string, path: string): Promise<Deployment> {
  let loaded: { default?: unknown };
  try {
    loaded = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (error) {
    throw new DeployAdapterError(file, `cannot be imported (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const deploy = loaded.default;
  if (typeof deploy !== 'function') {
    throw new DeployAdapterError(
      file,
      `its default export is ${deploy === undefined ? 'missing' : `a ${typeof deploy}`}, not a function (params, deployer) => Promise<address>`,
    );
  }
  return { description: `deployed by ${basename(file)}`, deploy: deploy as DeployFunction, missing: () => [] };
}

const MODULES = ['.ts', '.mts', '.mjs', '.js'];

/**
 * Checks that `file` (as typed; `path`, absolute) can be an adapter at all, before anything runs:
 * it exists, is a file, and is JSON or a module by its name.
 * @public
 */
export function checkAdapterFile(file: string, path: string): void {
  if (!existsSync(path)) throw new DeployAdapterError(file, `no such file (${path})`);
  if (!statSync(path).isFile()) throw new DeployAdapterError(file, `not a file (${path})`);
  const ext = extname(path);
  if (ext !== '.json' && !MODULES.includes(ext))
    throw new DeployAdapterError(file, `expected a .json adapter or a module (${MODULES.join(', ')}), got '${ext || basename(path)}'`);
}

/**
 * Loads the adapter `file` (as typed; `path`, absolute): a JSON file of format mll-deploy/1, or a
 * module whose default export is a DeployFunction. DeployAdapterError, one line, when it is neither.
 * @public
 */
export async function loadDeployment(file: string, path: string): Promise<Deployment> {
  checkAdapterFile(file, path);
  if (extname(path) !== '.json') return moduleDeployment(file, path);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DeployAdapterError(file, code === undefined ? `not JSON (${(error as Error).message})` : `cannot be read (${code})`);
  }
  if (!validate(json)) {
    const error = validate.errors?.[0];
    const where = error?.instancePath === '' || error === undefined ? '' : `${error.instancePath.slice(1).replaceAll('/', '.')} `;
    const allowed = error?.keyword === 'enum' ? `: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
    const extra =
      error?.keyword === 'additionalProperties' ? ` '${(error.params as { additionalProperty: string }).additionalProperty}'` : '';
    const format =
      error?.instancePath === '/format' || error?.params.missingProperty === 'format' ? ' "mll-deploy/1" (is it an adapter?)' : '';
    throw new DeployAdapterError(file, `${where}${error?.message ?? 'is not an adapter'}${allowed}${extra}${format}`);
  }
  return jsonDeployment(file, json);
}
