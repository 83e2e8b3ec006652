/**
 * Model-based commands for the differential suite: a call of any external function, drawn as
 * calls.ts weighs it, plus moving time, forcing ether and multi-step plays. Each resolves its
 * amount (or time) against the reference's views, takes the step on both sides and compares
 * (world.ts).
 * @module
 */
import * as fc from 'fast-check';
import type { FunctionName } from '../../reference/index.js';
import { DAY } from '../../reference/index.js';
import type { ActorName } from '../actors.js';
import type { CallValue, Callers } from '../calls.js';
import { callRows } from '../calls.js';
import type { ResolvedAction } from '../run-scenario.js';
import { resolveTime, resolveValue } from '../run-scenario.js';
import type { TimeStep, ValueChoice } from '../scenario.js';
import { edges, timeStepArb } from '../scenario.js';
import { expectedSilenceThreshold } from '../oracle.js';
import type { Model, Real } from './world.js';
import { compareViews, moveTo, step } from './world.js';

type Command = fc.AsyncCommand<Model, Real>;

/**
 * Every command applies in every state: the reference decides what a call does there, a revert
 * included, and that outcome is what gets compared. So no precondition filters the sequence.
 */
abstract class AnyStateCommand implements Command {
  check(): boolean {
    return true;
  }
  abstract run(model: Model, real: Real): Promise<void>;
  abstract toString(): string;
}

/** A ± 1 s offset as the timelines show it: '', '+1s' or '-1s', after `gap`. */
const shownOffset = (offset: bigint, gap = ''): string => (offset === 0n ? '' : `${gap}${offset > 0n ? '+1s' : '-1s'}`);

const describeValue = (v: ValueChoice): string =>
  `${v.base === 'none' ? '' : `${v.base}+`}${v.intervals}·d${v.offset === 0n ? '' : v.offset > 0n ? `+${v.offset}` : `${v.offset}`}`;

/** A call of `fn` by `actor`; the value is resolved against the caller's schedule when it runs. */
export class CallCommand extends AnyStateCommand {
  constructor(
    readonly fn: FunctionName,
    readonly actor: ActorName,
    readonly value: ValueChoice,
  ) {
    super();
  }
  action(model: Model): ResolvedAction {
    return { kind: 'call', actor: this.actor, fn: this.fn, value: resolveValue(this.value, this.actor, model.observation, model.params) };
  }
  async run(model: Model, real: Real): Promise<void> {
    await step(model, real, this.action(model));
  }
  toString(): string {
    const v = this.value;
    const shown = v.base === 'none' && v.intervals === 0n && v.offset === 0n ? '' : `{value: ${describeValue(v)}}`;
    return `${this.actor}.${this.fn}(${shown})`;
  }
}

/** Moves block time: to an edge of the schedule (± 1 s), or by a plain amount, up to decades. */
export class WaitCommand extends AnyStateCommand {
  constructor(readonly time: TimeStep) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await moveTo(model, real, resolveTime(this.time, model.time, model.observation, model.params), this.toString());
  }
  toString(): string {
    const t = this.time;
    if (t.kind === 'after') return `wait(${t.seconds % DAY === 0n ? `${t.seconds / DAY}d` : `${t.seconds}s`})`;
    return `waitUntil(${t.edge}${shownOffset(t.offset)})`;
  }
}

/** Reads every view function by itself — getPoolState, agreement, claimable, getExitPenalty, getPartyStatus — for A, B and a stranger. */
export class ReadViewsCommand extends AnyStateCommand {
  async run(model: Model, real: Real): Promise<void> {
    await compareViews(model, real);
  }
  toString(): string {
    return 'readViews()';
  }
}

/** One party proposes, the other answers after a while: a peaceful exit agreed, or a lapsed proposal. */
export class PeacefulExitPlayCommand extends AnyStateCommand {
  constructor(
    readonly first: 'A' | 'B',
    readonly after: bigint,
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await new CallCommand('proposeExit', this.first, none).run(model, real);
    await new WaitCommand({ kind: 'after', seconds: this.after }).run(model, real);
    await new CallCommand('proposeExit', this.first === 'A' ? 'B' : 'A', none).run(model, real);
  }
  toString(): string {
    return `${this.first}.proposeExit(), then ${this.first === 'A' ? 'B' : 'A'} after ${this.after}s`;
  }
}

