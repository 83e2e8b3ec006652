/**
 * A failure as a person reads it: the lock's parameters, then one line per step — when, who,
 * what, with how much, and what the reference and the implementation each answered — ending
 * at the divergence.
 * @module
 */
import type * as fc from 'fast-check';
import { DAY } from '../../reference/index.js';
import type { CallResult } from '../driver.js';
import type { DriverFactory } from '../driver.js';
import type { DifferentialSetup } from '../differential/property.js';
import { openWorld } from '../differential/property.js';
import type { LogEntry, Model, Real } from '../differential/world.js';
import type { ResolvedAction } from '../run-scenario.js';
import { PropertyViolation } from '../violation.js';

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

export interface Explained {
  readonly text: string;
  /** The run, for saving as a regression. */
  readonly world: DifferentialSetup;
  readonly steps: readonly LogEntry[];
}

type Command = fc.AsyncCommand<Model, Real>;

/** Replays `commands` from a fresh world: the two sides as far as they got, and what stopped them (null: nothing). */
async function replay(factory: DriverFactory, world: DifferentialSetup, commands: Iterable<Command>): Promise<{ sides: { model: Model; real: Real } | null; error: unknown }> {
  let sides: { model: Model; real: Real } | null = null;
  try {
    sides = await openWorld(factory, world);
    if (sides !== null) for (const command of commands) await command.run(sides.model, sides.real);
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
  for (let dropped = true; dropped; ) {
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

/** Replays a differential counterexample and formats its timeline. */
export async function explainDifferential(
  factory: DriverFactory,
  world: DifferentialSetup,
  commands: Iterable<Command>,
): Promise<Explained> {
  const p = world.params;
  const lines = [
    `lock: d=${p.depositAmount} T=${p.depositInterval}s r=${p.bleedRateBpsPerDay}bps/day G=${p.gracePeriods} ` +
      `penalty ${p.exitPenaltyMaxBps}→${p.exitPenaltyMinBps}bps over n=${p.penaltyDecayTarget}; deployed at ${world.deployTime}` +
      (Object.keys(world.setup.partyCode ?? {}).length === 0 ? '' : `; hostile parties ${JSON.stringify(world.setup.partyCode)}`),
  ];
  const { sides, error } = await replay(factory, world, commands);
  const failure = error === null ? '' : error instanceof Error ? error.message : String(error);
  const model = sides?.model;
  const real = sides?.real;
  lines.push(`${'step'.padEnd(5)}${'time'.padEnd(17)}${'call'.padEnd(40)}${'reference'.padEnd(34)}implementation`);
  for (const [i, entry] of (model?.trace ?? []).entries()) {
    const twin = real?.trace[i];
    lines.push(
      `${String(i).padEnd(5)}${clock(entry.time - world.deployTime).padEnd(17)}${describeAction(entry.action).padEnd(40)}` +
        `${outcome(entry.result).padEnd(34)}${twin === undefined ? '—' : outcome(twin.result)}`,
    );
  }
  const last = model?.log.at(-1);
  const lastDone = model?.trace.at(-1);
  if (last !== undefined && model !== undefined && failure !== '' && (last.action === undefined || lastDone?.action !== last.action)) {
    const what = last.action === undefined ? 'views compared' : describeAction(last.action);
    lines.push(`${String(model.trace.length).padEnd(5)}${clock(last.time - world.deployTime).padEnd(17)}${what}`);
  }
  lines.push(failure === '' ? 'no divergence on replay' : `✗ ${failure}`);
  return { text: lines.join('\n'), world, steps: model?.log ?? [] };
}
