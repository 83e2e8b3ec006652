/**
 * Speed-ups for @ethereumjs/evm 10.1.3 that change no result and no gas, only how fast the
 * interpreter gets there (bench/README.md has the profiles and the figures):
 * - an interpreter loop that awaits only the opcodes that need it (state writes, calls, creation),
 *   running the rest inline as runStep would, with synchronous twins of the memory-only gas
 *   handlers and of the hottest opcode handlers, SLOAD included on a SimpleStateManager;
 * - a lean code analysis (jump destinations, PUSH values decoded when first run) in place of the
 *   one that decodes every byte of the code up front;
 * - Common's EIP look-ups memoised, MSTORE without hex and spreads.
 * They apply per EVM, only to one given to accelerate() whose Common is exactly Cancun with no EIP
 * added; every other EVM in the process runs @ethereumjs/evm as published. Within an accelerated
 * EVM, anything the inline loop does not reproduce takes the original loop. The identity test
 * (test/evm/engine-identity.test.ts) runs the differential suite on both and requires the same
 * results, views and gas; the speed-ups refuse any other version of the packages they read.
 * @module
 */
import { Hardfork } from '@ethereumjs/common';
import type { Common } from '@ethereumjs/common';
import type { EVM } from '@ethereumjs/evm';
import { SimpleStateManager } from '@ethereumjs/statemanager';
import { bytesToBigInt } from '@ethereumjs/util';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const evmEntry = import.meta.resolve('@ethereumjs/evm');

/** Each package whose internals the speed-ups read or reproduce, at the version they were checked against. */
const PINNED: Readonly<Record<string, string>> = {
  // the interpreter's loop, runStep, gas handlers, opcode map and module files
  '@ethereumjs/evm': '10.1.3',
  // SimpleStateManager's protected storage map and its key format, read by the inline SLOAD
  '@ethereumjs/statemanager': '10.1.3',
  // the bytes setLengthLeft(bigIntToBytes(word), 32) makes, reproduced by MSTORE's word()
  '@ethereumjs/util': '10.1.3',
  // isActivatedEIP memoised: its answer must depend on nothing but the hardfork and the EIPs
  '@ethereumjs/common': '10.1.3',
};

/** The only configuration the identity test checks: this hardfork, no EIP added to its own. */
const HARDFORK = Hardfork.Cancun;

/** Installed versions, read once each (accelerate runs per EVM, one per deployment). */
const installed = new Map<string, string>();
function installedVersion(pkg: string): string {
  let version = installed.get(pkg);
  if (version === undefined) {
    const manifest = new URL('../../package.json', import.meta.resolve(pkg));
    version = (JSON.parse(readFileSync(fileURLToPath(manifest), 'utf8')) as { version: string }).version;
    installed.set(pkg, version);
  }
  return version;
}

/** A package the fast engine reads is not at the version it was written for: bad setup, like a bad MLL_EVM, not a failed property. */
export class UnpinnedVersion extends Error {
  constructor(
    readonly pkg: string,
    readonly pinned: string,
    readonly found: string,
  ) {
    super(`the fast EVM engine is written for ${pkg} ${pinned}, found ${found}; run the stock engine with MLL_EVM=stock`);
    this.name = 'UnpinnedVersion';
  }
}

/** Refuses the fast engine, in one line, when a package it reads is not at the version it was written for. */
export function assertPinnedVersions(versionOf: (pkg: string) => string = installedVersion): void {
  for (const [pkg, pinned] of Object.entries(PINNED)) {
    const found = versionOf(pkg);
    if (found !== pinned) throw new UnpinnedVersion(pkg, pinned, found);
  }
}

const memoized = new WeakSet<Common>();
/** Which EIPs are active never changes for a Common whose hardfork is never changed. */
function memoizeEipLookups(common: Common): void {
  if (memoized.has(common)) return;
  memoized.add(common);
  const lookup = common.isActivatedEIP.bind(common);
  const known = new Map<number, boolean>();
  common.isActivatedEIP = (eip: number) => {
    let active = known.get(eip);
    if (active === undefined) {
      active = lookup(eip);
      known.set(eip, active);
    }
    return active;
  };
}

const MASK_64 = (1n << 64n) - 1n;

interface RunState {
  stack: { popN(n: number): bigint[] };
  memory: { write(offset: number, size: number, value: Uint8Array): void };
}

