/**
 * The Driver over the executable reference: the oracle every other implementation is held to.
 * @module
 */
import type { Address, FunctionName, LockState, Params } from '../../reference/index.js';
import { deploy, execute, forceEther, getExitPenalty, getPartyStatus } from '../../reference/index.js';
import type { CallResult, Driver, Observation, PartyObservation } from '../driver.js';

/** Addresses whose code rejects ether, so the reference knows a payout to them fails. */
export interface ReferenceDriverOptions {
  readonly rejectsEther?: ReadonlySet<Address>;
}

export class ReferenceDriver implements Driver {
  #state: LockState | null = null;
  readonly #rejectsEther: ReadonlySet<Address>;

  constructor(options: ReferenceDriverOptions = {}) {
    this.#rejectsEther = options.rejectsEther ?? new Set();
  }

  /** The reference state, for tests that look beneath the views. */
  get state(): LockState {
    if (this.#state === null) throw new Error('ReferenceDriver: deploy first');
    return this.#state;
  }

  async deploy(params: Params, time: bigint): Promise<CallResult> {
    const outcome = deploy(params, time);
    if (!outcome.ok) return { ok: false, revert: outcome.revert.name };
    this.#state = outcome.state;
    return { ok: true, events: outcome.events };
  }

  async call(from: Address, fn: FunctionName, value: bigint, time: bigint): Promise<CallResult> {
    const outcome = execute(this.state, fn, { from, value, now: time, rejectsEther: this.#rejectsEther.has(from) });
    if (!outcome.ok) return { ok: false, revert: outcome.revert.name };
    this.#state = outcome.state;
    return { ok: true, events: outcome.events };
  }

  async forceEther(amount: bigint, _time: bigint): Promise<void> {
    this.#state = forceEther(this.state, amount);
  }

  async observe(time: bigint): Promise<Observation> {
    const state = this.state;
    const party = (address: Address): PartyObservation => {
      const status = getPartyStatus(state, address, time);
      const penalty = getExitPenalty(state, address, time);
      if ('name' in status || typeof penalty !== 'bigint') throw new Error('unreachable: a party address');
      return { ...status, exitPenaltyBps: penalty };
    };
    return {
      time,
      phase: state.phase,
      balance: state.balance,
      activatedAt: state.activatedAt ?? 0n,
      A: party(state.params.partyA),
      B: party(state.params.partyB),
    };
  }
}
