/**
 * Unit tests for spec/exits.md: the dynamic exit penalty (MLL-PEN), peaceful exits (MLL-PEX) and
 * unilateral exits (MLL-UEX), with the deployed contract's exit defects replayed under our rules:
 * D5 (the loss cannot be bought down), D6 (a compliant party leaving a defaulter pays nothing),
 * D7 (no ambush: own exits, initiator only, lapse), D9 (bleeding continues during the countdown),
 * D11 (proposals lapse; P_max is only the intercept).
 *
 * Expected rates and amounts are computed from the clauses' formulas as restated in
 * properties/oracle.ts: penalty(m) = P_max − ⌊(P_max − P_min)·min(m, n)/n⌋, penalty =
 * ⌊share·rate/10000⌋ (MLL-ARI-006), and the retained share of the MLL-ARI-003 loop and the
 * MLL-ARI-004 rounding for any bleed settled on the way.
 */
import { describe, expect, it } from 'vitest';
import type { Address, LockEvent } from '../../reference/index.js';
import { expectedBleedAmount, expectedPenaltyAmount, expectedPenaltyBps, expectedRetainedShare } from '../../properties/oracle.js';
import {
  DAY,
  Lock,
  PARTY_A,
  PARTY_B,
  STRANGER,
  T,
  aAheadBSilent,
  bleedingApplied,
  d,
  defaults,
  exitPenalty,
  fork,
  names,
  status,
} from '../support/harness.js';

const R = 50n;
const COUNTDOWN = 30n * DAY;
const WINDOW = 7n * DAY;

/** Both parties pay interval k at its due date t0 + k·T, for k = first … last. */
function bothPay(lock: Lock, first: bigint, last: bigint): void {
  for (let k = first; k <= last; k++) {
    lock.at(lock.t0 + k * T);
    lock.ok(PARTY_A, 'deposit', d);
    lock.ok(PARTY_B, 'deposit', d);
  }
}

function executed(initiator: Address, received: bigint, penaltyPaid: bigint): LockEvent {
  return { name: 'UnilateralExitExecuted', args: { initiator, received, penaltyPaid } };
}

describe('MLL-PEN-001 the penalty rate', () => {
  it('MLL-PEN-001: at the defaults the rate is 7072, 6143, 4286 and 1500 bps at 1, 2, 4 and 7 counted intervals', () => {
    expect([1n, 2n, 4n, 7n].map((m) => expectedPenaltyBps(defaults, m))).toEqual([7_072n, 6_143n, 4_286n, 1_500n]);
    const lock = Lock.active();
    const seen = new Map<bigint, bigint>([[1n, exitPenalty(lock, PARTY_A)]]);
    for (let k = 1n; k <= 9n; k++) {
      bothPay(lock, k, k);
      seen.set(k + 1n, exitPenalty(lock, PARTY_A));
    }
    for (const [m, bps] of seen) expect(bps, `m = ${m}`).toBe(expectedPenaltyBps(defaults, m));
    expect([seen.get(1n), seen.get(2n), seen.get(4n), seen.get(7n), seen.get(10n)]).toEqual([7_072n, 6_143n, 4_286n, 1_500n, 1_500n]);
  });

  it('MLL-PEN-001: the rate counts reached intervals only: prepaying three at t0 keeps penalty(1) until the schedule reaches them', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'deposit', 3n * d);
    expect(exitPenalty(lock, PARTY_A)).toBe(7_072n);
    lock.at(lock.t0 + T - 1n);
    expect(exitPenalty(lock, PARTY_A)).toBe(7_072n);
    lock.at(lock.t0 + T);
    expect(exitPenalty(lock, PARTY_A)).toBe(6_143n);
    lock.at(lock.t0 + 3n * T);
    expect(exitPenalty(lock, PARTY_A)).toBe(4_286n);
    lock.at(lock.t0 + 10n * T);
    expect(exitPenalty(lock, PARTY_A)).toBe(expectedPenaltyBps(defaults, 4n));
  });

  it('MLL-PEN-001: other bounds: P_max = 9000, P_min = 0, n = 3 gives 6000, 3000, 0 bps', () => {
    const bounds = { exitPenaltyMaxBps: 9_000n, exitPenaltyMinBps: 0n, penaltyDecayTarget: 3n };
    const lock = Lock.active(bounds);
    const got: bigint[] = [exitPenalty(lock, PARTY_B)];
    for (let k = 1n; k <= 3n; k++) {
      bothPay(lock, k, k);
      got.push(exitPenalty(lock, PARTY_B));
    }
    const expected = [1n, 2n, 3n, 4n].map((m) => expectedPenaltyBps({ ...defaults, ...bounds }, m));
    expect(expected).toEqual([6_000n, 3_000n, 0n, 0n]);
    expect(got).toEqual(expected);
  });
});

