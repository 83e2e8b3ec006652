/**
 * Unit checks of spec/views-events.md (MLL-VIEW-001 … MLL-VIEW-007): getPoolState,
 * getExitPenalty, getPartyStatus, the accessors kept from the deployed contract, the events and
 * their argument order, and some rows of the table of interface changes.
 *
 * At the defaults d = 0.1 ether, T = 30 days, G = 1, r = 50 bps/day, P_max 8000, P_min 1500, n = 7.
 */
import { describe, expect, it } from 'vitest';
import type { LockEvent } from '../../reference/index.js';
import {
  Phase,
  agreement,
  claimableOf,
  deploy,
  getExitPenalty,
  getLockStatus,
  getPartyStatus,
  getPoolState,
} from '../../reference/index.js';
import { expectedPenaltyAmount, expectedPenaltyBps, expectedRetainedShareExact } from '../../properties/oracle.js';
import { DAY, Lock, PARTY_A, PARTY_B, STRANGER, T, aBehindBAhead, d, defaults, eventNamed, names, status } from '../support/harness.js';

const G = defaults.gracePeriods;
const R = defaults.bleedRateBpsPerDay;

describe('MLL-VIEW-001: getPoolState', () => {
  it('MLL-VIEW-001: reports both shares as settled at the block time, without changing storage', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + 3n * DAY + 100n);
    const keptA = expectedRetainedShareExact(d, R, 3n);
    expect(getPoolState(lock.state, lock.now)).toEqual({
      shareA: keptA,
      shareB: 4n * d + (d - keptA),
      totalPool: 5n * d,
      phase: Phase.Active,
    });
    // the stored shares are untouched by the query
    expect([lock.state.A.share, lock.state.B.share]).toEqual([d, 4n * d]);
  });

  it('MLL-VIEW-001: a part-day of bleed does not show: 1 s before a whole day the shares are as paid', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + DAY - 1n);
    expect(getPoolState(lock.state, lock.now)).toEqual({ shareA: d, shareB: 4n * d, totalPool: 5n * d, phase: 1 });
    lock.wait(1n);
    expect(getPoolState(lock.state, lock.now).shareA).toBe(expectedRetainedShareExact(d, R, 1n));
  });

  it('MLL-VIEW-001: two queries at the same block time agree whatever pokes came before', () => {
    const quiet = aBehindBAhead();
    const poked = aBehindBAhead();
    const t0 = poked.t0;
    for (const offset of [T, 2n * T + 5n, 2n * T + DAY + 1n, 2n * T + 2n * DAY + 3n]) {
      poked.at(t0 + offset);
      poked.ok(STRANGER, 'applyBleeding');
      poked.ok(PARTY_B, 'applyBleeding');
    }
    const at = t0 + 2n * T + 4n * DAY;
    quiet.at(at);
    poked.at(at);
    expect(getPoolState(poked.state, at)).toEqual(getPoolState(quiet.state, at));
    expect(getPoolState(quiet.state, at).shareA).toBe(expectedRetainedShareExact(d, R, 4n));
  });

  it('MLL-VIEW-001: before activation it reports the activation deposits and phase 0; after the end zeros and phase 2', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 3n * d);
    expect(getPoolState(lock.state, lock.now)).toEqual({ shareA: 3n * d, shareB: 0n, totalPool: 3n * d, phase: 0 });
    lock.wait(7n * DAY);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(getPoolState(lock.state, lock.now)).toEqual({ shareA: 0n, shareB: 0n, totalPool: 0n, phase: 2 });
  });
});

