/**
 * Transformations of runs for the metamorphic properties: swapping the parties' roles,
 * shifting every time, interleaving keeper pokes.
 * @module
 */
import type { LockEvent, PartyStatus, Role } from '../reference/index.js';
import { PARTY_A, PARTY_B } from './actors.js';
import type { CallResult, Observation } from './driver.js';
import type { ResolvedAction, ResolvedStep } from './run-scenario.js';

const swapRole = (role: Role): Role => (role === 'A' ? 'B' : 'A');
const swapAddress = (value: unknown): unknown => (value === PARTY_A ? PARTY_B : value === PARTY_B ? PARTY_A : value);

/** The same action by the other party. */
export function mirrorAction(action: ResolvedAction): ResolvedAction {
  if (action.kind === 'force' || action.actor === 'stranger') return action;
  return { ...action, actor: swapRole(action.actor) };
}

/** What the mirrored run must emit: party addresses swapped, per-party pairs swapped. */
export function mirrorEvent(event: LockEvent): LockEvent {
  switch (event.name) {
    case 'PeacefulExit':
      return { name: event.name, args: { shareA: event.args.shareB, shareB: event.args.shareA } };
    case 'SurplusCredited':
      return { name: event.name, args: { toA: event.args.toB, toB: event.args.toA } };
    default: {
      const args = Object.fromEntries(Object.entries(event.args).map(([key, value]) => [key, swapAddress(value)]));
      return { ...event, args } as LockEvent;
    }
  }
}

export function mirrorResult(result: CallResult): CallResult {
  return result.ok ? { ok: true, events: result.events.map(mirrorEvent) } : result;
}

export function mirrorObservation(obs: Observation): Observation {
  return { ...obs, A: obs.B, B: obs.A };
}

/** Times in an observation that move with a shift of the clock; 0 means "none" and stays. */
export function shiftObservation(obs: Observation, by: bigint): Observation {
  const at = (t: bigint): bigint => (t === 0n ? 0n : t + by);
  const party = (p: PartyStatus): PartyStatus => ({
    ...p,
    defaultStartsAt: at(p.defaultStartsAt),
    lastActionAt: at(p.lastActionAt),
    executeAfter: at(p.executeAfter),
  });
  return { ...obs, time: obs.time + by, activatedAt: at(obs.activatedAt), A: party(obs.A), B: party(obs.B) };
}

/** Reverts whose one argument is a block time (MLL-CIN-001, MLL-UEX-004, MLL-ABN-002, MLL-ABN-006). */
const timeReverts: ReadonlySet<string> = new Set([
  'ActivationWindowOpen',
  'ExitCountdownNotElapsed',
  'ExitCountdownElapsed',
  'CounterpartyNotSilent',
  'CounterpartyDefaultTooRecent',
  'ClaimerRecentlyInDefault',
]);

export function shiftResult(result: CallResult, by: bigint): CallResult {
  if (!result.ok) return timeReverts.has(result.revert) ? { ...result, args: result.args.map((t) => (t as bigint) + by) } : result;
  const events = result.events.map((event): LockEvent => {
    if (event.name === 'AgreementActivated') return { name: event.name, args: { activatedAt: event.args.activatedAt + by } };
    if (event.name === 'UnilateralExitInitiated') {
      return { name: event.name, args: { ...event.args, executeAfter: event.args.executeAfter + by } };
    }
    return event;
  });
  return { ok: true, events };
}

/** A keeper's poke: applyBleeding from a stranger. */
export const keeperPoke: ResolvedAction = { kind: 'call', actor: 'stranger', fn: 'applyBleeding', value: 0n };

/**
 * Inserts keeper pokes between resolved steps: each (slot, fraction) puts one poke in the gap
 * before step `slot`, at that fraction of the gap; (slot, fraction, action) puts that call there
 * instead (a party's poke, a stranger's withdraw). Returns the steps and where the originals went.
 */
export function interleavePokes(
  steps: readonly ResolvedStep[],
  deployTime: bigint,
  pokes: readonly (readonly [number, number] | readonly [number, number, ResolvedAction])[],
): { steps: ResolvedStep[]; originals: number[] } {
  const bySlot = new Map<number, (readonly [number, ResolvedAction])[]>();
  for (const [slot, fraction, action] of pokes) {
    const key = slot % (steps.length + 1);
    bySlot.set(key, [...(bySlot.get(key) ?? []), [fraction, action ?? keeperPoke]]);
  }
  const out: ResolvedStep[] = [];
  const originals: number[] = [];
  let last = deployTime;
  for (let slot = 0; slot <= steps.length; slot++) {
    const end = steps[slot]?.time ?? last + 400n * 86_400n;
    for (const [fraction, action] of [...(bySlot.get(slot) ?? [])].sort((x, y) => x[0] - y[0])) {
      out.push({ time: last + ((end - last) * BigInt(Math.floor(fraction * 1e6))) / 1_000_000n, action });
    }
    const step = steps[slot];
    if (step === undefined) break;
    originals.push(out.length);
    out.push(step);
    last = step.time;
  }
  return { steps: out, originals };
}
