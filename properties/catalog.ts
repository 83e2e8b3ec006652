/**
 * The property catalog: every property the suite checks, with its ID, the clauses it enforces
 * and the rule it quotes. Written once against the Driver; the runners (vitest, `npm start`)
 * choose the backend and the budget. The step properties are registered beside their checks in
 * invariants.ts (one registration per invariant) and made here; the README's property table,
 * MLL-CONF-003's list and spec/properties.md are generated from this catalog (`npm run catalog`).
 * @public
 * @module
 */
import * as fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { DAY, Phase, WAD, retainedShare, MAX_DEPOSIT_AMOUNT } from '../reference/index.js';
import { addressOfActor } from './actors.js';
import { firstDifference } from './compare.js';
import type { Driver, DriverFactory } from './driver.js';
import { whole } from './driver.js';
import type { StepInvariant, StepPropertyRegistration } from './invariants.js';
import { isRegistered, stepInvariants } from './invariants.js';
import type { ResolvedStep, StepCheck, Trace } from './run-scenario.js';
import { replay, resolvedSteps, runScenario } from './run-scenario.js';
import { scenarioArb } from './scenario.js';
import { interleavePokes, mirrorAction, mirrorObservation, mirrorResult, shiftObservation, shiftResult } from './transforms.js';
import { ensure } from './violation.js';
import { differentialProperty } from './differential/property.js';
import { guarantees } from './guarantees.js';

export interface PropertyDefinition {
  /** Stable ID, P-…, cited by the spec's clauses. */
  readonly id: string;
  readonly title: string;
  /** The clauses a failure of this property violates. */
  readonly clauses: readonly string[];
  /** The rule, in the spec's words. */
  readonly rule: string;
  /**
   * What a pass says something about: the implementation given, or the specification itself (a
   * property of the reference's arithmetic holds whatever implementation is checked, so it is
   * reported apart from the implementation's verdict).
   */
  readonly subject: 'implementation' | 'specification';
  /** The check run after every step, for a property that is one; its counterexamples replay and save as steps. */
  readonly stepCheck?: StepCheck;
  /** The fast-check property, over fresh drivers from `factory`; its first argument is the run's scenario or world. */
  build(factory: DriverFactory): fc.IAsyncProperty<[unknown, ...unknown[]]> | fc.IProperty<[unknown, ...unknown[]]>;
}

/**
 * The property of a registered step invariant: random scenarios, the invariant checked after
 * every step. Its clauses are those the invariant names when it fails, then those its
 * registration says it also checks.
 */
function stepProperty(invariant: StepInvariant, registration: StepPropertyRegistration): PropertyDefinition {
  const { id, title, rule, alsoChecks = [], forcedEther = false } = registration;
  return {
    id,
    title,
    rule,
    clauses: [...invariant.clauses, ...alsoChecks],
    subject: 'implementation',
    stepCheck: invariant.check,
    build: (factory) =>
      fc.asyncProperty(scenarioArb({ forcedEther }), async (scenario) => {
        await runScenario(factory(), scenario, invariant.check);
      }),
  };
}

/** Requires two runs to agree step by step, after mapping the second's results and views back. */
function ensureSameRun(
  clause: string,
  base: Trace,
  other: Trace,
  map: { index?: (i: number) => number; result?: typeof mirrorResult; observation?: typeof mirrorObservation },
): void {
  ensure(firstDifference(base.deployed, other.deployed) === null, clause, () => 'the deployments differ');
  for (const [i, entry] of base.entries.entries()) {
    const twin = other.entries[map.index?.(i) ?? i]!;
    const result = map.result?.(twin.result) ?? twin.result;
    const after = map.observation?.(twin.after) ?? twin.after;
    const difference = firstDifference(entry.result, result) ?? firstDifference(entry.after, after);
    ensure(
      difference === null,
      clause,
      () => `step ${i} (${entry.action.kind === 'call' ? entry.action.fn : 'force'} at ${entry.time}) differs: ${String(difference)}`,
    );
  }
}

