/**
 * Adversarial games for spec/guarantees.md (MLL-GUA): one party follows a stated profile, the
 * other (with a stranger beside it) plays fast-check-generated moves — any function, any value
 * choice, times aimed at schedule edges (scenario.ts's TimeStep, edges, resolveTime and
 * resolveValue) — and each property checks what the guarantee promises the profiled party, to the
 * wei.
 *
 * A game is planned on the reference, step by step from its views, as a scenario's symbolic times
 * are (run-scenario.ts): the profile reacts to the schedule, the adversary's moves resolve when
 * they come, and the lock is then driven to its end and both parties withdraw. The planned steps
 * are then run on the driver under test with the reference beside it (run-scenario.ts's replay):
 * the checks read the values under test (results, events, claimables) from the implementation and
 * the spec's predicates (in default, bleed clock, counted intervals) from the reference, and their
 * formulas from oracle.ts, never from reference/.
 * @module
 */
import * as fc from 'fast-check';
import type { Address, FunctionName, LockEvent, LockState, Params, Role } from '../reference/index.js';
import {
  ACTIVATION_WINDOW,
  DAY,
  EXIT_EXECUTION_WINDOW,
  Phase,
  articleDefaults,
  deploy,
  execute,
  getLockStatus,
} from '../reference/index.js';
import type { ActorName } from './actors.js';
import { PARTY_A, PARTY_B, addressOfActor } from './actors.js';
import { firstDifference } from './compare.js';
import type { DriverFactory, Observation } from './driver.js';
import { expectedPenaltyAmount, expectedPenaltyBps, expectedSilenceThreshold } from './oracle.js';
import type { ResolvedAction, ResolvedStep, StepCheck, Trace, TraceEntry } from './run-scenario.js';
import { replay, resolveTime, resolveValue } from './run-scenario.js';
import type { Action, Scenario, Step, TimeStep } from './scenario.js';
import { callArb, edges, playArb } from './scenario.js';
import { interleavePokes } from './transforms.js';
import { ensure } from './violation.js';

/** How the profiled party behaves. */
export const profiles = ['pays on time', 'pays late within grace', 'goes silent', 'wakes after silence'] as const;
export type Profile = (typeof profiles)[number];

/** One adversary move: a scenario step by the adversary or a stranger, and whether it lands before the profile's call in a shared second. */
export interface Move extends Step {
  readonly beforeProfile: boolean;
}

export interface Game {
  readonly params: Params;
  readonly deployTime: bigint;
  /** The party that follows the profile; the other is the adversary. */
  readonly profiled: Role;
  readonly profile: Profile;
  /** Intervals the adversary pays on activating, `gap` seconds after the profiled party (0: it never activates in the opening). */
  readonly adversaryActivation: { readonly intervals: bigint; readonly gap: bigint };
  /** `pays late within grace`: seconds after each due date, at most G·T (its default-start second). */
  readonly lateness: bigint;
  /** `wakes after silence`: when it wakes, resolved once after the opening. */
  readonly wake: TimeStep;
  readonly moves: readonly Move[];
  /** The profiled party's own unilateral exit after the moves (MLL-GUA-006's games): initiated at `at`, executed `offset` s after its countdown. */
  readonly leave: { readonly at: TimeStep; readonly offset: bigint } | null;
}

/** A game's steps as planned on the reference: the moves and the profile, then (from `finishFrom`) the drive to the end and the withdrawals. */
export interface Plan {
  readonly steps: readonly ResolvedStep[];
  readonly finishFrom: number;
  /** Whether the lock ended within the step limit, so the credits are final. */
  readonly ended: boolean;
  /** When a waking party wakes. */
  readonly wakeAt: bigint;
  /** Whether every call of the profile succeeded on the reference: the party did follow its profile. */
  readonly profileKept: boolean;
}

/** A game with its plan: a scenario whose steps are the plan's, so a timeline replays it as run. */
export interface GameScenario extends Scenario {
  readonly game: Game;
  readonly plan: Plan;
}

const other = (role: Role): Role => (role === 'A' ? 'B' : 'A');
const roles: readonly Role[] = ['A', 'B'];
/** At most this many calls in a game: past it the game is not judged. */
const STEP_LIMIT = 400;

/** The reference lock a game is planned on: its state, the time, and the calls so far. */
class Sim {
  state: LockState | null;
  now: bigint;
  readonly steps: ResolvedStep[] = [];

  constructor(
    readonly params: Params,
    deployTime: bigint,
  ) {
    const deployed = deploy(params, deployTime);
    this.state = deployed.ok ? deployed.state : null;
    this.now = deployTime;
  }

  observe(time: bigint = this.now): Observation {
    const state = this.state!;
    return { time, balance: state.balance, ...getLockStatus(state, time) };
  }

  /** Takes one call at `time` (never before now); whether it succeeded. */
  call(time: bigint, action: ResolvedAction & { kind: 'call' }): boolean {
    const at = time > this.now ? time : this.now;
    this.steps.push({ time: at, action });
    this.now = at;
    const outcome = execute(this.state!, action.fn, {
      from: addressOfActor[action.actor],
      value: action.value,
      now: at,
      rejectsEther: false,
    });
    if (outcome.ok) this.state = outcome.state;
    return outcome.ok;
  }

  replay(steps: readonly ResolvedStep[]): void {
    for (const step of steps) if (step.action.kind === 'call') this.call(step.time, step.action);
  }
}

