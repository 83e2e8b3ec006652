/**
 * `npm run diagrams`: spec/diagrams.md, the lock's phase diagram and a party's status diagram,
 * found by running the reference, not drawn by hand. Seeded walks (deploy, then calls of every
 * function by A, B and a stranger at times aimed at the schedule's edges) run through
 * reference/lock.ts; every successful call and every stretch of time is classified with the
 * reference's own predicates (phase, isInDefault, reachedIntervals, paidIntervals), and the
 * transitions that occur become Mermaid state diagrams. Time is walked boundary by boundary
 * (every due date and default start is a multiple of T after t0), so a status the clock passes
 * through is never skipped. `--check` writes nothing and fails when spec/diagrams.md differs from
 * what the reference gives now, or when a transition the spec names was not seen (npm test).
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PARTY_A, PARTY_B, STRANGER } from '../properties/actors.js';
import type { Address, FunctionName, LockState, Role } from '../reference/index.js';
import {
  DAY,
  Phase,
  abandonmentThreshold,
  articleDefaults,
  counterparty,
  deploy,
  execute,
  functionNames,
  isInDefault,
  reachedIntervals,
  roleOf,
} from '../reference/index.js';

/** A party's status at a time, from the reference's predicates. */
export type Status = 'Inactive' | 'Compliant' | 'InGrace' | 'Bleeding' | 'MutualDefault' | 'Exited';

const STATUS_TEXT: Record<Status, string> = {
  Inactive: 'the lock not yet active (phase Inactive)',
  Compliant: 'no reached interval unpaid (reached − paid ≤ 0), MLL-SCH-001',
  InGrace: 'owes 1 … G reached intervals, not in default, MLL-DEF-001',
  Bleeding: 'in default, the counterparty not: one-sided default, its bleed window, MLL-BLD-001',
  MutualDefault: 'both in default: nothing bleeds, MLL-DEF-004',
  Exited: 'the lock has ended (phase Exited)',
};

/** The status of `role` at `now`: phase, then isInDefault for it and its counterparty, then what it owes. */
export function statusOf(state: LockState, role: Role, now: bigint): Status {
  if (state.phase === Phase.Inactive) return 'Inactive';
  if (state.phase === Phase.Exited) return 'Exited';
  const own = isInDefault(state, role, now);
  const other = isInDefault(state, counterparty(role), now);
  if (own) return other ? 'MutualDefault' : 'Bleeding';
  return reachedIntervals(state, now) - state[role].paidIntervals > 0n ? 'InGrace' : 'Compliant';
}

const PHASE_NAME = ['Inactive', 'Active', 'Exited'] as const;

/** A small deterministic generator (mulberry32), so the walks and the page never change by chance. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Seen {
  readonly phase: Map<string, number>;
  readonly status: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

/** What moved a party: a stretch of time, or a call, named from the party's point of view. */
function callCause(state: LockState, role: Role, from: Address, fn: FunctionName, phaseChanged: boolean): string {
  const caller = roleOf(state, from);
  const who = caller === null ? 'a stranger' : caller === role ? 'its own' : "the counterparty's";
  if (fn === 'deposit') return `${who} deposit`;
  if (!phaseChanged) return `${who} ${fn}`;
  const own = caller === role;
  if (fn === 'claimAbandoned') return own ? 'its claim' : 'a claim against it';
  if (fn === 'executeUnilateralExit') return own ? 'its exit executed' : "the counterparty's exit executed";
  if (fn === 'proposeExit') return 'peaceful exit';
  return fn;
}

function record(seen: Seen, before: LockState, after: LockState, tBefore: bigint, tAfter: bigint, cause: (role: Role) => string): void {
  for (const role of ['A', 'B'] as const) {
    const s0 = statusOf(before, role, tBefore);
    const s1 = statusOf(after, role, tAfter);
    if (s0 !== s1) bump(seen.status, `${s0}|${s1}|${cause(role)}`);
  }
}

/** Moves the clock from `from` to `to` through every multiple of T after t0 on the way. */
function walkTime(seen: Seen, state: LockState, from: bigint, to: bigint): void {
  if (state.activatedAt === null || state.phase !== Phase.Active) return;
  const T = state.params.depositInterval;
  let t = from;
  let k = (from - state.activatedAt) / T + 1n;
  const stops: bigint[] = [];
  for (let b = state.activatedAt + k * T; b <= to; k++, b = state.activatedAt + k * T) stops.push(b);
  stops.push(to);
  for (const next of stops) {
    if (next === t) continue;
    record(seen, state, state, t, next, (role) => timeCause(state, role, t, next));
    t = next;
  }
}

