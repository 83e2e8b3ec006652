/**
 * The interface check: what of the spec's interface (spec/MutualLiquidityLock.abi.json) an ABI
 * lacks that the EVM driver cannot do without — every function it calls, by name, argument types
 * and mutability, and receive — and what its deployment needs of the constructor: the spec's nine
 * arguments, or what a deploy adapter says. Missing views are not among them: the driver compares
 * what the others show (its capabilities) and the run lists what that leaves unchecked.
 * @public
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Abi, AbiFunction, AbiParameter } from 'viem';
import { functionNames } from '../../reference/index.js';
import type { ViewName } from '../driver.js';
import { callEncoding, viewNames } from '../driver.js';

/**
 * The spec's interface: the bundled contract's ABI, committed (test/vectors checks they agree).
 * @public
 */
export const specAbi: Abi = JSON.parse(readFileSync(new URL('../../spec/MutualLiquidityLock.abi.json', import.meta.url), 'utf8')) as Abi;

/**
 * An ABI that lacks what the suite must call to drive a lock (spec/views-events.md): nothing could be run.
 * @public
 */
export class InterfaceMismatch extends Error {
  constructor(
    readonly contractName: string,
    readonly missing: readonly string[],
  ) {
    super(`${contractName} does not have the spec's interface: missing ${missing.join(', ')}`);
    this.name = 'InterfaceMismatch';
  }
}

const types = (inputs: readonly AbiParameter[]): string[] => inputs.map((input) => input.type);
const signature = (name: string, inputs: readonly string[]): string => `${name}(${inputs.join(',')})`;
const functionsNamed = (abi: Abi, name: string): AbiFunction[] =>
  abi.filter((item): item is AbiFunction => item.type === 'function' && item.name === name);

/** The spec's functions and views the driver calls, as the spec's ABI declares them. */
const called: readonly AbiFunction[] = specAbi.filter(
  (item): item is AbiFunction =>
    item.type === 'function' && ((functionNames as readonly string[]).includes(item.name) || viewNames.includes(item.name as ViewName)),
);

/**
 * The mutability a function must have for the driver to call it: ether in where the spec takes it
 * (activate and deposit, MLL-STA-004: a nonpayable one refuses every deposit), no writes where it
 * reads (a view the driver observes through must not change what it observes). The spec declares
 * every other function payable so that value gets the named UnexpectedValue; a nonpayable one
 * is a deviation the differential judges (MLL-STA-004, D11), not a reason to refuse.
 */
const ETHER_IN: readonly string[] = ['activate', 'deposit'];
function mutabilityProblem(spec: AbiFunction, found: AbiFunction): string | null {
  const wanted =
    spec.stateMutability === 'view' ? ['view', 'pure'] : ETHER_IN.includes(spec.name) ? ['payable'] : ['payable', 'nonpayable'];
  if (wanted.includes(found.stateMutability)) return null;
  return `${wanted[0]} ${signature(spec.name, types(spec.inputs))} (it is ${found.stateMutability})`;
}

/** The spec constructor's argument types: the two parties, then d, T, r, G, P_max, P_min, n (spec/parameters.md). */
export const specConstructorTypes: readonly string[] = types(
  (specAbi.find((item) => item.type === 'constructor') as { inputs: readonly AbiParameter[] }).inputs,
);

/**
 * What a constructor with argument types `expected` finds lacking in the ABI's, as one phrase; null
 * when they agree. `whose` says who wants that constructor, for a deploy adapter's.
 * @public
 */
export function constructorProblem(abi: Abi, expected: readonly string[], whose = ''): string | null {
  const constructor = abi.find((item) => item.type === 'constructor');
  const inputs = constructor?.type === 'constructor' ? types(constructor.inputs) : [];
  if (inputs.length !== expected.length) return `a constructor of ${expected.length} arguments${whose} (it has ${inputs.length})`;
  if (inputs.join(',') !== expected.join(','))
    return `${signature('constructor', expected)}${whose} (it has ${signature('constructor', inputs)})`;
  return null;
}

/**
 * What a function with argument types `expected` finds lacking in the ABI, as one phrase; null
 * when an overload of that name takes them.
 * @public
 */
export function functionProblem(abi: Abi, name: string, expected: readonly string[], whose = ''): string | null {
  const overloads = functionsNamed(abi, name).map((fn) => signature(name, types(fn.inputs)));
  if (overloads.includes(signature(name, expected))) return null;
  return `${signature(name, expected)}${whose}${overloads.length === 0 ? '' : ` (it has ${overloads.join(', ')})`}`;
}

/**
 * What of the spec's interface an ABI lacks that a run cannot do without, one phrase each:
 * functions, receive, the constructor (as `deployment` needs it: by default the spec's nine
 * arguments; a deploy adapter's own, or nothing for a module that deploys as it likes), and the
 * argument types and mutability of every function and view the driver calls.
 * @public
 */
export function missingInterface(abi: Abi, deployment: (abi: Abi) => readonly string[] = specConstructorProblems): string[] {
  const missing = functionNames
    .filter((fn) => callEncoding[fn] === 'selector' && functionsNamed(abi, fn).length === 0)
    .map((fn) => `${fn}()`);
  // a call with no data reaches receive(): the one function of that encoding
  if (!abi.some((item) => item.type === 'receive')) missing.push('receive()');
  missing.push(...deployment(abi));
  for (const spec of called) {
    const found = functionsNamed(abi, spec.name);
    if (found.length === 0) continue;
    const shaped = found.find((fn) => types(fn.inputs).join(',') === types(spec.inputs).join(','));
    const problem = shaped === undefined ? functionProblem(abi, spec.name, types(spec.inputs)) : mutabilityProblem(spec, shaped);
    if (problem !== null) missing.push(problem);
  }
  return missing;
}

/**
 * What the spec's own deployment needs of the ABI: the nine-argument constructor.
 * @public
 */
export function specConstructorProblems(abi: Abi): string[] {
  const problem = constructorProblem(abi, specConstructorTypes);
  return problem === null ? [] : [problem];
}