/** A word as the 32 big-endian bytes setLengthLeft(bigIntToBytes(word), 32) makes: four 64-bit stores, no hex, no spreads. */
function word(value: bigint): Uint8Array {
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, value >> 192n);
  view.setBigUint64(8, (value >> 128n) & MASK_64);
  view.setBigUint64(16, (value >> 64n) & MASK_64);
  view.setBigUint64(24, value & MASK_64);
  return bytes;
}

/** MSTORE: the word's bytes as word() makes them. */
function mstore(runState: RunState): void {
  const [offset, value] = runState.stack.popN(2) as [bigint, bigint];
  runState.memory.write(Number(offset), 32, word(value));
}

/** What the interpreter module gives the loop below; these are its own imports. */
interface InterpreterModules {
  readonly EVMError: { new (error: string): unknown; errorMessages: Record<string, string> };
  readonly EVMErrorTypeString: string;
  readonly consumeEip7928PostTargetCallOog: (runState: unknown) => void;
  readonly subMemUsage: (runState: unknown, offset: bigint, length: bigint, common: Common) => bigint;
  readonly divCeil: (a: bigint, b: bigint) => bigint;
  readonly trap: (error: string) => never;
  readonly dynamicGasHandlers: Map<number, unknown>;
  readonly handlers: Map<number, unknown>;
  readonly accessStorageEIP2929: (runState: unknown, key: Uint8Array, isSstore: boolean, common: Common, chargeGas?: boolean) => bigint;
}

async function interpreterModules(): Promise<InterpreterModules> {
  const load = async (path: string) => (await import(new URL(path, evmEntry).href)) as Record<string, unknown>;
  const [errors, eip7928, eip2929, util, gas, functions] = await Promise.all(
    ['./errors.js', './opcodes/EIP7928.js', './opcodes/EIP2929.js', './opcodes/util.js', './opcodes/gas.js', './opcodes/functions.js'].map(
      load,
    ),
  );
  return { ...errors, ...eip7928, ...eip2929, ...util, ...gas, ...functions } as unknown as InterpreterModules;
}

interface LoopRunState {
  code: Uint8Array;
  programCounter: number;
  opCode: number;
  gasLeft: bigint;
  validJumps: Uint8Array;
  eip8037BurnLeftoverAfterCreateHaltOntoAlive?: boolean;
  stack: { peek(n?: number): bigint[]; pop(): bigint; push(value: bigint): void };
  interpreter: { isStatic(): boolean; getReturnDataSize(): bigint; _env: { address: { toString(): string } } };
  stateManager: unknown;
  env: { eof?: unknown; accessWitness?: { commit(): void; revert(): void } };
}

interface OpcodeEntry {
  opcodeInfo: { code: number; name: string; feeBigInt: bigint; isAsync: boolean; dynamicGas: boolean; isInvalid: boolean };
  opHandler: (runState: LoopRunState, common: Common) => unknown;
  gasHandler?: unknown;
}

type SyncGas = (runState: LoopRunState, gas: bigint, common: Common) => bigint;

/**
 * Synchronous twins of the dynamic-gas handlers that touch only memory, each the pinned
 * version's async handler line for line (opcodes/gas.js), so these opcodes need no await either.
 */
