/**
 * The Driver over the executable reference: the oracle every other implementation is held to.
 * @public
 * @module
 */
import type { Address, FunctionName, LockState, Params } from '../../reference/index.js';
import type { Revert } from '../../reference/index.js';
import {
  agreement,
  claimableOf,
  deploy,
  execute,
  forceEther,
  getExitPenalty,
  getLockStatus,
  getPartyStatus,
  getPoolState,
  revertArguments,
} from '../../reference/index.js';
import { STRANGER } from '../actors.js';
import type { CallResult, Driver, DriverSetup, Observation, ViewName, Views } from '../driver.js';
import { viewNames } from '../driver.js';

export class ReferenceDriver implements Driver {
  readonly capabilities: ReadonlySet<ViewName> = new Set(viewNames);
  #state: LockState | null = null;
  readonly #setup: DriverSetup;
  /** Addresses whose code rejects ether, so the reference knows a payout to them fails (MLL-WDR-003). */
  #rejectsEther: ReadonlySet<Address> = new Set();

  /** A reentrant party behaves as any other for the reference: its inner withdraw finds nothing (MLL-WDR-001). */
  constructor(setup: DriverSetup = {}) {
    this.#setup = setup;
  }

  /** The reference state, for tests that look beneath the views. */
  get state(): LockState {
    if (this.#state === null) throw new Error('ReferenceDriver: deploy first');
    return this.#state;
  }

  async deploy(params: Params, time: bigint): Promise<CallResult> {
    const outcome = deploy(params, time);
    if (!outcome.ok) return { ok: false, revert: outcome.revert.name, args: revertArguments(outcome.revert) };
    this.#state = outcome.state;
    const rejecting = (['A', 'B'] as const).filter((role) => this.#setup.partyCode?.[role] === 'rejecting');
    this.#rejectsEther = new Set(rejecting.map((role) => (role === 'A' ? params.partyA : params.partyB)));
    return { ok: true, events: outcome.events };
  }

  async call(from: Address, fn: FunctionName, value: bigint, time: bigint): Promise<CallResult> {
    const outcome = execute(this.state, fn, { from, value, now: time, rejectsEther: this.#rejectsEther.has(from) });
    if (!outcome.ok) return { ok: false, revert: outcome.revert.name, args: revertArguments(outcome.revert) };
    this.#state = outcome.state;
    return { ok: true, events: outcome.events };
  }

  async forceEther(amount: bigint, _time: bigint): Promise<void> {
    this.#state = forceEther(this.state, amount);
  }

  async readViews(time: bigint): Promise<Views> {
    const state = this.state;
    const parties = [state.params.partyA, state.params.partyB, STRANGER] as const;
    const named = <T>(value: T | Revert): T | string =>
      typeof value === 'object' && value !== null && 'name' in value ? value.name : value;
    return {
      poolState: getPoolState(state, time),
      agreement: agreement(state),
      claimable: [claimableOf(state, parties[0]), claimableOf(state, parties[1]), claimableOf(state, parties[2])],
      exitPenalty: [
        named(getExitPenalty(state, parties[0], time)),
        named(getExitPenalty(state, parties[1], time)),
        named(getExitPenalty(state, parties[2], time)),
      ],
      partyStatus: [
        named(getPartyStatus(state, parties[0], time)),
        named(getPartyStatus(state, parties[1], time)),
        named(getPartyStatus(state, parties[2], time)),
      ],
    };
  }

  async observe(time: bigint): Promise<Observation> {
    return { time, balance: this.state.balance, ...getLockStatus(this.state, time) };
  }
}
