/**
 * Unit tests for spec/abandonment.md (MLL-ABN): liveness recorded by every successful call, the
 * strict silence threshold max(90 days, 3T), the default guards on both sides and their order,
 * and the claim as the silent party's own exit. The deployed contract's D8 scenarios are replayed
 * under our rules: both silent then deposit-and-claim, a claimer in default, G = 12, and the silent
 * party keeping share − penalty.
 *
 * Expected amounts come from the spec's formulas restated in properties/oracle.ts, never from the
 * reference: penalty(m) = P_max − ⌊(P_max − P_min)·min(m, n)/n⌋ (MLL-PEN-001), penalty =
 * ⌊share·rate/10000⌋, and any bleed settled on the way by the MLL-ARI-003 loop and the MLL-ARI-004
 * rounding.
 */
import { describe, expect, it } from 'vitest';
import type { FunctionName, LockEvent } from '../../reference/index.js';
import { expectedPenaltyAmount, expectedPenaltyBps, expectedRetainedShare } from '../../properties/oracle.js';
import { DAY, Lock, PARTY_A, PARTY_B, STRANGER, T, aAheadBSilent, d, defaults, fork, names, status } from '../support/harness.js';

const R = 50n;
const SILENCE = 90n * DAY;

describe('MLL-ABN-007 liveness', () => {
  it('MLL-ABN-007: each activation records its caller’s time', () => {
    const lock = new Lock();
    lock.wait(DAY).ok(PARTY_A, 'activate', d);
    lock.wait(DAY).ok(PARTY_B, 'activate', d);
    expect([lock.state.A.lastActionAt, lock.state.B.lastActionAt]).toEqual([lock.now - DAY, lock.now]);
  });

  const activeCalls: [FunctionName, bigint][] = [
    ['deposit', d],
    ['proposeExit', 0n],
    ['cancelExitProposal', 0n],
    ['initiateUnilateralExit', 0n],
  ];
  for (const [fn, value] of activeCalls) {
    it(`MLL-ABN-007: ${fn} records the caller’s time and nobody else’s`, () => {
      const lock = Lock.active();
      lock.wait(5n * DAY + 3n);
      lock.ok(PARTY_B, fn, value);
      expect([lock.state.A.lastActionAt, lock.state.B.lastActionAt]).toEqual([lock.t0, lock.now]);
    });
  }

  it('MLL-ABN-007: cancelUnilateralExit and executeUnilateralExit record the caller’s time', () => {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    lock.wait(DAY).ok(PARTY_B, 'cancelUnilateralExit');
    expect(lock.state.B.lastActionAt).toBe(lock.now);
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    lock.wait(30n * DAY).ok(PARTY_B, 'executeUnilateralExit');
    expect([lock.state.A.lastActionAt, lock.state.B.lastActionAt]).toEqual([lock.t0, lock.now]);
  });

  it('MLL-ABN-007: claimAbandoned and cancelInactive record the caller’s time', () => {
    const claimed = aAheadBSilent();
    claimed.at(claimed.t0 + SILENCE + 1n).ok(PARTY_A, 'claimAbandoned');
    expect(claimed.state.A.lastActionAt).toBe(claimed.now);

    const cancelled = new Lock();
    cancelled.ok(PARTY_A, 'activate', d);
    cancelled.wait(7n * DAY).ok(PARTY_B, 'cancelInactive');
    expect([cancelled.state.A.lastActionAt, cancelled.state.B.lastActionAt]).toEqual([cancelled.now - 7n * DAY, cancelled.now]);
  });

  it('MLL-ABN-007: issue 8, a party’s own poke records nothing: applyBleeding is no sign of life (MLL-BLD-011)', () => {
    const lock = Lock.active();
    lock.wait(5n * DAY).ok(PARTY_B, 'applyBleeding');
    expect([lock.state.A.lastActionAt, lock.state.B.lastActionAt]).toEqual([lock.t0, lock.t0]);
  });

  it('MLL-ABN-007: a reverted call and a stranger’s poke record nothing', () => {
    const lock = Lock.active();
    lock.wait(10n * DAY);
    expect(lock.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.reverts(PARTY_B, 'deposit', d + 1n)).toEqual({ name: 'InvalidDepositValue' });
    lock.ok(STRANGER, 'applyBleeding');
    expect([lock.state.A.lastActionAt, lock.state.B.lastActionAt]).toEqual([lock.t0, lock.t0]);
  });
});