describe('MLL-VIEW-002: getExitPenalty', () => {
  it('MLL-VIEW-002: penalty(counted) at the defaults: 7072, 6143, 4286, 1500, 1500 bps at m = 1, 2, 4, 7, 10', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    lock.ok(PARTY_B, 'activate', 4n * d);
    const t0 = lock.t0;
    const cases: [bigint, bigint, bigint][] = [
      [0n, 1n, 7_072n],
      [1n, 2n, 6_143n],
      [3n, 4n, 4_286n],
    ];
    for (const [k, m, bps] of cases) {
      lock.at(t0 + k * T);
      expect(expectedPenaltyBps(defaults, m)).toBe(bps);
      expect(getExitPenalty(lock.state, PARTY_A, lock.now)).toBe(bps);
    }
    // pay up to 10 intervals on schedule
    lock.at(t0 + 6n * T);
    lock.ok(PARTY_A, 'deposit', 3n * d);
    expect(getExitPenalty(lock.state, PARTY_A, lock.now)).toBe(1_500n);
    lock.at(t0 + 9n * T);
    lock.ok(PARTY_A, 'deposit', 3n * d);
    expect(status(lock, PARTY_A).countedIntervals).toBe(10n);
    expect(getExitPenalty(lock.state, PARTY_A, lock.now)).toBe(1_500n);
  });

  it('MLL-VIEW-002: before activation the counted intervals are 0 and the rate is P_max', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 4n * d);
    expect(getExitPenalty(lock.state, PARTY_A, lock.now)).toBe(8_000n);
  });

  it('MLL-VIEW-002: other bounds: P_max 9000, P_min 0, n = 3 give 6000, 3000, 0 at m = 1, 2, 3', () => {
    const bounds = { exitPenaltyMaxBps: 9_000n, exitPenaltyMinBps: 0n, penaltyDecayTarget: 3n };
    const lock = Lock.active(bounds);
    const expected = (m: bigint): bigint => expectedPenaltyBps({ ...defaults, ...bounds }, m);
    for (const m of [1n, 2n, 3n]) {
      lock.at(lock.t0 + (m - 1n) * T);
      if (m > 1n) lock.ok(PARTY_A, 'deposit', d);
      expect(getExitPenalty(lock.state, PARTY_A, lock.now)).toBe(expected(m));
    }
    expect([expected(1n), expected(2n), expected(3n)]).toEqual([6_000n, 3_000n, 0n]);
  });

  it('MLL-VIEW-002: the rate is reported before any waiver: a compliant party facing a defaulter still sees penalty(counted)', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + DAY); // A a day in default, B compliant: B's exit would be waived
    expect(getExitPenalty(lock.state, PARTY_B, lock.now)).toBe(expectedPenaltyBps(defaults, 3n));
    lock.ok(PARTY_B, 'initiateUnilateralExit');
    expect(status(lock, PARTY_B).frozenPenaltyBps).toBe(0n);
  });

  it('MLL-VIEW-002: a non-party reverts NotParty', () => {
    const lock = Lock.active();
    expect(getExitPenalty(lock.state, STRANGER, lock.now)).toEqual({ name: 'NotParty' });
  });
});