/** A stranger's contract created with value that self-destructs to the lock (MLL-CONF-002). */
export class ForceEtherCommand extends AnyStateCommand {
  constructor(readonly amount: bigint) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await step(model, real, { kind: 'force', amount: this.amount });
  }
  toString(): string {
    return `forceEther(${this.amount})`;
  }
}

/**
 * A party's whole unilateral exit: initiate, wait for the end of the countdown (± 1 s) or the
 * lapse, execute — or cancel there, where cancelling stops (MLL-UEX-013). Random single commands
 * reach a successful execution, and a cancel at those edges, too rarely.
 */
export class UnilateralExitPlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly edge: 'executeAfter' | 'lapse',
    readonly offset: bigint,
    readonly finish: 'execute' | 'cancel',
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await new CallCommand('initiateUnilateralExit', this.actor, none).run(model, real);
    await new WaitCommand({ kind: 'edge', edge: `${this.edge}${this.actor}`, offset: this.offset }).run(model, real);
    await new CallCommand(this.finish === 'execute' ? 'executeUnilateralExit' : 'cancelUnilateralExit', this.actor, none).run(model, real);
  }
  toString(): string {
    return `${this.actor}.${this.finish === 'execute' ? 'exitAt' : 'cancelAt'}(${this.edge}${shownOffset(this.offset)})`;
  }
}

/**
 * A party keeps paying on every due date while its counterparty stays silent, then claims at
 * the silence threshold (± 1 s): the only way random runs reach a successful abandonment claim.
 * When the silent party prepaid to the limit first, the claim meets a party still in grace.
 */
export class AbandonmentPlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly dueDates: number,
    readonly offset: bigint,
    readonly silentPrepays: boolean,
    /** Where `offset` applies: the end of the silence, or a day into the silent party's default (MLL-ABN-008), when that is later. */
    readonly at: 'silence' | 'claimable' = 'silence',
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    const silent = this.actor === 'A' ? 'B' : 'A';
    if (this.silentPrepays) await new CallCommand('deposit', silent, { base: 'prepayLimit', intervals: 0n, offset: 0n }).run(model, real);
    for (let k = 0; k < this.dueDates; k++) {
      await new WaitCommand({ kind: 'edge', edge: 'nextDueDate', offset: 0n }).run(model, real);
      await new CallCommand('deposit', this.actor, arrears).run(model, real);
    }
    if (!this.silentPrepays) {
      // a long grace (G·T past the silence threshold) would otherwise make most claims premature
      await new WaitCommand({ kind: 'edge', edge: `defaultStart${silent}`, offset: 0n }).run(model, real);
      await new CallCommand('deposit', this.actor, arrears).run(model, real);
    }
    const atSilence = this.at === 'silence';
    await new WaitCommand({ kind: 'edge', edge: `silence${silent}`, offset: atSilence ? this.offset : 1n }).run(model, real);
    if (!atSilence) await new WaitCommand({ kind: 'edge', edge: `claimable${silent}`, offset: this.offset }).run(model, real);
    await new CallCommand('deposit', this.actor, arrears).run(model, real);
    await new CallCommand('claimAbandoned', this.actor, none).run(model, real);
  }
  toString(): string {
    const prepaid = this.silentPrepays ? `${this.actor === 'A' ? 'B' : 'A'} prepaid, ` : '';
    const at = this.at === 'silence' ? '' : ', at claimableAt';
    return `${this.actor}.claimAfterSilence(${prepaid}${this.dueDates} due dates paid${at}${shownOffset(this.offset, ', ')})`;
  }
}

