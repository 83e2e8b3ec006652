/**
 * The Driver over a compiled contract inside @ethereumjs/evm: no node, no signatures, no
 * blocks. Each driver owns a fresh EVM on a SimpleStateManager; calls go through evm.runCall
 * with a plain block carrying the call's timestamp; ABI encoding and decoding are viem's. The
 * engine is `fast` (the speed-ups of evm-speedups.ts) or `stock` (@ethereumjs/evm as published),
 * per factory, by default MLL_EVM's.
 * @public
 * @module
 */
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import type { EVM } from '@ethereumjs/evm';
import { createEVM } from '@ethereumjs/evm';
import { SimpleStateManager } from '@ethereumjs/statemanager';
import { Account, createAddressFromString, createZeroAddress } from '@ethereumjs/util';
import type { Abi, AbiEvent, Hex } from 'viem';
import {
  bytesToHex,
  decodeErrorResult,
  decodeEventLog,
  decodeFunctionResult,
  encodeDeployData,
  encodeFunctionData,
  hexToBytes,
  toEventSelector,
  toFunctionSelector,
} from 'viem';
import type { Artifact } from '../../contracts/compile.js';
import type { Address, Agreement, FunctionName, LockEvent, LockStatus, Params, PartyStatus, Phase } from '../../reference/index.js';
import { PARTY_A, PARTY_B, STRANGER } from '../actors.js';
import { accelerate, assertPinnedVersions } from './evm-speedups.js';
import type { CallResult, Driver, DriverFactory, DriverSetup, PartialObservation, ViewName, Views } from '../driver.js';
import { ObservationFailed, UndecodableEvent, callEncoding, partyBytecode, viewNames } from '../driver.js';
import type { Deployer, Deployment } from './deploy.js';
import { DeployAdapterFailed, DeploymentReverted, specDeployment } from './deploy.js';
import { InterfaceMismatch, missingInterface } from './interface.js';

export { InterfaceMismatch, missingInterface };

/**
 * Who deploys the lock: an account of its own, so the parties' nonces are theirs.
 * @public
 */
export const DEPLOYER: Address = '0x000000000000000000000000000000000000d00d';

/** Every account starts with this much ether: enough for any scenario's deposits. */
const FUNDING = 2n ** 200n;
const GAS_LIMIT = 30_000_000n;

/**
 * Which interpreter runs the contract: @ethereumjs/evm with the speed-ups of evm-speedups.ts, or as published.
 * @public
 */
export type Engine = 'stock' | 'fast';

/**
 * MLL_EVM, `stock` or `fast` (the default): the one place it is read.
 * @public
 */
export function engineFromEnv(env: NodeJS.ProcessEnv = process.env): Engine {
  const engine = env.MLL_EVM ?? 'fast';
  if (engine !== 'stock' && engine !== 'fast') throw new RangeError(`MLL_EVM must be 'stock' or 'fast', got '${engine}'`);
  return engine;
}

/** A Common per engine: the fast engine memoises its Common's EIP look-ups, and the stock one must not see that. */
const commons: Readonly<Record<Engine, Common>> = {
  stock: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }),
  fast: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }),
};

/**
 * What a call cost, for the gas snapshot: execution gas as a transaction would see it (cold access sets).
 * @public
 */
export interface GasSample {
  readonly fn: FunctionName | 'deploy';
  readonly gas: bigint;
  readonly ok: boolean;
}

/**
 * How a factory makes its drivers: the engine (default MLL_EVM's) and who receives the gas of every call and deployment.
 * @public
 */
export interface EvmEngineOptions {
  readonly engine?: Engine;
  readonly onGas?: (sample: GasSample) => void;
}

/**
 * How a factory deploys its locks: the spec's constructor, or a deploy adapter's deployment.
 * @public
 */
export interface EvmFactoryOptions extends EvmEngineOptions {
  readonly deployment?: Deployment;
}

export interface EvmDriverOptions extends DriverSetup, EvmFactoryOptions {}

/** EIP-1167's creation code around the implementation's address: a proxy delegating every call to it. */
const minimalProxy = (implementation: Address): Hex =>
  `0x3d602d80600a3d3981f3363d3d373d3d3d363d73${implementation.slice(2)}5af43d82803e903d91602b57fd5bf3`;