describe('MLL-PEN-002 the rate never rises', () => {
  it('MLL-PEN-002: through paying, prepaying, falling behind and catching up, neither party’s rate ever increases', () => {
    const lock = Lock.active();
    const last = { A: exitPenalty(lock, PARTY_A), B: exitPenalty(lock, PARTY_B) };
    const check = () => {
      const now = { A: exitPenalty(lock, PARTY_A), B: exitPenalty(lock, PARTY_B) };
      expect(now.A <= last.A && now.B <= last.B, `day ${(lock.now - lock.t0) / DAY}`).toBe(true);
      Object.assign(last, now);
    };
    const plan: [bigint, Address, bigint][] = [
      [0n, PARTY_A, 3n * d], // A prepays
      [31n, PARTY_B, d],
      [95n, PARTY_B, 3n * d], // B catches up and prepays
      [150n, PARTY_A, 2n * d],
      [400n, PARTY_A, 10n * d], // A catches up a long arrear
    ];
    for (let day = 0n; day <= 420n; day += 1n) {
      lock.at(lock.t0 + day * DAY + 3_600n);
      for (const [when, who, value] of plan) if (when === day) lock.ok(who, 'deposit', value);
      check();
    }
    expect(last).toEqual({ A: expectedPenaltyBps(defaults, 15n), B: expectedPenaltyBps(defaults, 5n) });
  });

  it('MLL-PEN-002: a party that stops paying keeps its rate: it does not rise back toward P_max', () => {
    const lock = Lock.active();
    bothPay(lock, 1n, 3n);
    expect(exitPenalty(lock, PARTY_B)).toBe(expectedPenaltyBps(defaults, 4n));
    lock.at(lock.t0 + 40n * T);
    expect(exitPenalty(lock, PARTY_B)).toBe(expectedPenaltyBps(defaults, 4n));
  });
});

describe('MLL-PEN-003 P_max is the intercept', () => {
  it('MLL-PEN-003: the highest rate ever applied is penalty(1) = 7072 bps, not P_max = 8000', () => {
    const lock = Lock.active();
    expect([exitPenalty(lock, PARTY_A), exitPenalty(lock, PARTY_B)]).toEqual([7_072n, 7_072n]);
    expect(lock.ok(PARTY_A, 'initiateUnilateralExit')).toHaveLength(1);
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(7_072n);
    lock.wait(COUNTDOWN);
    const events = lock.ok(PARTY_A, 'executeUnilateralExit');
    expect(events).toEqual([executed(PARTY_A, 29_280_000_000_000_000n, 70_720_000_000_000_000n)]);
  });

  it('MLL-PEN-003: no exit exists before activation, so P_max itself is never applied', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    expect(lock.reverts(PARTY_A, 'initiateUnilateralExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 0 });
    lock.ok(PARTY_B, 'activate', d);
    expect(exitPenalty(lock, PARTY_A)).toBe(7_072n); // four paid, one reached: still penalty(1)
  });
});

describe('MLL-PEX-001 proposing', () => {
  it('MLL-PEX-001: proposeExit records the proposal at now and the caller’s liveness, and emits ExitProposed', () => {
    const lock = Lock.active();
    lock.wait(5n * DAY + 17n);
    expect(lock.ok(PARTY_A, 'proposeExit')).toEqual([{ name: 'ExitProposed', args: { party: PARTY_A } }]);
    expect(lock.state.A.exitProposedAt).toBe(lock.now);
    expect(lock.state.A.lastActionAt).toBe(lock.now);
    expect(lock.state.B.exitProposedAt).toBe(null);
    expect(status(lock, PARTY_A).exitProposalLive).toBe(true);
    expect(lock.state.phase).toBe(1);
  });

  it('MLL-PEX-001: a new proposal replaces the caller’s earlier one: its window runs from the latest', () => {
    const lock = Lock.active();
    const first = lock.now;
    lock.ok(PARTY_A, 'proposeExit');
    lock.at(first + 6n * DAY).ok(PARTY_A, 'proposeExit');
    expect(lock.state.A.exitProposedAt).toBe(first + 6n * DAY);
    lock.at(first + WINDOW + 1n); // the first would have lapsed
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);
  });
});