function timeCause(state: LockState, role: Role, from: bigint, at: bigint): string {
  const inDefault = (s: Status): boolean => s === 'Bleeding' || s === 'MutualDefault';
  const s0 = statusOf(state, role, from);
  const s1 = statusOf(state, role, at);
  if (!inDefault(s0) && inDefault(s1)) {
    return s1 === 'MutualDefault' && !isInDefault(state, counterparty(role), from) ? 'both default starts' : 'its default starts';
  }
  if (s0 === 'Bleeding' && s1 === 'MutualDefault') return "the counterparty's default starts";
  return 'an interval falls due';
}

/** The times a walk may jump to next: the schedule's edges, the exits' and the silence's. */
function nextTimes(state: LockState, now: bigint): bigint[] {
  const times = [now, now + 1n, now + DAY, now + 7n * DAY];
  const T = state.params.depositInterval;
  if (state.activatedAt !== null) {
    const k = (now - state.activatedAt) / T + 1n;
    for (const j of [0n, 1n, 2n, 3n]) times.push(state.activatedAt + (k + j) * T, state.activatedAt + (k + j) * T - 1n);
  }
  for (const role of ['A', 'B'] as const) {
    const exit = state[role].unilateralExit;
    if (exit !== null) times.push(exit.executeAfter, exit.executeAfter + 7n * DAY);
    times.push(state[role].lastActionAt + abandonmentThreshold(state.params) + 1n);
  }
  if (state.firstActivatedAt !== null && state.activatedAt === null) times.push(state.firstActivatedAt + 7n * DAY);
  return times.filter((t) => t >= now);
}

const ACTORS: readonly Address[] = [PARTY_A, PARTY_A, PARTY_A, PARTY_B, PARTY_B, PARTY_B, STRANGER];
/** Deposits weigh most: they move statuses; every function is tried. */
const FUNCTIONS: readonly FunctionName[] = [
  ...functionNames,
  'deposit',
  'deposit',
  'deposit',
  'deposit',
  'deposit',
  'proposeExit',
  'executeUnilateralExit',
  'activate',
];

/** Runs `walks` seeded walks of `steps` calls each and returns every transition seen. */
export function explore(walks: number, steps: number): Seen {
  const seen: Seen = { phase: new Map(), status: new Map() };
  const random = rng(20_240_817);
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(random() * xs.length)]!;
  for (let w = 0; w < walks; w++) {
    const params = { ...articleDefaults(PARTY_A, PARTY_B), gracePeriods: BigInt(pick([0, 1, 1, 2])) };
    let now = 1_700_000_000n;
    const deployed = deploy(params, now);
    if (!deployed.ok) throw new Error('deploy reverted');
    bump(seen.phase, `[*]|Inactive|constructor`);
    let state = deployed.state;
    const diligent: Role = random() < 0.5 ? 'A' : 'B';
    // most walks start with both activations, at the same time or a little apart; the rest from Inactive
    const opening: [Address, bigint][] =
      random() < 0.85
        ? [
            [pick([PARTY_A, PARTY_B]), 0n],
            [PARTY_A, pick([0n, DAY])],
            [PARTY_B, pick([0n, DAY])],
          ]
        : [];
    for (const [from, wait] of opening) {
      now += wait;
      const outcome = execute(state, 'activate', { from, value: params.depositAmount, now });
      if (!outcome.ok) continue;
      bump(
        seen.phase,
        PHASE_NAME[state.phase] === PHASE_NAME[outcome.state.phase]
          ? 'Inactive|Inactive|activate'
          : 'Inactive|Active|activate / AgreementActivated',
      );
      record(seen, state, outcome.state, now, now, () => 'activate');
      state = outcome.state;
    }
    for (let i = 0; i < steps; i++) {
      const next = pick(nextTimes(state, now));
      walkTime(seen, state, now, next);
      now = next;
      // one party per walk is diligent: most of the time it pays what it owes whenever it can
      if (state.phase === Phase.Active && random() < 0.6) {
        const owed = reachedIntervals(state, now) - state[diligent].paidIntervals;
        if (owed > 0n) {
          const from = diligent === 'A' ? PARTY_A : PARTY_B;
          const outcome = execute(state, 'deposit', { from, value: owed * params.depositAmount, now });
          if (outcome.ok) {
            bump(seen.phase, 'Active|Active|deposit');
            const before = state;
            state = outcome.state;
            record(seen, before, state, now, now, (role) => callCause(before, role, from, 'deposit', false));
          }
        }
      }
      const from = pick(ACTORS);
      const fn = pick(FUNCTIONS);
      const d = params.depositAmount;
      const value = fn === 'deposit' || fn === 'activate' ? d * BigInt(pick([1, 1, 2, 3])) : 0n;
      const outcome = execute(state, fn, { from, value, now });
      if (!outcome.ok) continue;
      const p0 = PHASE_NAME[state.phase];
      const p1 = PHASE_NAME[outcome.state.phase];
      const ending = outcome.events.find((e) =>
        ['AgreementActivated', 'PeacefulExit', 'UnilateralExitExecuted', 'AbandonedClaimed', 'InactiveCancelled'].includes(e.name),
      );
      bump(seen.phase, p0 === p1 ? `${p0}|${p1}|${fn}` : `${p0}|${p1}|${fn}${ending ? ` / ${ending.name}` : ''}`);
      const before = state;
      state = outcome.state;
      record(seen, before, state, now, now, (role) => callCause(before, role, from, fn, p0 !== p1));
      if (state.phase === Phase.Exited && random() < 0.5) break;
    }
  }
  return seen;
}

