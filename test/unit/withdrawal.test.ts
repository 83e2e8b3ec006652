/**
 * Unit checks of spec/withdrawal.md (MLL-WDR-001 … MLL-WDR-005): pull withdrawals, the
 * NothingToWithdraw and TransferFailed reverts, forced ether and its split once the lock has
 * ended, and plain transfers refused.
 */
import { describe, expect, it } from 'vitest';
import { Phase, claimableOf, getPoolState } from '../../reference/index.js';
import { expectedPenaltyAmount } from '../../properties/oracle.js';
import { DAY, Lock, PARTY_A, PARTY_B, STRANGER, d, eventNamed, peacefullyExited } from '../support/harness.js';

/** A lock cancelled before the second activation: A paid 2·d and has it claimable, B nothing. */
function cancelled(): Lock {
  const lock = new Lock();
  lock.ok(PARTY_A, 'activate', 2n * d);
  lock.wait(7n * DAY);
  lock.ok(PARTY_B, 'cancelInactive');
  return lock;
}

describe('MLL-WDR-001: pull withdrawals', () => {
  it('MLL-WDR-001: withdraw pays the caller its whole claimable, zeroes it, and emits Withdrawn(party, amount)', () => {
    const lock = peacefullyExited();
    expect(lock.state.A.claimable).toBe(d);
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_A, amount: d } }]);
    expect(lock.state.A.claimable).toBe(0n);
    expect(lock.state.balance).toBe(2n * d - d);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_B, amount: d } }]);
    expect(lock.state.balance).toBe(0n);
  });

  it('MLL-WDR-001: after a unilateral exit each party withdraws what the exit credited it', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // counted 1: 8000 − ⌊6500/7⌋ = 7072 bps
    lock.wait(30n * DAY);
    lock.ok(PARTY_A, 'executeUnilateralExit');
    const penalty = expectedPenaltyAmount(d, 7_072n);
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_A, amount: d - penalty } }]);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_B, amount: d + penalty } }]);
    expect(lock.state.balance).toBe(0n);
  });

  it('MLL-WDR-001: the claimable waits for as long as it takes (a century after the end)', () => {
    const lock = cancelled();
    lock.wait(100n * 365n * DAY);
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_A, amount: 2n * d } }]);
  });

  it("MLL-WDR-001: a withdrawal leaves the other party's claimable and the phase alone", () => {
    const lock = peacefullyExited();
    lock.ok(PARTY_B, 'withdraw');
    expect(lock.state.A.claimable).toBe(d);
    expect(claimableOf(lock.state, PARTY_A)).toBe(d);
    expect(lock.state.phase).toBe(Phase.Exited);
  });
});