describe('MLL-PEX-002 proposals lapse', () => {
  it('MLL-PEX-002: a proposal made at p is live until p + 7 days: one second before, the counterparty’s proposal ends the lock', () => {
    const lock = Lock.active();
    const p = lock.now + DAY;
    lock.at(p).ok(PARTY_A, 'proposeExit');
    lock.at(p + WINDOW - 1n);
    expect(status(lock, PARTY_A).exitProposalLive).toBe(true);
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);
    expect(lock.state.phase).toBe(2);
  });

  it('MLL-PEX-002: at exactly p + 7 days the proposal has lapsed and counts for nothing', () => {
    const lock = Lock.active();
    const p = lock.now + DAY;
    lock.at(p).ok(PARTY_A, 'proposeExit');
    lock.at(p + WINDOW);
    expect(status(lock, PARTY_A).exitProposalLive).toBe(false);
    expect(lock.ok(PARTY_B, 'proposeExit')).toEqual([{ name: 'ExitProposed', args: { party: PARTY_B } }]);
    expect(lock.state.phase).toBe(1);
  });

  it('MLL-PEX-002: a deposit withdraws the counterparty’s live proposal, not the depositor’s own (MLL-SCH-008)', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.wait(DAY);
    expect(lock.ok(PARTY_B, 'deposit', d)).toEqual([
      { name: 'ExitProposalCancelled', args: { party: PARTY_A } },
      { name: 'Deposited', args: { party: PARTY_B, amount: d, newShare: 2n * d } },
    ]);
    expect(lock.ok(PARTY_B, 'proposeExit')).toEqual([{ name: 'ExitProposed', args: { party: PARTY_B } }]);
    lock.wait(DAY);
    expect(names(lock.ok(PARTY_B, 'deposit', d))).toEqual(['Deposited']);
    expect(lock.state.B.exitProposedAt).toBe(lock.now - DAY);
    expect(names(lock.ok(PARTY_A, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);
  });

  it('MLL-PEX-002: a deposit leaves a lapsed proposal alone: no event for it', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.wait(WINDOW);
    expect(names(lock.ok(PARTY_B, 'deposit', d))).toEqual(['Deposited']);
  });
});

describe('MLL-PEX-003 agreement ends the lock without penalty', () => {
  it('MLL-PEX-003: the second proposal ends the lock: each party credited its share, phase Exited', () => {
    const lock = Lock.active();
    bothPay(lock, 1n, 2n);
    lock.ok(PARTY_A, 'deposit', d);
    lock.wait(DAY);
    lock.ok(PARTY_B, 'proposeExit');
    const events = lock.ok(PARTY_A, 'proposeExit');
    expect(events).toEqual([
      { name: 'ExitProposed', args: { party: PARTY_A } },
      { name: 'PeacefulExit', args: { shareA: 4n * d, shareB: 3n * d } },
    ]);
    expect(lock.state.phase).toBe(2);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([4n * d, 3n * d]);
    expect([lock.state.A.share, lock.state.B.share]).toEqual([0n, 0n]);
    expect([lock.state.A.exitProposedAt, lock.state.B.exitProposedAt]).toEqual([null, null]);
  });

  it('MLL-PEX-003: bleed is settled first and both live unilateral exits are cleared; the defaulter pays no penalty', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 80n * DAY);
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    lock.ok(PARTY_A, 'proposeExit');
    const events = lock.ok(PARTY_B, 'proposeExit');
    expect(events).toEqual([
      { name: 'ExitProposed', args: { party: PARTY_B } },
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 20n)),
      { name: 'PeacefulExit', args: { shareA: 4n * d + expectedBleedAmount(d, R, 20n), shareB: expectedRetainedShare(d, R, 20n) } },
    ]);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([
      4n * d + expectedBleedAmount(d, R, 20n),
      expectedRetainedShare(d, R, 20n),
    ]);
    expect([lock.state.A.unilateralExit, lock.state.B.unilateralExit]).toEqual([null, null]);
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
  });
});

describe('MLL-PEX-004 cancelling a proposal', () => {
  it('MLL-PEX-004: cancelExitProposal clears the caller’s proposal; the counterparty’s then does not end the lock', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.wait(DAY);
    expect(lock.ok(PARTY_A, 'cancelExitProposal')).toEqual([{ name: 'ExitProposalCancelled', args: { party: PARTY_A } }]);
    expect(lock.state.A.exitProposedAt).toBe(null);
    expect(lock.state.A.lastActionAt).toBe(lock.now);
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed']);
    expect(lock.state.phase).toBe(1);
  });

  it('MLL-PEX-004: cancelling without a proposal succeeds, records liveness and still emits the event', () => {
    const lock = Lock.active();
    lock.wait(3n * DAY);
    expect(lock.ok(PARTY_B, 'cancelExitProposal')).toEqual([{ name: 'ExitProposalCancelled', args: { party: PARTY_B } }]);
    expect(lock.state.B.lastActionAt).toBe(lock.now);
    expect(lock.reverts(STRANGER, 'cancelExitProposal')).toEqual({ name: 'NotParty' });
  });
});