describe('MLL-VIEW-003: getPartyStatus', () => {
  it('MLL-VIEW-003: before activation: reached, counted and defaultStartsAt are 0, nothing live', () => {
    const lock = new Lock();
    lock.wait(5n);
    lock.ok(PARTY_A, 'activate', 2n * d);
    expect(status(lock, PARTY_A)).toEqual({
      share: 2n * d,
      paidIntervals: 2n,
      reachedIntervals: 0n,
      countedIntervals: 0n,
      inDefault: false,
      defaultStartsAt: 0n,
      bleedSeconds: 0n,
      lastActionAt: lock.state.createdAt + 5n,
      exitProposalLive: false,
      unilateralExitLive: false,
      executeAfter: 0n,
      frozenPenaltyBps: 0n,
      exitPenaltyBps: defaults.exitPenaltyMaxBps,
      claimable: 0n,
    });
  });

  it('MLL-VIEW-003: a defaulter mid-countdown: settled share, raw bleed seconds, live exit with its executeAfter and frozen rate', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    const initiatedAt = t0 + (1n + G) * T + DAY;
    lock.at(initiatedAt);
    lock.ok(PARTY_A, 'initiateUnilateralExit'); // A in default: no waiver, rate penalty(1)
    lock.ok(PARTY_A, 'proposeExit');
    lock.at(initiatedAt + 2n * DAY + 100n);
    expect(status(lock, PARTY_A)).toEqual({
      share: expectedRetainedShareExact(d, R, 3n),
      paidIntervals: 1n,
      reachedIntervals: 3n,
      countedIntervals: 1n,
      inDefault: true,
      defaultStartsAt: t0 + (1n + G) * T,
      bleedSeconds: 3n * DAY + 100n,
      lastActionAt: initiatedAt,
      exitProposalLive: true,
      unilateralExitLive: true,
      executeAfter: initiatedAt + 30n * DAY,
      frozenPenaltyBps: 7_072n,
      exitPenaltyBps: expectedPenaltyBps(defaults, 1n),
      claimable: 0n,
    });
    expect(status(lock, PARTY_B)).toEqual({
      share: 4n * d + (d - expectedRetainedShareExact(d, R, 3n)),
      paidIntervals: 4n,
      reachedIntervals: 3n,
      countedIntervals: 3n,
      inDefault: false,
      defaultStartsAt: t0 + (4n + G) * T,
      bleedSeconds: 0n,
      lastActionAt: t0,
      exitProposalLive: false,
      unilateralExitLive: false,
      executeAfter: 0n,
      frozenPenaltyBps: 0n,
      exitPenaltyBps: expectedPenaltyBps(defaults, 3n),
      claimable: 0n,
    });
  });

  it('MLL-VIEW-003: a lapsed exit reports unilateralExitLive false and executeAfter = frozenPenaltyBps = 0', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    const executeAfter = lock.t0 + 30n * DAY;
    lock.at(executeAfter + 7n * DAY - 1n);
    expect(status(lock, PARTY_A).unilateralExitLive).toBe(true);
    expect(status(lock, PARTY_A).executeAfter).toBe(executeAfter);
    expect(status(lock, PARTY_A).frozenPenaltyBps).toBe(7_072n);
    lock.at(executeAfter + 7n * DAY);
    const s = status(lock, PARTY_A);
    expect([s.unilateralExitLive, s.executeAfter, s.frozenPenaltyBps]).toEqual([false, 0n, 0n]);
  });

  it('MLL-VIEW-003: a proposal is reported live until 7 days after it was made', () => {
    const lock = Lock.active();
    lock.ok(PARTY_B, 'proposeExit');
    lock.at(lock.t0 + 7n * DAY - 1n);
    expect(status(lock, PARTY_B).exitProposalLive).toBe(true);
    lock.at(lock.t0 + 7n * DAY);
    expect(status(lock, PARTY_B).exitProposalLive).toBe(false);
  });

  it('MLL-VIEW-003: after the end it reports the claimable, a zero share and no default', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.ok(PARTY_B, 'proposeExit');
    lock.at(lock.t0 + 10n * T);
    const s = status(lock, PARTY_B);
    expect([s.share, s.claimable, s.inDefault, s.exitProposalLive, s.bleedSeconds]).toEqual([0n, d, false, false, 0n]);
  });

  it('MLL-VIEW-003: a non-party reverts NotParty', () => {
    const lock = Lock.active();
    expect(getPartyStatus(lock.state, STRANGER, lock.now)).toEqual({ name: 'NotParty' });
  });
});

describe('MLL-VIEW-004: accessors kept from the deployed contract', () => {
  const FIELDS = [
    'partyA',
    'partyB',
    'depositAmount',
    'depositInterval',
    'bleedRatePerDay',
    'gracePeriodsAllowed',
    'exitPenaltyMaxBps',
    'exitPenaltyMinBps',
    'penaltyDecayTarget',
    'exitCountdown',
    'phase',
    'createdAt',
    'activatedAt',
  ];

  it('MLL-VIEW-004: agreement() returns the deployed fields in order; activatedAt is 0 before activation', () => {
    const lock = new Lock({
      depositAmount: 5n,
      depositInterval: 7_200n,
      bleedRateBpsPerDay: 9n,
      gracePeriods: 3n,
      exitPenaltyMaxBps: 900n,
      exitPenaltyMinBps: 100n,
      penaltyDecayTarget: 11n,
    });
    const a = agreement(lock.state);
    expect(Object.keys(a)).toEqual(FIELDS);
    expect(Object.values(a)).toEqual([PARTY_A, PARTY_B, 5n, 7_200n, 9n, 3n, 900n, 100n, 11n, 30n * 86_400n, 0, lock.state.createdAt, 0n]);
  });

  it('MLL-VIEW-004: agreement() follows phase and activatedAt', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', d);
    lock.wait(3n * DAY);
    lock.ok(PARTY_B, 'activate', d);
    expect(agreement(lock.state).phase).toBe(1);
    expect(agreement(lock.state).activatedAt).toBe(lock.state.createdAt + 3n * DAY);
    lock.ok(PARTY_A, 'proposeExit');
    lock.ok(PARTY_B, 'proposeExit');
    expect(agreement(lock.state).phase).toBe(2);
  });

  it("MLL-VIEW-004: claimable(address) is each party's claimable and 0 for anyone else", () => {
    const lock = new Lock();
    lock.ok(PARTY_B, 'activate', 3n * d);
    expect(claimableOf(lock.state, PARTY_B)).toBe(0n);
    lock.wait(7n * DAY);
    lock.ok(PARTY_A, 'cancelInactive');
    expect(claimableOf(lock.state, PARTY_A)).toBe(0n);
    expect(claimableOf(lock.state, PARTY_B)).toBe(3n * d);
    expect(claimableOf(lock.state, STRANGER)).toBe(0n);
  });
});