/**
 * The claimer defaults with the silent party, cures a second into its default paying as far ahead
 * as it may (MLL-SCH-003), and claims at its cure + the silence threshold (± 1 s): the compliant
 * wait of MLL-ABN-006, whose last second still refuses the claim (ClaimerRecentlyInDefault).
 */
export class ClaimAfterCurePlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly offset: bigint,
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await new WaitCommand({ kind: 'edge', edge: `defaultStart${this.actor}`, offset: 1n }).run(model, real);
    await new CallCommand('deposit', this.actor, { base: 'prepayLimit', intervals: 0n, offset: 0n }).run(model, real);
    await new WaitCommand({ kind: 'after', seconds: expectedSilenceThreshold(model.params) + this.offset }).run(model, real);
    await new CallCommand('deposit', this.actor, arrears).run(model, real);
    await new CallCommand('claimAbandoned', this.actor, none).run(model, real);
  }
  toString(): string {
    return `${this.actor}.claimAfterCure(${shownOffset(this.offset)})`;
  }
}

/**
 * A party lapses into one-sided default while its counterparty keeps up, and waits out k bleed
 * days: up to its k-th bleed-day boundary, `offset` (± 1 s) around it.
 */
export class LapsePlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly bleedDays: number,
    readonly offset: bigint = 0n,
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    const other = this.actor === 'A' ? 'B' : 'A';
    await new CallCommand('deposit', other, arrears).run(model, real);
    await new WaitCommand({ kind: 'edge', edge: `defaultStart${this.actor}`, offset: 0n }).run(model, real);
    await new CallCommand('deposit', other, arrears).run(model, real);
    for (let day = 1; day <= this.bleedDays; day++) {
      await new WaitCommand({ kind: 'edge', edge: `nextBleedDay${this.actor}`, offset: day === this.bleedDays ? this.offset : 0n }).run(
        model,
        real,
      );
    }
  }
  toString(): string {
    return `${this.actor}.lapses(${this.bleedDays} bleed days${shownOffset(this.offset, ' ')})`;
  }
}

/**
 * A party lapses, then catches up on its k-th bleed-day boundary (± 1 s): settlement of its own
 * bleed at its own deposit (MLL-BLD-004) at the day boundaries, where whole days begin to count.
 */
export class CatchUpPlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly bleedDays: number,
    readonly offset: bigint,
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await new LapsePlayCommand(this.actor, this.bleedDays, this.offset).run(model, real);
    await new CallCommand('deposit', this.actor, arrears).run(model, real);
  }
  toString(): string {
    return `${this.actor}.catchUpAfter(${this.bleedDays} bleed days${shownOffset(this.offset, ' ')})`;
  }
}

/**
 * A party lapses into one-sided default for k bleed days, then both propose: the peaceful exit
 * must settle the bleed nobody has settled yet, both parties' (MLL-PEX-003, MLL-BLD-004).
 */
export class PeacefulExitWhileBleedingPlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly bleedDays: number,
    readonly actorProposesFirst: boolean,
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    const other = this.actor === 'A' ? 'B' : 'A';
    await new LapsePlayCommand(this.actor, this.bleedDays).run(model, real);
    const [first, second]: [ActorName, ActorName] = this.actorProposesFirst ? [this.actor, other] : [other, this.actor];
    await new CallCommand('proposeExit', first, none).run(model, real);
    await new CallCommand('proposeExit', second, none).run(model, real);
  }
  toString(): string {
    return `${this.actor}.bleeds(${this.bleedDays} days), then peaceful exit proposed by ${this.actorProposesFirst ? this.actor : this.actor === 'A' ? 'B' : 'A'} first`;
  }
}

/**
 * A compliant party leaves a counterparty in default: the counterparty lapses a bleed day, the
 * party initiates, keeps paying or not, and executes at the end of the countdown (± 1 s) — the
 * waiver, frozen and checked again at execution, and lost if the party is by then in default
 * itself (MLL-UEX-010, MLL-UEX-011).
 */
