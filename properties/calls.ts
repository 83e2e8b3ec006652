/**
 * How often, by whom and with what value each external function is called in random runs: one
 * row per function of the interface (the reference's `FunctionName`), read by both generators —
 * the differential commands (differential/commands.ts) and the scenarios' actions (scenario.ts).
 * A function added to the interface fails the type check here until it has its row.
 * @module
 */
import type { FunctionName } from '../reference/index.js';

/** Who calls: the two parties; either party or the stranger (a party twice as often); the stranger alone. */
export type Callers = 'party' | 'anyone' | 'stranger';

/**
 * The value sent: an amount drawn around the schedule's bounds, or none — save now and then one
 * (or, in scenarios, any amount), to reach UnexpectedValue. Each generator draws its own.
 */
export type CallValue = 'amount' | 'none';

/** A function's draw in one generator: its weight among the generator's other choices, its callers, its value. */
export interface CallDraw {
  readonly weight: number;
  readonly callers: Callers;
  readonly value: CallValue;
}

/**
 * A function's row. A scenario draws `'rest'` functions as one choice of weight
 * REST_CALL_WEIGHT, uniformly among them, called by anyone with no value (save now and then).
 */
export interface CallRow {
  readonly command: CallDraw;
  readonly scenario: CallDraw | 'rest';
}

/** The rows in the order the generators list them: their order is part of what a seed draws. */
export const calls = {
  deposit: { command: { weight: 8, callers: 'party', value: 'amount' }, scenario: { weight: 6, callers: 'party', value: 'amount' } },
  activate: { command: { weight: 2, callers: 'anyone', value: 'amount' }, scenario: { weight: 2, callers: 'party', value: 'amount' } },
  applyBleeding: { command: { weight: 1, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  proposeExit: { command: { weight: 2, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  cancelExitProposal: { command: { weight: 1, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  initiateUnilateralExit: { command: { weight: 2, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  cancelUnilateralExit: { command: { weight: 1, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  executeUnilateralExit: { command: { weight: 2, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  claimAbandoned: { command: { weight: 2, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  cancelInactive: { command: { weight: 1, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  withdraw: { command: { weight: 2, callers: 'anyone', value: 'none' }, scenario: 'rest' },
  receive: { command: { weight: 1, callers: 'anyone', value: 'amount' }, scenario: { weight: 1, callers: 'stranger', value: 'amount' } },
} as const satisfies Record<FunctionName, CallRow>;

/** The weight of a scenario's choice among the `'rest'` functions, as one. */
export const REST_CALL_WEIGHT = 6;

/** The rows, in order, each with its function. */
export const callRows = Object.entries(calls) as [FunctionName, CallRow][];