describe('MLL-VIEW-005: events', () => {
  const SIGNATURES: Record<LockEvent['name'], string[]> = {
    AgreementCreated: ['partyA', 'partyB', 'depositAmount', 'interval'],
    AgreementActivated: ['activatedAt'],
    Deposited: ['party', 'amount', 'newShare'],
    BleedingApplied: ['from', 'to', 'amount'],
    ExitProposed: ['party'],
    ExitProposalCancelled: ['party'],
    PeacefulExit: ['shareA', 'shareB'],
    UnilateralExitInitiated: ['initiator', 'executeAfter'],
    UnilateralExitCancelled: ['canceller'],
    UnilateralExitExecuted: ['initiator', 'received', 'penaltyPaid'],
    AbandonedClaimed: ['claimer', 'amount'],
    InactiveCancelled: ['party', 'refund'],
    SurplusCredited: ['toA', 'toB'],
    Withdrawn: ['party', 'amount'],
  };

  it('MLL-VIEW-005: every event of the table is emitted somewhere, with its arguments in signature order', () => {
    const seen: LockEvent[] = [];
    const deployed = deploy(defaults, 1n);
    if (deployed.ok) seen.push(...deployed.events);
    // activation, deposit, proposals, bleeding, peaceful exit, surplus, withdrawal
    const a = aBehindBAhead();
    a.at(a.t0 + (1n + G) * T + 2n * DAY);
    seen.push(...a.ok(PARTY_A, 'proposeExit'), ...a.ok(PARTY_A, 'cancelExitProposal'));
    seen.push(...a.ok(PARTY_A, 'proposeExit'), ...a.ok(PARTY_B, 'proposeExit'));
    a.force(3n);
    seen.push(...a.ok(PARTY_A, 'withdraw'));
    // unilateral exit: initiate, cancel, initiate, execute
    const u = Lock.active();
    seen.push(...u.ok(PARTY_A, 'initiateUnilateralExit'), ...u.ok(PARTY_A, 'cancelUnilateralExit'));
    seen.push(...u.ok(PARTY_A, 'initiateUnilateralExit'));
    u.wait(30n * DAY);
    seen.push(...u.ok(PARTY_A, 'executeUnilateralExit'));
    // abandonment
    const b = aBehindBAhead();
    b.at(b.t0 + 90n * DAY + 1n);
    seen.push(...b.ok(PARTY_B, 'claimAbandoned'));
    // activation and cancellation
    const c = new Lock();
    seen.push(...c.ok(PARTY_A, 'activate', d));
    c.wait(7n * DAY);
    seen.push(...c.ok(PARTY_B, 'cancelInactive'));
    const d2 = new Lock();
    d2.ok(PARTY_A, 'activate', d);
    seen.push(...d2.ok(PARTY_B, 'activate', d));

    for (const [name, keys] of Object.entries(SIGNATURES)) {
      const event = seen.find((e) => e.name === name);
      expect(event, name).toBeDefined();
      expect(Object.keys(event?.args ?? {}), name).toEqual(keys);
    }
  });

  it('MLL-VIEW-005: a peaceful exit with pending bleed emits ExitProposed, BleedingApplied, PeacefulExit with exact arguments', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + 2n * DAY + 7n);
    lock.ok(PARTY_A, 'proposeExit');
    lock.wait(3n);
    const keptA = expectedRetainedShareExact(d, R, 2n); // 0.990025 · d
    const bled = d - keptA;
    expect(lock.ok(PARTY_B, 'proposeExit')).toEqual([
      { name: 'ExitProposed', args: { party: PARTY_B } },
      { name: 'BleedingApplied', args: { from: PARTY_A, to: PARTY_B, amount: bled } },
      { name: 'PeacefulExit', args: { shareA: keptA, shareB: 4n * d + bled } },
    ]);
  });

  it('MLL-VIEW-005: a unilateral exit executed with pending bleed emits BleedingApplied then UnilateralExitExecuted(initiator, received, penaltyPaid)', () => {
    const lock = aBehindBAhead();
    const t0 = lock.t0;
    // A initiates 27 days before its default starts (counted 1: rate 7072, no waiver) …
    lock.at(t0 + (1n + G) * T - 27n * DAY);
    expect(eventNamed(lock.ok(PARTY_A, 'initiateUnilateralExit'), 'UnilateralExitInitiated').args).toEqual({
      initiator: PARTY_A,
      executeAfter: t0 + (1n + G) * T + 3n * DAY,
    });
    // … and executes as the countdown ends, after 3 days of default
    lock.at(t0 + (1n + G) * T + 3n * DAY);
    const keptA = expectedRetainedShareExact(d, R, 3n);
    const penaltyPaid = expectedPenaltyAmount(keptA, 7_072n);
    expect(lock.ok(PARTY_A, 'executeUnilateralExit')).toEqual([
      { name: 'BleedingApplied', args: { from: PARTY_A, to: PARTY_B, amount: d - keptA } },
      { name: 'UnilateralExitExecuted', args: { initiator: PARTY_A, received: keptA - penaltyPaid, penaltyPaid } },
    ]);
    expect(lock.state.B.claimable).toBe(4n * d + (d - keptA) + penaltyPaid);
  });

  it('MLL-VIEW-005: a reverted call emits nothing', () => {
    const lock = Lock.active();
    const outcome = lock.call(PARTY_A, 'deposit', d + 1n);
    expect(outcome.ok).toBe(false);
    expect(outcome).not.toHaveProperty('events');
  });
});

