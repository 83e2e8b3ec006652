/**
 * Speed-ups for @ethereumjs/evm 10.1.3 that change no result and no gas, only how fast the
 * interpreter gets there. Profiling the differential suite (bench/README.md) showed three hot
 * spots that redo the same work on every call: the jump-destination analysis of the whole
 * contract, Common's EIP look-ups, and MSTORE's byte padding through array spreads. Each shim
 * does the same computation once, or without the detour. The differential suite (the EVM must
 * still agree with the reference on every step) and the gas snapshot are the checks that they
 * change nothing; they are tied to the pinned version and refuse any other.
 * @module
 */
import type { Common } from '@ethereumjs/common';
import type { EVM } from '@ethereumjs/evm';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const evmEntry = import.meta.resolve('@ethereumjs/evm');
const PINNED = '10.1.3';

function installedVersion(): string {
  const manifest = new URL('../../package.json', evmEntry);
  return (JSON.parse(readFileSync(fileURLToPath(manifest), 'utf8')) as { version: string }).version;
}

interface JumpAnalysis {
  jumps: Uint8Array;
  pushes: Record<number, bigint>;
  opcodesCached: unknown[];
}

interface InterpreterPrototype {
  _getValidJumpDestinations(this: unknown, code: Uint8Array): JumpAnalysis;
}

let jumpAnalysisCached = false;

/** The analysis of a contract's code depends only on the code: keep it for as long as the code lives. */
async function cacheJumpAnalysis(): Promise<void> {
  if (jumpAnalysisCached) return;
  jumpAnalysisCached = true;
  const { Interpreter } = (await import(new URL('./interpreter.js', evmEntry).href)) as { Interpreter: { prototype: InterpreterPrototype } };
  const analyse = Interpreter.prototype._getValidJumpDestinations;
  const byCode = new WeakMap<Uint8Array, JumpAnalysis>();
  Interpreter.prototype._getValidJumpDestinations = function (code) {
    let analysis = byCode.get(code);
    if (analysis === undefined) {
      analysis = analyse.call(this, code);
      byCode.set(code, analysis);
    }
    return analysis;
  };
}

/** Which EIPs are active never changes for a Common whose hardfork is never changed. */
export function memoizeEipLookups(common: Common): void {
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

/** MSTORE: the word as 32 big-endian bytes, written by four 64-bit stores instead of hex and spreads. */
function mstore(runState: RunState): void {
  const [offset, word] = runState.stack.popN(2) as [bigint, bigint];
  const bytes = new Uint8Array(32);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, word >> 192n);
  view.setBigUint64(8, (word >> 128n) & MASK_64);
  view.setBigUint64(16, (word >> 64n) & MASK_64);
  view.setBigUint64(24, word & MASK_64);
  runState.memory.write(Number(offset), 32, bytes);
}

/** Applies every speed-up to a freshly created EVM. */
export async function accelerate(evm: EVM): Promise<void> {
  const version = installedVersion();
  if (version !== PINNED) throw new Error(`evm-speedups are written for @ethereumjs/evm ${PINNED}, found ${version}`);
  await cacheJumpAnalysis();
  const opcodeMap = (evm as unknown as { _opcodeMap: Record<number, { opHandler: unknown }> })._opcodeMap;
  opcodeMap[0x52]!.opHandler = mstore;
}