describe('MLL-ABN-002 silence', () => {
  /** A's claim at silentAfter reverts CounterpartyNotSilent(silentAfter); one second later it succeeds: its events. */
  function claimOnceSilent(lock: Lock, silentAfter: bigint): readonly LockEvent[] {
    lock.at(silentAfter);
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotSilent', silentAfter });
    lock.at(silentAfter + 1n);
    return lock.ok(PARTY_A, 'claimAbandoned');
  }

  it('MLL-ABN-002: the threshold is strict: at last call + 90 days CounterpartyNotSilent(silentAfter), one second later the claim goes through', () => {
    const lock = aAheadBSilent();
    expect(names(claimOnceSilent(lock, lock.t0 + SILENCE))).toEqual(['BleedingApplied', 'AbandonedClaimed']);
  });

  it('MLL-ABN-002: with T = 60 days the silence needed is 3T = 180 days', () => {
    const lock = aAheadBSilent({ depositInterval: 60n * DAY });
    expect(names(claimOnceSilent(lock, lock.t0 + 180n * DAY))).toContain('AbandonedClaimed');
  });

  it('MLL-ABN-002: with T = 29 days 3T is 87 days, so the 90-day minimum applies', () => {
    const lock = aAheadBSilent({ depositInterval: 29n * DAY });
    lock.at(lock.t0 + 87n * DAY + 1n);
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotSilent', silentAfter: lock.t0 + SILENCE });
  });

  const proofsOfLife: [string, FunctionName[], bigint][] = [
    ['a deposit', ['deposit'], d],
    ['a proposal', ['proposeExit'], 0n],
    ['cancelling a proposal it never made', ['cancelExitProposal'], 0n],
    ['initiating and cancelling an exit', ['initiateUnilateralExit', 'cancelUnilateralExit'], 0n],
  ];
  for (const [what, calls, value] of proofsOfLife) {
    it(`MLL-ABN-002: D8, any call proves a party alive, not only a deposit: ${what} on day 50 moves silentAfter to day 140`, () => {
      const lock = aAheadBSilent();
      lock.at(lock.t0 + 50n * DAY);
      for (const fn of calls) lock.ok(PARTY_B, fn, fn === 'deposit' ? value : 0n);
      expect(names(claimOnceSilent(lock, lock.t0 + 140n * DAY))).toContain('AbandonedClaimed');
    });
  }
});

describe('MLL-ABN-003 the silent party is in default', () => {
  it('MLL-ABN-003: D8, G = 12: a silent party still in grace cannot be claimed against before its default start, to the second', () => {
    const lock = aAheadBSilent({ gracePeriods: 12n }); // B defaults at t0 + 13T = day 390, A at t0 + 16T
    lock.at(lock.t0 + SILENCE + 1n);
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotInDefault' });
    lock.at(lock.t0 + 13n * T - 1n);
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotInDefault' });
    lock.at(lock.t0 + 13n * T); // in default now; a day later the claim goes through (MLL-ABN-008)
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyDefaultTooRecent', claimableAt: lock.t0 + 13n * T + DAY });
    lock.wait(DAY);
    const share = expectedRetainedShare(d, R, 1n); // B's one day of one-sided default
    const penalty = expectedPenaltyAmount(share, expectedPenaltyBps(defaults, 1n));
    expect(names(lock.ok(PARTY_A, 'claimAbandoned'))).toEqual(['BleedingApplied', 'AbandonedClaimed']);
    expect(lock.state.A.claimable).toBe(4n * d + (d - share) + penalty);
    expect(lock.state.B.claimable).toBe(share - penalty); // the deployed contract took all of it
    expect(lock.state.B.claimable).toBeGreaterThan(29_000_000_000_000_000n);
  });

  it('MLL-ABN-003: a silent party paid ahead cannot be claimed against while its prepaid intervals last', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', 3n * d);
    lock.ok(PARTY_B, 'deposit', 3n * d); // B silent from t0, in default only from day 150
    lock.at(lock.t0 + T).ok(PARTY_A, 'deposit', d); // A in default only from day 180
    lock.at(lock.t0 + 150n * DAY - 1n);
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotInDefault' });
    lock.at(lock.t0 + 151n * DAY); // its default a day old (MLL-ABN-008)
    const share = expectedRetainedShare(4n * d, R, 1n);
    const penalty = expectedPenaltyAmount(share, expectedPenaltyBps(defaults, 4n));
    expect(lock.ok(PARTY_A, 'claimAbandoned').at(-1)).toEqual({
      name: 'AbandonedClaimed',
      args: { claimer: PARTY_A, amount: 5n * d + (4n * d - share) + penalty },
    });
  });
});

