/**
 * Which property catches which deviation, as data: reports/caught-by.json holds, for every
 * known-bad variant (test/known-bad/variants.ts) and every catalog property about the
 * implementation, the verdict of that property run alone on the compiled variant. From it come
 * reports/caught-by.md (the matrix) and the generated parts of spec/deviations.md, between
 * `<!-- caught-by:Dn -->` and `<!-- /caught-by -->`. Everything here is pure: no property runs,
 * so `--check` is fast.
 * @module
 */
import { createHash } from 'node:crypto';
import type { Variant } from '../test/known-bad/variants.js';
import { applyPatches } from '../test/known-bad/variants.js';

/** Bumped when the JSON's shape changes. */
export const REPORT_VERSION = 1;

/** The files the results are made from (sourceHash() reads what of them the verdicts depend on). */
export const SOURCE_FILES = ['contracts/MutualLiquidityLock.sol', 'test/known-bad/variants.ts'] as const;

/** What one property said, run alone on one variant. `error`: the harness itself broke (never a catch). */
export type CellVerdict = 'pass' | 'fail' | 'unexercised' | 'error';

export interface Cell {
  readonly variant: string;
  readonly property: string;
  readonly verdict: CellVerdict;
  /** The clause the failure named (null: a failure naming none, or no failure). */
  readonly clause: string | null;
  /** Whether the failure is one the known-bad suite accepts for this variant (isExpectedFailure): a clause of the variant's area. */
  readonly inArea: boolean | null;
  /** The failure's first line, shortened. */
  readonly message: string | null;
  /** Runs until the verdict: the failing run's number on a failure, else the budget. */
  readonly runs: number;
  /** P-DIFFERENTIAL only: differential steps spent until the verdict, the constructor sweep, shrinking and the timeline's replay included. */
  readonly steps: number | null;
  /** Calls that reached the implementation, shrinking included. */
  readonly calls: number;
  readonly milliseconds: number;
}

export interface CaughtByReport {
  readonly version: number;
  readonly generatedBy: string;
  /** HEAD when the run was made, and whether the source files differed from it. */
  readonly commit: { readonly head: string | null; readonly sourcesModified: boolean | null };
  /** sourceHash() of the contract and variants it was made from; `--check` compares it with theirs now. */
  readonly sourceHash: string;
  readonly sourceFiles: readonly string[];
  readonly seed: number;
  readonly budgets: { readonly scenarioRuns: number; readonly differentialSteps: number; readonly differentialChunkRuns: number };
  readonly engine: string;
  readonly workers: number;
  /** The whole run, wall clock, compilation included. */
  readonly wallSeconds: number;
  /** Catalog properties whose subject is the implementation, in catalog order: the matrix's columns. */
  readonly properties: readonly string[];
  /** The matrix's rows, in variants.ts order. */
  readonly variants: readonly { readonly id: string; readonly defect: string; readonly description: string }[];
  /** One per variant × property, rows then columns. */
  readonly cells: readonly Cell[];
}

/**
 * sha256 of what the verdicts depend on: the contract, and each variant as it is compiled (its
 * patched source) and judged (its defect, accepted clauses and outcomes). A comment or a
 * reformatting of variants.ts changes none of these, so it leaves the JSON current.
 */
export function sourceHash(contract: string, known: readonly Variant[]): string {
  const hash = createHash('sha256');
  const digest = (text: string): string => createHash('sha256').update(text).digest('hex');
  hash.update(`contract\n${digest(contract)}\n`);
  for (const variant of known) {
    const judged = {
      id: variant.id,
      defect: variant.defect,
      expectedClauses: String(variant.expectedClauses),
      outcomesOf: variant.outcomesOf ?? [],
    };
    hash.update(`${JSON.stringify(judged)}\n${digest(applyPatches(contract, variant.patches, variant.id))}\n`);
  }
  return hash.digest('hex');
}

const cellOf = (report: CaughtByReport, variant: string, property: string): Cell => {
  const cell = report.cells.find((c) => c.variant === variant && c.property === property);
  if (cell === undefined) throw new Error(`reports/caught-by.json has no result for ${variant} × ${property}`);
  return cell;
};

