/**
 * Unit checks of spec/activation.md: activation (MLL-ACT-001 … MLL-ACT-005) and calling off a
 * lock the counterparty never joined (MLL-CIN-001 … MLL-CIN-003). The activation window and
 * the cancellation window are probed one second before, at, and after the instant they share.
 */
import { describe, expect, it } from 'vitest';
import { Phase } from '../../reference/index.js';
import { DAY, Lock, PARTY_A, PARTY_B, T, d, defaults, names, status } from '../support/harness.js';

const WEEK = 7n * DAY;

describe('MLL-ACT-001: what an activation pays', () => {
  it('MLL-ACT-001: a zero value reverts InvalidDepositValue', () => {
    expect(new Lock().reverts(PARTY_A, 'activate', 0n)).toEqual({ name: 'InvalidDepositValue' });
  });

  it('MLL-ACT-001: a value that is not a multiple of d reverts InvalidDepositValue (d − 1, d + 1, 2.5·d)', () => {
    const lock = new Lock();
    for (const value of [d - 1n, d + 1n, (5n * d) / 2n, 1n]) {
      expect(lock.reverts(PARTY_A, 'activate', value)).toEqual({ name: 'InvalidDepositValue' });
    }
  });

  it('MLL-ACT-001: k·d for k = 1 … 4 is accepted: share = value, paid intervals = k', () => {
    for (const k of [1n, 2n, 3n, 4n]) {
      const lock = new Lock();
      lock.ok(PARTY_A, 'activate', k * d);
      expect(lock.state.A.share).toBe(k * d);
      expect(lock.state.A.paidIntervals).toBe(k);
      expect(lock.state.balance).toBe(k * d);
    }
  });

  it('MLL-ACT-001: 5·d reverts PrepaymentLimitExceeded(maxValue = (1 + 3)·d)', () => {
    const lock = new Lock();
    expect(lock.reverts(PARTY_A, 'activate', 5n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: (1n + 3n) * d });
    expect(lock.reverts(PARTY_A, 'activate', 1_000n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 4n * d });
  });

  it('MLL-ACT-001: a value both too large and not a multiple of d (4.5·d) reverts InvalidDepositValue, the check listed first', () => {
    expect(new Lock().reverts(PARTY_A, 'activate', (9n * d) / 2n)).toEqual({ name: 'InvalidDepositValue' });
  });

  it('MLL-ACT-001: the second activation has the same bound, however late in the window', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.wait(WEEK - 1n);
    expect(lock.reverts(PARTY_B, 'activate', 5n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 4n * d });
    lock.ok(PARTY_B, 'activate', 4n * d);
    expect([lock.state.A.paidIntervals, lock.state.B.paidIntervals]).toEqual([4n, 4n]);
  });

  it('MLL-ACT-001: with d = 1 wei every whole number of wei up to 4 is a valid activation', () => {
    const lock = new Lock({ depositAmount: 1n });
    expect(lock.reverts(PARTY_A, 'activate', 5n)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 4n });
    lock.ok(PARTY_A, 'activate', 3n);
    expect(lock.state.A.paidIntervals).toBe(3n);
  });
});

describe('MLL-ACT-002: once per party', () => {
  it('MLL-ACT-002: a party that has activated cannot activate again: AlreadyActivated', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    expect(lock.reverts(PARTY_A, 'activate', d)).toEqual({ name: 'AlreadyActivated' });
  });

  it('MLL-ACT-002: AlreadyActivated comes before the value checks (MLL-ACT-001)', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    expect(lock.reverts(PARTY_A, 'activate', 0n)).toEqual({ name: 'AlreadyActivated' });
    expect(lock.reverts(PARTY_A, 'activate', d + 1n)).toEqual({ name: 'AlreadyActivated' });
    expect(lock.reverts(PARTY_A, 'activate', 9n * d)).toEqual({ name: 'AlreadyActivated' });
  });

  it('MLL-ACT-002: AlreadyActivated comes before the window check (MLL-ACT-005)', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(WEEK);
    expect(lock.reverts(PARTY_A, 'activate', d)).toEqual({ name: 'AlreadyActivated' });
  });

  it('MLL-ACT-002: the phase check comes first: once Active, a second call is WrongPhase(0, 1)', () => {
    const lock = Lock.active();
    expect(lock.reverts(PARTY_A, 'activate', d)).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });
  });
});

describe('MLL-ACT-003: first activation', () => {
  it("MLL-ACT-003: records firstActivatedAt = now and the caller's liveness, stays Inactive, emits Deposited(party, value, value)", () => {
    const lock = new Lock();
    const created = lock.now;
    lock.wait(3n * DAY + 17n);
    const events = lock.ok(PARTY_B, 'activate', 2n * d);
    expect(lock.state.firstActivatedAt).toBe(created + 3n * DAY + 17n);
    expect(lock.state.B.lastActionAt).toBe(created + 3n * DAY + 17n);
    expect(lock.state.phase).toBe(Phase.Inactive);
    expect(lock.state.activatedAt).toBeNull();
    expect(events).toEqual([{ name: 'Deposited', args: { party: PARTY_B, amount: 2n * d, newShare: 2n * d } }]);
  });

  it('MLL-ACT-003: before the second activation no schedule runs: reached intervals are 0', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(WEEK - 1n);
    expect(status(lock, PARTY_A).reachedIntervals).toBe(0n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(0n);
  });
});

