/**
 * Reports for machines: a run as one JSON document (format `mll-report`, version 2, its schema in
 * cli/report.schema.json and docs/reports.md), and from that document alone a JUnit XML file and
 * a Markdown summary for a pull-request comment. `mll merge` joins the documents of a run's
 * shards into the document of the whole run.
 * @public
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Builder } from 'junit-report-builder';
import { catalog } from '../properties/catalog.js';
import type { Engine } from '../properties/drivers/evm.js';
import type { EngineChoice } from './engines.js';
import { LANES } from './run/lanes.js';

/** @public */
export const REPORT_FORMAT = 'mll-report';
/** @public */
export const REPORT_VERSION = 2;

export type ReportKind = 'json' | 'junit' | 'md';
export const reportKinds: readonly ReportKind[] = ['json', 'junit', 'md'];

/** @public */
export interface ReportFailure {
  readonly clause: string | null;
  readonly message: string;
  readonly seed: number;
  readonly path: string;
  readonly counterexample: string;
  readonly timeline: string | null;
  /** The command that replays it, as printed. */
  readonly replay: string;
  /** What the stock engine said on a replay, when it was asked. */
  readonly confirmation: string | null;
}

/** @public */
export interface ReportProperty {
  readonly id: string;
  readonly title: string;
  readonly subject: 'implementation' | 'specification';
  readonly clauses: readonly string[];
  readonly verdict: 'pass' | 'fail' | 'unexercised';
  readonly runs: number;
  readonly milliseconds: number;
  readonly exercise: { readonly deployments: number; readonly calls: number; readonly succeeded: number };
  readonly notRun: string | null;
  readonly failure: ReportFailure | null;
}

/** @public */
export interface ReportLane {
  readonly lane: number;
  /** Its first seed; it visited seed … seed + chunks − 1. */
  readonly seed: number;
  readonly chunks: number;
  readonly steps: number;
  readonly runs: number;
  readonly failed: boolean;
}

/** @public */
export interface ReportDifferential {
  readonly seed: number;
  /** The whole run's step budget. */
  readonly budget: number;
  readonly lanes: number;
  readonly steps: number;
  readonly sweep: { readonly places: readonly number[]; readonly steps: number; readonly failedPlace: number | null };
  readonly lanesRun: readonly ReportLane[];
}

/** How `--engine native` or `both` ran P-DIFFERENTIAL on forge: the run's figures as its line on stdout gives them. @public */
export interface ReportNative {
  readonly seed: number;
  /** The whole run's step budget. */
  readonly budget: number;
  readonly fixtures: number;
  /** Fixture steps replayed by forge (a step is a call or a move of time, with what must follow). */
  readonly steps: number;
  readonly batches: number;
  /** Generating the fixtures on the reference. */
  readonly generateSeconds: number;
  /** forge's own test time, and its whole runs with start-up and compilation. */
  readonly forgeTestSeconds: number;
  readonly forgeSeconds: number;
  /** The fixture forge failed first, or null. */
  readonly failedFixture: string | null;
}

/** @public */
export interface ReportClauseRow {
  readonly clause: string;
  readonly property: string;
  readonly runs: number;
  readonly succeeded: number;
  readonly result: 'pass' | 'fail' | 'not judged' | 'not exercised';
}

/** The JSON report, version 2 (version 1 lacked `run.engine` and `run.evm`). @public */
export interface ReportDocument {
  readonly format: typeof REPORT_FORMAT;
  readonly version: typeof REPORT_VERSION;
  readonly tool: { readonly name: 'mll'; readonly version: string };
  readonly implementation: { readonly argument: string; readonly description: string };
  readonly run: {
    readonly seed: number;
    readonly steps: number;
    readonly runs: number;
    readonly shard: { readonly index: number; readonly count: number } | null;
    /** The shards a merged document was made of, else null. */
    readonly mergedFrom: number | null;
    readonly property: string | null;
    readonly clause: string | null;
    /** Which engine ran P-DIFFERENTIAL: the embedded EVM, forge replaying vectors, or both (`--engine`). */
    readonly engine: EngineChoice;
    /** The embedded EVM as published (`stock`) or with the speed-ups (`fast`): MLL_EVM. */
    readonly evm: Engine;
  };
  readonly verdict: 'pass' | 'fail';
  readonly exitCode: 0 | 1;
  readonly totals: {
    readonly properties: number;
    readonly pass: number;
    readonly fail: number;
    readonly unexercised: number;
    readonly clauses: number;
    readonly calls: number;
    readonly succeeded: number;
    readonly milliseconds: number;
  };
  readonly properties: readonly ReportProperty[];
  readonly clauses: readonly ReportClauseRow[];
  readonly differential: ReportDifferential | null;
  /** Null when P-DIFFERENTIAL did not run on forge (`--engine embedded`, the default). */
  readonly native: ReportNative | null;
}