function syncGasHandlers(m: InterpreterModules): Map<number, SyncGas> {
  const memory =
    (offsetAt: number, length: bigint | 'stack'): SyncGas =>
    (rs, gas, common) => {
      const words = rs.stack.peek(offsetAt + 1 + (length === 'stack' ? 1 : 0));
      return gas + m.subMemUsage(rs, words[offsetAt]!, length === 'stack' ? words[offsetAt + 1]! : length, common);
    };
  const copy =
    (copyOffsetOf: 'calldata' | 'code' | 'returndata'): SyncGas =>
    (rs, gas, common) => {
      const [memOffset, dataOffset, dataLength] = rs.stack.peek(3) as [bigint, bigint, bigint];
      if (copyOffsetOf === 'returndata' && dataOffset + dataLength > rs.interpreter.getReturnDataSize() && rs.env.eof === undefined) {
        m.trap(m.EVMError.errorMessages.OUT_OF_GAS!);
      }
      gas += m.subMemUsage(rs, memOffset, dataLength, common);
      if (dataLength !== 0n) gas += common.param('copyGas') * m.divCeil(dataLength, 32n);
      return gas;
    };
  const log: SyncGas = (rs, gas, common) => {
    if (rs.interpreter.isStatic()) m.trap(m.EVMError.errorMessages.STATIC_STATE_CHANGE!);
    const [memOffset, memLength] = rs.stack.peek(2) as [bigint, bigint];
    const topicsCount = rs.opCode - 0xa0;
    if (topicsCount < 0 || topicsCount > 4) m.trap(m.EVMError.errorMessages.OUT_OF_RANGE!);
    gas += m.subMemUsage(rs, memOffset, memLength, common);
    return gas + common.param('logTopicGas') * BigInt(topicsCount) + memLength * common.param('logDataGas');
  };
  return new Map<number, SyncGas>([
    [
      0x0a,
      (rs, gas, common) => {
        const exponent = rs.stack.peek(2)[1]!;
        if (exponent === 0n) return gas;
        let byteLength = exponent.toString(2).length / 8;
        if (byteLength > Math.trunc(byteLength)) byteLength = Math.trunc(byteLength) + 1;
        if (byteLength < 1 || byteLength > 32) m.trap(m.EVMError.errorMessages.OUT_OF_RANGE!);
        return gas + BigInt(byteLength) * common.param('expByteGas');
      },
    ],
    [
      0x20,
      (rs, gas, common) => {
        const [offset, length] = rs.stack.peek(2) as [bigint, bigint];
        gas += m.subMemUsage(rs, offset, length, common);
        return gas + common.param('keccak256WordGas') * m.divCeil(length, 32n);
      },
    ],
    [0x37, copy('calldata')],
    [0x39, copy('code')],
    [0x3e, copy('returndata')],
    [0x51, memory(0, 32n)],
    [0x52, memory(0, 32n)],
    [0x53, memory(0, 1n)],
    [0xa0, log],
    [0xa1, log],
    [0xa2, log],
    [0xa3, log],
    [0xa4, log],
    [0xf3, memory(0, 'stack')],
    [0xfd, memory(0, 'stack')],
  ]);
}

/**
 * The few storage slots a contract uses, each as the bytes the access journal takes and the hex
 * the storage map is keyed by: made once per slot instead of on every SLOAD (bounded, never
 * mutated: the journal only reads them).
 */
const slotKeys = new Map<bigint, { readonly bytes: Uint8Array; readonly hex: string }>();
function slotKey(key: bigint): { readonly bytes: Uint8Array; readonly hex: string } {
  let known = slotKeys.get(key);
  if (known === undefined) {
    if (slotKeys.size >= 4096) slotKeys.clear();
    known = { bytes: word(key), hex: `0x${key.toString(16).padStart(64, '0')}` };
    slotKeys.set(key, known);
  }
  return known;
}
/** Stored values decoded once per stored array (SSTORE stores a new one each time). */
const storedValues = new WeakMap<Uint8Array, bigint>();
/** The hex of an address object, once. */
const addressHex = new WeakMap<object, string>();

/**
 * SLOAD without an await, on a SimpleStateManager only: its getStorage is a map look-up behind an
 * async signature. Gas as the pinned handler (EIP-2929 warm/cold; Cancun charges no code chunks);
 * the value as SimpleStateManager.getStorage reads it (EIP-7928's access list is not active
 * before Amsterdam).
 */
function syncSload(m: InterpreterModules): { gas: SyncGas; op: (rs: LoopRunState) => void } {
  return {
    gas: (rs, gas, common) => gas + m.accessStorageEIP2929(rs, slotKey(rs.stack.peek()[0]!).bytes, false, common, true),
    op: (rs) => {
      const key = rs.stack.pop();
      const storage = (rs.stateManager as { topStorageStack(): Map<string, Uint8Array> }).topStorageStack();
      const address = rs.interpreter._env.address;
      let hex = addressHex.get(address);
      if (hex === undefined) {
        hex = address.toString();
        addressHex.set(address, hex);
      }
      const value = storage.get(`${hex}_${slotKey(key).hex}`);
      if (value === undefined || value.length === 0) {
        rs.stack.push(0n);
        return;
      }
      let decoded = storedValues.get(value);
      if (decoded === undefined) {
        decoded = bytesToBigInt(value);
        storedValues.set(value, decoded);
      }
      rs.stack.push(decoded);
    },
  };
}

