/**
 * The playground page: set the parameters, build a timeline of calls or load a saved
 * counterexample, and step through it on the reference (bundled for the browser by esbuild from
 * reference/ unchanged). After each step: the outcome or named revert, the events, both parties'
 * status, the pool, and the clauses that applied. The timeline lives in the URL's hash, so a
 * link shares it.
 * @module
 */
import type { FunctionName, Params, PartyStatus } from '../../reference/index.js';
import { articleDefaults, functionNames } from '../../reference/index.js';
import { parameterNames } from '../../reference/params.js';
import type { Action, Actor, StepView, Timeline, TimelineStep } from './run.js';
import { parseTimeline, runTimeline, stringify } from './run.js';

/** Written into the bundle by docs/build.ts. */
export interface PlaygroundData {
  /** The saved counterexamples, test/regressions/*.json, as written. */
  readonly regressions: readonly { readonly name: string; readonly text: string }[];
  /** Each function's clauses: those its reference implementation cites; `time` (a step that only moves the clock): the views'. */
  readonly clausesOfFunction: Readonly<Record<string, readonly string[]>>;
  /** The clause each named revert enforces. */
  readonly clauseOfRevert: Readonly<Record<string, string>>;
  /** The clause of each event. */
  readonly clausesOfEvent: Readonly<Record<string, readonly string[]>>;
}
declare const __MLL_PLAYGROUND__: PlaygroundData;
const data = __MLL_PLAYGROUND__;

const PARTY_A = '0x000000000000000000000000000000000000a11a';
const PARTY_B = '0x000000000000000000000000000000000000b22b';
/** The parameters a reader sets: every constructor argument but the two parties' addresses. */
const paramFields: readonly (keyof Params)[] = parameterNames.filter((name) => name !== 'partyA' && name !== 'partyB');
const statusFields: readonly (keyof PartyStatus)[] = [
  'share',
  'claimable',
  'paidIntervals',
  'reachedIntervals',
  'countedIntervals',
  'inDefault',
  'defaultStartsAt',
  'bleedSeconds',
  'lastActionAt',
  'exitProposalLive',
  'unilateralExitLive',
  'executeAfter',
  'frozenPenaltyBps',
  'exitPenaltyBps',
];

const root = document.getElementById('mll-playground')!;
const clauseHref = new Map(
  [...document.querySelectorAll<HTMLAnchorElement>('a[data-clause]')].map((a) => [a.dataset['clause']!, a.getAttribute('href')!]),
);

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  for (const [k, v] of Object.entries(dataset ?? {})) node.dataset[k] = v;
  node.append(...children);
  return node;
}
const clauseLink = (id: string) => el('a', { href: clauseHref.get(id) ?? '#', className: 'mll-clause' }, id);
/** `text` with every clause ID in it a link to the clause. */
const linked = (text: string): (Node | string)[] =>
  text.split(/(MLL-[A-Z]{2,5}-\d{3})/).map((part, i) => (i % 2 === 1 && clauseHref.has(part) ? clauseLink(part) : part));

let timeline: Timeline = {
  world: { params: articleDefaults(PARTY_A, PARTY_B), deployTime: 1_700_000_000n, setup: {} },
  steps: [],
};
let position = 0;

// ---------------------------------------------------------------- the layout
const paramsBox = el('fieldset', {}, el('legend', {}, 'Parameters'));
const loadBox = el('fieldset', {}, el('legend', {}, 'Load or share'));
const stepsBox = el('fieldset', {}, el('legend', {}, 'Timeline'));
const controls = el('div', { className: 'mll-controls' });
const stateBox = el('div', { className: 'mll-state' });
root.append(paramsBox, loadBox, stepsBox, controls, stateBox);

const inputs = new Map<string, HTMLInputElement>();
for (const field of [...paramFields, 'deployTime'] as const) {
  const input = el('input', { name: field, size: 20 });
  inputs.set(field, input);
  paramsBox.append(el('label', {}, `${field} `, input), ' ');
}
const rejecting = (['A', 'B'] as const).map((role) => {
  const box = el('input', { type: 'checkbox', name: `rejects-${role}` });
  paramsBox.append(el('label', {}, `${role} rejects ether `, box), ' ');
  return box;
});
paramsBox.append(el('button', { type: 'button', textContent: 'Apply', onclick: () => readParams() }));