const callOf = (actor: ActorName, fn: FunctionName, value = 0n): ResolvedAction & { kind: 'call' } => ({ kind: 'call', actor, fn, value });

/** The profiled party's behaviour, driven by the reference's views. */
class Player {
  woken: boolean;
  acted: boolean;
  kept = true;

  constructor(
    readonly game: Game,
    readonly sim: Sim,
    readonly wakeAt: bigint,
    script: readonly ResolvedStep[] = [],
  ) {
    const own = script.filter((s) => s.action.kind === 'call' && s.action.actor === game.profiled);
    this.woken = own.some((s) => s.time >= wakeAt && s.action.kind === 'call' && s.action.fn === 'deposit');
    this.acted = this.woken;
  }

  /** The profile's next call and its time, or null when it has nothing more to do. */
  next(): { time: bigint; action: ResolvedAction & { kind: 'call' } } | null {
    const { game, sim } = this;
    const X = game.profiled;
    const obs = sim.observe();
    if (obs.phase !== Phase.Active || !this.kept) return null;
    const { depositInterval: T, depositAmount: d, gracePeriods: G } = game.params;
    const onSchedule = (lateness: bigint) => {
      const due = obs.activatedAt + obs[X].paidIntervals * T + lateness;
      return { time: due > sim.now ? due : sim.now, action: callOf(X, 'deposit', d) };
    };
    switch (game.profile) {
      case 'goes silent':
        return null;
      case 'pays on time':
        return onSchedule(0n);
      case 'pays late within grace':
        return onSchedule(game.lateness < G * T ? game.lateness : G * T);
      case 'wakes after silence': {
        if (!this.woken) {
          const time = this.wakeAt > sim.now ? this.wakeAt : sim.now;
          const arrears = resolveValue({ base: 'arrears', intervals: 0n, offset: 0n }, X, sim.observe(time), game.params);
          return { time, action: callOf(X, 'deposit', arrears > 0n ? arrears : d) };
        }
        if (!this.acted) return { time: sim.now, action: callOf(X, 'claimAbandoned') };
        return onSchedule(0n);
      }
    }
  }

  /** Takes the profile's calls due before `time` (at it too when `inclusive`). */
  until(time: bigint, inclusive: boolean): void {
    for (let next = this.next(); next !== null && this.sim.steps.length < STEP_LIMIT; next = this.next()) {
      if (next.time > time || (next.time === time && !inclusive)) return;
      const ok = this.sim.call(next.time, next.action);
      if (next.action.fn === 'deposit' && !this.woken) this.woken = true;
      else if (next.action.fn === 'claimAbandoned') this.acted = true;
      // a deposit the reference refuses while the lock is active means the party could not follow its profile
      else if (!ok && next.action.fn === 'deposit') this.kept = false;
    }
  }
}

/** Drives the lock to its end from where `sim` stands, the profile playing on, then both parties withdraw. */
function finish(game: Game, sim: Sim, player: Player): void {
  const X = game.profiled;
  const Y = other(X);
  const exitOf = (role: Role) => {
    const party = sim.observe()[role];
    return party.unilateralExitLive ? party.executeAfter : null;
  };
  if (game.leave !== null && sim.observe().phase === Phase.Active) {
    const at = resolveTime(game.leave.at, sim.now, sim.observe(), game.params);
    player.until(at, false);
    if (sim.observe(at).phase === Phase.Active && exitOf(X) === null) sim.call(at, callOf(X, 'initiateUnilateralExit'));
    const executeAfter = exitOf(X);
    if (executeAfter !== null) {
      const when = executeAfter + game.leave.offset;
      player.until(when, false);
      if (sim.observe(when).phase === Phase.Active) sim.call(when, callOf(X, 'executeUnilateralExit'));
    }
  }
  for (let round = 0; round < 3 && sim.observe().phase !== Phase.Exited && sim.steps.length < STEP_LIMIT; round++) {
    const obs = sim.observe();
    if (obs.phase === Phase.Inactive) {
      const state = sim.state!;
      const closesAt = (state.firstActivatedAt ?? state.createdAt) + ACTIVATION_WINDOW;
      sim.call(closesAt, callOf(Y, 'cancelInactive'));
      continue;
    }
    if (exitOf(Y) === null) sim.call(sim.now, callOf(Y, 'initiateUnilateralExit'));
    const executeAfter = exitOf(Y);
    if (executeAfter === null) continue;
    player.until(executeAfter, true);
    if (sim.observe(executeAfter > sim.now ? executeAfter : sim.now).phase === Phase.Active)
      sim.call(executeAfter, callOf(Y, 'executeUnilateralExit'));
  }
  if (sim.observe().phase === Phase.Exited) {
    sim.call(sim.now, callOf(X, 'withdraw'));
    sim.call(sim.now, callOf(Y, 'withdraw'));
  }
}

const planOf = (sim: Sim, finishFrom: number, wakeAt: bigint, player: Player): Plan => ({
  steps: sim.steps,
  finishFrom,
  ended: sim.state !== null && sim.observe().phase === Phase.Exited && sim.steps.length < STEP_LIMIT,
  wakeAt,
  profileKept: player.kept,
});