const require = createRequire(import.meta.url);
/** junit-report-builder is CommonJS: its module.exports is a builder. */
const junit = (): Builder => require('junit-report-builder') as Builder;

/**
 * This package's version.
 * @public
 */
export const toolVersion: string = (require('../package.json') as { version: string }).version;

type RowInput = Pick<ReportProperty, 'id' | 'clauses' | 'subject' | 'verdict' | 'runs'> & {
  readonly exercise: { readonly succeeded: number };
  readonly failure?: { readonly clause: string | null } | null;
};

/**
 * The clause table: a row per clause of each property of the implementation, a failure's own clause included.
 * @public
 */
export function clauseRows(properties: readonly RowInput[]): ReportClauseRow[] {
  const clausesOf = (p: RowInput): readonly string[] => {
    const failed = p.failure?.clause;
    return failed === null || failed === undefined || p.clauses.includes(failed) ? p.clauses : [...p.clauses, failed];
  };
  return properties
    .filter((p) => p.subject === 'implementation')
    .flatMap((p) =>
      clausesOf(p).map((clause): ReportClauseRow => {
        const failed = p.failure?.clause;
        const result = p.verdict === 'fail' ? (failed === clause ? 'fail' : 'not judged') : p.verdict === 'pass' ? 'pass' : 'not exercised';
        return { clause, property: p.id, runs: p.runs, succeeded: p.exercise.succeeded, result };
      }),
    )
    .sort((x, y) => x.clause.localeCompare(y.clause) || x.property.localeCompare(y.property));
}

/**
 * Totals, verdict and exit code of a document's properties.
 * @public
 */
export function summarise(
  properties: readonly ReportProperty[],
  milliseconds: number,
): Pick<ReportDocument, 'verdict' | 'exitCode' | 'totals' | 'clauses'> {
  const clauses = clauseRows(properties);
  const pass = properties.every((p) => p.verdict === 'pass');
  const implementation = properties.filter((p) => p.subject === 'implementation');
  return {
    verdict: pass ? 'pass' : 'fail',
    exitCode: pass ? 0 : 1,
    totals: {
      properties: properties.length,
      pass: properties.filter((p) => p.verdict === 'pass').length,
      fail: properties.filter((p) => p.verdict === 'fail').length,
      unexercised: properties.filter((p) => p.verdict === 'unexercised').length,
      clauses: new Set(clauses.map((r) => r.clause)).size,
      calls: implementation.reduce((sum, p) => sum + p.exercise.calls, 0),
      succeeded: implementation.reduce((sum, p) => sum + p.exercise.succeeded, 0),
      milliseconds,
    },
    clauses,
  };
}

/**
 * Parses `--report` and `--out` as given: `json=a.json,junit=b.xml`, or kinds paired in order with --out files.
 * @public
 */
