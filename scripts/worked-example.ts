/**
 * `npm run example`: spec/worked-example.md, one timeline at the article's defaults with every
 * figure, generated from a run of the reference (deploy and execute), so no number in it is typed
 * by hand. `--check` writes nothing and fails when the page differs from what the reference gives
 * now (npm test runs it), or when the run breaks what the page says of it.
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PARTY_A, PARTY_B } from '../properties/actors.js';
import type { Address, FunctionName, LockEvent, LockState, PartyStatus } from '../reference/index.js';
import { DAY, articleDefaults, deploy, execute, getPartyStatus } from '../reference/index.js';

const params = articleDefaults(PARTY_A, PARTY_B);
const d = params.depositAmount;
const DEPLOYED = 1_700_000_000n;
const NAME: Record<string, string> = { [PARTY_A]: 'A', [PARTY_B]: 'B' };

interface Step {
  /** Days after t0 (B's activation), or after deployment before it. */
  readonly day: number;
  readonly seconds?: number;
  readonly label: string;
  readonly call?: { readonly from: Address; readonly fn: FunctionName; readonly value?: bigint };
}

interface Row {
  readonly step: Step;
  readonly time: bigint;
  readonly events: readonly LockEvent[];
  readonly A: PartyStatus;
  readonly B: PartyStatus;
  readonly balance: bigint;
}

const t0 = DEPLOYED + 2n * DAY;
const at = (s: Step): bigint => t0 + BigInt(s.day) * DAY + BigInt(s.seconds ?? 0);

function run(state: LockState, steps: readonly Step[]): { state: LockState; rows: Row[] } {
  const rows: Row[] = [];
  for (const step of steps) {
    const now = at(step);
    let events: readonly LockEvent[] = [];
    if (step.call !== undefined) {
      const outcome = execute(state, step.call.fn, { from: step.call.from, value: step.call.value ?? 0n, now });
      if (!outcome.ok) throw new Error(`step "${step.label}" reverted ${outcome.revert.name}`);
      state = outcome.state;
      events = outcome.events;
    }
    const view = (who: Address) => getPartyStatus(state, who, now) as PartyStatus;
    rows.push({ step, time: now, events, A: view(PARTY_A), B: view(PARTY_B), balance: state.balance });
  }
  return { state, rows };
}

const pay = (from: Address, intervals: bigint, day: number, label: string): Step => ({
  day,
  label,
  call: { from, fn: 'deposit', value: intervals * d },
});

/** The common trunk: activation, on-time deposits, B falls behind, bleeds, cures, falls behind again. */
const trunk: Step[] = [
  { day: -2, label: 'A activates with d', call: { from: PARTY_A, fn: 'activate', value: d } },
  {
    day: 0,
    label: 'B activates with d: t0, the schedule starts (interval 0 paid by both)',
    call: { from: PARTY_B, fn: 'activate', value: d },
  },
  pay(PARTY_A, 1n, 30, 'A pays interval 1 on its due date'),
  pay(PARTY_B, 1n, 30, 'B pays interval 1 on its due date'),
  pay(PARTY_A, 1n, 60, 'A pays interval 2'),
  pay(PARTY_B, 1n, 60, 'B pays interval 2'),
  pay(PARTY_A, 1n, 90, 'A pays interval 3'),
  pay(PARTY_B, 1n, 90, 'B pays interval 3'),
  pay(PARTY_A, 1n, 120, 'A pays interval 4; B does not: B owes one reached interval, within grace (G = 1)'),
  pay(PARTY_A, 1n, 150, 'A pays interval 5; B still owes interval 4, now two: B is in default from this second, t0 + (paid + G)·T'),
  { day: 155, label: 'B has bled 5 days (views settle pending bleed; nothing is moved yet)' },
  { day: 160, label: 'a keeper pokes: the clocks advance, nothing moves, no event', call: { from: PARTY_A, fn: 'applyBleeding' } },
  pay(PARTY_B, 2n, 160, 'B cures: pays intervals 4 and 5; its 10 days of bleed are settled to A first'),
  pay(PARTY_A, 1n, 180, 'A pays interval 6'),
  pay(PARTY_B, 1n, 180, 'B pays interval 6'),
  pay(PARTY_A, 1n, 210, 'A pays interval 7; B does not (within grace)'),
];