const ejsAddresses = new Map<string, ReturnType<typeof createAddressFromString>>();
/** The EVM's address object for `address`, made once: parsing hex on every call shows in the profile. */
function toEjs(address: Address) {
  let ejs = ejsAddresses.get(address);
  if (ejs === undefined) {
    ejs = createAddressFromString(address);
    ejsAddresses.set(address, ejs);
  }
  return ejs;
}

/**
 * An ABI's errors by selector and events by topic, and its call data by function and arguments,
 * each computed once. viem's decoders otherwise hash every error or event signature of the ABI
 * to find the one that matches, on every decode; the decoding itself is still viem's.
 */
type AbiError = Extract<Abi[number], { type: 'error' }>;
interface AbiIndex {
  /** The spec's views the ABI has. */
  readonly views: ReadonlySet<ViewName>;
  readonly errors: ReadonlyMap<string, AbiError>;
  readonly events: ReadonlyMap<string, AbiEvent>;
  readonly callData: Map<string, Uint8Array>;
}
const abiIndexes = new WeakMap<Abi, AbiIndex>();
function indexOf(abi: Abi): AbiIndex {
  let index = abiIndexes.get(abi);
  if (index === undefined) {
    const errors = abi.filter((x): x is AbiError => x.type === 'error');
    const events = abi.filter((x): x is AbiEvent => x.type === 'event');
    const functions = new Set(abi.flatMap((item) => (item.type === 'function' ? [item.name] : [])));
    index = {
      views: new Set(viewNames.filter((view) => functions.has(view))),
      // an error's selector is made as a function's, from the same signature
      errors: new Map(errors.map((e) => [toFunctionSelector({ ...e, type: 'function', outputs: [], stateMutability: 'nonpayable' }), e])),
      events: new Map(events.map((e) => [toEventSelector(e), e])),
      callData: new Map(),
    };
    abiIndexes.set(abi, index);
  }
  return index;
}

function block(timestamp: bigint) {
  return {
    header: {
      number: 1n,
      coinbase: createZeroAddress(),
      timestamp,
      difficulty: 0n,
      prevRandao: new Uint8Array(32),
      gasLimit: GAS_LIMIT,
      baseFeePerGas: 0n,
      slotNumber: 0n,
      getBlobGasPrice: () => undefined,
    },
  } as unknown as NonNullable<Parameters<EVM['runCall']>[0]['block']>;
}