export class ExitFromDefaulterPlayCommand extends AnyStateCommand {
  constructor(
    readonly actor: 'A' | 'B',
    readonly offset: bigint,
    readonly keepsPaying: boolean,
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    await new LapsePlayCommand(this.actor === 'A' ? 'B' : 'A', 1).run(model, real);
    await new CallCommand('initiateUnilateralExit', this.actor, none).run(model, real);
    await new WaitCommand({ kind: 'edge', edge: `executeAfter${this.actor}`, offset: this.offset }).run(model, real);
    if (this.keepsPaying) await new CallCommand('deposit', this.actor, arrears).run(model, real);
    await new CallCommand('executeUnilateralExit', this.actor, none).run(model, real);
  }
  toString(): string {
    return `${this.actor}.exitsFromDefaulter(${shownOffset(this.offset)}${this.keepsPaying ? '' : ', stops paying'})`;
  }
}

/**
 * Both parties initiate, `gap` seconds apart, and at the later countdown's end (± 1 s) the first
 * to initiate tries a deposit or has a proposal live for the other to accept, then executes:
 * two exits executed by one call, each at its own rate (MLL-UEX-012), the deposit refused once
 * both are executable (MLL-SCH-009), the offer no longer open once its proposer can execute
 * (MLL-PEX-005).
 */
export class JointExitPlayCommand extends AnyStateCommand {
  constructor(
    readonly first: 'A' | 'B',
    readonly gap: bigint,
    readonly offset: bigint,
    readonly prelude: 'deposit' | 'offer' | 'none',
  ) {
    super();
  }
  async run(model: Model, real: Real): Promise<void> {
    const second = this.first === 'A' ? 'B' : 'A';
    await new CallCommand('initiateUnilateralExit', this.first, none).run(model, real);
    await new WaitCommand({ kind: 'after', seconds: this.gap }).run(model, real);
    await new CallCommand('initiateUnilateralExit', second, none).run(model, real);
    if (this.prelude === 'offer') {
      await new WaitCommand({ kind: 'edge', edge: `executeAfter${second}`, offset: this.offset - 1n }).run(model, real);
      await new CallCommand('proposeExit', this.first, none).run(model, real);
      await new WaitCommand({ kind: 'after', seconds: 1n }).run(model, real);
      await new CallCommand('proposeExit', second, none).run(model, real);
    } else {
      await new WaitCommand({ kind: 'edge', edge: `executeAfter${second}`, offset: this.offset }).run(model, real);
      if (this.prelude === 'deposit')
        await new CallCommand('deposit', this.first, { base: 'arrears', intervals: 1n, offset: 0n }).run(model, real);
    }
    await new CallCommand('executeUnilateralExit', this.first, none).run(model, real);
  }
  toString(): string {
    const prelude = this.prelude === 'none' ? '' : `, ${this.prelude} first`;
    return `${this.first}.jointExit(${this.gap}s apart${shownOffset(this.offset, ', ')}${prelude})`;
  }
}

const big = (min: bigint, max: bigint) => fc.bigInt({ min, max });
const party = fc.constantFrom<ActorName>('A', 'B');
const anyone = fc.constantFrom<ActorName>('A', 'B', 'A', 'B', 'stranger');
const none: ValueChoice = { base: 'none', intervals: 0n, offset: 0n };
const arrears: ValueChoice = { base: 'arrears', intervals: 0n, offset: 0n };

/** Amounts at and around the bounds: d − 1, d, 3d, 3d + 1, the arrears, the prepayment limit, huge. */
const amount: fc.Arbitrary<ValueChoice> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ base: fc.constantFrom('none' as const, 'arrears' as const), intervals: big(0n, 1n), offset: fc.constant(0n) }),
  },
  { weight: 2, arbitrary: fc.record({ base: fc.constant('prepayLimit' as const), intervals: big(-1n, 1n), offset: fc.constant(0n) }) },
  { weight: 2, arbitrary: fc.record({ base: fc.constant('none' as const), intervals: big(0n, 4n), offset: big(-1n, 1n) }) },
  { weight: 1, arbitrary: fc.record({ base: fc.constant('none' as const), intervals: fc.constant(0n), offset: big(1n, 2n ** 200n) }) },
);
/** Mostly no value; now and then one wei, to reach UnexpectedValue. */
const noValue: fc.Arbitrary<ValueChoice> = fc.oneof(
  { weight: 19, arbitrary: fc.constant(none) },
  { weight: 1, arbitrary: fc.constant<ValueChoice>({ base: 'none', intervals: 0n, offset: 1n }) },
);