/** A exits with the waiver: B falls into default again and bleeds a day first. */
const withWaiver: Step[] = [
  pay(PARTY_A, 1n, 240, 'A pays interval 8; B owes two intervals: B is in default again'),
  {
    day: 241,
    label: 'A initiates a unilateral exit: B has a whole day on its bleed clock, so the waiver holds (MLL-UEX-010)',
    call: { from: PARTY_A, fn: 'initiateUnilateralExit' },
  },
  pay(PARTY_A, 1n, 270, 'A keeps paying during the countdown: interval 9'),
  {
    day: 271,
    label: 'A executes at the countdown’s end: both settled, no penalty (waived), the lock ends',
    call: { from: PARTY_A, fn: 'executeUnilateralExit' },
  },
  { day: 272, label: 'A withdraws its claimable', call: { from: PARTY_A, fn: 'withdraw' } },
  { day: 272, label: 'B withdraws its claimable', call: { from: PARTY_B, fn: 'withdraw' } },
];

/** A exits without the waiver: B compliant, A's rate frozen at initiation. */
const withoutWaiver: Step[] = [
  pay(PARTY_B, 1n, 211, 'B pays interval 7 a day late, within grace'),
  {
    day: 212,
    label: 'A initiates a unilateral exit: B is not in default, so no waiver; the rate penalty(7 counted) = P_min is frozen',
    call: { from: PARTY_A, fn: 'initiateUnilateralExit' },
  },
  pay(PARTY_A, 1n, 240, 'A pays interval 8 during the countdown (it buys no lower rate)'),
  pay(PARTY_B, 1n, 240, 'B pays interval 8'),
  {
    day: 242,
    label: 'A executes: A pays its frozen rate of its settled share to B; the lock ends',
    call: { from: PARTY_A, fn: 'executeUnilateralExit' },
  },
  { day: 243, label: 'A withdraws its claimable', call: { from: PARTY_A, fn: 'withdraw' } },
  { day: 243, label: 'B withdraws its claimable', call: { from: PARTY_B, fn: 'withdraw' } },
];

function arg(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' && NAME[value] !== undefined) return NAME[value];
  return String(value);
}

function eventText(e: LockEvent): string {
  return `\`${e.name}(${Object.entries(e.args as Record<string, unknown>)
    .map(([k, v]) => `${k} ${arg(v)}`)
    .join(', ')})\``;
}

function when(row: Row): string {
  const offset = row.time - t0;
  const days = offset / DAY;
  const rest = offset % DAY;
  const sign = offset < 0n ? '−' : '+';
  const abs = offset < 0n ? -offset : offset;
  return `t0 ${sign} ${abs / DAY} d${rest !== 0n && offset >= 0n ? ` ${rest} s` : ''}`.replace(`${days} d`, `${days} d`);
}

function table(rows: readonly Row[]): string[] {
  const out: string[] = [];
  rows.forEach((row, i) => {
    out.push(
      `**${i + 1}. ${when(row)} — ${row.step.label}.**${row.step.call ? ` Call: ${NAME[row.step.call.from]}.${row.step.call.fn}(${row.step.call.value ? `value ${row.step.call.value}` : ''})` : ' No call: the views at this time.'}`,
    );
    out.push('');
    if (row.events.length > 0) out.push(`Events: ${row.events.map(eventText).join(', ')}`, '');
    out.push(
      '| party | share (wei) | paid | reached | counted | in default | bleed clock (s) | exit rate now (bps) | frozen rate (bps) | claimable (wei) |',
    );
    out.push('|---|---:|---:|---:|---:|---|---:|---:|---:|---:|');
    for (const [name, s] of [
      ['A', row.A],
      ['B', row.B],
    ] as const) {
      out.push(
        `| ${name} | ${s.share} | ${s.paidIntervals} | ${s.reachedIntervals} | ${s.countedIntervals} | ${s.inDefault ? 'yes' : 'no'} | ${s.bleedSeconds} | ${s.exitPenaltyBps} | ${s.unilateralExitLive ? s.frozenPenaltyBps : '–'} | ${s.claimable} |`,
      );
    }
    out.push('', `Balance held by the lock: ${row.balance} wei.`, '');
  });
  return out;
}

