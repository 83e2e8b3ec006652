/**
 * A failure as a person reads it: the lock's parameters, then one line per step — when, who,
 * what, with how much, and what the reference and the implementation each answered — ending
 * at the step that failed and the clause it broke. Every property's counterexample is shown this
 * way: the differential's commands, and the scenarios of the other properties.
 * @internal
 * @module
 */
import type * as fc from 'fast-check';
import type { Params } from '../../reference/index.js';
import { DAY } from '../../reference/index.js';
import type { PropertyDefinition } from '../catalog.js';
import type { CallResult, DriverFactory, DriverSetup, PartialObservation } from '../driver.js';
import type { DifferentialSetup, Sides } from '../differential/property.js';
import { deployWorld, playOpening } from '../differential/property.js';
import type { LogEntry, Model, Real } from '../differential/world.js';
import type { ResolvedAction, TraceEntry } from '../run-scenario.js';
import { runScenario } from '../run-scenario.js';
import type { Scenario } from '../scenario.js';
import { Divergence, PropertyViolation } from '../violation.js';
import type { Explanation } from './check.js';
import { stringify } from './check.js';

function clock(seconds: bigint): string {
  const days = seconds / DAY;
  const rest = seconds % DAY;
  const hms = [rest / 3600n, (rest % 3600n) / 60n, rest % 60n].map((n) => n.toString().padStart(2, '0')).join(':');
  return `+${days}d ${hms}`;
}

function outcome(result: CallResult): string {
  if (!result.ok) return `revert ${result.revert}${result.args.length === 0 ? '' : `(${result.args.map(String).join(', ')})`}`;
  return result.events.length === 0 ? 'ok' : result.events.map((e) => e.name).join(', ');
}

function describeAction(action: ResolvedAction): string {
  if (action.kind === 'force') return `stranger forces ${action.amount} wei`;
  return `${action.actor}.${action.fn}(${action.value === 0n ? '' : `value ${action.value}`})`;
}

function header(params: Params, deployTime: bigint, setup: DriverSetup): string[] {
  const p = params;
  return [
    `lock: d=${p.depositAmount} T=${p.depositInterval}s r=${p.bleedRateBpsPerDay}bps/day G=${p.gracePeriods} ` +
      `penalty ${p.exitPenaltyMaxBps}→${p.exitPenaltyMinBps}bps over n=${p.penaltyDecayTarget}; deployed at ${deployTime}` +
      (Object.keys(setup.partyCode ?? {}).length === 0 ? '' : `; hostile parties ${JSON.stringify(setup.partyCode)}`),
    `${'step'.padEnd(5)}${'time'.padEnd(17)}${'call'.padEnd(40)}${'reference'.padEnd(34)}implementation`,
  ];
}

function row(
  index: number | string,
  time: bigint,
  deployTime: bigint,
  what: string,
  results?: { expected: CallResult; actual: CallResult },
): string {
  const start = `${String(index).padEnd(5)}${clock(time - deployTime).padEnd(17)}`;
  if (results === undefined) return `${start}${what}`;
  return `${start}${what.padEnd(40)}${outcome(results.expected).padEnd(34)}${outcome(results.actual)}`;
}

function entryRows(entries: readonly TraceEntry<PartialObservation>[], deployTime: bigint): string[] {
  return entries.map((e) => row(e.index, e.time, deployTime, describeAction(e.action), { expected: e.expected.result, actual: e.result }));
}

/** A deployment the two sides answered differently: the row the timeline starts (and ends) with. */
function deploymentRow(error: unknown, deployTime: bigint): string[] {
  if (!(error instanceof Divergence) || error.what !== 'deployment') return [];
  return [row('—', deployTime, deployTime, 'deploy', { expected: error.expected as CallResult, actual: error.actual as CallResult })];
}

function failureOf(error: unknown): Explanation['failure'] {
  // The message before the null test, which would narrow `error` to `{}` (String of an object is [object Object]).
  const message = error instanceof Error ? error.message : String(error);
  if (error === null) return undefined;
  return { clause: error instanceof PropertyViolation ? error.clause : null, message };
}

function verdictLine(error: unknown): string {
  return error === null ? 'no failure on replay' : `✗ ${failureOf(error)!.message}`;
}

type Command = fc.AsyncCommand<Model, Real>;