const caught = (cell: Cell): boolean => cell.verdict === 'fail';

/** Which caught it, as the deviations page and the table write it: `MLL-X-NNN`, or why there is none. */
const named = (cell: Cell): string => cell.clause ?? 'no clause';

const defectNumber = (defect: string): number => Number(defect.slice(1));

/** The defects the report has variants of, D1 … D11 in order. */
export function defectsOf(report: CaughtByReport): string[] {
  return [...new Set(report.variants.map((v) => v.defect))].sort((a, b) => defectNumber(a) - defectNumber(b));
}

const seconds = (s: number): string =>
  s < 60 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;

const thousands = (n: number): string => n.toLocaleString('en-US');

/** The budget in one line, as every generated text states it. */
export function budgetLine(report: CaughtByReport): string {
  return (
    `seed ${report.seed}; ${thousands(report.budgets.scenarioRuns)} runs per scenario property; ` +
    `P-DIFFERENTIAL ${thousands(report.budgets.differentialSteps)} steps (runDifferentialBudget, ${report.budgets.differentialChunkRuns} runs a chunk)`
  );
}

/** Words wrapped to `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string, firstIndent = indent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  for (const word of text.split(' ')) {
    if (line.trim() !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else line = line.trim() === '' ? line + word : `${line} ${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

/** The properties that caught some of `variants`, each with the variants and clauses: `P-X (D2-a, MLL-…; D2-b, MLL-…)`. */
function byProperty(report: CaughtByReport, variants: readonly string[], withVariant: boolean): string[] {
  return report.properties.flatMap((property) => {
    const hits = variants.map((v) => cellOf(report, v, property)).filter(caught);
    if (hits.length === 0) return [];
    return [`${property} (${hits.map((c) => (withVariant ? `${c.variant}, ${named(c)}` : named(c))).join('; ')})`];
  });
}

/** What happened beside the catches, for the variants given: none caught them but P-DIFFERENTIAL, none at all, a property unexercised or broken. */
function remarks(report: CaughtByReport, variants: readonly string[]): string[] {
  const out: string[] = [];
  const only = variants.filter((v) => {
    const catchers = report.properties.filter((p) => caught(cellOf(report, v, p)));
    return catchers.length === 1 && catchers[0] === 'P-DIFFERENTIAL';
  });
  if (only.length > 0) out.push(`caught by P-DIFFERENTIAL alone: ${only.join(', ')}`);
  const none = variants.filter((v) => !report.properties.some((p) => caught(cellOf(report, v, p))));
  if (none.length > 0) out.push(`caught by no property: ${none.join(', ')}`);
  for (const verdict of ['unexercised', 'error'] as const) {
    const cells = variants.flatMap((v) => report.properties.map((p) => cellOf(report, v, p))).filter((c) => c.verdict === verdict);
    if (cells.length > 0)
      out.push(`${verdict === 'error' ? 'harness error' : 'unexercised'}: ${cells.map((c) => `${c.property} on ${c.variant}`).join(', ')}`);
  }
  return out;
}

/** The properties that caught `variants`, then what else there is to say: `P-X (…), P-Y (…); caught by P-DIFFERENTIAL alone: …`. */
function listing(report: CaughtByReport, variants: readonly string[]): string {
  const properties = byProperty(report, variants, true);
  return [properties.length === 0 ? 'none' : properties.join(', '), ...remarks(report, variants)].join('; ');
}

/**
 * The generated part of spec/deviations.md for `defect`, the text between its markers. D1–D10: a
 * continuation of the "**Caught by.**" bullet, one line per property; D11: a table, one row per
 * variant.
 */