/** Plans a game on the reference: the opening, the moves with the profile between them, the end. */
export function planGame(game: Game): Plan {
  const sim = new Sim(game.params, game.deployTime);
  if (sim.state === null) return { steps: [], finishFrom: 0, ended: false, wakeAt: 0n, profileKept: true };
  const X = game.profiled;
  const Y = other(X);
  const { depositAmount: d } = game.params;
  sim.call(game.deployTime, callOf(X, 'activate', d));
  if (game.adversaryActivation.intervals > 0n)
    sim.call(game.deployTime + game.adversaryActivation.gap, callOf(Y, 'activate', game.adversaryActivation.intervals * d));
  const wakeAt = resolveTime(game.wake, sim.now, sim.observe(), game.params);
  const player = new Player(game, sim, wakeAt);
  for (const move of game.moves) {
    if (sim.steps.length >= STEP_LIMIT) break;
    const time = resolveTime(move.time, sim.now, sim.observe(), game.params);
    player.until(time, !move.beforeProfile);
    if (move.action.kind !== 'call') continue;
    const actor = move.action.actor;
    sim.call(
      time,
      callOf(actor, move.action.fn, resolveValue(move.action.value, actor, sim.observe(time > sim.now ? time : sim.now), game.params)),
    );
  }
  const finishFrom = sim.steps.length;
  finish(game, sim, player);
  return planOf(sim, finishFrom, wakeAt, player);
}

/** The game's end planned again after `script` (the plan's moves, reordered): the profile plays on and the lock is driven to its end. */
export function finishAfter(game: Game, plan: Plan, script: readonly ResolvedStep[]): Plan {
  const sim = new Sim(game.params, game.deployTime);
  sim.replay(script);
  const player = new Player(game, sim, plan.wakeAt, script);
  const finishFrom = sim.steps.length;
  finish(game, sim, player);
  return planOf(sim, finishFrom, plan.wakeAt, player);
}

/** The scenario a plan is: its steps as exact times and values, so a replay or a timeline runs it as planned. */
export function scenarioOf(game: Game, plan: Plan = planGame(game)): GameScenario {
  let last = game.deployTime;
  const steps: Step[] = plan.steps.map(({ time, action }) => {
    const step: Step = {
      time: { kind: 'after', seconds: time - last },
      action: action.kind === 'call' ? { ...action, value: { base: 'none', intervals: 0n, offset: action.value } } : action,
    };
    last = time;
    return step;
  });
  return { params: game.params, deployTime: game.deployTime, steps, game, plan };
}

// ---------------------------------------------------------------- generation

const big = (min: bigint, max: bigint) => fc.bigInt({ min, max });

/** The article's defaults with G = 0, 1 or 2, sometimes another cadence, rate or the widest penalty. */
const gameParamsArb = (penalties: readonly (readonly [bigint, bigint])[]): fc.Arbitrary<Params> =>
  fc
    .record({
      G: fc.constantFrom(0n, 1n, 0n, 1n, 2n),
      T: fc.constantFrom(30n * DAY, 30n * DAY, 30n * DAY, 45n * DAY, 10n * DAY),
      d: fc.constantFrom(10n ** 17n, 10n ** 17n, 1_000n, 7n),
      r: fc.constantFrom(50n, 50n, 1_000n, 1n),
      penalty: fc.constantFrom(...penalties),
    })
    .map(({ G, T, d, r, penalty: [max, min] }) => ({
      ...articleDefaults(PARTY_A, PARTY_B),
      gracePeriods: G,
      depositInterval: T,
      depositAmount: d,
      bleedRateBpsPerDay: r,
      exitPenaltyMaxBps: max,
      exitPenaltyMinBps: min,
    }));

const articlePenalty = [articleDefaults(PARTY_A, PARTY_B).exitPenaltyMaxBps, articleDefaults(PARTY_A, PARTY_B).exitPenaltyMinBps] as const;

/** Times aimed at the edges, or short gaps: a game spans months, not decades. */
const gameTimeArb: fc.Arbitrary<TimeStep> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edge' as const), edge: fc.constantFrom(...edges), offset: big(-1n, 1n) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('after' as const),
      seconds: fc.oneof(fc.constantFrom(0n, 0n, 1n, DAY - 1n, DAY, DAY + 1n, 7n * DAY, 30n * DAY, 90n * DAY), big(0n, 100n * DAY)),
    }),
  },
);

/** The adversary's moves: scenario.ts's calls and plays with A and B read as the adversary. */
function movesArb(adversary: Role): fc.Arbitrary<Move[]> {
  const asAdversary = (action: Action): Action =>
    action.kind === 'call' && action.actor !== 'stranger' ? { ...action, actor: adversary } : action;
  const single = fc
    .record({ time: gameTimeArb, action: callArb, beforeProfile: fc.boolean() })
    .map((m): Move[] => [{ ...m, action: asAdversary(m.action) }]);
  const play = fc
    .tuple(playArb, fc.boolean())
    .map(([steps, beforeProfile]): Move[] => steps.map((s) => ({ ...s, action: asAdversary(s.action), beforeProfile })));
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: single }, { weight: 1, arbitrary: play }, { weight: 3, arbitrary: burstArb(adversary) }), {
      minLength: 0,
      maxLength: 6,
    })
    .map((chunks) => chunks.flat());
}

/** The instants where the rules change, each a likely block for a race: the edges, the first second past a silence most of all. */
const boundaryTimeArb: fc.Arbitrary<TimeStep> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('edge' as const),
      edge: fc.constantFrom('silenceA' as const, 'silenceB' as const),
      offset: fc.constant(1n),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('edge' as const), edge: fc.constantFrom(...edges), offset: fc.constantFrom(0n, 0n, 1n, -1n) }),
  },
);