describe('MLL-ABN-008 the silent party’s default is a day old', () => {
  /**
   * G = 2, T = 30 days: A activates with d a second before B, which activates paid ahead (4d), and
   * A stays silent. At t0 + 90 days A's silence is over (since t0 − 1 s) and its default starts.
   */
  function silentSinceActivation(): Lock {
    const lock = new Lock({ gracePeriods: 2n });
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(1n).ok(PARTY_B, 'activate', 4n * d); // B in default only from day 180
    lock.at(lock.t0 + SILENCE);
    return lock;
  }

  it('MLL-ABN-008: issue 8, found by the search: G = 2, at t0 + 90 days (A’s default start, its silence over) a claim reverts CounterpartyDefaultTooRecent(t0 + 91 days); A’s deposit in that second then costs it nothing', () => {
    const lock = silentSinceActivation();
    expect(lock.state.A.lastActionAt + SILENCE).toBeLessThan(lock.now); // silent (MLL-ABN-002)
    const claimableAt = lock.t0 + SILENCE + DAY;
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'CounterpartyDefaultTooRecent', claimableAt });
    lock.ok(PARTY_A, 'deposit', 3n * d); // the cure, ordered after the claim in the same second
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotSilent', silentAfter: lock.now + SILENCE });
    expect(status(lock, PARTY_A).share).toBe(4n * d); // in default for 1 s, bled nothing
  });

  it('MLL-ABN-008: in either order of claim and cure in A’s first default second the result is the same: A keeps all it paid in', () => {
    const cureFirst = silentSinceActivation();
    cureFirst.ok(PARTY_A, 'deposit', 3n * d);
    expect(cureFirst.reverts(PARTY_B, 'claimAbandoned').name).toBe('CounterpartyNotSilent');
    const claimFirst = silentSinceActivation();
    expect(claimFirst.reverts(PARTY_B, 'claimAbandoned').name).toBe('CounterpartyDefaultTooRecent');
    claimFirst.ok(PARTY_A, 'deposit', 3n * d);
    expect(claimFirst.state).toEqual(cureFirst.state);
  });

  it('MLL-ABN-008: the boundary: one second before claimableAt the claim reverts, at it it goes through, taking A’s day of bleed and its exit penalty', () => {
    const lock = silentSinceActivation();
    const claimableAt = lock.t0 + SILENCE + DAY;
    lock.at(claimableAt - 1n);
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'CounterpartyDefaultTooRecent', claimableAt });
    lock.at(claimableAt);
    const share = expectedRetainedShare(d, R, 1n);
    const penalty = expectedPenaltyAmount(share, expectedPenaltyBps(defaults, 1n));
    expect(lock.ok(PARTY_B, 'claimAbandoned').at(-1)).toEqual({
      name: 'AbandonedClaimed',
      args: { claimer: PARTY_B, amount: 4n * d + (d - share) + penalty },
    });
    expect(expectedPenaltyBps(defaults, 1n)).toBe(7_072n);
    expect(lock.state.A.claimable).toBe(share - penalty);
  });

  it('MLL-ABN-008: checked after MLL-ABN-003 and before MLL-ABN-004: a claimer in default against a fresh default gets CounterpartyDefaultTooRecent', () => {
    const lock = Lock.active({ gracePeriods: 2n }); // both silent: both in default from day 90
    lock.at(lock.t0 + SILENCE + 1n);
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'CounterpartyDefaultTooRecent', claimableAt: lock.t0 + SILENCE + DAY });
    lock.at(lock.t0 + SILENCE + DAY);
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerInDefault' });
  });
});

describe('MLL-ABN-004 the claimer is not in default', () => {
  it('MLL-ABN-004: D8, both silent past 90 days: neither can claim, and depositing d first does not help', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + SILENCE + 1n); // both in default since day 60
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'ClaimerInDefault' });
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerInDefault' });
    lock.ok(PARTY_B, 'deposit', d); // paid 2 of 4 reached: still in default
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerInDefault' });
  });

  it('MLL-ABN-004: D8, having paid its arrears the claimer is out of default, and must then stay so for the silence (MLL-ABN-006)', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + SILENCE + 1n);
    lock.ok(PARTY_B, 'deposit', 2n * d); // paid 3 of 4 reached: out of default
    expect(lock.reverts(PARTY_B, 'claimAbandoned')).toEqual({ name: 'ClaimerRecentlyInDefault', claimAfter: lock.now + SILENCE });
  });

  it('MLL-ABN-004: the claimer’s own default start is exact: one second before it claims, at it ClaimerInDefault', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 5n * T - 1n);
    expect(names(fork(lock).ok(PARTY_A, 'claimAbandoned'))).toContain('AbandonedClaimed');
    lock.at(lock.t0 + 5n * T);
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'ClaimerInDefault' });
  });

  it('MLL-ABN-004: the checks come in order: silence, then the counterparty’s default, then the claimer’s', () => {
    const both = Lock.active();
    both.at(both.t0 + 89n * DAY); // both in default, B not yet silent
    expect(both.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotSilent', silentAfter: both.t0 + SILENCE });
    const ahead = Lock.active();
    ahead.ok(PARTY_B, 'deposit', 3n * d); // B silent but in default only from day 150; A from day 60
    ahead.at(ahead.t0 + SILENCE + 1n);
    expect(ahead.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'CounterpartyNotInDefault' });
  });
});

