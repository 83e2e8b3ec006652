/**
 * A fixture from the reference alone: a world and its logged steps (a differential run's, a
 * constructor sweep's, a saved regression's) replayed on the ReferenceDriver, every outcome, log
 * and view encoded with viem against the spec's ABI (spec/MutualLiquidityLock.abi.json), so no
 * compiler and no EVM are needed.
 * @module
 */
import type { AbiEvent, AbiParameter } from 'viem';
import { encodeAbiParameters, encodeErrorResult, encodeEventTopics, encodeFunctionData, encodeFunctionResult } from 'viem';
import type { Agreement, LockEvent, LockState, LockStatus, Params } from '../../reference/index.js';
import { constructorArguments } from '../../reference/index.js';
import type { ActorName } from '../actors.js';
import { STRANGER, addressOfActor } from '../actors.js';
import { clauseForField, clauseForResult, clauseOfFunction } from '../differential/clauses.js';
import type { DifferentialSetup } from '../differential/property.js';
import type { LogEntry } from '../differential/world.js';
import type { CallResult, ViewName, Views } from '../driver.js';
import { callEncoding, partyBytecode, viewClauses } from '../driver.js';
import { specAbi } from '../drivers/interface.js';
import { ReferenceDriver } from '../drivers/reference.js';
import { perform } from '../run-scenario.js';
import type { Effects, Fixture, Hex, HostileParty, VectorLog, VectorStep, ViewCall, ViewResult } from './format.js';
import { FORMAT } from './format.js';

export { specAbi };

/** A view every step reads: the function, whose address it takes, and its answer in what a Driver reads. */
interface ViewDefinition {
  readonly fn: ViewName;
  readonly who?: ActorName;
  /** The return value as encodeFunctionResult takes it, or the name of the view's revert. */
  readonly read: (status: LockStatus, views: Views) => unknown;
}

const whose = ['A', 'B', 'stranger'] as const;
const each = (fn: ViewName, read: (views: Views, index: number) => unknown): ViewDefinition[] =>
  whose.map((who, index) => ({ fn, who, read: (_, views) => read(views, index) }));

const agreementOutputs = (
  specAbi.find((item) => item.type === 'function' && item.name === 'agreement') as { outputs: readonly AbiParameter[] }
).outputs;

/** Every view the spec makes normative (MLL-CONF-001), for A, B and a stranger where it takes an address. */
const viewDefinitions: readonly ViewDefinition[] = [
  { fn: 'getLockStatus', read: (status) => [status.phase, status.activatedAt, status.A, status.B] },
  ...each('getPartyStatus', (views, index) => views.partyStatus[index]),
  { fn: 'getPoolState', read: (_, { poolState: pool }) => [pool.shareA, pool.shareB, pool.totalPool, pool.phase] },
  { fn: 'agreement', read: (_, views) => agreementOutputs.map((output) => views.agreement[output.name as keyof Agreement]) },
  ...each('claimable', (views, index) => views.claimable[index]),
  ...each('getExitPenalty', (views, index) => views.exitPenalty[index]),
];

/** The constructor's inputs: how `constructorArgs` is encoded. */
export const constructorInputs = (specAbi.find((item) => item.type === 'constructor') as { inputs: readonly AbiParameter[] }).inputs;

const viewArgs = (view: ViewDefinition) => (view.who === undefined ? [] : [addressOfActor[view.who]]);

/** The 32-byte words of a view's static outputs, each named by its field path and the clause a difference there breaks. */
function wordsOf(fn: ViewName): ViewCall['words'] {
  const outputs = (specAbi.find((item) => item.type === 'function' && item.name === fn) as { outputs: readonly AbiParameter[] }).outputs;
  const flatten = (params: readonly AbiParameter[], prefix: string): ViewCall['words'] =>
    params.flatMap((param) => {
      const name = param.name === undefined || param.name === '' ? fn : param.name;
      if (param.type === 'tuple') return flatten((param as { components: readonly AbiParameter[] }).components, `${prefix}${name}.`);
      if (param.type.endsWith(']') || param.type === 'bytes' || param.type === 'string')
        throw new Error(`${fn}: output ${name} is dynamic (${param.type}); a view's words need static outputs`);
      return [{ field: `${prefix}${name}`, clause: clauseForField(name, viewClauses[fn]) }];
    });
  return flatten(outputs, '');
}

const viewCalls: readonly ViewCall[] = viewDefinitions.map((view) => ({
  name: `${view.fn}(${view.who ?? ''})`,
  input: encodeFunctionData({ abi: specAbi, functionName: view.fn, args: viewArgs(view) }),
  clause: viewClauses[view.fn],
  words: wordsOf(view.fn),
}));

const revertData = (name: string, args: readonly unknown[]): Hex => encodeErrorResult({ abi: specAbi, errorName: name, args });

const events = new Map(specAbi.filter((item): item is AbiEvent => item.type === 'event').map((event) => [event.name, event]));

