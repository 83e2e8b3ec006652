/**
 * Concrete scenario tests for spec/invariants.md (MLL-INV). The random versions are the
 * properties of properties/catalog.ts; here each invariant is checked after every step of a few
 * hand-written scenarios that go through bleeding, penalties with odd wei, forced ether, every
 * way the lock can end, and withdrawal to a zero balance.
 *
 * Books are kept independently of the lock: what went in is the value of every successful call
 * plus every forced wei, what went out is the sum of Withdrawn events.
 */
import { describe, expect, it } from 'vitest';
import type { Address, FunctionName, LockEvent, Params } from '../../reference/index.js';
import { getPartyStatus, getPoolState } from '../../reference/index.js';
import { DAY, DEPLOYED_AT, EXTREME, Lock, PARTY_A, PARTY_B, STRANGER, d } from '../support/harness.js';

/** A lock with independent books, checked after every step (MLL-INV-001, MLL-INV-002). */
class Booked {
  readonly lock: Lock;
  paidIn = 0n;
  forcedIn = 0n;
  surplusCredited = 0n;
  paidOut = 0n;
  steps = 0;

  constructor(lock: Lock) {
    this.lock = lock;
    this.paidIn = lock.state.balance; // a lock made active by the harness has been paid in already
    this.check();
  }

  at(time: bigint): this {
    this.lock.at(time);
    return this;
  }

  ok(from: Address, fn: FunctionName, value = 0n): readonly LockEvent[] {
    const events = this.lock.ok(from, fn, value);
    this.count(events, value);
    return events;
  }

  private count(events: readonly LockEvent[], value: bigint): void {
    this.paidIn += value;
    for (const event of events) {
      if (event.name === 'Withdrawn') this.paidOut += event.args.amount;
      if (event.name === 'SurplusCredited') this.surplusCredited += event.args.toA + event.args.toB;
    }
    this.check();
  }

  reverts(from: Address, fn: FunctionName, value = 0n): void {
    this.lock.reverts(from, fn, value);
    this.check();
  }

  force(amount: bigint): void {
    this.lock.force(amount);
    this.forcedIn += amount;
    this.check();
  }

  /** shares + claimables */
  get books(): bigint {
    const { A, B } = this.lock.state;
    return A.share + B.share + A.claimable + B.claimable;
  }

  check(): void {
    this.steps++;
    const { balance } = this.lock.state;
    // MLL-INV-001
    expect(balance >= this.books, `step ${this.steps}: balance ${balance} < books ${this.books}`).toBe(true);
    // MLL-INV-002
    expect(this.paidIn + this.surplusCredited, `step ${this.steps}`).toBe(this.books + this.paidOut);
    expect(this.paidIn + this.forcedIn, `step ${this.steps}`).toBe(balance + this.paidOut);
  }

  /** Both parties withdraw (A, B, then A again for a surplus credited by B's call); a party with nothing gets NothingToWithdraw. */
  withdrawAll(): void {
    for (const who of [PARTY_A, PARTY_B, PARTY_A]) {
      const outcome = this.lock.call(who, 'withdraw');
      if (outcome.ok) this.count(outcome.events, 0n);
      else expect(outcome.revert).toEqual({ name: 'NothingToWithdraw' });
    }
  }
}

/** An odd deposit, so that penalties and bleeds leave fractions of a wei to round. */
const ODD = 100_000_000_000_000_003n;

