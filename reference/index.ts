/**
 * The executable specification of the Mutual Liquidity Lock: pure functions, bigint only,
 * operation for operation what the contract computes.
 * @public
 * @module
 */
export * from './constants.js';
export type { Revert, RevertName } from './errors.js';
export { revertArguments } from './errors.js';
export type { LockEvent, LockEventName } from './events.js';
export * from './params.js';
export * from './state.js';
export * from './arithmetic.js';
export * from './schedule.js';
export * from './penalty.js';
export * from './bleeding.js';
export type { Call, Outcome } from './call.js';
export * from './lock.js';
export * from './views.js';
export * from './deadlines.js';
export { surplus, forceEther } from './withdrawal.js';