describe('MLL-ABN-005 the claim is the silent party’s exit', () => {
  /**
   * Both pay intervals 1 … 4 on time; on day 120 A also prepays to interval 7 (default from day
   * 270) and B initiates an exit, then goes silent: in default from day 180, silent after day 210.
   */
  function bSilentAfterDay120(): Lock {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', 3n * d);
    for (let k = 1n; k <= 4n; k++) lock.at(lock.t0 + k * T).ok(PARTY_B, 'deposit', d);
    lock.ok(PARTY_A, 'deposit', 4n * d);
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    return lock;
  }

  it('MLL-ABN-005: settles both, takes the silent party’s maturity rate, credits claimer share + penalty and silent share − penalty', () => {
    const lock = bSilentAfterDay120();
    lock.at(lock.t0 + 205n * DAY);
    lock.ok(PARTY_A, 'proposeExit');
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.t0 + 210n * DAY + 1n);
    const bShare = expectedRetainedShare(5n * d, R, 30n); // 30 days and 1 second on B's clock
    const bps = expectedPenaltyBps(defaults, 5n); // B counted 5 intervals
    expect(bps).toBe(3_358n);
    const penalty = expectedPenaltyAmount(bShare, bps);
    const amount = 8n * d + (5n * d - bShare) + penalty;
    expect(lock.ok(PARTY_A, 'claimAbandoned')).toEqual([
      { name: 'BleedingApplied', args: { from: PARTY_B, to: PARTY_A, amount: 5n * d - bShare } },
      { name: 'AbandonedClaimed', args: { claimer: PARTY_A, amount } },
    ]);
    const { A, B, phase } = lock.state;
    expect(phase).toBe(2);
    expect([A.claimable, B.claimable]).toEqual([amount, bShare - penalty]);
    expect([A.share, B.share]).toEqual([0n, 0n]);
    expect([A.unilateralExit, B.unilateralExit, A.exitProposedAt, B.exitProposedAt]).toEqual([null, null, null, null]);
    expect([A.lastActionAt, B.lastActionAt]).toEqual([lock.now, lock.t0 + 120n * DAY]);
    expect(lock.state.balance).toBe(A.claimable + B.claimable);
  });

  it('MLL-ABN-005: D8, the silent party’s remainder waits in its claimable and can be withdrawn ten years later', () => {
    const lock = bSilentAfterDay120();
    lock.at(lock.t0 + 210n * DAY + 1n).ok(PARTY_A, 'claimAbandoned');
    const bShare = expectedRetainedShare(5n * d, R, 30n);
    const remainder = bShare - expectedPenaltyAmount(bShare, expectedPenaltyBps(defaults, 5n));
    lock.wait(3_650n * DAY);
    expect(lock.ok(PARTY_B, 'withdraw')).toEqual([{ name: 'Withdrawn', args: { party: PARTY_B, amount: remainder } }]);
    expect(remainder).toBeGreaterThan(0n);
  });

  it('MLL-ABN-005: the claim is refused once the lock has ended', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + SILENCE + 1n).ok(PARTY_A, 'claimAbandoned');
    expect(lock.reverts(PARTY_A, 'claimAbandoned')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
  });
});

/** Silence of the claimer itself does not matter; only its default does (MLL-ABN-002 … 004). */
describe('MLL-ABN-002 the claimer’s own silence', () => {
  it('MLL-ABN-002: a claimer idle since t0 but paid ahead may claim: silence is asked of the counterparty only', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 120n * DAY);
    const events = lock.ok(PARTY_A, 'claimAbandoned');
    const bShare = expectedRetainedShare(d, R, 60n);
    const penalty = expectedPenaltyAmount(bShare, 7_072n);
    expect(events.at(-1)).toEqual({ name: 'AbandonedClaimed', args: { claimer: PARTY_A, amount: 4n * d + (d - bShare) + penalty } });
  });
});
