/**
 * The lock as one state machine: deploy, then (state, call) → outcome for every external
 * function. The reference's single entry point.
 * @module
 */
import { activate, cancelInactive } from './activation.js';
import { claimAbandoned } from './abandonment.js';
import { applyBleeding } from './apply-bleeding.js';
import type { Call, Outcome } from './call.js';
import { fail, succeed } from './call.js';
import { deposit } from './deposit.js';
import type { Params } from './params.js';
import { validateParams } from './params.js';
import { cancelExitProposal, proposeExit } from './peaceful-exit.js';
import type { LockState } from './state.js';
import { initialState } from './state.js';
import { cancelUnilateralExit, executeUnilateralExit, initiateUnilateralExit } from './unilateral-exit.js';
import { receive, withdraw } from './withdrawal.js';

/** Every external function that can change state, by its Solidity name. */
export const transitions = {
  activate,
  deposit,
  applyBleeding,
  proposeExit,
  cancelExitProposal,
  initiateUnilateralExit,
  cancelUnilateralExit,
  executeUnilateralExit,
  claimAbandoned,
  cancelInactive,
  withdraw,
  receive,
} as const satisfies Record<string, (state: LockState, call: Call) => Outcome>;

export type FunctionName = keyof typeof transitions;
export const functionNames = Object.keys(transitions) as FunctionName[];

/** The constructor at block time `now` (MLL-PAR-008). */
export function deploy(params: Params, now: bigint): Outcome {
  const invalid = validateParams(params);
  if (invalid) return fail(invalid);
  return succeed(initialState(params, now), [
    {
      name: 'AgreementCreated',
      args: {
        partyA: params.partyA,
        partyB: params.partyB,
        depositAmount: params.depositAmount,
        interval: params.depositInterval,
      },
    },
  ]);
}

/**
 * Runs one call. Block times never go backwards (MLL-STA-007): a call dated before the last
 * one is a caller's error, thrown, not a revert.
 */
export function execute(state: LockState, fn: FunctionName, call: Call): Outcome {
  if (call.now < state.accruedUntil) {
    throw new RangeError(`call at ${call.now} precedes the last call at ${state.accruedUntil}`);
  }
  return transitions[fn](state, call);
}
