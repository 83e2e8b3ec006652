/**
 * The conformance vectors' format, `mll-vectors/2` (spec/conformance.md, spec/vectors.schema.json):
 * what a replayer in any toolchain needs — calldata in, bytes out — and nothing of the lock's rules.
 * Integers are decimal strings (they exceed a JSON number), bytes are 0x-prefixed hex.
 * @module
 */
import type { Address } from '../../reference/index.js';
import type { PartyCode } from '../driver.js';

export const FORMAT = 'mll-vectors/2';

export type Hex = `0x${string}`;

/** One log the lock emits: its topics and data as the EVM holds them. */
export interface VectorLog {
  readonly topics: readonly Hex[];
  readonly data: Hex;
}

/** What a view call answers: its return data, or its revert data. */
export interface ViewResult {
  readonly success: boolean;
  readonly data: Hex;
}

/** What must follow a deployment or a step, read at its time. */
export interface Effects {
  /** The call returned (true) or reverted (false). */
  readonly success: boolean;
  /** The call's return data, or its revert data: the ABI-encoded custom error. */
  readonly returnData: Hex;
  /** The lock's logs, in order; none when the call reverted. */
  readonly logs: readonly VectorLog[];
  /** The lock's balance in wei after the step. */
  readonly balance: string;
  /**
   * Each of the fixture's `views`, in its order, read after the step: an index into the fixture's
   * `viewResults`; none after a constructor that reverted. Most answers recur from step to step, so
   * a fixture holds each once (version 1 held them in full at every step, 92 % of its bytes).
   */
  readonly views: readonly number[];
}

export interface Deployment extends Effects {
  readonly time: string;
  /** The constructor's nine arguments, ABI-encoded, to append to the creation code. */
  readonly constructorArgs: Hex;
  readonly clause: string;
}

/**
 * One step at block time `time`: a call (`sender` sends `value` wei with calldata `input`), forced ether
 * (`value` wei arrive without a call: no code runs), or a wait (nothing is sent; the balance and
 * views are read at the new time).
 */
export interface VectorStep extends Effects {
  readonly time: string;
  readonly kind: 'call' | 'force' | 'wait';
  readonly sender: Address;
  readonly value: string;
  readonly input: Hex;
  /** The clause a different outcome or logs break: the revert's, else the function's. */
  readonly clause: string;
}

/** A 32-byte word of a view's return data: the field it holds and the clause a difference there breaks. */
export interface ViewWord {
  readonly field: string;
  readonly clause: string;
}

/** A view every step reads: its calldata (input), its clause, and its words (all its outputs are static). */
export interface ViewCall {
  readonly name: string;
  readonly input: Hex;
  readonly clause: string;
  readonly words: readonly ViewWord[];
}

/**
 * A party that is a contract (MLL-CONF-002), installed just after deployment: `code` with the
 * lock's 20-byte address written at each offset of `lockAddressAt`.
 */
export interface HostileParty {
  readonly account: Address;
  readonly kind: PartyCode;
  readonly code: Hex;
  readonly lockAddressAt: readonly number[];
}

export interface Fixture {
  readonly format: typeof FORMAT;
  readonly name: string;
  /** Where it came from, so it can be made again. */
  readonly source: string;
  /** The clauses its deployment and steps exercise, sorted. */
  readonly clauses: readonly string[];
  /** The constructor's arguments by name, for readers; `deployment.constructorArgs` is what a replayer uses. */
  readonly params: Readonly<Record<string, string>>;
  readonly parties: readonly HostileParty[];
  readonly views: readonly ViewCall[];
  /** Every distinct view answer of the fixture, in order of first appearance; the effects' `views` index it. */
  readonly viewResults: readonly ViewResult[];
  readonly deployment: Deployment;
  readonly steps: readonly VectorStep[];
}