const callers: Readonly<Record<Callers, fc.Arbitrary<ActorName>>> = { party, anyone, stranger: fc.constant<ActorName>('stranger') };
const values: Readonly<Record<CallValue, fc.Arbitrary<ValueChoice>>> = { amount, none: noValue };

/** Every command, weighted toward what keeps a lock alive and moving: time, deposits, activations (calls.ts). */
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .constantFrom(...edges)
      .chain((edge) => big(-1n, 1n).map((offset) => new WaitCommand({ kind: 'edge', edge, offset }) as Command)),
  },
  { weight: 4, arbitrary: timeStepArb.map((t) => new WaitCommand(t) as Command) },
  ...callRows.map(([fn, { command }]) => ({
    weight: command.weight,
    arbitrary: fc
      .tuple(callers[command.callers], values[command.value])
      .map(([actor, value]) => new CallCommand(fn, actor, value) as Command),
  })),
  { weight: 1, arbitrary: big(1n, 10n ** 18n).map((wei) => new ForceEtherCommand(wei) as Command) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom<'A' | 'B'>('A', 'B'),
        fc.constantFrom<'executeAfter' | 'lapse'>('executeAfter', 'lapse'),
        big(-1n, 1n),
        fc.constantFrom<'execute' | 'cancel'>('execute', 'execute', 'cancel'),
      )
      .map(([actor, edge, offset, finish]) => new UnilateralExitPlayCommand(actor, edge, offset, finish) as Command),
  },
  { weight: 1, arbitrary: fc.constant(new ReadViewsCommand() as Command) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom<'A' | 'B'>('A', 'B'), fc.oneof(fc.constantFrom(0n, 7n * DAY - 1n, 7n * DAY), big(0n, 8n * DAY)))
      .map(([first, after]) => new PeacefulExitPlayCommand(first, after) as Command),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom<'A' | 'B'>('A', 'B'), fc.integer({ min: 1, max: 3 }), big(-1n, 1n))
      .map(([actor, days, offset]) => new CatchUpPlayCommand(actor, days, offset) as Command),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom<'A' | 'B'>('A', 'B'), fc.integer({ min: 1, max: 3 }), fc.boolean())
      .map(([actor, days, first]) => new PeacefulExitWhileBleedingPlayCommand(actor, days, first) as Command),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom<'A' | 'B'>('A', 'B'), fc.constantFrom(0n, 1n), fc.boolean())
      .map(([actor, offset, keepsPaying]) => new ExitFromDefaulterPlayCommand(actor, offset, keepsPaying) as Command),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom<'A' | 'B'>('A', 'B'),
        fc.integer({ min: 0, max: 5 }),
        big(-1n, 1n),
        fc.boolean(),
        fc.constantFrom<'silence' | 'claimable'>('silence', 'claimable'),
      )
      .map(([actor, dueDates, offset, prepays, at]) => new AbandonmentPlayCommand(actor, dueDates, offset, prepays, at) as Command),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom<'A' | 'B'>('A', 'B'),
        fc.constantFrom(0n, 1n, DAY),
        big(-1n, 1n),
        fc.constantFrom<'deposit' | 'offer' | 'none'>('deposit', 'offer', 'none'),
      )
      .map(([first, gap, offset, prelude]) => new JointExitPlayCommand(first, gap, offset, prelude) as Command),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom<'A' | 'B'>('A', 'B'), big(-1n, 1n))
      .map(([actor, offset]) => new ClaimAfterCurePlayCommand(actor, offset) as Command),
  },
);