/** Runs every party's way out to the end: whatever happened, all the ether can leave. */
async function drain(driver: Driver, trace: Trace): Promise<void> {
  let time = trace.entries.at(-1)?.time ?? trace.scenario.deployTime;
  let obs = whole(await driver.observe(time));
  if (obs.phase === Phase.Inactive) {
    time += 8n * DAY;
    const cancelled = await driver.call(addressOfActor.A, 'cancelInactive', 0n, time);
    ensure(cancelled.ok, 'MLL-CIN-001', () => `cancelInactive after the window reverted: ${JSON.stringify(cancelled)}`);
  }
  obs = whole(await driver.observe(time));
  if (obs.phase === Phase.Active) {
    if (!obs.A.unilateralExitLive) {
      const started = await driver.call(addressOfActor.A, 'initiateUnilateralExit', 0n, time);
      ensure(started.ok, 'MLL-UEX-001', () => `initiateUnilateralExit reverted: ${JSON.stringify(started)}`);
      obs = whole(await driver.observe(time));
    }
    time = obs.A.executeAfter > time ? obs.A.executeAfter : time;
    const executed = await driver.call(addressOfActor.A, 'executeUnilateralExit', 0n, time);
    ensure(executed.ok, 'MLL-UEX-004', () => `executeUnilateralExit at executeAfter reverted: ${JSON.stringify(executed)}`);
  }
  for (const actor of ['A', 'B'] as const) await driver.call(addressOfActor[actor], 'withdraw', 0n, time);
  obs = whole(await driver.observe(time));
  ensure(
    obs.balance === 0n && obs.A.claimable === 0n && obs.B.claimable === 0n,
    'MLL-INV-005',
    () => `after every exit and withdrawal the lock still holds ${obs.balance} wei`,
  );
}

const exact = Decimal.clone({ precision: 80 });