const saved = el(
  'select',
  { name: 'saved' },
  el('option', { value: '' }, 'a saved counterexample …'),
  ...data.regressions.map((r) => el('option', { value: r.name }, r.name)),
);
const shareOut = el('input', { readOnly: true, size: 60, name: 'share' });
const found = el('p', { className: 'mll-found' });
loadBox.append(
  saved,
  el('button', {
    type: 'button',
    textContent: 'Load',
    name: 'load',
    onclick: () => {
      const regression = data.regressions.find((r) => r.name === saved.value);
      if (regression !== undefined) load(parseTimeline(regression.text));
    },
  }),
  ' ',
  el('button', {
    type: 'button',
    textContent: 'Share',
    name: 'share-button',
    onclick: () => {
      location.hash = `timeline=${encodeURIComponent(stringify(timeline))}`;
      shareOut.value = location.href;
    },
  }),
  ' ',
  shareOut,
  found,
);

const table = el('table', { className: 'mll-timeline' });
const newTime = el('input', { name: 'time', size: 14, placeholder: 'block time (s)' });
const newActor = el('select', { name: 'actor' }, ...['A', 'B', 'stranger'].map((a) => el('option', { value: a }, a)));
const newFn = el(
  'select',
  { name: 'fn' },
  el('option', { value: '' }, '(time passes)'),
  el('option', { value: 'force' }, 'force ether'),
  ...functionNames.map((f) => el('option', { value: f }, f)),
);
const newValue = el('input', { name: 'value', size: 22, placeholder: 'value (wei)', value: '0' });
stepsBox.append(
  table,
  el(
    'div',
    {},
    newTime,
    ' ',
    newActor,
    ' ',
    newFn,
    ' ',
    newValue,
    ' ',
    el('button', { type: 'button', textContent: 'Add step', name: 'add', onclick: () => addStep() }),
  ),
);
const stepButton = el('button', {
  type: 'button',
  textContent: 'Step ▶',
  name: 'step',
  onclick: () => show(Math.min(position + 1, timeline.steps.length)),
});
controls.append(
  el('button', { type: 'button', textContent: 'Reset', name: 'reset', onclick: () => show(0) }),
  ' ',
  stepButton,
  ' ',
  el('button', { type: 'button', textContent: 'Run to end', name: 'end', onclick: () => show(timeline.steps.length) }),
  ' ',
  el('span', { className: 'mll-position' }),
);

// ---------------------------------------------------------------- behaviour
function readParams(): void {
  const value = (field: string) => BigInt(inputs.get(field)!.value.trim() || '0');
  const params = { ...timeline.world.params, ...Object.fromEntries(paramFields.map((f) => [f, value(f)])) };
  const partyCode = Object.fromEntries((['A', 'B'] as const).flatMap((role, i) => (rejecting[i]!.checked ? [[role, 'rejecting']] : [])));
  load({ ...timeline, world: { params, deployTime: value('deployTime'), setup: { partyCode } } }, position);
}

function addStep(): void {
  const last = timeline.steps.at(-1)?.time ?? timeline.world.deployTime;
  const time = newTime.value.trim() === '' ? last : BigInt(newTime.value.trim());
  const value = BigInt(newValue.value.trim() || '0');
  const fn = newFn.value;
  const action: Action | undefined =
    fn === ''
      ? undefined
      : fn === 'force'
        ? { kind: 'force', amount: value }
        : { kind: 'call', actor: newActor.value as Actor, fn: fn as FunctionName, value };
  const step: TimelineStep = action === undefined ? { time } : { time, action };
  load({ ...timeline, steps: [...timeline.steps, step] }, timeline.steps.length + 1);
}

function load(next: Timeline, at = 0): void {
  timeline = next;
  for (const field of paramFields) inputs.get(field)!.value = String(timeline.world.params[field]);
  inputs.get('deployTime')!.value = String(timeline.world.deployTime);
  (['A', 'B'] as const).forEach((role, i) => (rejecting[i]!.checked = timeline.world.setup?.partyCode?.[role] === 'rejecting'));
  found.replaceChildren(...(timeline.found === undefined ? [] : linked(`${timeline.name ?? 'saved'}: ${timeline.found}`)));
  show(at);
}

const cell = (value: unknown) => el('td', {}, typeof value === 'bigint' ? value.toString() : String(value));