const arrearsValue = { base: 'arrears' as const, intervals: 0n, offset: 0n };

/** Up to three adversary calls in one second at a boundary: what a block builder gets to order against the profile's call. */
function burstArb(adversary: Role): fc.Arbitrary<Move[]> {
  const now: TimeStep = { kind: 'after', seconds: 0n };
  const callsArb = fc.array(
    fc.oneof(
      {
        weight: 3,
        arbitrary: fc
          .constantFrom(0n, 1n)
          .map((intervals): Action => ({ kind: 'call', actor: adversary, fn: 'deposit', value: { ...arrearsValue, intervals } })),
      },
      {
        weight: 5,
        arbitrary: fc
          .constantFrom<FunctionName>(
            'claimAbandoned',
            'claimAbandoned',
            'initiateUnilateralExit',
            'initiateUnilateralExit',
            'executeUnilateralExit',
            'proposeExit',
            'cancelUnilateralExit',
          )
          .map((fn): Action => ({ kind: 'call', actor: adversary, fn, value: { base: 'none', intervals: 0n, offset: 0n } })),
      },
    ),
    { minLength: 1, maxLength: 3 },
  );
  return fc
    .tuple(boundaryTimeArb, callsArb, fc.boolean())
    .map(([time, calls, beforeProfile]) => calls.map((action, i): Move => ({ time: i === 0 ? time : now, action, beforeProfile })));
}

export interface GameOptions {
  readonly profiles?: readonly Profile[];
  /** Add the profiled party's own exit (MLL-GUA-006). */
  readonly leave?: boolean;
  /** (P_max, P_min) pairs to draw from. */
  readonly penalties?: readonly (readonly [bigint, bigint])[];
}

export function gameArb(options: GameOptions = {}): fc.Arbitrary<Game> {
  return fc
    .record({
      params: gameParamsArb(options.penalties ?? [articlePenalty]),
      deployTime: fc.constantFrom(1_700_000_000n, 1n),
      profiled: fc.constantFrom<Role>('A', 'B'),
      profile: fc.constantFrom(...(options.profiles ?? profiles)),
      adversaryActivation: fc.record({
        intervals: fc.oneof(
          { weight: 4, arbitrary: fc.constant(1n) },
          { weight: 4, arbitrary: big(2n, 4n) },
          { weight: 1, arbitrary: fc.constant(0n) },
        ),
        gap: fc.oneof({ weight: 3, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: big(0n, 8n * DAY) }),
      }),
      lateness: fc.oneof(fc.constant(2n ** 40n), big(0n, 60n * DAY)),
      wake: fc.oneof({ weight: 3, arbitrary: boundaryTimeArb }, { weight: 2, arbitrary: gameTimeArb }),
      leave:
        options.leave === true
          ? fc.record({
              at: gameTimeArb,
              offset: fc.oneof(fc.constantFrom(0n, 1n, EXIT_EXECUTION_WINDOW - 1n), big(0n, EXIT_EXECUTION_WINDOW - 1n)),
            })
          : fc.constant(null),
    })
    .chain((g) => movesArb(other(g.profiled)).map((moves): Game => ({ ...g, moves })));
}

/** Games with their plans, as scenarios. */
export const gameScenarioArb = (options: GameOptions = {}): fc.Arbitrary<GameScenario> => gameArb(options).map((game) => scenarioOf(game));

// ---------------------------------------------------------------- what a run shows

/** Ether `role` sent in with calls that succeeded on the implementation. */
export function paidIn(entries: readonly TraceEntry[], role: Role): bigint {
  let sum = 0n;
  for (const { action, result } of entries) if (action.kind === 'call' && action.actor === role && result.ok) sum += action.value;
  return sum;
}

const eventsOf = (entry: TraceEntry): readonly LockEvent[] => (entry.result.ok ? entry.result.events : []);
const addressOf = (role: Role): Address => (role === 'A' ? PARTY_A : PARTY_B);

/** What `role` was credited on the implementation: everything withdrawn to it and its claimable at the end. */
export function credited(trace: Trace, role: Role): bigint {
  let withdrawn = 0n;
  for (const entry of trace.entries) {
    for (const event of eventsOf(entry))
      if (event.name === 'Withdrawn' && event.args.party === addressOf(role)) withdrawn += event.args.amount;
  }
  return withdrawn + (trace.entries.at(-1)?.after[role].claimable ?? 0n);
}

/** Seconds `role` spent in one-sided default, by the reference's bleed clock: it only grows between calls, by exactly that time (MLL-BLD-002). */
export function oneSidedSeconds(entries: readonly TraceEntry[], role: Role): bigint {
  let total = 0n;
  let previous: bigint | null = null;
  for (const { expected } of entries) {
    if (previous !== null && expected.before[role].bleedSeconds > previous) total += expected.before[role].bleedSeconds - previous;
    previous = expected.after[role].bleedSeconds;
  }
  return total;
}

/** Whether `role` executed its own unilateral exit (on the implementation). */
/** Whether the party's own unilateral exit was executed, by its call or with the counterparty's (MLL-UEX-012). */
const ownExitExecuted = (trace: Trace, role: Role): boolean =>
  trace.entries.some(
    ({ result }) => result.ok && result.events.some((e) => e.name === 'UnilateralExitExecuted' && e.args.initiator === addressOf(role)),
  );