describe('MLL-UEX-001 initiating', () => {
  it('MLL-UEX-001: initiating records executeAfter = now + 30 days and the frozen rate, records liveness, emits the event', () => {
    const lock = Lock.active();
    lock.wait(3n * DAY + 5n);
    const executeAfter = lock.now + COUNTDOWN;
    expect(lock.ok(PARTY_A, 'initiateUnilateralExit')).toEqual([
      { name: 'UnilateralExitInitiated', args: { initiator: PARTY_A, executeAfter } },
    ]);
    expect(lock.state.A.unilateralExit).toEqual({ executeAfter, penaltyBps: 7_072n, waived: false });
    expect(lock.state.A.lastActionAt).toBe(lock.now);
    expect(status(lock, PARTY_A)).toMatchObject({ unilateralExitLive: true, executeAfter, frozenPenaltyBps: 7_072n });
  });

  it('MLL-UEX-001: a second initiation while the own exit is live reverts UnilateralExitAlreadyActive, to the last second', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    const executeAfter = lock.now + COUNTDOWN;
    for (const time of [lock.now, executeAfter - 1n, executeAfter, executeAfter + WINDOW - 1n]) {
      lock.at(time);
      expect(lock.reverts(PARTY_A, 'initiateUnilateralExit')).toEqual({ name: 'UnilateralExitAlreadyActive' });
    }
    lock.at(executeAfter + WINDOW);
    expect(lock.ok(PARTY_A, 'initiateUnilateralExit')).toEqual([
      { name: 'UnilateralExitInitiated', args: { initiator: PARTY_A, executeAfter: executeAfter + WINDOW + COUNTDOWN } },
    ]);
  });

  it('MLL-UEX-001: D7, the counterparty’s live exit does not stop a party from initiating its own', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.wait(DAY);
    expect(names(lock.ok(PARTY_B, 'initiateUnilateralExit'))).toEqual(['UnilateralExitInitiated']);
    expect(status(lock, PARTY_A).unilateralExitLive).toBe(true);
    expect(status(lock, PARTY_B).executeAfter).toBe(lock.now + COUNTDOWN);
  });
});

describe('MLL-UEX-009 the rate is frozen at initiation', () => {
  /** Both pay intervals 1 … 4 on time (5 counted each at day 120); A initiates on day 120 at 3358 bps. */
  function fiveDepositsThenInitiate(): Lock {
    const lock = Lock.active();
    bothPay(lock, 1n, 4n);
    expect(exitPenalty(lock, PARTY_A)).toBe(expectedPenaltyBps(defaults, 5n));
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    return lock;
  }

  it('MLL-UEX-009: D5, executing directly with 5 counted intervals costs 0.1679 ether (the deployed figure)', () => {
    const lock = fiveDepositsThenInitiate();
    expect(expectedPenaltyBps(defaults, 5n)).toBe(3_358n);
    lock.wait(COUNTDOWN);
    const penalty = expectedPenaltyAmount(5n * d, 3_358n);
    expect(penalty).toBe(167_900_000_000_000_000n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, 5n * d - penalty, penalty)]);
  });

  it('MLL-UEX-009: D5, depositing 0.2 ether during the countdown does not lower the frozen rate (deployed: loss 0.1050)', () => {
    const lock = fiveDepositsThenInitiate();
    lock.wait(20n * DAY);
    lock.ok(PARTY_A, 'deposit', 2n * d);
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(3_358n);
    lock.wait(10n * DAY);
    expect(exitPenalty(lock, PARTY_A)).toBe(expectedPenaltyBps(defaults, 6n)); // what an exit started now would freeze
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(3_358n);
    const penalty = expectedPenaltyAmount(7n * d, 3_358n);
    expect(penalty).toBe(235_060_000_000_000_000n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, 7n * d - penalty, penalty)]);
    expect(lock.state.B.claimable).toBe(5n * d + penalty);
  });
});