describe('MLL-INV-001 the balance covers the books', () => {
  it('MLL-INV-001: forced ether makes the balance exceed the books by exactly the forced amount until the end credits it', () => {
    const booked = new Booked(Lock.active());
    booked.force(777n);
    expect(booked.lock.state.balance - booked.books).toBe(777n);
    booked.at(booked.lock.t0 + 10n * DAY).ok(PARTY_A, 'deposit', d);
    expect(booked.lock.state.balance - booked.books).toBe(777n);
    booked.ok(PARTY_A, 'proposeExit');
    booked.ok(PARTY_B, 'proposeExit');
    expect(booked.lock.state.balance - booked.books).toBe(777n);
    const events = booked.ok(PARTY_B, 'withdraw');
    expect(events[0]).toEqual({ name: 'SurplusCredited', args: { toA: 388n, toB: 389n } });
    expect(booked.lock.state.balance - booked.books).toBe(0n);
  });

  it('MLL-INV-001: ether forced in after both withdrew is covered and credited by the next withdrawal', () => {
    const booked = new Booked(Lock.active());
    booked.ok(PARTY_A, 'proposeExit');
    booked.ok(PARTY_B, 'proposeExit');
    booked.withdrawAll();
    expect(booked.lock.state.balance).toBe(0n);
    booked.force(5n);
    expect(booked.lock.state.balance - booked.books).toBe(5n);
    booked.ok(PARTY_A, 'withdraw');
    booked.ok(PARTY_B, 'withdraw');
    expect(booked.lock.state.balance).toBe(0n);
  });
});

describe('MLL-INV-002 value is conserved exactly', () => {
  it('MLL-INV-002: bleeding, a penalty on odd wei and forced ether: paid in + forced = balance + paid out after every step', () => {
    const booked = new Booked(Lock.active({ depositAmount: ODD }));
    const t0 = booked.lock.t0;
    booked.ok(PARTY_A, 'deposit', 3n * ODD);
    booked.force(1n);
    booked.at(t0 + 71n * DAY + 5n).ok(PARTY_B, 'deposit', 2n * ODD); // settles 11 days of B's bleed
    booked.reverts(PARTY_B, 'deposit', ODD + 1n);
    booked.at(t0 + 160n * DAY).ok(STRANGER, 'applyBleeding');
    booked.ok(PARTY_B, 'initiateUnilateralExit');
    booked.force(2n);
    booked.at(t0 + 190n * DAY).ok(PARTY_B, 'executeUnilateralExit');
    booked.withdrawAll();
    expect(booked.lock.state.balance).toBe(0n);
    expect(booked.paidIn + booked.forcedIn).toBe(booked.paidOut);
    expect(booked.paidIn).toBe(7n * ODD);
  });

  it('MLL-INV-002: an abandonment claim and a cancelled inactive lock conserve every wei too', () => {
    const claimed = new Booked(Lock.active({ depositAmount: ODD, bleedRateBpsPerDay: 997n }));
    claimed.ok(PARTY_A, 'deposit', 3n * ODD);
    claimed.at(claimed.lock.t0 + 123n * DAY + 7n).ok(PARTY_A, 'claimAbandoned');
    claimed.withdrawAll();
    expect(claimed.lock.state.balance).toBe(0n);

    const cancelled = new Booked(new Lock({ depositAmount: ODD }));
    cancelled.ok(PARTY_B, 'activate', 4n * ODD);
    cancelled.force(3n);
    cancelled.at(cancelled.lock.now + 7n * DAY).ok(PARTY_A, 'cancelInactive');
    cancelled.withdrawAll();
    expect(cancelled.lock.state.balance).toBe(0n);
  });

  it('MLL-INV-002: a settlement, a penalty and a peaceful exit each leave shareA + shareB + claimables unchanged', () => {
    const booked = new Booked(Lock.active({ depositAmount: ODD }));
    booked.ok(PARTY_A, 'deposit', 3n * ODD);
    const before = booked.books;
    booked.at(booked.lock.t0 + 97n * DAY).ok(PARTY_A, 'proposeExit');
    expect(booked.books).toBe(before);
    booked.ok(PARTY_B, 'proposeExit'); // settles 37 days of B's bleed, then credits both
    expect(booked.books).toBe(before);
    expect(booked.lock.state.A.claimable + booked.lock.state.B.claimable).toBe(5n * ODD);
  });
});