/** Transitions the spec names; the walks must find every one, or the page is refused. */
const REQUIRED_STATUS: readonly string[] = [
  'Inactive|Compliant|activate',
  'Compliant|InGrace|an interval falls due',
  'InGrace|Compliant|its own deposit',
  'InGrace|Bleeding|its default starts',
  "Bleeding|MutualDefault|the counterparty's default starts",
  "MutualDefault|Bleeding|the counterparty's deposit",
  'Bleeding|InGrace|its own deposit',
  'Bleeding|Compliant|its own deposit',
  'Bleeding|Exited|its exit executed',
  "Compliant|Exited|the counterparty's exit executed",
  'Bleeding|Exited|a claim against it',
  'Compliant|Exited|its claim',
  'Compliant|Exited|peaceful exit',
];
const REQUIRED_PHASE: readonly string[] = [
  '[*]|Inactive|constructor',
  'Inactive|Active|activate / AgreementActivated',
  'Inactive|Exited|cancelInactive / InactiveCancelled',
  'Active|Exited|proposeExit / PeacefulExit',
  'Active|Exited|executeUnilateralExit / UnilateralExitExecuted',
  'Active|Exited|claimAbandoned / AbandonedClaimed',
];

function mermaid(edges: Map<string, string[]>): string[] {
  const lines = ['```mermaid', 'stateDiagram-v2'];
  for (const [key, labels] of [...edges.entries()].sort()) {
    const [a, b] = key.split('|');
    lines.push(`    ${a} --> ${b} : ${labels.sort().join('; ')}`);
  }
  lines.push('```');
  return lines;
}

function group(map: Map<string, number>, skipSelf: boolean): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const key of map.keys()) {
    const [a, b, label] = key.split('|') as [string, string, string];
    if (skipSelf && a === b) continue;
    edges.set(`${a}|${b}`, [...(edges.get(`${a}|${b}`) ?? []), label]);
  }
  return edges;
}

