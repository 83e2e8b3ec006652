/**
 * A fixture from the reference alone: a world and its logged steps (a differential run's, a
 * constructor sweep's, a saved regression's) replayed on the ReferenceDriver, every outcome, log
 * and view encoded with viem against the spec's ABI (spec/MutualLiquidityLock.abi.json), so no
 * compiler and no EVM are needed.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Abi, AbiEvent, AbiParameter } from 'viem';
import { encodeAbiParameters, encodeErrorResult, encodeEventTopics, encodeFunctionData, encodeFunctionResult } from 'viem';
import type { LockEvent, LockState, Params, Revert } from '../../reference/index.js';
import {
  agreement,
  claimableOf,
  constructorArguments,
  getExitPenalty,
  getLockStatus,
  getPartyStatus,
  getPoolState,
  revertArguments,
} from '../../reference/index.js';
import type { ActorName } from '../actors.js';
import { STRANGER, addressOfActor } from '../actors.js';
import { clauseForField, clauseForResult, clauseOfFunction } from '../differential/clauses.js';
import type { DifferentialSetup } from '../differential/property.js';
import type { LogEntry } from '../differential/world.js';
import type { CallResult, ViewName } from '../driver.js';
import { partyBytecode, viewClauses } from '../driver.js';
import { ReferenceDriver } from '../drivers/reference.js';
import { perform } from '../run-scenario.js';
import type { Effects, Fixture, Hex, HostileParty, VectorLog, VectorStep, ViewCall, ViewResult } from './format.js';
import { FORMAT } from './format.js';

/** The spec's interface: the bundled contract's ABI, committed (test/vectors checks they agree). */
export const specAbi: Abi = JSON.parse(readFileSync(new URL('../../spec/MutualLiquidityLock.abi.json', import.meta.url), 'utf8')) as Abi;

const isRevert = (value: unknown): value is Revert => typeof value === 'object' && value !== null && 'name' in value;

/** A view every step reads: the function, its argument, and the reference's answer at a time. */
interface ViewDefinition {
  readonly fn: ViewName;
  readonly who?: ActorName;
  /** The return value as encodeFunctionResult takes it, or the view's revert. */
  readonly read: (state: LockState, time: bigint) => unknown;
}

const each = (fn: ViewName, read: (state: LockState, address: `0x${string}`, time: bigint) => unknown): ViewDefinition[] =>
  (['A', 'B', 'stranger'] as const).map((who) => ({ fn, who, read: (state, time) => read(state, addressOfActor[who], time) }));

const agreementOutputs = (specAbi.find((item) => item.type === 'function' && item.name === 'agreement') as { outputs: readonly AbiParameter[] }).outputs;

/** Every view the spec makes normative (MLL-CONF-001), for A, B and a stranger where it takes an address. */
const viewDefinitions: readonly ViewDefinition[] = [
  {
    fn: 'getLockStatus',
    read: (state, time) => {
      const status = getLockStatus(state, time);
      return [status.phase, status.activatedAt, status.A, status.B];
    },
  },
  ...each('getPartyStatus', getPartyStatus),
  {
    fn: 'getPoolState',
    read: (state, time) => {
      const pool = getPoolState(state, time);
      return [pool.shareA, pool.shareB, pool.totalPool, pool.phase];
    },
  },
  { fn: 'agreement', read: (state) => agreementOutputs.map((output) => agreement(state)[output.name as keyof ReturnType<typeof agreement>]) },
  ...each('claimable', (state, address) => claimableOf(state, address)),
  ...each('getExitPenalty', getExitPenalty),
];

const constructorInputs = (specAbi.find((item) => item.type === 'constructor') as { inputs: readonly AbiParameter[] }).inputs;

const viewArgs = (view: ViewDefinition) => (view.who === undefined ? [] : [addressOfActor[view.who]]);

/** The 32-byte words of a view's static outputs, each named by its field path and the clause a difference there breaks. */
function wordsOf(fn: ViewName): ViewCall['words'] {
  const outputs = (specAbi.find((item) => item.type === 'function' && item.name === fn) as { outputs: readonly AbiParameter[] }).outputs;
  const flatten = (params: readonly AbiParameter[], prefix: string): ViewCall['words'] =>
    params.flatMap((param) => {
      const name = param.name === undefined || param.name === '' ? fn : param.name;
      if (param.type === 'tuple') return flatten((param as { components: readonly AbiParameter[] }).components, `${prefix}${name}.`);
      if (param.type.endsWith(']') || param.type === 'bytes' || param.type === 'string') throw new Error(`${fn}: output ${name} is dynamic (${param.type}); a view's words need static outputs`);
      return [{ field: `${prefix}${name}`, clause: clauseForField(name, viewClauses[fn]) }];
    });
  return flatten(outputs, '');
}

const viewCalls: readonly ViewCall[] = viewDefinitions.map((view) => ({
  name: `${view.fn}(${view.who ?? ''})`,
  input: encodeFunctionData({ abi: specAbi, functionName: view.fn, args: viewArgs(view) } as Parameters<typeof encodeFunctionData>[0]),
  clause: viewClauses[view.fn],
  words: wordsOf(view.fn),
}));

const revertData = (name: string, args: readonly unknown[]): Hex =>
  encodeErrorResult({ abi: specAbi, errorName: name, args } as Parameters<typeof encodeErrorResult>[0]);