describe('MLL-VIEW-006: changes from the deployed interface', () => {
  it('MLL-VIEW-006: applyBleeding advances clocks only and emits nothing (deployed: moved value, emitted BleedingApplied)', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + 3n * DAY);
    expect(lock.ok(STRANGER, 'applyBleeding')).toEqual([]);
    expect([lock.state.A.share, lock.state.B.share]).toEqual([d, 4n * d]);
    expect(lock.state.A.bleedClock).toBe(3n * DAY);
  });

  it('MLL-VIEW-006: BleedingApplied only when a settlement moves value (a deposit with under a day of default emits none)', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + (1n + G) * T + DAY - 1n);
    expect(names(lock.ok(PARTY_A, 'deposit', d))).toEqual(['Deposited']);
  });

  it('MLL-VIEW-006: deposit of 2.5·d reverts InvalidDepositValue (deployed: any wei amount)', () => {
    const lock = Lock.active();
    expect(lock.reverts(PARTY_A, 'deposit', (5n * d) / 2n)).toEqual({ name: 'InvalidDepositValue' });
  });

  it('MLL-VIEW-006: activate is capped at 4·d (deployed: any value ≥ d)', () => {
    expect(new Lock().reverts(PARTY_A, 'activate', 5n * d)).toEqual({ name: 'PrepaymentLimitExceeded', maxValue: 4n * d });
  });

  it('MLL-VIEW-006: non-payable functions revert UnexpectedValue on value (deployed: no data)', () => {
    const lock = Lock.active();
    expect(lock.reverts(PARTY_A, 'proposeExit', 1n)).toEqual({ name: 'UnexpectedValue' });
  });

  it('MLL-VIEW-006: receive() reverts DirectTransferRejected (deployed: a string)', () => {
    expect(Lock.active().reverts(STRANGER, 'receive', d)).toEqual({ name: 'DirectTransferRejected' });
  });

  it('MLL-VIEW-006: getMissedPeriods(party) is getPartyStatus(party).reachedIntervals − paidIntervals', () => {
    const lock = Lock.active();
    lock.at(lock.t0 + 5n * T + 1n); // reached ⌊(5T + 1)/T⌋ + 1 = 6, paid 1
    const s = status(lock, PARTY_A);
    expect(s.reachedIntervals - s.paidIntervals).toBe(6n - 1n);
  });

  it('MLL-VIEW-006: pendingExit() is replaced by getPartyStatus fields; one exit per party, executed by its initiator only', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'initiateUnilateralExit');
    lock.ok(PARTY_B, 'initiateUnilateralExit'); // B's own exit, not blocked by A's
    const a = status(lock, PARTY_A);
    expect([a.unilateralExitLive, a.executeAfter, a.frozenPenaltyBps]).toEqual([true, lock.t0 + 30n * DAY, 7_072n]);
    lock.wait(30n * DAY - 1n);
    lock.ok(PARTY_B, 'cancelUnilateralExit'); // during its countdown (MLL-UEX-013)
    lock.wait(1n);
    // B cannot execute A's exit
    expect(lock.reverts(PARTY_B, 'executeUnilateralExit')).toEqual({ name: 'NoActiveUnilateralExit' });
    expect(names(lock.ok(PARTY_A, 'executeUnilateralExit'))).toEqual(['UnilateralExitExecuted']);
  });

  it('MLL-VIEW-006: getExitPenalty of a non-party reverts NotParty (deployed: answers)', () => {
    const lock = Lock.active();
    expect(getExitPenalty(lock.state, STRANGER, lock.now)).toEqual({ name: 'NotParty' });
  });

  it('MLL-VIEW-006: proposals lapse after 7 days (deployed: never)', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.at(lock.t0 + 7n * DAY);
    expect(names(lock.ok(PARTY_B, 'proposeExit'))).toEqual(['ExitProposed']);
    expect(lock.state.phase).toBe(1);
  });

  it('MLL-VIEW-006: claimAbandoned gives the claimer its share plus the penalty, not everything; the silent party keeps the rest', () => {
    const lock = aBehindBAhead();
    lock.at(lock.t0 + 90n * DAY + 1n);
    const pool = getPoolState(lock.state, lock.now);
    const penaltyPaid = expectedPenaltyAmount(pool.shareA, expectedPenaltyBps(defaults, 1n)); // A counted min(1, 4) = 1
    const events = lock.ok(PARTY_B, 'claimAbandoned');
    expect(eventNamed(events, 'AbandonedClaimed').args).toEqual({ claimer: PARTY_B, amount: pool.shareB + penaltyPaid });
    expect(lock.state.A.claimable).toBe(pool.shareA - penaltyPaid);
    expect(lock.state.A.claimable).toBeGreaterThan(0n);
  });

  it('MLL-VIEW-006: cancelInactive counts from the first activation and InactiveCancelled reports the total refunded', () => {
    const lock = new Lock();
    lock.wait(6n * DAY);
    lock.ok(PARTY_B, 'activate', 2n * d);
    lock.at(lock.state.createdAt + 7n * DAY); // deployed: open from here
    expect(lock.reverts(PARTY_A, 'cancelInactive')).toEqual({ name: 'ActivationWindowOpen', closesAt: lock.state.createdAt + 13n * DAY });
    lock.at(lock.state.createdAt + 13n * DAY);
    expect(lock.ok(PARTY_A, 'cancelInactive')).toEqual([{ name: 'InactiveCancelled', args: { party: PARTY_A, refund: 2n * d } }]);
    expect(lock.state.B.claimable).toBe(2n * d);
  });

  it('MLL-VIEW-006: SurplusCredited is new: forced ether is split at the first withdrawal after the end', () => {
    const lock = Lock.active();
    lock.ok(PARTY_A, 'proposeExit');
    lock.ok(PARTY_B, 'proposeExit');
    lock.force(9n);
    expect(names(lock.ok(PARTY_A, 'withdraw'))).toEqual(['SurplusCredited', 'Withdrawn']);
  });
});