/** One step of a scripted run: at deploy time + `at`, a call (or forced ether). */
interface Step {
  readonly at: bigint;
  readonly from: Address;
  readonly fn: FunctionName | 'force';
  readonly value?: bigint;
}

/**
 * A run that touches every time-dependent rule: the activation window, the bleed window,
 * settlement with a part-day, the countdown and its lapse, the silence threshold, a waiver.
 * X and Y are the two parties' roles; t0 = deploy + 2 days.
 */
function script(X: Address, Y: Address): Step[] {
  const t0 = 2n * DAY;
  return [
    { at: 0n, from: X, fn: 'activate', value: d },
    { at: 3_600n, from: Y, fn: 'cancelInactive' }, // ActivationWindowOpen(closesAt)
    { at: t0, from: Y, fn: 'activate', value: 2n * d },
    { at: t0 + 10n * DAY, from: X, fn: 'deposit', value: 3n * d },
    { at: t0 + 50n * DAY, from: X, fn: 'proposeExit' },
    { at: t0 + 61n * DAY + 5n * 3_600n, from: Y, fn: 'initiateUnilateralExit' },
    { at: t0 + 70n * DAY, from: Y, fn: 'executeUnilateralExit' }, // ExitCountdownNotElapsed
    { at: t0 + 89n * DAY, from: X, fn: 'claimAbandoned' }, // CounterpartyNotSilent
    { at: t0 + 95n * DAY + 7n * 3_600n, from: STRANGER, fn: 'applyBleeding' },
    { at: t0 + 100n * DAY, from: Y, fn: 'cancelUnilateralExit' }, // lapsed: NoActiveUnilateralExit
    { at: t0 + 100n * DAY, from: STRANGER, fn: 'force', value: 778n },
    { at: t0 + 120n * DAY + 3n, from: Y, fn: 'deposit', value: 3n * d }, // settles 30 days, keeps 3 s
    { at: t0 + 175n * DAY, from: X, fn: 'initiateUnilateralExit' }, // X in default since day 150: no waiver
    { at: t0 + 175n * DAY, from: Y, fn: 'initiateUnilateralExit' }, // Y compliant until day 180: waived
    { at: t0 + 205n * DAY, from: X, fn: 'proposeExit' },
    { at: t0 + 206n * DAY, from: Y, fn: 'executeUnilateralExit' }, // settles X's 30 days [150, 180)
    { at: t0 + 207n * DAY, from: Y, fn: 'withdraw' },
    { at: t0 + 207n * DAY, from: X, fn: 'withdraw' },
    { at: t0 + 208n * DAY, from: X, fn: 'withdraw' }, // NothingToWithdraw
  ];
}

/** Runs a script on a lock deployed at `deployedAt`; records every outcome, state and view. */
function record(steps: readonly Step[], deployedAt: bigint, params: Partial<Params> = {}): unknown[] {
  const lock = new Lock(params, deployedAt);
  const trace: unknown[] = [];
  for (const step of steps) {
    lock.at(deployedAt + step.at);
    let outcome: unknown;
    if (step.fn === 'force') {
      lock.force(step.value ?? 0n);
      outcome = 'forced';
    } else {
      const result = lock.call(step.from, step.fn, step.value ?? 0n);
      outcome = result.ok ? { events: result.events } : { revert: result.revert };
    }
    trace.push({
      outcome,
      state: lock.state,
      pool: getPoolState(lock.state, lock.now),
      status: { A: getPartyStatus(lock.state, PARTY_A, lock.now), B: getPartyStatus(lock.state, PARTY_B, lock.now) },
    });
  }
  return trace;
}

const TIME_KEYS = new Set([
  'createdAt',
  'firstActivatedAt',
  'activatedAt',
  'accruedUntil',
  'lastActionAt',
  'curedAt',
  'exitProposedAt',
  'executeAfter',
  'silentAfter',
  'claimAfter',
  'closesAt',
  'defaultStartsAt',
]);