describe('MLL-UEX-010 the waiver', () => {
  it('MLL-UEX-010: D6, a compliant party leaving a defaulter pays no penalty and keeps the bleed it received', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + DAY); // B in default since day 60, A compliant until day 150
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(0n);
    lock.wait(COUNTDOWN);
    const toA = 4n * d + expectedBleedAmount(d, R, 31n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 31n)),
      executed(PARTY_A, toA, 0n),
    ]);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([toA, expectedRetainedShare(d, R, 31n)]);
    expect(lock.state.A.claimable).toBeGreaterThan(4n * d); // more than A paid in, unlike the deployed contract
  });

  it('MLL-UEX-010: the waiver at execution: initiated at 6143 bps while both comply, the counterparty defaults during the countdown', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 40n * DAY);
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(expectedPenaltyBps(defaults, 2n));
    lock.wait(COUNTDOWN); // day 70: B in default since day 60
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 10n)),
      executed(PARTY_A, 4n * d + expectedBleedAmount(d, R, 10n), 0n),
    ]);
  });

  it('MLL-UEX-010: waived at initiation stays waived after the counterparty catches up', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + DAY);
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.t0 + 70n * DAY);
    lock.ok(PARTY_B, 'deposit', 2n * d); // B settles 10 days and leaves default
    lock.at(lock.t0 + 2n * T + DAY + COUNTDOWN);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, 4n * d + expectedBleedAmount(d, R, 10n), 0n)]);
  });

  it('MLL-UEX-010: no waiver for the defaulter: B leaving while in default pays penalty(1)', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + DAY);
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    expect(status(lock, PARTY_B).frozenPenaltyBps).toBe(7_072n);
    lock.wait(COUNTDOWN);
    const share = expectedRetainedShare(d, R, 31n);
    const penalty = expectedPenaltyAmount(share, 7_072n);
    expect(lock.ok(PARTY_B, 'executeUnilateralExit')).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, expectedBleedAmount(d, R, 31n)),
      executed(PARTY_B, share - penalty, penalty),
    ]);
  });

  it('MLL-UEX-010: no waiver in mutual default: the exiter is in default itself', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 2n * T + DAY); // both in default since day 60
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(7_072n);
    lock.wait(COUNTDOWN);
    const penalty = expectedPenaltyAmount(d, 7_072n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, d - penalty, penalty)]);
  });
});

describe('MLL-UEX-004 the countdown', () => {
  it('MLL-UEX-004: one second before executeAfter reverts ExitCountdownNotElapsed(executeAfter); at executeAfter it executes', () => {
    const lock = Lock.active();
    lock.wait(1_000n);
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    const executeAfter = lock.now + COUNTDOWN;
    lock.at(executeAfter - 1n);
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'ExitCountdownNotElapsed', executeAfter });
    lock.at(executeAfter);
    const penalty = expectedPenaltyAmount(d, 7_072n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, d - penalty, penalty)]);
  });

  it('MLL-UEX-004: D9, bleeding continues during the countdown: a defaulter initiating at its default start is bled 30 days', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T);
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    lock.wait(COUNTDOWN);
    const share = expectedRetainedShare(d, R, 30n);
    const penalty = expectedPenaltyAmount(share, 7_072n);
    expect(lock.ok(PARTY_B, 'executeUnilateralExit')).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, d - share),
      executed(PARTY_B, share - penalty, penalty),
    ]);
    expect(share - penalty).toBeLessThan(d - expectedPenaltyAmount(d, 7_072n));
  });

  it('MLL-UEX-004: the schedule runs on during the countdown: the initiator that stops paying defaults and bleeds', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 45n * DAY);
    lock.ok(PARTY_B, 'deposit', 2n * d); // B paid to day 120
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // A: one counted interval, default from day 60
    lock.wait(COUNTDOWN); // day 75
    expect(status(lock, PARTY_A).inDefault).toBe(true);
    const share = expectedRetainedShare(d, R, 15n);
    const penalty = expectedPenaltyAmount(share, 7_072n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([
      bleedingApplied(PARTY_A, PARTY_B, d - share),
      executed(PARTY_A, share - penalty, penalty),
    ]);
    expect(lock.state.B.claimable).toBe(3n * d + (d - share) + penalty);
  });
});

describe('MLL-UEX-005 exits lapse', () => {
  it('MLL-UEX-005: an exit is executable until one second before executeAfter + 7 days', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.now + COUNTDOWN + WINDOW - 1n);
    expect(status(lock, PARTY_A).unilateralExitLive).toBe(true);
    expect(names(lock.ok(PARTY_A, 'executeUnilateralExit'))).toEqual(['UnilateralExitExecuted']);
  });

  it('MLL-UEX-005: at executeAfter + 7 days the exit has lapsed: execute and cancel revert NoActiveUnilateralExit', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.now + COUNTDOWN + WINDOW);
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.reverts(PARTY_A, 'cancelUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(status(lock, PARTY_A)).toMatchObject({ unilateralExitLive: false, executeAfter: 0n, frozenPenaltyBps: 0n });
  });

  it('MLL-UEX-005: D7, a day-0 exit cannot be sprung on day 200; a new one has a fresh countdown and a freshly frozen rate', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // 7072 bps, executeAfter day 30
    bothPay(lock, 1n, 6n); // both keep depositing: 7 counted at day 180
    lock.at(lock.t0 + 200n * DAY);
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    const executeAfter = lock.now + COUNTDOWN;
    expect(lock.ok(PARTY_A, 'initiateUnilateralExit')).toEqual([
      { name: 'UnilateralExitInitiated', args: { initiator: PARTY_A, executeAfter } },
    ]);
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(1_500n);
    lock.at(executeAfter - 1n);
    expect(lock.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'ExitCountdownNotElapsed', executeAfter });
  });
});