function show(at: number): void {
  position = at;
  const views = runTimeline(timeline);
  const start = timeline.world.deployTime;
  table.replaceChildren(
    el('tr', {}, ...['#', 'time', '+days', 'call', 'outcome', ''].map((h) => el('th', {}, h))),
    ...views.map((v, i) =>
      el(
        'tr',
        { className: i === at ? 'mll-current' : i > at ? 'mll-future' : '' },
        cell(i),
        cell(v.time),
        cell((Number(v.time - start) / 86400).toFixed(2)),
        cell(v.label),
        cell(i <= at ? v.outcome : ''),
        el(
          'td',
          {},
          i === 0
            ? ''
            : el('button', {
                type: 'button',
                textContent: '✕',
                title: 'remove',
                onclick: () =>
                  load({ ...timeline, steps: timeline.steps.filter((_, j) => j !== i - 1) }, Math.min(at, timeline.steps.length - 1)),
              }),
        ),
      ),
    ),
  );
  (controls.querySelector('.mll-position') as HTMLElement).textContent = `step ${at} of ${timeline.steps.length}`;
  stateBox.replaceChildren(...stateOf(views[Math.min(at, views.length - 1)]!));
  root.dataset['position'] = String(at);
}

function stateOf(v: StepView): Node[] {
  const clauses = new Set<string>();
  const fn = /\.(\w+)\(/.exec(v.label)?.[1] ?? (v.label === 'deploy' ? 'deploy' : v.label.startsWith('force') ? 'force' : 'time');
  for (const c of data.clausesOfFunction[fn] ?? []) clauses.add(c);
  if (v.revert !== undefined && data.clauseOfRevert[v.revert] !== undefined) clauses.add(data.clauseOfRevert[v.revert]!);
  for (const e of v.events) for (const c of data.clausesOfEvent[e.name] ?? []) clauses.add(c);
  const parties =
    v.status === null
      ? []
      : [
          el(
            'table',
            { className: 'mll-status' },
            el('tr', {}, el('th', {}, 'getPartyStatus'), el('th', {}, 'A'), el('th', {}, 'B')),
            ...statusFields.map((f) =>
              el(
                'tr',
                {},
                el('th', {}, f),
                ...(['A', 'B'] as const).map((role) => el('td', { dataset: { field: `${role}.${f}` } }, String(v.status![role][f]))),
              ),
            ),
          ),
        ];
  return [
    el('h3', {}, `After ${v.label} at ${v.time}`),
    el('p', { className: v.ok ? 'mll-ok' : 'mll-revert', dataset: { outcome: v.outcome } }, `Outcome: ${v.outcome}`),
    el(
      'p',
      {},
      'Events: ',
      v.events.length === 0
        ? 'none'
        : v.events
            .map(
              (e) =>
                `${e.name}(${Object.entries(e.args)
                  .map(([k, x]) => `${k}: ${String(x)}`)
                  .join(', ')})`,
            )
            .join('; '),
    ),
    el('p', {}, 'Clauses that applied: ', ...[...clauses].sort().flatMap((c, i) => (i === 0 ? [clauseLink(c)] : [', ', clauseLink(c)]))),
    el(
      'p',
      { dataset: { field: 'pool' } },
      v.pool === null
        ? 'Pool: not deployed'
        : `Pool (getPoolState): shareA ${v.pool.shareA}, shareB ${v.pool.shareB}, totalPool ${v.pool.totalPool}, phase ${v.pool.phase}; balance ${v.balance}`,
    ),
    ...(v.status === null ? [] : [el('p', {}, `getLockStatus: phase ${v.status.phase}, activatedAt ${v.status.activatedAt}`)]),
    ...parties,
  ];
}

// ---------------------------------------------------------------- start: the hash, or the defaults
function fromHash(): boolean {
  const match = /^#timeline=(.*)$/.exec(location.hash);
  if (match === null) return false;
  try {
    load(parseTimeline(decodeURIComponent(match[1]!)));
    return true;
  } catch (error) {
    found.textContent = `The timeline in the link cannot be read: ${String(error)}`;
    return false;
  }
}
if (!fromHash()) load(timeline);
window.addEventListener('hashchange', () => {
  if (location.hash !== `#timeline=${encodeURIComponent(stringify(timeline))}`) fromHash();
});