/** The run ended on both sides: the reference's lock is Exited, so the implementation's credits are final. */
const endedOnReference = (trace: Trace): boolean => trace.entries.at(-1)?.expected.after.phase === Phase.Exited;

// ---------------------------------------------------------------- the checks

/**
 * MLL-GUA-003: after a successful executeUnilateralExit, for each exit it executed (the
 * caller's, and the counterparty's with it, MLL-UEX-012), a penalty below the frozen rate's
 * (penalty(counted at initiation), MLL-UEX-009) needs the waiver: at initiation or at execution
 * the exiter not in default and the counterparty with a whole day on its bleed clock, and the
 * exiter not in default at execution (MLL-UEX-010).
 */
export const waiverNeedsBleed: StepCheck = (entry, trace, params) => {
  const { action, result } = entry;
  if (action.kind !== 'call' || action.actor === 'stranger' || action.fn !== 'executeUnilateralExit' || !result.ok) return;
  for (const executed of result.events) {
    const X = executed.name === 'UnilateralExitExecuted' ? roles.find((role) => addressOf(role) === executed.args.initiator) : undefined;
    if (executed.name === 'UnilateralExitExecuted' && X !== undefined) exitPaidItsRate(entry, trace, params, X, executed.args);
  }
};

function exitPaidItsRate(
  entry: TraceEntry,
  trace: readonly TraceEntry[],
  params: Params,
  X: Role,
  { received, penaltyPaid }: { received: bigint; penaltyPaid: bigint },
): void {
  const Y = other(X);
  const initiation = [...trace]
    .reverse()
    .find((e) => e.action.kind === 'call' && e.action.actor === X && e.action.fn === 'initiateUnilateralExit' && e.expected.result.ok);
  if (initiation === undefined) return; // no live exit on the reference: MLL-UEX-006, the differential's to name
  const rate = expectedPenaltyBps(params, initiation.expected.after[X].countedIntervals);
  const due = expectedPenaltyAmount(received + penaltyPaid, rate);
  if (penaltyPaid >= due) return;
  const holds = (o: Observation) => !o[X].inDefault && o[Y].bleedSeconds >= DAY;
  const atInitiation = holds(initiation.expected.before);
  const atExecution = holds(entry.expected.before);
  const exiterInDefault = entry.expected.before[X].inDefault;
  ensure(
    atExecution || (atInitiation && !exiterInDefault),
    'MLL-GUA-003',
    () =>
      `${X}'s exit at ${entry.time} paid ${penaltyPaid} wei of penalty, its frozen rate ${rate} bps gives ${due}; ` +
      `yet ${Y}'s bleed clock was ${initiation.expected.before[Y].bleedSeconds} s at initiation (${initiation.time}, ${X} in default: ${initiation.expected.before[X].inDefault}) ` +
      `and ${entry.expected.before[Y].bleedSeconds} s at execution (${X} in default: ${exiterInDefault}): no whole day of one-sided default waived it`,
  );
}

/** ⌊paid · (1 − r/10000)^days⌋, exactly: below what a share paid in can shrink to by bleed alone (MLL-ARI-004, MLL-BLD-010). */
function bleedFloor(paid: bigint, rateBps: bigint, days: bigint): bigint {
  return (paid * (10_000n - rateBps) ** days) / 10_000n ** days;
}

/** What a party keeps of a settled share s under a rate ≤ `bps`: s − ⌊s · bps / 10000⌋, non-decreasing in s. */
const keeps = (share: bigint, bps: bigint): bigint => share - expectedPenaltyAmount(share, bps);

/**
 * MLL-GUA-006: the bounds on what the profiled party `X` loses by leaving or being claimed
 * against, checked after each step.
 */