export function renderDeviationPart(report: CaughtByReport, defect: string): string {
  const variants = report.variants.filter((v) => v.defect === defect);
  if (variants.length === 0) throw new Error(`reports/caught-by.json has no known-bad variant of ${defect}`);
  const ids = variants.map((v) => v.id);
  if (defect !== 'D11') {
    const sentence = `Known-bad variants, each property alone: ${listing(report, ids)}.`;
    return `\n${wrap(sentence, 100, '  ').join('\n')}\n  `;
  }
  const rows = variants.map((v) => {
    const cells = byProperty(report, [v.id], false);
    return `| ${v.id} | ${v.description} | ${cells.length === 0 ? 'no property' : cells.join(', ')} |`;
  });
  const extra = remarks(report, ids);
  return [
    '',
    'Known-bad variants, each property alone (generated from reports/caught-by.json):',
    '',
    '| known-bad variant | the deployed behaviour put back | caught by, each property alone (the clause it names) |',
    '|---|---|---|',
    ...rows,
    '',
    ...(extra.length === 0 ? [] : [`${extra.map((e) => e[0]!.toUpperCase() + e.slice(1)).join('. ')}.`, '']),
    '',
  ].join('\n');
}

const MARKED = /<!-- caught-by:(D\d+) -->([\s\S]*?)<!-- \/caught-by -->/g;

/** The generated parts of `markdown`, by defect. */
export function generatedParts(markdown: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [, defect, text] of markdown.matchAll(MARKED)) {
    if (parts.has(defect!)) throw new Error(`spec/deviations.md: two generated parts for ${defect}`);
    parts.set(defect!, text!);
  }
  return parts;
}

/** What differs between `markdown`'s generated parts and what the report says they are; empty when none. */
export function deviationProblems(markdown: string, report: CaughtByReport): string[] {
  const problems: string[] = [];
  let parts: Map<string, string>;
  try {
    parts = generatedParts(markdown);
  } catch (error) {
    return [(error as Error).message];
  }
  const defects = defectsOf(report);
  for (const defect of defects) {
    const text = parts.get(defect);
    if (text === undefined) problems.push(`spec/deviations.md has no <!-- caught-by:${defect} --> … <!-- /caught-by --> part`);
    else if (text !== renderDeviationPart(report, defect))
      problems.push(`spec/deviations.md's generated caught-by part of ${defect} differs from reports/caught-by.json`);
  }
  for (const defect of parts.keys())
    if (!defects.includes(defect))
      problems.push(`spec/deviations.md has a caught-by part for ${defect}, which no known-bad variant reinstates`);
  return problems;
}

/** `markdown` with every generated part replaced by what the report says; throws if a defect has no markers. */
export function renderDeviations(markdown: string, report: CaughtByReport): string {
  const parts = generatedParts(markdown);
  for (const defect of defectsOf(report)) {
    if (!parts.has(defect))
      throw new Error(
        `spec/deviations.md has no <!-- caught-by:${defect} --> … <!-- /caught-by --> part: add the markers where its list belongs`,
      );
  }
  return markdown.replace(
    MARKED,
    (_whole, defect: string) => `<!-- caught-by:${defect} -->${renderDeviationPart(report, defect)}<!-- /caught-by -->`,
  );
}

/** Why the report no longer describes the sources and the catalog as they are; empty when it does. */
export function stalenessProblems(
  report: CaughtByReport,
  current: { readonly sourceHash: string; readonly properties: readonly string[] },
): string[] {
  const rerun = 're-run `npm run caught-by`';
  const problems: string[] = [];
  if (report.version !== REPORT_VERSION)
    problems.push(`reports/caught-by.json is version ${report.version}, this script writes ${REPORT_VERSION}: ${rerun}`);
  if (report.sourceHash !== current.sourceHash) {
    problems.push(
      `reports/caught-by.json was made from another contract or other known-bad variants (${SOURCE_FILES.join(', ')}): ${rerun}`,
    );
  }
  if (report.properties.join() !== current.properties.join()) {
    problems.push(
      `reports/caught-by.json covers the properties ${report.properties.join(', ')}; the catalog's are ${current.properties.join(', ')}: ${rerun}`,
    );
  }
  return problems;
}

const short = (property: string): string => property.replace(/^P-/, '');