/** Subtracts `shift` from every reported time (0 means "none" and stays 0). */
function unshift(value: unknown, shift: bigint, key = ''): unknown {
  if (typeof value === 'bigint') return TIME_KEYS.has(key) && value !== 0n ? value - shift : value;
  if (Array.isArray(value)) return value.map((item) => unshift(item, shift));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unshift(v, shift, k)]));
  }
  return value;
}

describe('MLL-INV-003 only elapsed time matters', () => {
  const base = record(script(PARTY_A, PARTY_B), DEPLOYED_AT);

  it('MLL-INV-003: the scripted run really exercises the time-dependent reverts and a settlement', () => {
    const text = JSON.stringify(base, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    for (const name of [
      'ActivationWindowOpen',
      'ExitCountdownNotElapsed',
      'CounterpartyNotSilent',
      'NoActiveUnilateralExit',
      'BleedingApplied',
      'SurplusCredited',
      'NothingToWithdraw',
    ]) {
      expect(text).toContain(name);
    }
  });

  for (const shift of [1n, 43_200n, 86_399n, 987_654_321n]) {
    it(`MLL-INV-003: shifting every block time by ${shift} s shifts every reported time by ${shift} s and changes nothing else`, () => {
      const shifted = record(script(PARTY_A, PARTY_B), DEPLOYED_AT + shift);
      expect(unshift(shifted, shift)).toEqual(unshift(base, 0n));
    });
  }

  it('MLL-INV-003: the times themselves do move with the shift (the comparison is not vacuous)', () => {
    const shifted = record(script(PARTY_A, PARTY_B), DEPLOYED_AT + 1n);
    expect(shifted).not.toEqual(base);
  });
});

const MIRROR_KEYS: Record<string, string> = {
  A: 'B',
  B: 'A',
  shareA: 'shareB',
  shareB: 'shareA',
  toA: 'toB',
  toB: 'toA',
  partyA: 'partyB',
  partyB: 'partyA',
};

/** Swaps the roles of A and B in every address, per-party record and per-party argument. */
function mirror(value: unknown): unknown {
  if (value === PARTY_A) return PARTY_B;
  if (value === PARTY_B) return PARTY_A;
  if (Array.isArray(value)) return value.map(mirror);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [MIRROR_KEYS[k] ?? k, mirror(v)]));
  }
  return value;
}

describe('MLL-INV-004 the parties are symmetric', () => {
  it('MLL-INV-004: swapping A and B in every call swaps every per-party result, view and event argument', () => {
    const ab = record(script(PARTY_A, PARTY_B), DEPLOYED_AT);
    const ba = record(script(PARTY_B, PARTY_A), DEPLOYED_AT);
    expect(ba).toEqual(mirror(ab));
    expect(ba).not.toEqual(ab);
  });

  it('MLL-INV-004: mirrored with an odd deposit and a higher rate, still every wei swaps', () => {
    const params = { depositAmount: ODD, bleedRateBpsPerDay: 731n };
    const ab = record(script(PARTY_A, PARTY_B), DEPLOYED_AT, params);
    const ba = record(script(PARTY_B, PARTY_A), DEPLOYED_AT, params);
    expect(ba).toEqual(mirror(ab));
  });

  it('MLL-INV-004: the one asymmetry is the odd wei of a forced surplus, which goes to B either way', () => {
    for (const [X, Y] of [
      [PARTY_A, PARTY_B],
      [PARTY_B, PARTY_A],
    ] as const) {
      const lock = Lock.active();
      lock.force(1n);
      lock.ok(X, 'proposeExit');
      lock.ok(Y, 'proposeExit');
      expect(lock.ok(X, 'withdraw')[0]).toEqual({ name: 'SurplusCredited', args: { toA: 0n, toB: 1n } });
    }
  });
});