describe('MLL-UEX-006 only the initiator', () => {
  it('MLL-UEX-006: D7, at executeAfter the counterparty can neither execute nor cancel the initiator’s exit', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.wait(COUNTDOWN);
    expect(lock.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.reverts(PARTY_B, 'cancelUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.reverts(STRANGER, 'executeUnilateralExit')).toEqual({ name: 'NotParty' });
    expect(status(lock, PARTY_A).unilateralExitLive).toBe(true);
    expect(names(lock.ok(PARTY_A, 'executeUnilateralExit'))).toEqual(['UnilateralExitExecuted']);
  });

  it('MLL-UEX-006: each party executes its own exit at its own frozen rate', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // 7072
    bothPay(lock, 1n, 1n);
    lock.ok(PARTY_B, 'initiateUnilateralExit'); // two counted: 6143
    expect([status(lock, PARTY_A).frozenPenaltyBps, status(lock, PARTY_B).frozenPenaltyBps]).toEqual([7_072n, 6_143n]);

    const aLeaves = fork(lock);
    const penaltyA = expectedPenaltyAmount(2n * d, 7_072n);
    expect(aLeaves.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, 2n * d - penaltyA, penaltyA)]);

    lock.wait(COUNTDOWN);
    const penaltyB = expectedPenaltyAmount(2n * d, 6_143n);
    expect(lock.ok(PARTY_B, 'executeUnilateralExit')).toEqual([executed(PARTY_B, 2n * d - penaltyB, penaltyB)]);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([2n * d + penaltyB, 2n * d - penaltyB]);
  });
});

describe('MLL-UEX-011 execution', () => {
  it('MLL-UEX-011: settles both, moves ⌊share·rate/10000⌋ to the counterparty, clears exits and proposals, ends the lock', () => {
    const lock = aAheadBSilent();
    lock.at(lock.t0 + 2n * T + DAY);
    lock.ok(PARTY_B, 'initiateUnilateralExit'); // B in default: 7072
    lock.at(lock.t0 + 85n * DAY);
    lock.ok(PARTY_A, 'proposeExit');
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.t0 + 2n * T + DAY + COUNTDOWN);
    const share = expectedRetainedShare(d, R, 31n);
    const penalty = expectedPenaltyAmount(share, 7_072n);
    expect((share * 7_072n) % 10_000n).not.toBe(0n); // the floor matters here
    const events = lock.ok(PARTY_B, 'executeUnilateralExit');
    expect(events).toEqual([bleedingApplied(PARTY_B, PARTY_A, d - share), executed(PARTY_B, share - penalty, penalty)]);
    const { A, B, phase } = lock.state;
    expect(phase).toBe(2);
    expect([A.claimable, B.claimable]).toEqual([4n * d + (d - share) + penalty, share - penalty]);
    expect([A.share, B.share, A.bleedClock, B.bleedClock]).toEqual([0n, 0n, 0n, 0n]);
    expect([A.unilateralExit, B.unilateralExit, A.exitProposedAt, B.exitProposedAt]).toEqual([null, null, null, null]);
  });
});