interface LoopInterpreter {
  _runState: LoopRunState;
  _evm: { events: { listenerCount(name: string): number }; DEBUG: boolean; _opcodeMap: readonly OpcodeEntry[] };
  common: Common;
  profilerOpts?: { enabled?: boolean };
  runStep(): Promise<void>;
  /** A property, not a method: the original is kept apart and called with the interpreter as `this`. */
  run: (this: LoopInterpreter, code: Uint8Array, opts?: { pc?: number }) => Promise<{ runState: LoopRunState; exceptionError: unknown }>;
}

/** The EVMs accelerate() took: the only ones whose interpreters run the inline loop. */
const fastEvms = new WeakSet<object>();
let loopInstalled = false;
/** Interpreter runs that took the inline loop, so a test can see which path ran. */
let inlineRuns = 0;
export function inlineRunCount(): number {
  return inlineRuns;
}

/**
 * What the inline loop needs of a code's analysis: the valid jump destinations, and each PUSH's
 * value decoded the first time it runs. The pinned analysis also builds an entry per byte and a
 * bigint per PUSH of the whole code — for a 10 kB creation code most of which (the runtime code
 * it returns) never runs, that was a third of a deployment. Jump destinations are found by the
 * same scan: a 0x5b that is not inside PUSH data (Cancun has no EIP-8024 immediates).
 */
interface LeanAnalysis {
  readonly code: Uint8Array;
  readonly jumps: Uint8Array;
  /** Keyed as the pinned analysis keys them: the index of the first data byte. */
  readonly pushes: (bigint | undefined)[];
}
const leanByCode = new WeakMap<Uint8Array, LeanAnalysis>();
function leanAnalysis(code: Uint8Array): LeanAnalysis {
  let analysis = leanByCode.get(code);
  if (analysis === undefined) {
    const jumps = new Uint8Array(code.length);
    for (let i = 0; i < code.length; i++) {
      const op = code[i]!;
      if (op >= 0x60 && op <= 0x7f) i += op - 0x5f;
      else if (op === 0x5b) jumps[i] = 1;
    }
    analysis = { code, jumps, pushes: new Array<bigint | undefined>(code.length) };
    leanByCode.set(code, analysis);
  }
  return analysis;
}

/** PUSHn's value at `at`, as the pinned analysis decodes it: the n bytes there, zero-padded past the end. */
function pushValue(code: Uint8Array, at: number, n: number): bigint {
  let value = 0n;
  for (let k = 0; k < n; k++) value = (value << 8n) | BigInt(code[at + k] ?? 0);
  return value;
}

interface FastStack {
  pop(): bigint;
  push(value: bigint): void;
}
type Handler = (runState: LoopRunState & { stack: FastStack; validJumps: Uint8Array }, common: Common) => unknown;

const MAX_WORD = (1n << 256n) - 1n;
/**
 * The lean analysis of the code the inline loop is running, for the PUSH twin. Calls interleave
 * (a nested CALL, concurrent view calls): the loop sets it again after every await.
 */
let activeLean: LeanAnalysis | undefined;

/**
 * Twins of the most frequent handlers (by count in the bundled contract's calls: PUSH, the jumps,
 * ADD, SUB, the comparisons, AND, OR, the shifts). Each computes what the pinned handler does:
 * `mod(x, 2^256)` of a sum, difference or product of words is `x & (2^256 − 1)`; two pops where
 * it pops an array of two (on underflow both throw STACK_UNDERFLOW and the frame halts, so the
 * half-popped stack is never seen). PUSH skips the EIP-6800/7864 branch, inactive on Cancun.
 * A jump whose target is not plainly valid is handed back to the pinned handler, which traps with
 * its own message.
 */