describe('MLL-INV-005 nothing is ever stuck', () => {
  it('MLL-INV-005: an inactive lock: from closesAt the party that never activated ends it alone; both withdraw to a zero balance', () => {
    const booked = new Booked(new Lock());
    booked.ok(PARTY_A, 'activate', 4n * d);
    booked.force(3n);
    booked.at(booked.lock.now + 7n * DAY).ok(PARTY_B, 'cancelInactive');
    booked.withdrawAll();
    expect(booked.lock.state.balance).toBe(0n);
  });

  it('MLL-INV-005: a lock nobody activated can be called off by either party and forced ether still gets out', () => {
    const booked = new Booked(new Lock());
    booked.force(9n);
    booked.at(booked.lock.now + 7n * DAY).ok(PARTY_A, 'cancelInactive');
    booked.withdrawAll();
    expect(booked.lock.state.balance).toBe(0n);
    expect(booked.paidOut).toBe(9n);
  });

  it('MLL-INV-005: after 500 days of mutual default, either party gets out alone with its own exit', () => {
    for (const X of [PARTY_A, PARTY_B]) {
      const booked = new Booked(Lock.active({ depositAmount: ODD }));
      booked.force(1n);
      booked.at(booked.lock.t0 + 500n * DAY).ok(X, 'initiateUnilateralExit');
      booked.at(booked.lock.now + 30n * DAY).ok(X, 'executeUnilateralExit');
      booked.withdrawAll();
      expect(booked.lock.state.balance).toBe(0n);
    }
  });

  it('MLL-INV-005: the counterparty’s live exit or a lapsed own exit never blocks a party’s way out', () => {
    const booked = new Booked(Lock.active());
    booked.ok(PARTY_A, 'initiateUnilateralExit');
    booked.at(booked.lock.t0 + 40n * DAY); // A's exit lapsed at day 37
    booked.ok(PARTY_B, 'initiateUnilateralExit');
    booked.ok(PARTY_A, 'initiateUnilateralExit');
    booked.at(booked.lock.now + 30n * DAY).ok(PARTY_A, 'executeUnilateralExit');
    booked.withdrawAll();
    expect(booked.lock.state.balance).toBe(0n);
  });

  it('MLL-INV-005: at the extreme parameters (d = 2^96 − 1, T = 10 years, r = 1000, G = 12, n = 1000) exits and claims still go through', () => {
    const D = EXTREME.depositAmount ?? 0n;
    const TT = EXTREME.depositInterval ?? 0n;

    const exit = new Booked(Lock.active(EXTREME));
    exit.ok(PARTY_A, 'deposit', 3n * D);
    exit.at(exit.lock.t0 + 200n * TT).ok(PARTY_B, 'initiateUnilateralExit');
    exit.at(exit.lock.now + 30n * DAY).ok(PARTY_B, 'executeUnilateralExit');
    exit.withdrawAll();
    expect(exit.lock.state.balance).toBe(0n);

    const claim = new Booked(Lock.active(EXTREME));
    claim.at(claim.lock.t0 + 14n * TT).ok(PARTY_A, 'deposit', 10n * D); // A out of default, B silent 140 years
    claim.at(claim.lock.now + 3n * TT + 1n).ok(PARTY_A, 'claimAbandoned'); // A compliant for 3T since (MLL-ABN-006)
    claim.withdrawAll();
    expect(claim.lock.state.balance).toBe(0n);
    expect(claim.lock.state.B.claimable).toBe(0n);
  });

  it('MLL-INV-005: at the smallest parameters (d = 1 wei, T = 1 hour, r = 1, G = 0) a defaulter still gets out', () => {
    const booked = new Booked(Lock.active({ depositAmount: 1n, depositInterval: 3_600n, bleedRateBpsPerDay: 1n, gracePeriods: 0n }));
    booked.ok(PARTY_A, 'deposit', 3n);
    booked.at(booked.lock.t0 + 400n * DAY).ok(PARTY_B, 'initiateUnilateralExit');
    booked.at(booked.lock.now + 30n * DAY).ok(PARTY_B, 'executeUnilateralExit');
    booked.withdrawAll();
    expect(booked.lock.state.balance).toBe(0n);
  });
});