export function leavingBounded(X: Role): StepCheck {
  return (entry, trace, params) => {
    const { action, result } = entry;
    if (action.kind !== 'call') return;
    const worst = expectedPenaltyBps(params, 1n); // penalty(1): the highest rate an active party can have (MLL-PEN-003)
    ensure(
      worst <= params.exitPenaltyMaxBps && params.exitPenaltyMaxBps <= 9_000n,
      'MLL-GUA-006',
      () => `penalty(1) = ${worst} bps, P_max = ${params.exitPenaltyMaxBps} bps: above the 9,000 bps bound`,
    );
    const spec = entry.expected.before;
    const floor = () => {
      const days = oneSidedSeconds(trace, X) / DAY;
      return bleedFloor(paidIn(trace, X), params.bleedRateBpsPerDay, days);
    };
    if (action.actor === X && action.fn === 'initiateUnilateralExit' && spec.phase === Phase.Active && !spec[X].unilateralExitLive) {
      ensure(result.ok, 'MLL-GUA-006', () => `${X}, with no live exit, could not initiate one at ${entry.time}: ${JSON.stringify(result)}`);
    }
    if (action.actor === X && action.fn === 'executeUnilateralExit' && spec.phase === Phase.Active && spec[X].unilateralExitLive) {
      const from = spec[X].executeAfter;
      if (entry.time >= from && entry.time < from + EXIT_EXECUTION_WINDOW) {
        ensure(
          result.ok,
          'MLL-GUA-006',
          () =>
            `${X} could not execute its exit at ${entry.time}, in [${from}, ${from + EXIT_EXECUTION_WINDOW}): ${JSON.stringify(result)}`,
        );
      }
    }
    if (action.actor === X && action.fn === 'withdraw' && result.ok) {
      const paid = result.events.find((e) => e.name === 'Withdrawn');
      ensure(
        paid?.name === 'Withdrawn' && paid.args.amount === entry.before[X].claimable && entry.after[X].claimable === 0n,
        'MLL-GUA-006',
        () => `${X} withdrew ${paid?.name === 'Withdrawn' ? paid.args.amount : 'nothing'} of a claimable of ${entry.before[X].claimable}`,
      );
    }
    if (action.actor === X && action.fn === 'withdraw' && !result.ok && entry.before[X].claimable > 0n) {
      ensure(false, 'MLL-GUA-006', () => `${X}'s withdraw of ${entry.before[X].claimable} reverted: ${JSON.stringify(result)}`);
    }
    if (!result.ok) return;
    for (const event of result.events) {
      if (event.name === 'UnilateralExitExecuted' && event.args.initiator === addressOf(X)) {
        const share = event.args.received + event.args.penaltyPaid;
        ensure(
          event.args.received >= keeps(share, worst),
          'MLL-GUA-006',
          () =>
            `${X} left with ${event.args.received} of a settled share of ${share}: below share − ⌊share · penalty(1) = ${worst} bps⌋ = ${keeps(share, worst)}`,
        );
        const least = floor();
        ensure(
          share >= least,
          'MLL-GUA-006',
          () => `${X}'s settled share ${share} is below what its own bleed alone leaves of what it paid in, ${least}`,
        );
      }
      if (event.name === 'AbandonedClaimed' && action.actor !== X) {
        const kept = entry.after[X].claimable - entry.before[X].claimable;
        const least = floor();
        ensure(
          kept >= keeps(least, worst) && (least === 0n || kept >= 1n),
          'MLL-GUA-006',
          () =>
            `a claim against ${X} left it ${kept} wei; its own bleed alone leaves at least ${least} of what it paid in, and a claim takes at most penalty(1) = ${worst} bps of it`,
        );
      }
    }
  };
}

// ---------------------------------------------------------------- properties

interface Guarantee {
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly string[];
  readonly rule: string;
  build(factory: DriverFactory): fc.IAsyncProperty<[GameScenario, ...unknown[]]>;
}

/** Runs a game's plan on a fresh driver, with the reference beside it. */
const run = (factory: DriverFactory, scenario: GameScenario, steps: readonly ResolvedStep[] = scenario.plan.steps, check?: StepCheck) =>
  replay(factory(), scenario, steps, check);

/** Whether the profiled party's credit at the end may be judged: the lock ended and the party followed its profile. */
const judged = (scenario: GameScenario, trace: Trace): boolean =>
  scenario.plan.ended && scenario.plan.profileKept && endedOnReference(trace);

/** The interleavings of `group` that keep each actor's own calls in order (a block orders one sender's calls by nonce). */
export function interleavings<T>(group: readonly T[], actorOf: (item: T) => string): T[][] {
  if (group.length === 0) return [[]];
  const out: T[][] = [];
  const seen = new Set<string>();
  for (const [i, item] of group.entries()) {
    const actor = actorOf(item);
    if (seen.has(actor)) continue; // only an actor's first remaining call may come next
    seen.add(actor);
    for (const rest of interleavings([...group.slice(0, i), ...group.slice(i + 1)], actorOf)) out.push([item, ...rest]);
  }
  return out;
}

const actorName = (step: ResolvedStep): string => (step.action.kind === 'call' ? step.action.actor : 'force');

/** Runs of 2 or 3 consecutive planned calls in one second by at least two actors: [start, end). */
export function sameSecondGroups(steps: readonly ResolvedStep[], upTo: number): [number, number][] {
  const groups: [number, number][] = [];
  for (let i = 0; i < upTo;) {
    let j = i + 1;
    while (j < upTo && steps[j]!.time === steps[i]!.time) j++;
    const actors = new Set(steps.slice(i, j).map(actorName));
    if (j - i >= 2 && j - i <= 3 && actors.size >= 2) groups.push([i, j]);
    i = j;
  }
  return groups;
}

/**
 * MLL-GUA-004's stated exception: once a default is a day old, its cure and the counterparty's
 * initiation race in one block, and the order decides the waiver. The same holds, for the same
 * reason (the defaulter has had a whole day), for the counterparty's execution (the waiver at
 * execution) and its claim, which the defaulter's cure or any sign of life stops (MLL-ABN-003,
 * MLL-ABN-007): the search found these, and the clause names only initiation. True when the
 * calls hold such a call by a party with a whole day of one-sided default on its bleed clock
 * (the reference's, just before) and the counterparty's initiation, execution or claim.
 */
export function dayOldCureRace(before: Observation, calls: readonly ResolvedAction[]): boolean {
  const liveness: readonly FunctionName[] = [
    'deposit',
    'proposeExit',
    'cancelExitProposal',
    'initiateUnilateralExit',
    'cancelUnilateralExit',
    'executeUnilateralExit',
  ];
  return roles.some((Y) => {
    const by = (fns: readonly FunctionName[], role: Role) => calls.some((c) => c.kind === 'call' && c.actor === role && fns.includes(c.fn));
    const dayOld = before[Y].inDefault && before[Y].bleedSeconds >= DAY;
    const cureRaces = by(['deposit'], Y) && by(['initiateUnilateralExit', 'executeUnilateralExit', 'claimAbandoned'], other(Y));
    // a claim is stopped by any sign of life of the silent party (MLL-ABN-007), not by a cure alone
    const lifeRacesClaim = by(liveness, Y) && by(['claimAbandoned'], other(Y));
    return dayOld && (cureRaces || lifeRacesClaim);
  });
}