/** viem's decoding of one of the lock's logs; UndecodableEvent, carrying the log, where viem cannot decode it. */
function decodeLog(abi: Abi, log: { readonly topics: readonly Hex[]; readonly data: Hex }) {
  try {
    return decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
  } catch (error) {
    throw new UndecodableEvent(log, error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }
}

export class EvmDriver implements Driver {
  readonly #artifact: Artifact;
  readonly #options: EvmDriverOptions;
  readonly #engine: Engine;
  #evm: EVM | null = null;
  #lock: Address | null = null;

  constructor(artifact: Artifact, options: EvmDriverOptions = {}) {
    this.#artifact = artifact;
    this.#options = options;
    this.#engine = options.engine ?? engineFromEnv();
  }

  get abi(): Abi {
    return this.#artifact.abi;
  }

  get capabilities(): ReadonlySet<ViewName> {
    return indexOf(this.abi).views;
  }

  /** The lock's address once deployed. */
  get address(): Address {
    if (this.#lock === null) throw new Error('EvmDriver: deploy first');
    return this.#lock;
  }

  async #fresh(): Promise<EVM> {
    const evm = await createEVM({ common: commons[this.#engine], stateManager: new SimpleStateManager() });
    if (this.#engine === 'fast') await accelerate(evm);
    for (const account of [PARTY_A, PARTY_B, STRANGER, DEPLOYER]) {
      await evm.stateManager.putAccount(toEjs(account), new Account(0n, FUNDING));
    }
    return evm;
  }

  /** Runs one top-level call as a transaction would: fresh warm/cold sets and original-storage cache. */
  async #run(from: Address, to: Address | null, value: bigint, data: Uint8Array, time: bigint) {
    const evm = this.#evm!;
    evm.journal.cleanJournal();
    evm.stateManager.originalStorageCache.clear();
    evm.journal.addAlwaysWarmAddress(from.slice(2));
    if (to !== null) evm.journal.addAlwaysWarmAddress(to.slice(2));
    const result = await evm.runCall({
      caller: toEjs(from),
      origin: toEjs(from),
      ...(to === null ? {} : { to: toEjs(to) }),
      value,
      data,
      gasLimit: GAS_LIMIT,
      block: block(time),
    });
    return result;
  }

  /** A failed call as the Driver reports it: the error's name and arguments, or what the EVM saw. */
  #decodeRevert(
    returnValue: Uint8Array,
    error: string,
  ): { readonly ok: false; readonly revert: string; readonly args: readonly unknown[] } {
    const failed = (revert: string, args: readonly unknown[] = []) => ({ ok: false as const, revert, args });
    if (error !== 'revert') return failed(`EvmError(${error})`);
    if (returnValue.length === 0) return failed('EmptyRevert');
    const data = bytesToHex(returnValue);
    const item = indexOf(this.abi).errors.get(data.slice(0, 10));
    try {
      const decoded = decodeErrorResult({ abi: item === undefined ? this.abi : [item], data });
      return failed(decoded.errorName, decoded.args ?? []);
    } catch {
      return failed(`UnknownRevert(${data})`);
    }
  }

  /** The lock's logs as the Driver reports them; UndecodableEvent for one its ABI does not declare or that does not decode. */
  #decodeEvents(logs: readonly [Uint8Array, Uint8Array[], Uint8Array][]): LockEvent[] {
    const events = indexOf(this.abi).events;
    return logs.map(([, topicBytes, dataBytes]) => {
      const log = { topics: topicBytes.map((t) => bytesToHex(t)), data: bytesToHex(dataBytes) };
      const event = log.topics[0] === undefined ? undefined : events.get(log.topics[0]);
      const decoded = decodeLog(event === undefined ? this.abi : [event], log);
      const args = Object.fromEntries(
        Object.entries(decoded.args as unknown as Record<string, unknown>).map(([k, v]) => [
          k,
          typeof v === 'string' ? v.toLowerCase() : v,
        ]),
      );
      return { name: decoded.eventName, args } as unknown as LockEvent;
    });
  }

  /**
   * Deploys through the deployment (the spec's constructor or an adapter's steps), every step a
   * transaction of the deployer at `time`; the first step that reverts is the deployment's revert.
   * The lock's events are the ones its own address emitted.
   */
  async deploy(params: Params, time: bigint): Promise<CallResult> {
    this.#evm = await this.#fresh();
    let gas = 0n;
    const logs: [Uint8Array, Uint8Array[], Uint8Array][] = [];
    const step = async (to: Address | null, data: Hex) => {
      const result = await this.#run(DEPLOYER, to, 0n, hexToBytes(data), time);
      const exec = result.execResult;
      gas += exec.executionGasUsed;
      if (exec.exceptionError !== undefined) throw new DeploymentReverted(this.#decodeRevert(exec.returnValue, exec.exceptionError.error));
      logs.push(...(exec.logs ?? []));
      return result;
    };
    const create = async (data: Hex) => (await step(null, data)).createdAddress!.toString();
    const deployer: Deployer = {
      abi: this.abi,
      deploy: (args = []) => create(encodeDeployData({ abi: this.abi, bytecode: this.#artifact.bytecode, args })),
      create,
      proxy: (implementation) => create(minimalProxy(implementation)),
      call: async (address, functionName, args = []) => {
        await step(address, encodeFunctionData({ abi: this.abi, functionName, args }));
      },
    };
    const deployment = this.#options.deployment ?? specDeployment;
    let lock: Address;
    try {
      lock = (await deployment.deploy(params, deployer)).toLowerCase() as Address;
    } catch (error) {
      if (!(error instanceof DeploymentReverted)) throw new DeployAdapterFailed(deployment.description ?? "the spec's constructor", error);
      this.#options.onGas?.({ fn: 'deploy', gas, ok: false });
      return error.result;
    }
    this.#options.onGas?.({ fn: 'deploy', gas, ok: true });
    this.#lock = lock;
    for (const role of ['A', 'B'] as const) {
      const code = this.#options.partyCode?.[role];
      if (code === undefined) continue;
      const party = role === 'A' ? params.partyA : params.partyB;
      await this.#evm.stateManager.putCode(toEjs(party), hexToBytes(partyBytecode[code](this.#lock)));
    }
    return { ok: true, events: this.#decodeEvents(logs.filter(([address]) => bytesToHex(address) === lock)) };
  }

  async call(from: Address, fn: FunctionName, value: bigint, time: bigint): Promise<CallResult> {
    const data = callEncoding[fn] === 'no data' ? new Uint8Array(0) : this.#callData(fn, []);
    const exec = (await this.#run(from, this.address, value, data, time)).execResult;
    this.#options.onGas?.({ fn, gas: exec.executionGasUsed, ok: exec.exceptionError === undefined });
    if (exec.exceptionError !== undefined) {
      return this.#decodeRevert(exec.returnValue, exec.exceptionError.error);
    }
    return { ok: true, events: this.#decodeEvents(exec.logs ?? []) };
  }

  /** Forces ether in as a stranger's contract does: created with value, self-destructing to the lock in its constructor. */
  async forceEther(amount: bigint, time: bigint): Promise<void> {
    // PUSH20 lock SELFDESTRUCT
    const initcode: Hex = `0x73${this.address.slice(2)}ff`;
    const exec = (await this.#run(STRANGER, null, amount, hexToBytes(initcode), time)).execResult;
    if (exec.exceptionError !== undefined) throw new Error(`forcing ether failed: ${exec.exceptionError.error}`);
  }

  /** The call data of `functionName(args)`, as bytes; the drivers call a handful of these over and over. */
  #callData(functionName: string, args: readonly Address[]): Uint8Array {
    const cache = indexOf(this.abi).callData;
    const key = `${functionName}(${args.join(',')})`;
    let data = cache.get(key);
    if (data === undefined) {
      data = hexToBytes(encodeFunctionData({ abi: this.abi, functionName, args }));
      cache.set(key, data);
    }
    return data;
  }

  /** Calls a view; its decoded result, or the name of its revert. */
  async #view(functionName: string, args: readonly Address[], time: bigint): Promise<unknown> {
    const data = this.#callData(functionName, args);
    const exec = (await this.#run(STRANGER, this.address, 0n, data, time)).execResult;
    if (exec.exceptionError !== undefined) return this.#decodeRevert(exec.returnValue, exec.exceptionError.error).revert;
    return decodeFunctionResult({ abi: this.abi, functionName, data: bytesToHex(exec.returnValue) });
  }

  /** Calls a view the lock must answer while being observed; ObservationFailed, naming the view, if it reverts or does not decode. */
  async #answer(view: ViewName, args: readonly Address[], time: bigint): Promise<unknown> {
    let result: unknown;
    try {
      result = await this.#view(view, args, time);
    } catch (error) {
      // return data that is not the ABI's tuple: viem cannot decode it
      throw new ObservationFailed(view, error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
    if (typeof result === 'string') throw new ObservationFailed(view, `reverted with ${result}`);
    return result;
  }

  /** agreement() as the Agreement record, addresses lower-cased as the reference keeps them. */
  static #agreement(fields: readonly unknown[]): Agreement {
    const keys = [
      'partyA',
      'partyB',
      'depositAmount',
      'depositInterval',
      'bleedRatePerDay',
      'gracePeriodsAllowed',
      'exitPenaltyMaxBps',
      'exitPenaltyMinBps',
      'penaltyDecayTarget',
      'exitCountdown',
      'phase',
      'createdAt',
      'activatedAt',
    ];
    return Object.fromEntries(
      keys.map((k, i) => [k, typeof fields[i] === 'string' ? fields[i].toLowerCase() : fields[i]]),
    ) as unknown as Agreement;
  }

  async readViews(time: bigint): Promise<Partial<Views>> {
    const has = (view: ViewName) => this.capabilities.has(view);
    const parties = [PARTY_A, PARTY_B, STRANGER] as const;
    const each = async (fn: string) => Promise.all(parties.map((p) => this.#view(fn, [p], time)));
    const status = (value: unknown) => (typeof value === 'string' ? value : { ...(value as PartyStatus) });
    const views: { -readonly [V in keyof Views]?: Views[V] } = {};
    if (has('getPoolState')) {
      const [shareA, shareB, totalPool, phase] = (await this.#view('getPoolState', [], time)) as [bigint, bigint, bigint, number];
      views.poolState = { shareA, shareB, totalPool, phase: phase as Phase };
    }
    if (has('agreement')) views.agreement = EvmDriver.#agreement((await this.#view('agreement', [], time)) as unknown[]);
    if (has('claimable')) views.claimable = (await each('claimable')) as unknown as [bigint, bigint, bigint];
    if (has('getExitPenalty'))
      views.exitPenalty = (await each('getExitPenalty')) as unknown as [bigint | string, bigint | string, bigint | string];
    if (has('getPartyStatus')) {
      const statuses = await each('getPartyStatus');
      views.partyStatus = [status(statuses[0]), status(statuses[1]), status(statuses[2])];
    }
    return views;
  }

  async observe(time: bigint): Promise<PartialObservation> {
    const account = await this.#evm!.stateManager.getAccount(toEjs(this.address));
    const balance = account?.balance ?? 0n;
    if (this.capabilities.has('getLockStatus')) {
      const [phase, activatedAt, a, b] = (await this.#answer('getLockStatus', [], time)) as [number, bigint, PartyStatus, PartyStatus];
      const status: LockStatus = { phase: phase as Phase, activatedAt, A: { ...a }, B: { ...b } };
      return { time, balance, ...status };
    }
    return { time, balance, ...(await this.#observeThroughOtherViews(time)) };
  }

  /** Without getLockStatus: each field from another view that reports it (MLL-VIEW-001 … MLL-VIEW-004), the rest left out. */
  async #observeThroughOtherViews(time: bigint): Promise<Omit<PartialObservation, 'time' | 'balance'>> {
    const has = (view: ViewName) => this.capabilities.has(view);
    const pool = has('getPoolState') ? ((await this.#answer('getPoolState', [], time)) as [bigint, bigint, bigint, number]) : undefined;
    const agreement = has('agreement') ? EvmDriver.#agreement((await this.#answer('agreement', [], time)) as unknown[]) : undefined;
    const party = async (address: Address, share: bigint | undefined): Promise<Partial<PartyStatus>> => {
      if (has('getPartyStatus')) return { ...((await this.#answer('getPartyStatus', [address], time)) as PartyStatus) };
      return {
        ...(share === undefined ? {} : { share }),
        ...(has('getExitPenalty') ? { exitPenaltyBps: (await this.#answer('getExitPenalty', [address], time)) as bigint } : {}),
        ...(has('claimable') ? { claimable: (await this.#answer('claimable', [address], time)) as bigint } : {}),
      };
    };
    const phase = (pool?.[3] as Phase | undefined) ?? agreement?.phase;
    return {
      ...(phase === undefined ? {} : { phase }),
      ...(agreement === undefined ? {} : { activatedAt: agreement.activatedAt }),
      A: await party(PARTY_A, pool?.[0]),
      B: await party(PARTY_B, pool?.[1]),
    };
  }
}

/**
 * A factory of EVM drivers on one compiled artifact, deployed as `options.deployment` says (by
 * default the spec's constructor). Throws InterfaceMismatch for an ABI the
 * driver cannot speak to, RangeError for an MLL_EVM it does not know, and refuses the fast
 * engine at once when a package it reads is not at its pinned version.
 * @public
 */
export function evmDriverFactory(artifact: Artifact, options: EvmFactoryOptions = {}): DriverFactory {
  const missing = missingInterface(artifact.abi, (options.deployment ?? specDeployment).missing);
  if (missing.length > 0) throw new InterfaceMismatch(artifact.contractName, missing);
  const engine = options.engine ?? engineFromEnv();
  if (engine === 'fast') assertPinnedVersions();
  return (setup = {}) => new EvmDriver(artifact, { ...setup, ...options, engine });
}