/** Replays `commands` from a fresh world: the two sides as far as they got, and what stopped them (null: nothing). */
async function replay(
  factory: DriverFactory,
  world: DifferentialSetup,
  commands: Iterable<Command>,
): Promise<{ sides: Sides | null; error: unknown }> {
  let sides: Sides | null = null;
  try {
    sides = await deployWorld(factory, world);
    if (sides === null) return { sides, error: null };
    await playOpening(sides, world.opening);
    for (const command of commands) await command.run(sides.model, sides.real);
    return { sides, error: null };
  } catch (error) {
    return { sides, error };
  }
}

/** The clause a replay of `commands` fails with, or null when it passes (or fails some other way). */
async function failingClause(factory: DriverFactory, world: DifferentialSetup, commands: readonly Command[]): Promise<string | null> {
  const { error } = await replay(factory, world, commands);
  return error instanceof PropertyViolation ? error.clause : null;
}

/**
 * fast-check's shrinker stops at a local minimum: removing one command at a time can still help,
 * because a later command's time or amount is resolved against the state and may no longer need
 * what came before. Drops every command whose removal keeps the failure on the same clause, until
 * none can go (the commands hold no state, so each replay starts afresh).
 */
export async function minimalCommands(factory: DriverFactory, world: DifferentialSetup, commands: Iterable<Command>): Promise<Command[]> {
  let current = [...commands];
  const clause = await failingClause(factory, world, current);
  if (clause === null) return current;
  for (let dropped = true; dropped;) {
    dropped = false;
    for (let i = current.length - 1; i >= 0; i--) {
      const candidate = current.filter((_, k) => k !== i);
      if ((await failingClause(factory, world, candidate)) === clause) {
        current = candidate;
        dropped = true;
      }
    }
  }
  return current;
}

/** A differential run replayed: its timeline, and the world and steps a regression file keeps. */
export interface Explained extends Explanation {
  readonly world: DifferentialSetup;
  readonly steps: readonly LogEntry[];
}

/** Replays a differential counterexample and formats its timeline, the opening activations included. */
export async function explainDifferential(
  factory: DriverFactory,
  world: DifferentialSetup,
  commands: Iterable<Command>,
): Promise<Explained> {
  const { sides, error } = await replay(factory, world, commands);
  const lines = [...header(world.params, world.deployTime, world.setup), ...deploymentRow(error, world.deployTime)];
  if (sides !== null) {
    const { model, real } = sides;
    lines.push(...entryRows(real.trace, world.deployTime));
    // The step begun but not recorded: the call (or move of time) the failure happened at.
    const last = model.log.at(-1);
    if (last !== undefined && error !== null && (last.action === undefined || model.trace.at(-1)?.action !== last.action)) {
      lines.push(
        last.action === undefined
          ? row(model.trace.length, last.time, world.deployTime, 'views compared')
          : row(model.trace.length, last.time, world.deployTime, describeAction(last.action), model.lastResults),
      );
    }
  }
  lines.push(verdictLine(error));
  const failure = failureOf(error);
  return { timeline: lines.join('\n'), world, steps: sides?.model.log ?? [], ...(failure === undefined ? {} : { failure }) };
}

/**
 * Replays a scenario property's counterexample on the implementation: the steps up to the one
 * whose check failed. A step property's run saves as a regression (its steps, replayed with its
 * check); a relational property (mirror, time shift, pokes) shows the base run it transformed.
 */
export async function explainScenario(factory: DriverFactory, definition: PropertyDefinition, scenario: Scenario): Promise<Explanation> {
  let seen: readonly TraceEntry[] = [];
  let error: unknown = null;
  try {
    await runScenario(factory(), scenario, (entry, entries, params) => {
      seen = entries;
      definition.stepCheck?.(entry, entries, params);
    });
  } catch (thrown) {
    error = thrown;
  }
  const lines = [
    ...header(scenario.params, scenario.deployTime, {}),
    ...deploymentRow(error, scenario.deployTime),
    ...entryRows(seen, scenario.deployTime),
  ];
  // A relational property's failure comes from comparing runs, not from this one: fast-check's message stands.
  if (definition.stepCheck !== undefined || error !== null) lines.push(verdictLine(error));
  const failure = failureOf(error);
  const regression =
    definition.stepCheck === undefined || error === null
      ? undefined
      : stringify({
          property: definition.id,
          world: { params: scenario.params, deployTime: scenario.deployTime, setup: {}, opening: null },
          steps: seen.map(({ time, action }) => ({ time, action })),
        });
  return { timeline: lines.join('\n'), ...(failure === undefined ? {} : { failure }), ...(regression === undefined ? {} : { regression }) };
}