function checks(trunkRows: readonly Row[], waiverRows: readonly Row[], noWaiverRows: readonly Row[]): string[] {
  const problems: string[] = [];
  const executed = (rows: readonly Row[]) => rows.flatMap((r) => r.events).find((e) => e.name === 'UnilateralExitExecuted');
  const w = executed(waiverRows);
  const n = executed(noWaiverRows);
  if (w?.name !== 'UnilateralExitExecuted' || w.args.penaltyPaid !== 0n) problems.push('the waived exit paid a penalty');
  if (n?.name !== 'UnilateralExitExecuted' || n.args.penaltyPaid === 0n) problems.push('the exit without waiver paid no penalty');
  const cure = trunkRows.find((r) => r.step.label.startsWith('B cures'));
  if (cure === undefined || cure.B.inDefault || !cure.events.some((e) => e.name === 'BleedingApplied'))
    problems.push('the cure did not settle bleed and end the default');
  const poke = trunkRows.find((r) => r.step.label.startsWith('a keeper pokes'));
  if (poke === undefined || poke.events.length !== 0) problems.push('the poke emitted an event');
  for (const rows of [waiverRows, noWaiverRows]) {
    const last = rows[rows.length - 1]!;
    if (last.balance !== 0n || last.A.claimable !== 0n || last.B.claimable !== 0n) problems.push('the lock did not end empty');
  }
  return problems;
}

function main(): number {
  const deployed = deploy(params, DEPLOYED);
  if (!deployed.ok) throw new Error('deploy reverted');
  const t = run(deployed.state, trunk);
  const a = run(t.state, withWaiver);
  const b = run(t.state, withoutWaiver);
  const paidIn = (rows: readonly Row[]) =>
    rows.flatMap((r) => r.events).reduce((sum, e) => sum + (e.name === 'Deposited' ? e.args.amount : 0n), 0n);
  const out = (rows: readonly Row[]) => rows.flatMap((r) => r.events).filter((e) => e.name === 'Withdrawn');
  const withdrawn = (rows: readonly Row[], who: Address) =>
    out(rows).reduce((sum, e) => sum + (e.name === 'Withdrawn' && e.args.party === who ? e.args.amount : 0n), 0n);
  const text = [
    '# A worked example (informative)',
    '',
    'Generated by `npm run example` (scripts/worked-example.ts) from a run of the reference',
    '(`deploy` and `execute`, the views read with `getPartyStatus` at each step); do not edit. `npm test`',
    'fails when this page differs from what the reference gives now. Words as in the',
    '[glossary](glossary.md); the statuses as in the [diagrams](diagrams.md).',
    '',
    `The article's defaults: d = ${d} wei (0.1 ether), T = 30 days, r = 50 bps/day, G = 1, exit rate`,
    `8000 → 1500 bps over n = 7, countdown 30 days. Deployed at ${DEPLOYED} (block time, seconds); t0 = ${t0}, B's`,
    'activation. "Share" is the share as the views report it: settled, with pending whole days of bleed',
    'applied in the view (MLL-VIEW-001); the bleed clock is the seconds accrued and not yet settled.',
    '',
    '## The trunk: both pay, B falls behind, bleeds and cures',
    '',
    ...table(t.rows),
    '## Ending 1: A exits with the waiver',
    '',
    'B falls behind again; A leaves once B has bled a whole day.',
    '',
    ...table(a.rows),
    `Paid in over the whole run: ${paidIn([...t.rows, ...a.rows])} wei; withdrawn: A ${withdrawn(a.rows, PARTY_A)}, B ${withdrawn(a.rows, PARTY_B)} wei.`,
    '',
    '## Ending 2: A exits without the waiver',
    '',
    'From the end of the trunk, B pays late but within grace; A leaves anyway and pays its frozen rate.',
    '',
    ...table(b.rows),
    `Paid in over the whole run: ${paidIn([...t.rows, ...b.rows])} wei; withdrawn: A ${withdrawn(b.rows, PARTY_A)}, B ${withdrawn(b.rows, PARTY_B)} wei.`,
    '',
  ].join('\n');
  const problems = checks(t.rows, a.rows, b.rows);
  const path = fileURLToPath(new URL('../spec/worked-example.md', import.meta.url));
  const check = process.argv.includes('--check');
  if (check) {
    let committed: string;
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== text) problems.push('spec/worked-example.md is stale: run `npm run example`');
  } else if (problems.length === 0) writeFileSync(path, text);
  for (const problem of problems) console.error(`example: ${problem}`);
  if (problems.length === 0) console.log(check ? 'example: up to date' : 'example: wrote spec/worked-example.md');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();