export function reportTargets(reports: readonly string[], outs: readonly string[]): { kind: ReportKind; file: string }[] {
  const targets: { kind: ReportKind; file: string }[] = [];
  const bare: ReportKind[] = [];
  for (const entry of reports.flatMap((r) => r.split(','))) {
    const [kind, file, extra] = entry.split('=');
    if (!reportKinds.includes(kind as ReportKind) || extra !== undefined)
      throw new RangeError(`--report: expected json, junit or md, or KIND=FILE, got '${entry}'`);
    if (file === undefined) bare.push(kind as ReportKind);
    else if (file === '') throw new RangeError(`--report: ${kind}= needs a file name`);
    else targets.push({ kind: kind as ReportKind, file });
  }
  if (bare.length !== outs.length) {
    throw new RangeError(
      `--report: each report without =FILE needs its own --out FILE, in order: ${bare.length} report(s), ${outs.length} --out`,
    );
  }
  bare.forEach((kind, i) => targets.push({ kind, file: outs[i]! }));
  return targets;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * JUnit XML: a suite of test cases per property and a suite per clause; a failure carries its timeline and replay command.
 * @public
 */
export function toJunit(doc: ReportDocument): string {
  const builder = junit().newBuilder();
  const suite = builder
    .testSuite()
    .name(`mll check — ${doc.implementation.description}`)
    .property('seed', String(doc.run.seed))
    .property('steps', String(doc.run.steps))
    .property('engine', doc.run.engine)
    .property('evm', doc.run.evm);
  const failureText = (f: ReportFailure): string =>
    [
      f.message,
      '',
      f.timeline ?? `counterexample: ${f.counterexample}`,
      ...(f.confirmation === null ? [] : ['', f.confirmation]),
      '',
      `replay: ${f.replay}`,
    ].join('\n');
  for (const p of doc.properties) {
    const tc = suite
      .testCase()
      .className(`mll.properties.${p.subject}`)
      .name(`${p.id}: ${p.title}`)
      .time(p.milliseconds / 1000);
    if (p.verdict === 'fail' && p.failure !== null)
      tc.failure(`${p.failure.clause ?? p.id}: ${p.failure.message}`, 'PropertyViolation').stacktrace(failureText(p.failure));
    else if (p.verdict === 'unexercised')
      tc.failure(
        p.notRun === null ? 'not exercised: no call succeeded on the implementation, so nothing was checked' : `not run: ${p.notRun}`,
        'NotExercised',
      );
    tc.standardOutput(`${p.runs} runs; ${p.exercise.calls} calls reached the implementation, ${p.exercise.succeeded} succeeded`);
  }
  const clauses = builder.testSuite().name('clauses');
  for (const row of doc.clauses) {
    const tc = clauses
      .testCase()
      .className(`mll.clauses.${row.clause.split('-')[1]}`)
      .name(`${row.clause} by ${row.property}`);
    const failure = doc.properties.find((p) => p.id === row.property)?.failure ?? null;
    if (row.result === 'fail' && failure !== null)
      tc.failure(`${row.clause}: ${failure.message}`, 'PropertyViolation').stacktrace(failureText(failure));
    else if (row.result === 'not exercised') tc.failure(`${row.clause}: not exercised by ${row.property}`, 'NotExercised');
    else if (row.result === 'not judged')
      tc.skipped().standardOutput(`not judged: ${row.property} stopped at a failure of ${failure?.clause ?? 'the property'}`);
  }
  return builder.build();
}

const mdEscape = (text: string): string => text.replace(/[|\\`*_<>]/g, (c) => `\\${c}`);

/**
 * Markdown for a pull-request comment: the verdict, a table of properties, each failure folded with its timeline and replay.
 * @public
 */
export function toMarkdown(doc: ReportDocument): string {
  const mark = { pass: '✅', fail: '❌', unexercised: '⚠️' } as const;
  const t = doc.totals;
  const lines = [
    `### ${doc.verdict === 'pass' ? '✅' : '❌'} MLL conformance: ${doc.verdict === 'pass' ? 'pass' : 'FAIL'} — ${mdEscape(doc.implementation.description)}`,
    '',
    `${t.pass} of ${t.properties} properties pass` +
      (t.fail === 0 ? '' : `, ${t.fail} fail`) +
      (t.unexercised === 0 ? '' : `, ${t.unexercised} not exercised`) +
      ` · ${t.clauses} clauses · seed ${doc.run.seed} · ${doc.differential === null ? '' : `${doc.differential.steps.toLocaleString('en-US')} differential steps · `}${doc.native === null ? '' : `${doc.native.steps.toLocaleString('en-US')} fixture steps on forge · `}${seconds(t.milliseconds)}` +
      ` · engine ${doc.run.engine}${doc.run.evm === 'stock' ? ' (stock EVM)' : ''}` +
      (doc.run.shard === null ? '' : ` · shard ${doc.run.shard.index}/${doc.run.shard.count}`) +
      (doc.run.mergedFrom === null ? '' : ` · merged from ${doc.run.mergedFrom} shards`),
    '',
    '| | property | clauses | runs | calls ok | |',
    '|---|---|---|---:|---:|---|',
    ...doc.properties.map(
      (p) =>
        `| ${mark[p.verdict]} | ${p.id} | ${p.clauses.join(', ')} | ${p.runs} | ${p.exercise.succeeded} | ${p.failure === null ? (p.notRun === null ? (p.subject === 'specification' ? 'a check of the specification' : '') : mdEscape(`not run: ${p.notRun}`)) : mdEscape(p.failure.message)} |`,
    ),
  ];
  for (const p of doc.properties.filter((q) => q.failure !== null)) {
    const f = p.failure!;
    lines.push(
      '',
      `<details><summary>${p.id} failed: ${mdEscape(f.message)}</summary>`,
      '',
      '```',
      (f.timeline ?? `counterexample: ${f.counterexample}`).replaceAll('```', "'''"),
      '```',
      '',
      ...(f.confirmation === null ? [] : [mdEscape(f.confirmation), '']),
      'replay:',
      '',
      '```sh',
      f.replay,
      '```',
      '',
      '</details>',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes each report; the JSON document as is.
 * @public
 */
export function writeReports(doc: ReportDocument, targets: readonly { kind: ReportKind; file: string }[]): void {
  for (const { kind, file } of targets) {
    const text = kind === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : kind === 'junit' ? toJunit(doc) : toMarkdown(doc);
    writeFileSync(file, text);
  }
}

/**
 * Reads a JSON report; a RangeError naming the file when it is missing, not JSON or not a report of this version.
 * @public
 */
export function readReport(file: string): ReportDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RangeError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new RangeError(`${file}: not JSON`);
  }
  const d = doc as Partial<ReportDocument> | null;
  if (d === null || typeof d !== 'object' || d.format !== REPORT_FORMAT)
    throw new RangeError(`${file}: not an mll report (no "format": "${REPORT_FORMAT}")`);
  if (d.version !== REPORT_VERSION)
    throw new RangeError(`${file}: an mll report of version ${String(d.version)}; this mll reads version ${REPORT_VERSION}`);
  return d as ReportDocument;
}

/**
 * The shards of one run joined into the document of the whole run: every shard of 1…N once, the
 * same implementation, seed, steps and runs; each property from the shard that ran it; the
 * differential's lanes and sweep together, its failure the run's (the sweep's earliest place,
 * else the lowest failing lane). A RangeError when the documents are not the shards of one run.
 * @public
 */
export function mergeReports(docs: readonly { file: string; doc: ReportDocument }[]): ReportDocument {
  if (docs.length === 0) throw new RangeError('merge: give the JSON reports of the shards');
  const [first] = docs;
  const base = first!.doc;
  for (const { file, doc } of docs) {
    if (doc.run.shard === null) throw new RangeError(`merge: ${file} is not a shard's report (it was run without --shard)`);
    for (const [what, a, b] of [
      ['implementation', doc.implementation.argument, base.implementation.argument],
      ['seed', doc.run.seed, base.run.seed],
      ['steps', doc.run.steps, base.run.steps],
      ['runs', doc.run.runs, base.run.runs],
      ['shard count', doc.run.shard.count, base.run.shard!.count],
      ['--property', doc.run.property, base.run.property],
      ['--clause', doc.run.clause, base.run.clause],
      ['--engine', doc.run.engine, base.run.engine],
      ['MLL_EVM', doc.run.evm, base.run.evm],
    ] as const) {
      if (a !== b) throw new RangeError(`merge: ${file} is of another run (${what} ${String(a)}, ${first!.file} has ${String(b)})`);
    }
  }
  const count = base.run.shard!.count;
  for (let k = 1; k <= count; k++) {
    const with_ = docs.filter((d) => d.doc.run.shard!.index === k);
    if (with_.length === 0) throw new RangeError(`merge: shard ${k}/${count} is missing`);
    if (with_.length > 1) throw new RangeError(`merge: shard ${k}/${count} given twice (${with_.map((d) => d.file).join(', ')})`);
  }
  const ordered = [...docs].sort((a, b) => a.doc.run.shard!.index - b.doc.run.shard!.index).map((d) => d.doc);
  const ids: string[] = [];
  for (const doc of ordered) for (const p of doc.properties) if (!ids.includes(p.id)) ids.push(p.id);
  // in the catalog's order, as the whole run reports them
  const rank = (id: string): number => catalog.findIndex((p) => p.id === id);
  ids.sort((a, b) => rank(a) - rank(b));

  let differential: ReportDifferential | null = null;
  const diffs = ordered.flatMap((d) => (d.differential === null ? [] : [{ doc: d, diff: d.differential }]));
  if (diffs.length > 0) {
    const lanesRun = diffs.flatMap((d) => d.diff.lanesRun).sort((a, b) => a.lane - b.lane);
    const places = diffs.flatMap((d) => d.diff.sweep.places).sort((a, b) => a - b);
    const failedPlaces = diffs.flatMap((d) => (d.diff.sweep.failedPlace === null ? [] : [d.diff.sweep.failedPlace]));
    differential = {
      seed: base.run.seed,
      budget: diffs[0]!.diff.budget,
      lanes: diffs[0]!.diff.lanes,
      steps: diffs.reduce((sum, d) => sum + d.diff.steps, 0),
      sweep: {
        places,
        steps: diffs.reduce((sum, d) => sum + d.diff.sweep.steps, 0),
        failedPlace: failedPlaces.length === 0 ? null : Math.min(...failedPlaces),
      },
      lanesRun,
    };
  }
  const properties = ids.map((id): ReportProperty => {
    const parts = ordered.flatMap((d) => d.properties.filter((p) => p.id === id).map((p) => ({ doc: d, p })));
    if (id !== 'P-DIFFERENTIAL') {
      if (parts.length > 1) throw new RangeError(`merge: ${id} was run by more than one shard`);
      return parts[0]!.p;
    }
    // The run's failure: the sweep's earliest failing place, else the lowest failing lane, from the shard that found it.
    const d = differential!;
    const owner =
      d.sweep.failedPlace !== null
        ? parts.find((x) => x.doc.differential?.sweep.failedPlace === d.sweep.failedPlace)
        : parts.find((x) => x.doc.differential?.lanesRun.some((l) => l.failed && l.lane === d.lanesRun.find((m) => m.failed)?.lane));
    const exercise = parts.reduce(
      (sum, x) => ({
        deployments: sum.deployments + x.p.exercise.deployments,
        calls: sum.calls + x.p.exercise.calls,
        succeeded: sum.succeeded + x.p.exercise.succeeded,
      }),
      { deployments: 0, calls: 0, succeeded: 0 },
    );
    const notRun = parts.find((x) => x.p.notRun !== null)?.p.notRun ?? null;
    const failure = owner?.p.failure ?? null;
    const verdict = failure !== null ? 'fail' : notRun !== null || exercise.succeeded === 0 ? 'unexercised' : 'pass';
    return {
      ...parts[0]!.p,
      verdict,
      runs: parts.reduce((sum, x) => sum + x.p.runs, 0),
      milliseconds: Math.max(...parts.map((x) => x.p.milliseconds)),
      exercise,
      notRun,
      failure,
    };
  });
  const milliseconds = ordered.reduce((sum, d) => sum + d.totals.milliseconds, 0);
  return {
    ...base,
    run: { ...base.run, shard: null, mergedFrom: count },
    ...summarise(properties, milliseconds),
    properties,
    differential,
    // a sharded run is embedded only (--shard and --engine native do not go together)
    native: null,
  };
}

/**
 * The lanes a run is made of, for the docs.
 * @public
 */
export const lanesPerRun = LANES;