/**
 * Whether `time` is one of the instants MLL-GUA-004 names, judged on the reference's lock just
 * before the calls of that second: a due date or a default start, the end of a silence (the last
 * second before a claim may land, or the first) or of a claimer's compliant wait (MLL-ABN-006), a
 * countdown's end or its lapse, the activation window's close.
 */
export function boundaryInstant(state: LockState, time: bigint): string | null {
  const { params } = state;
  const T = params.depositInterval;
  const threshold = expectedSilenceThreshold(params);
  const closesAt = (state.firstActivatedAt ?? state.createdAt) + ACTIVATION_WINDOW;
  if (state.phase === Phase.Inactive) return time === closesAt ? 'the activation window closes' : null;
  if (state.phase !== Phase.Active || state.activatedAt === null) return null;
  const t0 = state.activatedAt;
  if (time > t0 && (time - t0) % T === 0n) return 'a due date';
  for (const role of roles) {
    const party = state[role];
    if (time === t0 + (party.paidIntervals + params.gracePeriods) * T) return `${role}'s default starts`;
    if (time === party.lastActionAt + threshold || time === party.lastActionAt + threshold + 1n) return `${role}'s silence ends`;
    if (party.curedAt !== null && (time === party.curedAt + threshold || time === party.curedAt + threshold + 1n))
      return `${role}'s compliant wait ends`;
    const exit = party.unilateralExit;
    if (exit !== null && (time === exit.executeAfter || time === exit.executeAfter + EXIT_EXECUTION_WINDOW))
      return `${role}'s countdown ends or lapses`;
  }
  return null;
}

const net = (trace: Trace, role: Role): bigint => credited(trace, role) - paidIn(trace.entries, role);

const stepName = (s: ResolvedStep): string =>
  s.action.kind === 'call' ? `${s.action.actor}.${s.action.fn}(${s.action.value})` : `force(${s.action.amount})`;

/** The calls a third party or a party's poke may add: each must change nothing (MLL-GUA-005). */
const interloperArb: fc.Arbitrary<ResolvedAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom<ActorName>('A', 'B', 'stranger')
      .map((actor): ResolvedAction => ({ kind: 'call', actor, fn: 'applyBleeding', value: 0n })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom<FunctionName>(
          'withdraw',
          'receive',
          'deposit',
          'proposeExit',
          'initiateUnilateralExit',
          'executeUnilateralExit',
          'claimAbandoned',
          'cancelInactive',
          'cancelExitProposal',
          'activate',
        ),
        fc.constantFrom(0n, 1n, 10n ** 17n),
      )
      .map(([fn, value]): ResolvedAction => ({ kind: 'call', actor: 'stranger', fn, value })),
  },
);

const orderedGroupsScenarioArb = gameScenarioArb().filter(
  ({ plan }) => plan.ended && sameSecondGroups(plan.steps, plan.finishFrom).length > 0,
);