describe('MLL-UEX-012 both exits executable: executed together', () => {
  /** Both initiate at t0 (7072 bps each) and the clock stands at the end of both countdowns. */
  function bothExecutable(): Lock {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    return lock.wait(COUNTDOWN);
  }

  it('MLL-UEX-012: issue 8, found by the search at depth 3: both initiate at t0 and execute at the countdown’s end; in either order each pays its own penalty to the other, and the second call reverts WrongPhase', () => {
    const penalty = expectedPenaltyAmount(d, 7_072n);
    const aFirst = bothExecutable();
    expect(aFirst.ok(PARTY_A, 'executeUnilateralExit')).toEqual([
      executed(PARTY_A, d - penalty, penalty),
      executed(PARTY_B, d - penalty, penalty),
    ]);
    expect(aFirst.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
    const bFirst = bothExecutable();
    expect(bFirst.ok(PARTY_B, 'executeUnilateralExit')).toEqual([
      executed(PARTY_B, d - penalty, penalty),
      executed(PARTY_A, d - penalty, penalty),
    ]);
    expect(bFirst.reverts(PARTY_A, 'executeUnilateralExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
    expect([aFirst.state.A.claimable, aFirst.state.B.claimable]).toEqual([d, d]); // under MLL-UEX-011 alone the first to land got d − 0.07072
    expect([bFirst.state.A.claimable, bFirst.state.B.claimable]).toEqual([d, d]);
  });

  it('MLL-UEX-012: each party at its own frozen rate; each is credited its received plus the other’s penaltyPaid', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + T).ok(PARTY_A, 'deposit', d);
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // two counted: 6143
    lock.ok(PARTY_B, 'initiateUnilateralExit'); // B within its grace, one counted: 7072
    lock.wait(DAY).ok(PARTY_B, 'deposit', d);
    expect([status(lock, PARTY_A).frozenPenaltyBps, status(lock, PARTY_B).frozenPenaltyBps]).toEqual([6_143n, 7_072n]);
    lock.at(lock.t0 + T + COUNTDOWN);
    const [pA, pB] = [expectedPenaltyAmount(2n * d, 6_143n), expectedPenaltyAmount(2n * d, 7_072n)];
    expect(lock.ok(PARTY_B, 'executeUnilateralExit')).toEqual([executed(PARTY_B, 2n * d - pB, pB), executed(PARTY_A, 2n * d - pA, pA)]);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([2n * d - pA + pB, 2n * d - pB + pA]);
  });

  it('MLL-UEX-012: the waiver is each party’s own: A leaving a defaulter pays nothing, B pays its frozen rate on its settled share', () => {
    const lock = aAheadBSilent(); // B in default from t0 + 2T
    lock.at(lock.t0 + 2n * T + DAY);
    lock.ok(PARTY_B, 'initiateUnilateralExit'); // B in default: 7072
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // B's clock holds a day: waived
    lock.wait(COUNTDOWN);
    const share = expectedRetainedShare(d, R, 31n);
    const penalty = expectedPenaltyAmount(share, 7_072n);
    const aShare = 4n * d + (d - share);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([
      bleedingApplied(PARTY_B, PARTY_A, d - share),
      executed(PARTY_A, aShare, 0n),
      executed(PARTY_B, share - penalty, penalty),
    ]);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([aShare + penalty, share - penalty]);
  });

  it('MLL-UEX-012: a counterparty’s exit still counting down, or lapsed, is not executed: it is cleared with the lock (MLL-UEX-011)', () => {
    const counting = Lock.active();
    counting.ok(PARTY_A, 'initiateUnilateralExit');
    counting.wait(1n).ok(PARTY_B, 'initiateUnilateralExit');
    counting.wait(COUNTDOWN - 1n);
    const penalty = expectedPenaltyAmount(d, 7_072n);
    expect(counting.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, d - penalty, penalty)]);
    expect([counting.state.A.claimable, counting.state.B.claimable, counting.state.B.unilateralExit]).toEqual([
      d - penalty,
      d + penalty,
      null,
    ]);

    const lapsed = Lock.active();
    lapsed.ok(PARTY_B, 'initiateUnilateralExit');
    lapsed.wait(WINDOW).ok(PARTY_A, 'initiateUnilateralExit');
    lapsed.wait(COUNTDOWN); // B's exit lapsed at t0 + 37 days
    expect(status(lapsed, PARTY_B).unilateralExitLive).toBe(false);
    expect(lapsed.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, d - penalty, penalty)]);
  });
});