describe('MLL-VIEW-007: getLockStatus', () => {
  it('MLL-VIEW-007: before activation: phase 0, activatedAt 0, each party as getPartyStatus reports it', () => {
    const lock = new Lock();
    lock.ok(PARTY_A, 'activate', 2n * d);
    const all = getLockStatus(lock.state, lock.now);
    expect([all.phase, all.activatedAt]).toEqual([Phase.Inactive, 0n]);
    expect(all.A).toEqual(status(lock, PARTY_A));
    expect(all.B).toEqual(status(lock, PARTY_B));
    expect([all.A.paidIntervals, all.B.paidIntervals]).toEqual([2n, 0n]);
  });

  it('MLL-VIEW-007: an active lock mid-default: t0, and both statuses at the query time, penalty rate included', () => {
    const lock = aBehindBAhead();
    const at = lock.t0 + (1n + G) * T + 5n * DAY;
    lock.at(at);
    const all = getLockStatus(lock.state, at);
    expect([all.phase, all.activatedAt]).toEqual([Phase.Active, lock.t0]);
    expect(all.A).toEqual(status(lock, PARTY_A));
    expect(all.B).toEqual(status(lock, PARTY_B));
    // A paid 1 interval of the 3 reached: counted 1; B prepaid: counted = reached = 3
    expect([all.A.exitPenaltyBps, all.B.exitPenaltyBps]).toEqual([expectedPenaltyBps(defaults, 1n), expectedPenaltyBps(defaults, 3n)]);
    expect(all.A.inDefault).toBe(true);
  });
});