export const guarantees: readonly Guarantee[] = [
  {
    id: 'P-GUA-NO-LOSS-WHEN-COMPLIANT',
    title: 'A party never in one-sided default loses nothing',
    clauses: ['MLL-GUA-001'],
    rule: "A party never a second in one-sided default, whose own unilateral exit is never executed (by its call or with the counterparty's), MUST be credited at least everything it paid in, to the wei, whatever the other party and a stranger do.",
    build: (factory) =>
      fc.asyncProperty(gameScenarioArb(), async (scenario) => {
        const trace = await run(factory, scenario);
        const X = scenario.game.profiled;
        if (!judged(scenario, trace) || oneSidedSeconds(trace.entries, X) > 0n || ownExitExecuted(trace, X)) return;
        const [got, paid] = [credited(trace, X), paidIn(trace.entries, X)];
        ensure(
          got >= paid,
          'MLL-GUA-001',
          () => `${X} (${scenario.game.profile}), never in one-sided default, paid in ${paid} and was credited ${got}`,
        );
      }),
  },
  {
    id: 'P-GUA-ON-TIME-KEEPS-PAID-IN',
    title: 'A party that pays on time and stays keeps what it paid in',
    clauses: ['MLL-GUA-002'],
    rule: 'A party that pays every interval on its due date, down to the very second, and never executes a unilateral exit itself, MUST be credited at least everything it paid in, whatever lands before its payment in that second.',
    build: (factory) =>
      fc.asyncProperty(gameScenarioArb({ profiles: ['pays on time'] }), async (scenario) => {
        const trace = await run(factory, scenario);
        const X = scenario.game.profiled;
        if (!judged(scenario, trace)) return;
        const [got, paid] = [credited(trace, X), paidIn(trace.entries, X)];
        ensure(got >= paid, 'MLL-GUA-002', () => `${X}, paying on every due date, paid in ${paid} and was credited ${got}`);
      }),
  },
  {
    id: 'P-GUA-WAIVER-NEEDS-BLEED',
    title: 'A penalty is waived only against a counterparty that has bled',
    clauses: ['MLL-GUA-003'],
    rule: "An exit MUST pay its frozen rate unless, at its initiation or execution, the exiter was not in default and the counterparty's bleed clock held a whole day, and the exiter is not in default at execution.",
    build: (factory) =>
      fc.asyncProperty(fc.oneof(gameScenarioArb(), gameScenarioArb({ leave: true })), async (scenario) => {
        await run(factory, scenario, scenario.plan.steps, waiverNeedsBleed);
      }),
  },
  {
    id: 'P-GUA-ORDER-FREE-BOUNDARIES',
    title: 'No gain from being first in a second',
    clauses: ['MLL-GUA-004'],
    rule: "At a due date, a default start, a silence's end, a countdown's end or lapse, or the activation window's close, reordering the calls of different senders in that second (every interleaving, up to 3 calls) MUST NOT change any party's final credit net of what it paid in, except a day-old default's cure racing the counterparty's initiation, execution or claim.",
    build: (factory) =>
      // only plans that end and hold a same-second group to reorder (two in three drawn do): a run
      // without one would never reach the implementation
      fc.asyncProperty(orderedGroupsScenarioArb, async (scenario) => {
        const { game, plan } = scenario;
        const groups = sameSecondGroups(plan.steps, plan.finishFrom).slice(0, 4);
        const base = await run(factory, scenario);
        if (!endedOnReference(base)) return;
        for (const [i, j] of groups) {
          const group = plan.steps.slice(i, j);
          const sim = new Sim(game.params, game.deployTime);
          sim.replay(plan.steps.slice(0, i));
          const instant = boundaryInstant(sim.state!, group[0]!.time);
          if (
            instant === null ||
            dayOldCureRace(
              sim.observe(group[0]!.time),
              group.map((g) => g.action),
            )
          )
            continue;
          for (const order of interleavings(group, actorName).slice(1)) {
            const script = [...plan.steps.slice(0, i), ...order, ...plan.steps.slice(j, plan.finishFrom)];
            const replan = finishAfter(game, plan, script);
            if (!replan.ended) continue;
            const other = await run(factory, scenario, replan.steps);
            if (!endedOnReference(other)) continue;
            for (const role of roles) {
              ensure(
                net(base, role) === net(other, role),
                'MLL-GUA-004',
                () =>
                  `at ${group[0]!.time} (${instant}), ${group.map(stepName).join(', ')} in the order ${order.map(stepName).join(', ')} ` +
                  `credit ${role} ${net(other, role)} net of what it paid, against ${net(base, role)} in the planned order`,
              );
            }
          }
        }
      }),
  },
  {
    id: 'P-GUA-NO-THIRD-PARTY-EFFECT',
    title: 'A third party, or a party poking, changes nothing',
    clauses: ['MLL-GUA-005'],
    rule: "Pokes by anyone, a party included, and a stranger's every call MUST change no later result, event, share, claimable or view, to the wei.",
    build: (factory) =>
      fc.asyncProperty(
        gameScenarioArb(),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), interloperArb), { minLength: 1, maxLength: 10 }),
        async (scenario, calls) => {
          const base = await run(factory, scenario);
          const { steps, originals } = interleavePokes(scenario.plan.steps, scenario.deployTime, calls);
          const poked = await run(factory, scenario, steps);
          for (const [i, entry] of base.entries.entries()) {
            const twin = poked.entries[originals[i]!]!;
            const difference = firstDifference(entry.result, twin.result) ?? firstDifference(entry.after, twin.after);
            ensure(difference === null, 'MLL-GUA-005', () => {
              const added = steps.filter((_, k) => !originals.includes(k) && k < originals[i]!).map((s) => `${stepName(s)} at ${s.time}`);
              return `step ${i} (${stepName(entry)} at ${entry.time}) differs after ${added.join(', ')}: ${String(difference)}`;
            });
          }
          for (const [k, entry] of poked.entries.entries()) {
            if (originals.includes(k) || entry.action.kind !== 'call' || entry.action.actor !== 'stranger') continue;
            ensure(
              !entry.result.ok || entry.action.fn === 'applyBleeding',
              'MLL-GUA-005',
              () => `a stranger's ${entry.action.kind === 'call' ? entry.action.fn : ''} succeeded at ${entry.time}`,
            );
          }
        },
      ),
  },
  {
    id: 'P-GUA-LEAVING-BOUNDED',
    title: 'Each party can always leave, and loses at most the bound',
    clauses: ['MLL-GUA-006'],
    rule: 'A party with no live exit MUST be able to initiate one and execute it in its window; it keeps its settled share less at most penalty(1) ≤ P_max ≤ 9,000 bps, its share shrinks only by its own bleed, a claim against it takes no more, and withdraw pays its claimable.',
    build: (factory) =>
      fc.asyncProperty(
        gameScenarioArb({ leave: true, penalties: [articlePenalty, [9_000n, 9_000n], [9_000n, 0n], [0n, 0n], [10_000n, 10_000n]] }),
        async (scenario) => {
          const { params, deployTime } = scenario;
          if (params.exitPenaltyMaxBps > 9_000n) {
            // MLL-PAR-011 bounds P_max: an implementation that deploys above it lets an exit take more than 90 %
            const deployed = await factory().deploy(params, deployTime);
            ensure(
              !deployed.ok,
              'MLL-GUA-006',
              () =>
                `a lock with P_max = ${params.exitPenaltyMaxBps} bps deployed: an exit or a claim may take more than 9,000 bps of a share`,
            );
            return;
          }
          await run(factory, scenario, scenario.plan.steps, leavingBounded(scenario.game.profiled));
        },
      ),
  },
];