describe('MLL-WDR-002: nothing to withdraw', () => {
  it('MLL-WDR-002: a second withdrawal reverts NothingToWithdraw', () => {
    const lock = peacefullyExited();
    lock.ok(PARTY_A, 'withdraw');
    expect(lock.reverts(PARTY_A, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
  });

  it('MLL-WDR-002: the party with nothing credited (never activated, lock cancelled) reverts NothingToWithdraw', () => {
    const lock = cancelled();
    expect(lock.reverts(PARTY_B, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
  });

  it('MLL-WDR-002: before the end nobody has a claimable: NothingToWithdraw in Inactive and Active', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    expect(lock.reverts(PARTY_A, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.reverts(PARTY_B, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
  });

  it('MLL-WDR-002: a stranger always has nothing to withdraw, surplus or not', () => {
    const lock = peacefullyExited();
    lock.force(10n);
    expect(lock.reverts(STRANGER, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
  });

  it('MLL-WDR-002: the claimable is judged after the surplus credit: a zero claimable plus a surplus share withdraws', () => {
    const lock = peacefullyExited();
    lock.ok(PARTY_A, 'withdraw');
    lock.ok(PARTY_B, 'withdraw');
    lock.force(7n); // ⌊7/2⌋ = 3 to A, 4 to B
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([
      { name: 'SurplusCredited', args: { toA: 3n, toB: 4n } },
      { name: 'Withdrawn', args: { party: PARTY_A, amount: 3n } },
    ]);
  });

  it('MLL-WDR-002: a 1-wei surplus gives A ⌊1/2⌋ = 0: A reverts NothingToWithdraw and nothing is credited; B gets the wei', () => {
    const lock = peacefullyExited();
    lock.ok(PARTY_A, 'withdraw');
    lock.ok(PARTY_B, 'withdraw');
    lock.force(1n);
    expect(lock.reverts(PARTY_A, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
    expect(lock.state.B.claimable).toBe(0n);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([
      { name: 'SurplusCredited', args: { toA: 0n, toB: 1n } },
      { name: 'Withdrawn', args: { party: PARTY_B, amount: 1n } },
    ]);
    expect(lock.state.balance).toBe(0n);
  });
});

describe('MLL-WDR-003: a failed transfer reverts the withdrawal', () => {
  it('MLL-WDR-003: a recipient that rejects ether gets TransferFailed and its claimable stays', () => {
    const lock = peacefullyExited();
    expect(lock.reverts(PARTY_A, 'withdraw', 0n, { rejectsEther: true })).toEqual({ name: 'TransferFailed' });
    expect(lock.state.A.claimable).toBe(d);
    expect(lock.state.balance).toBe(2n * d);
  });

  it('MLL-WDR-003: it blocks only its own withdrawal: the other party withdraws, and the first can later', () => {
    const lock = peacefullyExited();
    lock.reverts(PARTY_A, 'withdraw', 0n, { rejectsEther: true });
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_B, amount: d } }]);
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_A, amount: d } }]);
  });

  it('MLL-WDR-003: with nothing to withdraw no transfer is attempted: a rejecting caller gets NothingToWithdraw (MLL-WDR-002)', () => {
    const lock = cancelled();
    expect(lock.reverts(PARTY_B, 'withdraw', 0n, { rejectsEther: true })).toEqual({ name: 'NothingToWithdraw' });
    expect(lock.reverts(STRANGER, 'withdraw', 0n, { rejectsEther: true })).toEqual({ name: 'NothingToWithdraw' });
  });

  it('MLL-WDR-003: a failed withdrawal does not credit the surplus either', () => {
    const lock = peacefullyExited();
    lock.force(4n);
    expect(lock.reverts(PARTY_A, 'withdraw', 0n, { rejectsEther: true })).toEqual({ name: 'TransferFailed' });
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([d, d]);
    // the surplus is still there for the next successful withdrawal
    expect(eventNamed(lock.ok(PARTY_B, 'withdraw'), 'SurplusCredited').args).toEqual({ toA: 2n, toB: 2n });
  });
});

describe('MLL-WDR-004: forced ether has an owner', () => {
  it('MLL-WDR-004: before the end the surplus waits: shares, claimables and views ignore it', () => {
    const lock = Lock.active();
    lock.force(1_000n);
    expect(getPoolState(lock.state, lock.now)).toEqual({ shareA: d, shareB: d, totalPool: 2n * d, phase: 1 });
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([0n, 0n]);
    expect(lock.reverts(PARTY_A, 'withdraw')).toEqual({ name: 'NothingToWithdraw' });
    expect(lock.state.balance).toBe(2n * d + 1_000n);
  });

  it('MLL-WDR-004: ether forced in while Active is credited at the first withdrawal after the end: ⌊5/2⌋ to A, the rest to B', () => {
    const lock = Lock.active();
    lock.force(5n);
    lock.wait(DAY);
    lock.ok(PARTY_A, 'proposeExit');
    const exitEvents = lock.ok(PARTY_B, 'proposeExit');
    // the exit itself credits no surplus
    expect(exitEvents.map((e) => e.name)).not.toContain('SurplusCredited');
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([d, d]);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([
      { name: 'SurplusCredited', args: { toA: 2n, toB: 3n } },
      { name: 'Withdrawn', args: { party: PARTY_B, amount: d + 3n } },
    ]);
    expect(lock.state.A.claimable).toBe(d + 2n);
    // A's withdrawal finds no surplus left: no second SurplusCredited
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_A, amount: d + 2n } }]);
    expect(lock.state.balance).toBe(0n);
  });

  it('MLL-WDR-004: ether forced into an Inactive lock is credited after cancellation', () => {
    const lock = new Lock();
    lock.force(2n * d + 1n);
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(7n * DAY);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([
      { name: 'SurplusCredited', args: { toA: d, toB: d + 1n } },
      { name: 'Withdrawn', args: { party: PARTY_A, amount: d + d } },
    ]);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_B, amount: d + 1n } }]);
    expect(lock.state.balance).toBe(0n);
  });

  it('MLL-WDR-004: ether forced in after the end is credited at the next withdrawal, each time', () => {
    const lock = peacefullyExited();
    lock.force(10n);
    expect(eventNamed(lock.ok(PARTY_A, 'withdraw'), 'SurplusCredited').args).toEqual({ toA: 5n, toB: 5n });
    lock.force(3n);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([
      { name: 'SurplusCredited', args: { toA: 1n, toB: 2n } },
      { name: 'Withdrawn', args: { party: PARTY_B, amount: d + 5n + 2n } },
    ]);
    expect(lock.state.A.claimable).toBe(1n);
  });

  it('MLL-WDR-004: with no surplus, withdraw emits no SurplusCredited', () => {
    const lock = peacefullyExited();
    expect(lock.ok(PARTY_A, 'withdraw').map((e) => e.name)).toEqual(['Withdrawn']);
  });
});

describe('MLL-WDR-005: plain transfers are refused', () => {
  it('MLL-WDR-005: a plain transfer reverts DirectTransferRejected from anyone, in every phase', () => {
    const inactive = new Lock();
    const active = Lock.active();
    const exited = peacefullyExited();
    for (const lock of [inactive, active, exited]) {
      for (const from of [PARTY_A, PARTY_B, STRANGER]) {
        for (const value of [1n, d]) {
          expect(lock.reverts(from, 'receive', value)).toEqual({ name: 'DirectTransferRejected' });
        }
      }
    }
  });

  it('MLL-WDR-005: a refused transfer adds nothing to the balance', () => {
    const lock = Lock.active();
    lock.reverts(PARTY_A, 'receive', d);
    expect(lock.state.balance).toBe(2n * d);
  });
});