describe('MLL-ACT-004: second activation starts the schedule', () => {
  it('MLL-ACT-004: sets phase Active, t0 = activatedAt = now, clocks at zero from now; emits AgreementActivated(now) then Deposited', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 3n * d);
    lock.wait(2n * DAY);
    const now = lock.now;
    const events = lock.ok(PARTY_B, 'activate', d);
    expect(lock.state.phase).toBe(Phase.Active);
    expect(lock.state.activatedAt).toBe(now);
    expect(lock.t0).toBe(now);
    expect(lock.state.accruedUntil).toBe(now);
    expect([lock.state.A.bleedClock, lock.state.B.bleedClock]).toEqual([0n, 0n]);
    expect(lock.state.B.lastActionAt).toBe(now);
    expect(events).toEqual([
      { name: 'AgreementActivated', args: { activatedAt: now } },
      { name: 'Deposited', args: { party: PARTY_B, amount: d, newShare: d } },
    ]);
  });

  it("MLL-ACT-004: the first party's earlier deposit pays interval 0 counted from t0, not from its own activation", () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(6n * DAY);
    lock.ok(PARTY_B, 'activate', d);
    const t0 = lock.t0;
    const G = defaults.gracePeriods;
    // both paid one interval: both default at t0 + (1 + G)·T, whatever A's activation time
    expect(status(lock, PARTY_A).defaultStartsAt).toBe(t0 + (1n + G) * T);
    expect(status(lock, PARTY_B).defaultStartsAt).toBe(t0 + (1n + G) * T);
    lock.at(t0 + (1n + G) * T - 1n);
    expect(status(lock, PARTY_A).inDefault).toBe(false);
    lock.at(t0 + (1n + G) * T);
    expect(status(lock, PARTY_A).inDefault).toBe(true);
  });

  it('MLL-ACT-004: the shares and paid intervals of both activations are kept', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', 2n * d);
    expect([lock.state.A.share, lock.state.B.share]).toEqual([4n * d, 2n * d]);
    expect([lock.state.A.paidIntervals, lock.state.B.paidIntervals]).toEqual([4n, 2n]);
    expect(lock.state.balance).toBe(6n * d);
  });
});

describe('MLL-ACT-005: the activation window', () => {
  it('MLL-ACT-005: one second before firstActivatedAt + 7 days the second activation succeeds', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    const first = lock.now;
    lock.at(first + WEEK - 1n);
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.t0).toBe(first + WEEK - 1n);
  });

  it('MLL-ACT-005: at exactly firstActivatedAt + 7 days it reverts ActivationWindowClosed', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.at(lock.now + WEEK);
    expect(lock.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'ActivationWindowClosed' });
  });

  it('MLL-ACT-005: one second after the window it still reverts ActivationWindowClosed', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.at(lock.now + WEEK + 1n);
    expect(lock.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'ActivationWindowClosed' });
  });

  it('MLL-ACT-005: the window runs from the first activation, not from deployment', () => {
    const lock = new Lock();
    lock.wait(30n * DAY); // long after deployment
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(WEEK - 1n);
    lock.ok(PARTY_B, 'activate', d);
    expect(lock.state.phase).toBe(Phase.Active);
  });

  it('MLL-ACT-005: ActivationWindowClosed comes before the value checks (MLL-ACT-001)', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(WEEK);
    expect(lock.reverts(PARTY_B, 'activate', 0n)).toEqual({ name: 'ActivationWindowClosed' });
    expect(lock.reverts(PARTY_B, 'activate', 5n * d)).toEqual({ name: 'ActivationWindowClosed' });
  });
});