function fastHandlers(m: InterpreterModules): Map<number, Handler> {
  const pinned = (code: number) => m.handlers.get(code) as Handler;
  const binary =
    (f: (a: bigint, b: bigint) => bigint): Handler =>
    (rs) => {
      const a = rs.stack.pop();
      rs.stack.push(f(a, rs.stack.pop()));
    };
  const jumpTo = (rs: Parameters<Handler>[0], dest: bigint): boolean => {
    if (dest >= 0x1_0000_0000n) return false;
    const target = Number(dest);
    if (target > rs.code.length || rs.validJumps[target] !== 1) return false;
    rs.programCounter = target;
    return true;
  };
  const jump = pinned(0x56);
  const jumpi = pinned(0x57);
  const push = pinned(0x60);
  const twins = new Map<number, Handler>([
    [0x01, binary((a, b) => (a + b) & MAX_WORD)],
    [0x02, binary((a, b) => (a * b) & MAX_WORD)],
    [0x03, binary((a, b) => (a - b) & MAX_WORD)],
    [0x10, binary((a, b) => (a < b ? 1n : 0n))],
    [0x11, binary((a, b) => (a > b ? 1n : 0n))],
    [0x14, binary((a, b) => (a === b ? 1n : 0n))],
    [0x16, binary((a, b) => a & b)],
    [0x17, binary((a, b) => a | b)],
    [0x1b, binary((a, b) => (a > 256n ? 0n : (b << a) & MAX_WORD))],
    [0x1c, binary((a, b) => (a > 256n ? 0n : b >> a))],
    [
      0x56,
      (rs, common) => {
        const dest = rs.stack.pop();
        if (jumpTo(rs, dest)) return;
        rs.stack.push(dest);
        jump(rs, common);
      },
    ],
    [
      0x57,
      (rs, common) => {
        const dest = rs.stack.pop();
        const condition = rs.stack.pop();
        if (condition === 0n || jumpTo(rs, dest)) return;
        rs.stack.push(condition);
        rs.stack.push(dest);
        jumpi(rs, common);
      },
    ],
  ]);
  const pushN: Handler = (rs, common) => {
    const lean = activeLean;
    // a guard, not a path taken: the loop keeps activeLean on the code it runs
    if (lean === undefined || lean.code !== rs.code) {
      push(rs, common);
      return;
    }
    const at = rs.programCounter;
    const n = rs.opCode - 0x5f;
    let value = lean.pushes[at];
    if (value === undefined) value = lean.pushes[at] = pushValue(rs.code, at, n);
    rs.stack.push(value);
    rs.programCounter += n;
  };
  for (let code = 0x60; code <= 0x7f; code++) twins.set(code, pushN);
  return twins;
}

/**
 * How the inline loop runs one opcode entry, decided once per entry: its static fee, its
 * synchronous gas twin (none for static-gas opcodes), its handler; SLOAD marked, as it may run
 * inline only on a SimpleStateManager. null: the entry goes through the original runStep.
 */
interface InlinePlan {
  readonly fee: bigint;
  readonly gas: SyncGas | null;
  readonly op: (runState: LoopRunState, common: Common) => unknown;
  readonly sload: boolean;
}
/** Plans by opcode byte, per opcode map (one map per EVM; entries never change once the speed-ups are applied). */
const plansByMap = new WeakMap<readonly OpcodeEntry[], readonly (InlinePlan | null)[]>();

/**
 * The interpreter loop with an await only where the opcode needs one. Interpreter.run awaits
 * runStep for every opcode; here an opcode with no asynchronous handler (all but state access,
 * calls and creation) runs inline, doing what runStep does for it in the same order: dynamic gas,
 * invalid-opcode check, useGas, pc + 1, the EIP-7928 check, the handler, the witness commit.
 * Interpreter.run is shared by every EVM in the process: an EVM accelerate() did not take runs
 * the original, and so does anything the inline path does not reproduce — a step listener or
 * DEBUG, the profiler, a start pc. What Cancun lacks (EOF, code chunks, EIP-8024 immediates,
 * EIP-7928) the allow-list in accelerate() rules out.
 */