const events = new Map(specAbi.filter((item): item is AbiEvent => item.type === 'event').map((event) => [event.name, event]));

function encodeLog(event: LockEvent): VectorLog {
  const abiEvent = events.get(event.name);
  if (abiEvent === undefined) throw new Error(`event ${event.name} is not in spec/MutualLiquidityLock.abi.json`);
  const args = event.args as Readonly<Record<string, unknown>>;
  const unindexed = abiEvent.inputs.filter((input) => input.indexed !== true);
  return {
    topics: encodeEventTopics({ abi: [abiEvent], eventName: event.name, args } as Parameters<typeof encodeEventTopics>[0]) as Hex[],
    data: encodeAbiParameters(unindexed, unindexed.map((input) => args[input.name!])),
  };
}

/** What a deployment or a call returned, as bytes: nothing, or the revert data; the logs when it succeeded. */
function outcomeBytes(result: CallResult): Pick<Effects, 'success' | 'returnData' | 'logs'> {
  if (result.ok) return { success: true, returnData: '0x', logs: result.events.map(encodeLog) };
  return { success: false, returnData: revertData(result.revert, result.args), logs: [] };
}

/** Every view read from the reference at `time`; the same state at the same time answers as before. */
function viewResults(state: LockState, time: bigint): readonly ViewResult[] {
  return viewDefinitions.map((view): ViewResult => {
    const value = view.read(state, time);
    if (isRevert(value)) return { success: false, data: revertData(value.name, revertArguments(value)) };
    return { success: true, data: encodeFunctionResult({ abi: specAbi, functionName: view.fn, result: value } as Parameters<typeof encodeFunctionResult>[0]) };
  });
}

/** The hostile parties of `setup`, their code made for a lock at a sentinel address whose offsets the replayer overwrites. */
function hostileParties(params: Params, setup: DifferentialSetup['setup']): HostileParty[] {
  const sentinel = `0x${'ee'.repeat(20)}` as const;
  return (['A', 'B'] as const).flatMap((role) => {
    const kind = setup.partyCode?.[role];
    if (kind === undefined) return [];
    const code = partyBytecode[kind](sentinel).slice(2);
    const lockAddressAt: number[] = [];
    for (let at = code.indexOf(sentinel.slice(2)); at >= 0; at = code.indexOf(sentinel.slice(2), at + 2)) {
      if (at % 2 === 0) lockAddressAt.push(at / 2);
    }
    const blanked = code.split(sentinel.slice(2)).join('00'.repeat(20));
    return [{ account: role === 'A' ? params.partyA : params.partyB, kind, code: `0x${blanked}` as Hex, lockAddressAt }];
  });
}

const noCall = { sender: STRANGER, value: '0', input: '0x' as Hex };

/**
 * The fixture of a world (its opening, if any, already among `log`) and its logged steps: each
 * replayed on the reference, its outcome, logs, balance and views recorded as bytes.
 */
export async function fixtureOf(name: string, source: string, world: Omit<DifferentialSetup, 'opening'>, log: readonly LogEntry[]): Promise<Fixture> {
  const { params, deployTime, setup } = world;
  const reference = new ReferenceDriver(setup);
  const deployed = await reference.deploy(params, deployTime);
  let seen: { state: LockState; time: bigint; views: readonly ViewResult[] } | null = null;
  const after = (time: bigint): Pick<Effects, 'balance' | 'views'> => {
    const state = reference.state;
    if (seen === null || seen.state !== state || seen.time !== time) seen = { state, time, views: viewResults(state, time) };
    return { balance: state.balance.toString(), views: seen.views };
  };
  const deployment = {
    time: deployTime.toString(),
    constructorArgs: encodeAbiParameters(constructorInputs, constructorArguments(params)),
    clause: clauseForResult('deploy', deployed, deployed),
    ...outcomeBytes(deployed),
    ...(deployed.ok ? after(deployTime) : { balance: '0', views: [] }),
  };
  const steps: VectorStep[] = [];
  for (const { time, action } of deployed.ok ? log : []) {
    if (action === undefined) {
      steps.push({ time: time.toString(), kind: 'wait', ...noCall, clause: 'MLL-CONF-001', success: true, returnData: '0x', logs: [], ...after(time) });
      continue;
    }
    const result = await perform(reference, action, time);
    const call =
      action.kind === 'call'
        ? {
            kind: 'call' as const,
            sender: addressOfActor[action.actor],
            value: action.value.toString(),
            input: action.fn === 'receive' ? ('0x' as Hex) : encodeFunctionData({ abi: specAbi, functionName: action.fn } as Parameters<typeof encodeFunctionData>[0]),
            clause: clauseForResult(action.fn, result, result),
          }
        : { kind: 'force' as const, ...noCall, value: action.amount.toString(), clause: clauseOfFunction('force') };
    steps.push({ time: time.toString(), ...call, ...outcomeBytes(result), ...after(time) });
  }
  return {
    format: FORMAT,
    name,
    source,
    clauses: [...new Set([deployment.clause, ...steps.map((s) => s.clause)])].sort(),
    params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])),
    parties: deployed.ok ? hostileParties(params, setup) : [],
    views: viewCalls,
    deployment,
    steps,
  };
}