/** reports/caught-by.md: the matrix, the headline, and each catch's figures. */
export function renderTable(report: CaughtByReport): string {
  const defects = defectsOf(report);
  const mark = (cell: Cell): string =>
    cell.verdict === 'fail'
      ? `✗ ${named(cell)}`
      : cell.verdict === 'pass'
        ? '·'
        : cell.verdict === 'unexercised'
          ? '? unexercised'
          : '! error';
  const fails = report.cells.filter(caught);
  const allIds = report.variants.map((v) => v.id);
  const perProperty = report.properties.map((p) => `${p} ${report.variants.filter((v) => caught(cellOf(report, v.id, p))).length}`);
  const cpu = report.cells.reduce((sum, c) => sum + c.milliseconds, 0) / 1000;
  return [
    '# Caught by: the known-bad variants, each property alone',
    '',
    'Generated by `npm run caught-by` from reports/caught-by.json; do not edit. Every known-bad variant',
    '(test/known-bad/variants.ts: the contract with one defect of the deployed contract put back) is',
    'compiled and every catalog property about the implementation runs on it alone. ✗ the property',
    'failed, naming the clause shown; · it passed within its budget; ? it reached no successful call.',
    '',
    `- Budget: ${budgetLine(report)}; engine ${report.engine}.`,
    `- Made at commit ${report.commit.head ?? 'unknown'}${report.commit.sourcesModified ? ' (the sources modified)' : ''}, sources sha256 ${report.sourceHash.slice(0, 16)}… (${report.sourceFiles.join(', ')}).`,
    `- Wall time ${seconds(report.wallSeconds)} on ${report.workers} worker thread${report.workers === 1 ? '' : 's'} (${seconds(cpu)} of property time in all), ${report.cells.length} runs: ${report.variants.length} variants × ${report.properties.length} properties.`,
    '',
    '## Headline',
    '',
    ...defects.map((d) => {
      const ids = report.variants.filter((v) => v.defect === d).map((v) => v.id);
      return `- **${d}**: ${listing(report, ids)}.`;
    }),
    '',
    `Variants caught, per property: ${perProperty.join(', ')} (of ${report.variants.length}).`,
    ...(() => {
      const r = remarks(report, allIds);
      return r.length === 0 ? [] : ['', `${r.map((e) => e[0]!.toUpperCase() + e.slice(1)).join('. ')}.`];
    })(),
    '',
    '## Matrix',
    '',
    `| variant | ${report.properties.map(short).join(' | ')} |`,
    `|---|${report.properties.map(() => '---').join('|')}|`,
    ...report.variants.map((v) => `| ${v.id} | ${report.properties.map((p) => mark(cellOf(report, v.id, p))).join(' | ')} |`),
    '',
    '## Each catch',
    '',
    'In the area: the failure is one test/known-bad accepts for the variant (a clause of the area that decides the point).',
    "Runs: the failing run's number (P-DIFFERENTIAL: runs over its chunks; 0 when the constructor sweep failed). Steps: differential",
    "steps spent, the constructor sweep, shrinking and the timeline's replay included. Calls: calls that reached the variant, shrinking included.",
    '',
    '| variant | property | clause | in the area | runs | steps | calls | ms | failure |',
    '|---|---|---|---|---|---|---|---|---|',
    ...fails.map(
      (c) =>
        `| ${c.variant} | ${c.property} | ${named(c)} | ${c.inArea === null ? '' : c.inArea ? 'yes' : 'no'} | ${c.runs} | ${c.steps ?? ''} | ${c.calls} | ${Math.round(c.milliseconds)} | ${(c.message ?? '').replaceAll('|', '\\|')} |`,
    ),
    '',
  ].join('\n');
}

/** The three files' problems against the report: staleness, a differing table, differing generated parts. */
export function checkAll(
  report: CaughtByReport,
  files: { readonly table: string; readonly deviations: string },
  current: { readonly sourceHash: string; readonly properties: readonly string[] },
): string[] {
  const problems = stalenessProblems(report, current);
  if (files.table !== renderTable(report))
    problems.push(`reports/caught-by.md differs from reports/caught-by.json: run \`npm run caught-by -- --render\``);
  const deviations = deviationProblems(files.deviations, report);
  problems.push(...deviations.map((p) => `${p}: run \`npm run caught-by -- --render\``));
  return problems;
}