async function runOpcodesInline(): Promise<void> {
  if (loopInstalled) return;
  loopInstalled = true;
  const m = await interpreterModules();
  const syncGas = syncGasHandlers(m);
  const twins = fastHandlers(m);
  const { Interpreter } = (await import(new URL('./interpreter.js', evmEntry).href)) as { Interpreter: { prototype: LoopInterpreter } };
  const original = Interpreter.prototype.run;
  const sload = syncSload(m);
  const outOfGas = m.EVMError.errorMessages.OUT_OF_GAS!;
  const stop = m.EVMError.errorMessages.STOP!;

  const planFor = (entry: OpcodeEntry): InlinePlan | null => {
    const { code, isAsync, dynamicGas, isInvalid, feeBigInt } = entry.opcodeInfo;
    // an entry whose handlers are not the pinned ones (a custom opcode, another hardfork's) keeps runStep
    const pinnedGas = !dynamicGas || entry.gasHandler === m.dynamicGasHandlers.get(code);
    const pinnedOp = entry.opHandler === m.handlers.get(code) || (code === 0x52 && entry.opHandler === (mstore as unknown));
    if (isInvalid || !pinnedGas || !pinnedOp) return null;
    if (code === 0x54) return { fee: feeBigInt, gas: sload.gas, op: sload.op, sload: true };
    const gas = dynamicGas ? syncGas.get(code) : null;
    if (isAsync || gas === undefined) return null;
    // pinned (or our MSTORE, which has no twin): a twin computes the same
    return { fee: feeBigInt, gas, op: twins.get(code) ?? entry.opHandler, sload: false };
  };

  const plansOf = (map: readonly OpcodeEntry[]): readonly (InlinePlan | null)[] => {
    let plans = plansByMap.get(map);
    if (plans === undefined) {
      plans = map.map(planFor);
      plansByMap.set(map, plans);
    }
    return plans;
  };

  Interpreter.prototype.run = async function (this: LoopInterpreter, code, opts = {}) {
    if (
      !fastEvms.has(this._evm) ||
      (opts.pc !== undefined && opts.pc !== 0) ||
      this.profilerOpts?.enabled === true ||
      this._evm.events.listenerCount('step') > 0 ||
      this._evm.DEBUG
    ) {
      return original.call(this, code, opts);
    }
    inlineRuns++;
    const common = this.common;
    const rs = this._runState;
    const plans = plansOf(this._evm._opcodeMap);
    // SLOAD inline only where the storage is a plain SimpleStateManager map (see syncSload)
    const inlineSload = Object.getPrototypeOf(rs.stateManager) === SimpleStateManager.prototype;
    rs.code = code;
    rs.programCounter = opts.pc ?? rs.programCounter;
    // The original analyses at the first jump; nothing reads the jump table before one. The run
    // state keeps shouldDoJumpAnalysis, so a pinned PUSH (through runStep) decodes from the code.
    const lean = leanAnalysis(code);
    rs.validJumps = lean.jumps;
    activeLean = lean;
    let err: unknown;
    while (rs.programCounter < code.length) {
      const opCode = code[rs.programCounter]!;
      rs.opCode = opCode;
      try {
        const plan = plans[opCode]!;
        if (plan === null || (plan.sload && !inlineSload)) {
          await this.runStep();
          activeLean = lean;
        } else {
          // runStep's order: dynamic gas, useGas (DEBUG is off here), pc + 1, EIP-7928, handler, witness
          const gas = plan.gas === null ? plan.fee : plan.gas(rs, plan.fee, common);
          rs.gasLeft -= gas;
          if (rs.gasLeft < 0n) {
            rs.gasLeft = 0n;
            m.trap(outOfGas);
          }
          rs.programCounter++;
          m.consumeEip7928PostTargetCallOog(rs);
          plan.op(rs, common);
          rs.env.accessWitness?.commit();
        }
      } catch (e) {
        rs.env.accessWitness?.revert();
        const error = e as { errorType?: string; error?: string };
        if (typeof e !== 'object' || e === null || error.errorType !== m.EVMErrorTypeString) throw e;
        if (error.error !== stop) err = e;
        break;
      }
    }
    if (err === undefined && rs.eip8037BurnLeftoverAfterCreateHaltOntoAlive === true && rs.gasLeft > 0n) {
      rs.gasLeft = 0n;
      err = new m.EVMError(outOfGas);
    }
    return { runState: rs, exceptionError: err };
  };
}

/**
 * Applies every speed-up to a freshly created EVM, if its Common is exactly Cancun with no EIP
 * added (an allow-list: a configuration the identity test has not checked stays stock). Memoises
 * that Common's EIP look-ups, so an EVM meant to stay stock needs a Common of its own. Throws,
 * naming the package, if a package the speed-ups read is not at its pinned version.
 */
export async function accelerate(evm: EVM): Promise<void> {
  assertPinnedVersions();
  if (evm.common.hardfork() !== HARDFORK || evm.common.eips().length > 0) return;
  await runOpcodesInline();
  memoizeEipLookups(evm.common);
  const opcodeMap = (evm as unknown as { _opcodeMap: Record<number, { opHandler: unknown }> })._opcodeMap;
  opcodeMap[0x52]!.opHandler = mstore;
  fastEvms.add(evm);
}