export const catalog: readonly PropertyDefinition[] = [
  {
    id: 'P-DIFFERENTIAL',
    subject: 'implementation',
    title: 'The implementation does what the reference does',
    clauses: ['MLL-CONF-001', 'MLL-CONF-002', 'MLL-CONF-003', 'MLL-VIEW-007'],
    rule: "After every call the implementation's outcome (revert arguments included), events and views MUST equal the reference's — hostile parties (a receiver that reverts, one that re-enters withdraw) and ether forced in by self-destruct included; getLockStatus always answers; every step invariant holds on the implementation; every constructor bound is swept first.",
    build: (factory) => differentialProperty(factory),
  },
  // One step property per registered step invariant, registered beside its check in invariants.ts.
  ...stepInvariants.flatMap((invariant) => (isRegistered(invariant.property) ? [stepProperty(invariant, invariant.property)] : [])),
  {
    id: 'P-NOTHING-STUCK',
    subject: 'implementation',
    title: 'Nothing is ever stuck',
    clauses: ['MLL-INV-005', 'MLL-WDR-004', 'MLL-CIN-001', 'MLL-UEX-001', 'MLL-UEX-004', 'MLL-PAR-009'],
    rule: 'From any state each party MUST be able to end the lock and withdraw, leaving a zero balance, forced ether included.',
    build: (factory) =>
      fc.asyncProperty(scenarioArb({ forcedEther: true }), async (scenario) => {
        const driver = factory();
        await drain(driver, await runScenario(driver, scenario));
      }),
  },
  {
    id: 'P-POKE-INVARIANCE',
    subject: 'implementation',
    title: 'Pokes change nothing',
    clauses: ['MLL-BLD-011', 'MLL-BLD-002', 'MLL-BLD-003', 'MLL-VIEW-001'],
    rule: 'Whether and when anyone calls applyBleeding MUST NOT change any later result, event, share or claimable.',
    build: (factory) =>
      fc.asyncProperty(
        scenarioArb(),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 12 }),
        async (scenario, pokes) => {
          const base = await runScenario(factory(), scenario);
          const { steps, originals } = interleavePokes(resolvedSteps(base), scenario.deployTime, pokes);
          const pokedDriver = factory();
          const poked = await replay(pokedDriver, scenario, steps);
          ensureSameRun('MLL-BLD-011', base, poked, { index: (i) => originals[i]! });
          // The final state too, at the time of the last poke, which may come after every step.
          const end = steps.at(-1)?.time ?? scenario.deployTime;
          const baseDriver = factory();
          await replay(baseDriver, scenario, resolvedSteps(base));
          const difference = firstDifference(await baseDriver.observe(end), await pokedDriver.observe(end));
          ensure(difference === null, 'MLL-BLD-011', () => `final state at ${end} differs: ${String(difference)}`);
        },
      ),
  },
  {
    id: 'P-MIRROR',
    subject: 'implementation',
    title: 'A and B are symmetric',
    clauses: ['MLL-INV-004', 'MLL-VIEW-005'],
    rule: "Swapping the parties' roles in every call MUST swap the outcome and nothing else.",
    build: (factory) =>
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        const base = await runScenario(factory(), scenario);
        const mirrored = await replay(
          factory(),
          scenario,
          resolvedSteps(base).map((s): ResolvedStep => ({ ...s, action: mirrorAction(s.action) })),
        );
        ensureSameRun('MLL-INV-004', base, mirrored, { result: mirrorResult, observation: mirrorObservation });
      }),
  },
  {
    id: 'P-TIME-SHIFT',
    subject: 'implementation',
    title: 'Only elapsed time matters',
    clauses: ['MLL-INV-003', 'MLL-STA-007'],
    rule: 'Shifting every time, deployment included, by the same amount MUST shift every reported time by it and change nothing else.',
    build: (factory) =>
      fc.asyncProperty(
        scenarioArb(),
        fc.oneof(fc.constantFrom(1n, DAY - 1n, DAY), fc.bigInt({ min: 1n, max: 2n ** 40n })),
        async (scenario, by) => {
          const base = await runScenario(factory(), scenario);
          const shiftedScenario = { ...scenario, deployTime: scenario.deployTime + by };
          const shifted = await replay(
            factory(),
            shiftedScenario,
            resolvedSteps(base).map((s) => ({ ...s, time: s.time + by })),
          );
          ensureSameRun('MLL-INV-003', base, shifted, {
            result: (r) => shiftResult(r, -by),
            observation: (o) => shiftObservation(o, -by),
          });
        },
      ),
  },
  {
    id: 'P-COMPOUNDING-BOUND',
    subject: 'specification',
    title: 'Fixed-point compounding stays within its bound of exact',
    clauses: ['MLL-ARI-003', 'MLL-ARI-004', 'MLL-ARI-008', 'MLL-BLD-010'],
    rule: 'exact ≤ retained ≤ exact + share·days/10^18 + 1 wei, where exact = share·(1 − r/10000)^days; a positive share stays positive.',
    build: () =>
      fc.property(
        fc.oneof(fc.bigInt({ min: 1n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 64n * MAX_DEPOSIT_AMOUNT })),
        fc.bigInt({ min: 1n, max: 1000n }),
        fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: 2n ** 20n })),
        (share, rate, days) => {
          const retained = retainedShare(share, rate, days);
          const truth = new exact(share.toString()).mul(new exact(1).minus(new exact(rate.toString()).div(10_000)).pow(days.toString()));
          ensure(truth.lte(retained.toString()), 'MLL-ARI-004', () => `retained ${retained} < exact ${truth.toFixed(6)}`);
          const slack = new exact(share.toString()).mul(days.toString()).div(WAD.toString()).plus(1);
          ensure(
            truth.plus(slack).gte(retained.toString()),
            'MLL-ARI-008',
            () => `retained ${retained} exceeds exact ${truth.toFixed(6)} by more than ${slack.toFixed(6)}`,
          );
          ensure(retained >= 1n, 'MLL-BLD-010', () => `a share of ${share} bled to zero`);
        },
      ),
  },
  // What each party is promised (spec/guarantees.md): adversarial games, one party on a stated profile.
  ...guarantees.map((g): PropertyDefinition => ({ ...g, subject: 'implementation' })),
];