function encodeLog(event: LockEvent): VectorLog {
  const abiEvent = events.get(event.name);
  if (abiEvent === undefined) throw new Error(`event ${event.name} is not in spec/MutualLiquidityLock.abi.json`);
  const args = event.args as Readonly<Record<string, unknown>>;
  const unindexed = abiEvent.inputs.filter((input) => input.indexed !== true);
  return {
    topics: encodeEventTopics({ abi: [abiEvent], eventName: event.name, args }) as Hex[],
    data: encodeAbiParameters(
      unindexed,
      unindexed.map((input) => args[input.name!]),
    ),
  };
}

/** What a deployment or a call returned, as bytes: nothing, or the revert data; the logs when it succeeded. */
export function outcomeBytes(result: CallResult): Pick<Effects, 'success' | 'returnData' | 'logs'> {
  if (result.ok) return { success: true, returnData: '0x', logs: result.events.map(encodeLog) };
  return { success: false, returnData: revertData(result.revert, result.args), logs: [] };
}

/**
 * Every view's return or revert data, from what a Driver reads: its observation (getLockStatus)
 * and each view by itself. A view's revert is known by name only: the spec's views revert with
 * NotParty() alone, and a revert with arguments would not encode.
 */
export function encodeViews(status: LockStatus, views: Views): readonly ViewResult[] {
  return viewDefinitions.map((view): ViewResult => {
    const value = view.read(status, views);
    if (typeof value === 'string') return { success: false, data: revertData(value, []) };
    return { success: true, data: encodeFunctionResult({ abi: specAbi, functionName: view.fn, result: value }) };
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
    return [{ account: role === 'A' ? params.partyA : params.partyB, kind, code: `0x${blanked}`, lockAddressAt }];
  });
}

const noCall = { sender: STRANGER, value: '0', input: '0x' as Hex };

/**
 * The fixture of a world (its opening, if any, already among `log`) and its logged steps: each
 * replayed on the reference, its outcome, logs, balance and views recorded as bytes.
 */
export async function fixtureOf(
  name: string,
  source: string,
  world: Omit<DifferentialSetup, 'opening'>,
  log: readonly LogEntry[],
): Promise<Fixture> {
  const { params, deployTime, setup } = world;
  const reference = new ReferenceDriver(setup);
  const deployed = await reference.deploy(params, deployTime);
  const viewResults: ViewResult[] = [];
  const indexOf = new Map<string, number>();
  const index = (result: ViewResult): number => {
    const key = `${result.success}${result.data}`;
    let at = indexOf.get(key);
    if (at === undefined) indexOf.set(key, (at = viewResults.push(result) - 1));
    return at;
  };
  let seen: { state: LockState; time: bigint; views: readonly number[] } | null = null;
  // the same state at the same time answers as before: a revert leaves both alone
  const after = async (time: bigint): Promise<Pick<Effects, 'balance' | 'views'>> => {
    const state = reference.state;
    if (seen === null || seen.state !== state || seen.time !== time)
      seen = { state, time, views: encodeViews(await reference.observe(time), await reference.readViews(time)).map(index) };
    return { balance: state.balance.toString(), views: seen.views };
  };
  const deployment = {
    time: deployTime.toString(),
    constructorArgs: encodeAbiParameters(constructorInputs, constructorArguments(params)),
    clause: clauseForResult('deploy', deployed, deployed),
    ...outcomeBytes(deployed),
    ...(deployed.ok ? await after(deployTime) : { balance: '0', views: [] }),
  };
  const steps: VectorStep[] = [];
  for (const { time, action } of deployed.ok ? log : []) {
    if (action === undefined) {
      steps.push({
        time: time.toString(),
        kind: 'wait',
        ...noCall,
        clause: 'MLL-CONF-001',
        success: true,
        returnData: '0x',
        logs: [],
        ...(await after(time)),
      });
      continue;
    }
    const result = await perform(reference, action, time);
    const call =
      action.kind === 'call'
        ? {
            kind: 'call' as const,
            sender: addressOfActor[action.actor],
            value: action.value.toString(),
            input: callEncoding[action.fn] === 'no data' ? ('0x' as Hex) : encodeFunctionData({ abi: specAbi, functionName: action.fn }),
            clause: clauseForResult(action.fn, result, result),
          }
        : { kind: 'force' as const, ...noCall, value: action.amount.toString(), clause: clauseOfFunction('force') };
    steps.push({ time: time.toString(), ...call, ...outcomeBytes(result), ...(await after(time)) });
  }
  return {
    format: FORMAT,
    name,
    source,
    clauses: [...new Set([deployment.clause, ...steps.map((s) => s.clause)])].sort(),
    params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, String(value)])),
    parties: deployed.ok ? hostileParties(params, setup) : [],
    views: viewCalls,
    viewResults,
    deployment,
    steps,
  };
}