describe('MLL-CIN-001: when a lock may be called off', () => {
  it('MLL-CIN-001: with nobody activated, closesAt = createdAt + 7 days: one second before it reverts ActivationWindowOpen(closesAt)', () => {
    const lock = new Lock();
    const closesAt = lock.state.createdAt + WEEK;
    expect(lock.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'ActivationWindowOpen', closesAt });
    lock.at(closesAt - 1n);
    expect(lock.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'ActivationWindowOpen', closesAt });
    lock.at(closesAt);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(lock.state.phase).toBe(Phase.Exited);
  });

  it('MLL-CIN-001: after a first activation, closesAt = firstActivatedAt + 7 days, even past createdAt + 7 days', () => {
    const lock = new Lock();
    const createdAt = lock.state.createdAt;
    lock.at(createdAt + 3n * DAY);
    lock.ok(PARTY_A, 'activate', d);
    const closesAt = createdAt + 3n * DAY + WEEK;
    lock.at(createdAt + WEEK);
    expect(lock.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'ActivationWindowOpen', closesAt });
    lock.at(closesAt - 1n);
    expect(lock.reverts(PARTY_B, 'cancelInactive')).toEqual({ name: 'ActivationWindowOpen', closesAt });
    lock.at(closesAt);
    lock.ok(PARTY_A, 'cancelInactive');
  });

  it('MLL-CIN-001: the windows never overlap: at closesAt − 1 only activation works, at closesAt only cancellation (D11)', () => {
    const before = new Lock();
    before.ok(PARTY_A, 'activate', d);
    const closesAt = before.now + WEEK;
    before.at(closesAt - 1n);
    expect(before.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'ActivationWindowOpen', closesAt });
    before.ok(PARTY_B, 'activate', d);
    // in the same block, once B joined, A can no longer cancel
    expect(before.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'WrongPhase', expected: 0, actual: 1 });

    const at = new Lock();
    at.ok(PARTY_A, 'activate', d);
    at.at(closesAt);
    expect(at.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'ActivationWindowClosed' });
    at.ok(PARTY_A, 'cancelInactive');
    // in the same block, once A cancelled, B can no longer activate
    expect(at.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'WrongPhase', expected: 0, actual: 2 });
  });
});

describe('MLL-CIN-002: either party may call it off', () => {
  it('MLL-CIN-002: the party that activated may cancel', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(WEEK);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(lock.state.phase).toBe(Phase.Exited);
  });

  it('MLL-CIN-002: the party that never activated may cancel', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(WEEK);
    lock.ok(PARTY_B, 'cancelInactive');
    expect(lock.state.phase).toBe(Phase.Exited);
  });

  it('MLL-CIN-002: with nobody activated, either party may cancel', () => {
    for (const who of [PARTY_A, PARTY_B]) {
      const lock = new Lock();
      lock.wait(WEEK);
      lock.ok(who, 'cancelInactive');
      expect(lock.state.phase).toBe(Phase.Exited);
    }
  });

  it('MLL-CIN-002: long after the window (a year) cancelling still works', () => {
    const lock = new Lock();
    lock.ok(PARTY_B, 'activate', 2n * d);
    lock.wait(365n * DAY);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(lock.state.B.claimable).toBe(2n * d);
  });
});

describe('MLL-CIN-003: what calling off does', () => {
  it("MLL-CIN-003: the activator's share is credited back to it even when the other party cancels; phase Exited; InactiveCancelled(caller, total)", () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 3n * d);
    lock.wait(WEEK);
    const events = lock.ok(PARTY_B, 'cancelInactive');
    expect(events).toEqual([{ name: 'InactiveCancelled', args: { party: PARTY_B, refund: 3n * d } }]);
    expect(lock.state.A.claimable).toBe(3n * d);
    expect(lock.state.B.claimable).toBe(0n);
    expect([lock.state.A.share, lock.state.B.share]).toEqual([0n, 0n]);
    expect(lock.state.phase).toBe(Phase.Exited);
    expect(lock.state.balance).toBe(3n * d);
  });

  it('MLL-CIN-003: the refund is the total credited, whoever calls', () => {
    const lock = new Lock();
    lock.ok(PARTY_B, 'activate', 4n * d);
    lock.wait(WEEK);
    const events = lock.ok(PARTY_B, 'cancelInactive');
    expect(names(events)).toEqual(['InactiveCancelled']);
    expect(events[0]).toEqual({ name: 'InactiveCancelled', args: { party: PARTY_B, refund: 4n * d } });
    expect(lock.state.B.claimable).toBe(4n * d);
  });

  it('MLL-CIN-003: with nobody activated the refund is 0', () => {
    const lock = new Lock();
    lock.wait(WEEK);
    expect(lock.ok(PARTY_A, 'cancelInactive')).toEqual([{ name: 'InactiveCancelled', args: { party: PARTY_A, refund: 0n } }]);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([0n, 0n]);
  });

  it('MLL-CIN-003: the refunded payer withdraws exactly its deposit', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 2n * d);
    lock.wait(WEEK);
    lock.ok(PARTY_B, 'cancelInactive');
    expect(lock.ok(PARTY_A, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_A, amount: 2n * d } }]);
    expect(lock.state.balance).toBe(0n);
  });

  it('MLL-CIN-003: a cancelled lock cannot be cancelled or activated again', () => {
    const lock = new Lock();
    lock.wait(WEEK);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(lock.reverts(PARTY_B, 'cancelInactive')).toEqual({ name: 'WrongPhase', expected: 0, actual: 2 });
    expect(lock.reverts(PARTY_B, 'activate', d)).toEqual({ name: 'WrongPhase', expected: 0, actual: 2 });
  });
});