export function page(seen: Seen, walks: number, steps: number): string {
  const phaseEdges = group(seen.phase, true);
  const selfCalls = [...seen.phase.keys()].filter((k) => k.split('|')[0] === k.split('|')[1]).map((k) => k.split('|'));
  const stay = (phase: string): string =>
    selfCalls
      .filter(([a]) => a === phase)
      .map(([, , fn]) => `\`${fn}\``)
      .sort()
      .join(', ');
  const statusRows = [...seen.status.entries()]
    .map(([key, n]) => [...key.split('|'), n] as const)
    .sort((x, y) => `${x[0]}|${x[1]}|${x[2]}`.localeCompare(`${y[0]}|${y[1]}|${y[2]}`));
  return [
    '# Diagrams (informative)',
    '',
    'Generated by `npm run diagrams` (scripts/diagrams.ts) from runs of the reference; do not edit.',
    '`npm test` fails when this page differs from what the reference gives now, or when the walks miss',
    'a transition the spec names (listed in the script). Nothing here is drawn by hand:',
    `${walks} seeded walks of up to ${steps} calls each — deploy, both activations (most walks), then`,
    'every function by A, B and a stranger, deposits of 1–3 intervals, one party per walk paying what',
    'it owes most of the time, at times aimed at due dates, default starts, countdown ends, lapses and',
    "the end of a silence; G = 0, 1 or 2, the other parameters the article's — run through",
    '`reference/lock.ts`; each successful call and each stretch of time, walked due date by due date,',
    "is classified with the reference's own predicates, and every transition that occurred is drawn.",
    'Words as in the [glossary](glossary.md).',
    '',
    "## The lock's phases (MLL-STA-001)",
    '',
    ...mermaid(phaseEdges),
    '',
    'Edges: the function that moved the phase and the event that marks it. Calls that succeed and',
    'leave the phase as it was:',
    '',
    `- Inactive: ${stay('Inactive')}`,
    `- Active: ${stay('Active')}`,
    `- Exited: ${stay('Exited')}`,
    '',
    "## A party's status",
    '',
    "A party's status at a time, from the reference's predicates, in this order:",
    '',
    '| status | when |',
    '|---|---|',
    ...(Object.keys(STATUS_TEXT) as Status[]).map((s) => `| ${s} | ${STATUS_TEXT[s]} |`),
    '',
    ...mermaid(group(seen.status, false)),
    '',
    "Edges name the cause from the party's side: time (an interval falls due, its own or the",
    "counterparty's default starts), its own or the counterparty's deposit (a deposit that ends a",
    'default is the cure, MLL-DEF-003), or the call that ended the lock. The same transitions, with how',
    'often the walks made each (statuses of A and B both counted):',
    '',
    '| from | to | cause | seen |',
    '|---|---|---|---|',
    ...statusRows.map(([a, b, c, n]) => `| ${a} | ${b} | ${c} | ${n} |`),
    '',
    'Transitions that do not occur are as much the rules as those that do, and the script refuses a',
    "page that shows one of these: nothing but the party's own deposit takes it out of default",
    "(MLL-DEF-003) — time never does, nor the counterparty's deposit, which moves it only between",
    'mutual and one-sided default (MLL-DEF-004); a claim is made only against a party in one-sided',
    'default, and only by a party not in default (MLL-ABN-003, MLL-ABN-004).',
    '',
  ].join('\n');
}

const WALKS = 2_000;
const STEPS = 40;

function main(): number {
  const seen = explore(WALKS, STEPS);
  const problems: string[] = [];
  for (const key of REQUIRED_STATUS) if (!seen.status.has(key)) problems.push(`status transition not found: ${key}`);
  for (const key of REQUIRED_PHASE) if (!seen.phase.has(key)) problems.push(`phase transition not found: ${key}`);
  for (const key of seen.status.keys()) {
    const [a, b, cause] = key.split('|') as [Status, Status, string];
    // the rules the page states: only the party's own deposit ends its default
    const wasIn = a === 'Bleeding' || a === 'MutualDefault';
    const isIn = b === 'Bleeding' || b === 'MutualDefault';
    if (wasIn && !isIn && b !== 'Exited' && cause !== 'its own deposit') problems.push(`a default ended by ${cause}: ${key}`);
    // a claim is made only against a party in one-sided default, by a party not in default (MLL-ABN-003, MLL-ABN-004)
    if (cause === 'a claim against it' && a !== 'Bleeding') problems.push(`a claim against a party not in one-sided default: ${key}`);
    if (cause === 'its claim' && wasIn) problems.push(`a claim by a party in default: ${key}`);
  }
  const text = page(seen, WALKS, STEPS);
  const path = fileURLToPath(new URL('../spec/diagrams.md', import.meta.url));
  const check = process.argv.includes('--check');
  if (check) {
    let committed: string;
    try {
      committed = readFileSync(path, 'utf8');
    } catch {
      committed = '';
    }
    if (committed !== text) problems.push('spec/diagrams.md is stale: run `npm run diagrams`');
  } else if (problems.length === 0) writeFileSync(path, text);
  for (const problem of problems) console.error(`diagrams: ${problem}`);
  if (problems.length === 0) console.log(check ? 'diagrams: up to date' : 'diagrams: wrote spec/diagrams.md');
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main();