describe('MLL-UEX-013 cancelling, during the countdown only', () => {
  it('MLL-UEX-013: cancelling clears the live exit, records liveness and emits UnilateralExitCancelled', () => {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    lock.wait(10n * DAY);
    expect(lock.ok(PARTY_B, 'cancelUnilateralExit')).toEqual([{ name: 'UnilateralExitCancelled', args: { canceller: PARTY_B } }]);
    expect(lock.state.B.unilateralExit).toBe(null);
    expect(lock.state.B.lastActionAt).toBe(lock.now);
    lock.wait(COUNTDOWN);
    expect(lock.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(lock.ok(PARTY_B, 'initiateUnilateralExit')).toEqual([
      { name: 'UnilateralExitInitiated', args: { initiator: PARTY_B, executeAfter: lock.now + COUNTDOWN } },
    ]);
  });

  it('MLL-UEX-013: one second before executeAfter the exit can be cancelled; from executeAfter ExitCountdownElapsed(executeAfter) until it lapses, then NoActiveUnilateralExit', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    const executeAfter = lock.now + COUNTDOWN;
    expect(
      names(
        fork(lock)
          .at(executeAfter - 1n)
          .ok(PARTY_A, 'cancelUnilateralExit'),
      ),
    ).toEqual(['UnilateralExitCancelled']);
    lock.at(executeAfter);
    expect(lock.reverts(PARTY_A, 'cancelUnilateralExit')).toEqual({ name: 'ExitCountdownElapsed', executeAfter });
    lock.at(executeAfter + WINDOW - 1n);
    expect(lock.reverts(PARTY_A, 'cancelUnilateralExit')).toEqual({ name: 'ExitCountdownElapsed', executeAfter });
    expect(status(lock, PARTY_A).unilateralExitLive).toBe(true); // still executable
    lock.wait(1n);
    expect(lock.reverts(PARTY_A, 'cancelUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
  });

  it('MLL-UEX-013: issue 8: when both exits are executable, B can no longer cancel to escape its penalty, so B’s cancel and A’s execution give the same in either order', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    lock.wait(COUNTDOWN);
    const cancelFirst = fork(lock);
    expect(cancelFirst.reverts(PARTY_B, 'cancelUnilateralExit').name).toBe('ExitCountdownElapsed');
    cancelFirst.ok(PARTY_A, 'executeUnilateralExit');
    lock.ok(PARTY_A, 'executeUnilateralExit');
    expect(lock.reverts(PARTY_B, 'cancelUnilateralExit').name).toBe('WrongPhase');
    expect(cancelFirst.state).toEqual(lock.state);
    expect([lock.state.A.claimable, lock.state.B.claimable]).toEqual([d, d]);
  });
});

describe('MLL-PEX-005 no acceptance once the proposer’s exit is executable', () => {
  /** A initiates at t0 and proposes a second before its countdown ends; the clock at the end. */
  function offeredAndExecutable(): Lock {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.t0 + COUNTDOWN - 1n).ok(PARTY_A, 'proposeExit');
    return lock.wait(1n);
  }

  it('MLL-PEX-005: issue 8, found by the search at depth 3: B’s acceptance of A’s offer reverts CounterpartyExitExecutable, so it and A’s execution give the same in either order', () => {
    const penalty = expectedPenaltyAmount(d, 7_072n);
    const acceptFirst = offeredAndExecutable();
    expect(acceptFirst.reverts(PARTY_B, 'proposeExit')).toEqual({ name: 'CounterpartyExitExecutable' });
    expect(acceptFirst.ok(PARTY_A, 'executeUnilateralExit')).toEqual([executed(PARTY_A, d - penalty, penalty)]);
    const executeFirst = offeredAndExecutable();
    executeFirst.ok(PARTY_A, 'executeUnilateralExit');
    expect(executeFirst.reverts(PARTY_B, 'proposeExit')).toEqual({ name: 'WrongPhase', expected: 1, actual: 2 });
    expect(acceptFirst.state).toEqual(executeFirst.state); // accepted first, the lock had ended in peace: A with d, not d − 0.07072
  });

  it('MLL-PEX-005: a second before the countdown ends the offer is accepted; A can still accept B’s offer; B can propose once its deposit withdrew A’s', () => {
    const before = Lock.active();
    before.ok(PARTY_A, 'initiateUnilateralExit');
    before.at(before.t0 + COUNTDOWN - 2n).ok(PARTY_A, 'proposeExit');
    before.wait(1n);
    expect(names(before.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);

    const aAccepts = Lock.active();
    aAccepts.ok(PARTY_A, 'initiateUnilateralExit');
    aAccepts.at(aAccepts.t0 + COUNTDOWN).ok(PARTY_B, 'proposeExit');
    expect(names(aAccepts.ok(PARTY_A, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);

    const withdrawn = offeredAndExecutable();
    expect(names(withdrawn.ok(PARTY_B, 'deposit', d))).toEqual(['ExitProposalCancelled', 'Deposited']);
    expect(names(withdrawn.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed']);
  });

  it('MLL-PEX-005: once A’s exit has lapsed, its offer still live can be accepted again', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.at(lock.t0 + COUNTDOWN + 2n * DAY).ok(PARTY_A, 'proposeExit'); // live until t0 + 39 days
    lock.at(lock.t0 + COUNTDOWN + WINDOW - 1n);
    expect(lock.reverts(PARTY_B, 'proposeExit')).toEqual({ name: 'CounterpartyExitExecutable' });
    lock.wait(1n); // A's exit lapses at t0 + 37 days
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed', 'PeacefulExit']);
  });
});
