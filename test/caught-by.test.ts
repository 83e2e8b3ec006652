/**
 * `npm run caught-by` (scripts/caught-by.ts): the rendering of reports/caught-by.json into the
 * matrix and spec/deviations.md's generated parts, and the check that fails on a stale JSON or a
 * differing generated part. No property runs here: the report is a small one written out.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeviations } from '../properties/deviations.js';
import type { CaughtByReport, Cell } from '../scripts/caught-by-report.js';
import type { Variant } from './known-bad/variants.js';
import {
  REPORT_VERSION,
  checkAll,
  deviationProblems,
  generatedParts,
  renderDeviationPart,
  renderDeviations,
  renderTable,
  sourceHash,
  stalenessProblems,
} from '../scripts/caught-by-report.js';

// Clause IDs assembled, so that this file cites none (scripts/trace.ts counts a test file's citations as checks).
const clause = (area: string, n: string): string => ['MLL', area, n].join('-');
const BLD4 = clause('BLD', '004');
const BLD1 = clause('BLD', '001');
const WDR1 = clause('WDR', '001');

const PROPERTIES = ['P-DIFFERENTIAL', 'P-CONSERVATION', 'P-NO-BLEED-OUTSIDE-WINDOW'];

const cell = (variant: string, property: string, verdict: Cell['verdict'], clauseNamed: string | null = null): Cell => ({
  variant,
  property,
  verdict,
  clause: clauseNamed,
  inArea: verdict === 'fail' ? true : null,
  message: verdict === 'fail' ? `${clauseNamed}: a difference` : null,
  runs: verdict === 'fail' ? 3 : 200,
  steps: property === 'P-DIFFERENTIAL' ? 130 : null,
  calls: 10,
  milliseconds: 500,
});

const report: CaughtByReport = {
  version: REPORT_VERSION,
  generatedBy: 'test',
  commit: { head: 'abc', sourcesModified: false },
  sourceHash: 'h1',
  sourceFiles: ['contracts/MutualLiquidityLock.sol', 'test/known-bad/variants.ts'],
  seed: 1,
  budgets: { scenarioRuns: 200, differentialSteps: 20_000, differentialChunkRuns: 50 },
  engine: 'fast',
  workers: 2,
  wallSeconds: 125,
  properties: PROPERTIES,
  variants: [
    { id: 'D2-a', defect: 'D2', description: 'one' },
    { id: 'D2-b', defect: 'D2', description: 'two' },
    { id: 'D11-c', defect: 'D11', description: 'three' },
  ],
  cells: [
    cell('D2-a', 'P-DIFFERENTIAL', 'fail', BLD4),
    cell('D2-a', 'P-CONSERVATION', 'pass'),
    cell('D2-a', 'P-NO-BLEED-OUTSIDE-WINDOW', 'fail', BLD1),
    cell('D2-b', 'P-DIFFERENTIAL', 'fail', BLD4),
    cell('D2-b', 'P-CONSERVATION', 'pass'),
    cell('D2-b', 'P-NO-BLEED-OUTSIDE-WINDOW', 'pass'),
    cell('D11-c', 'P-DIFFERENTIAL', 'fail', WDR1),
    cell('D11-c', 'P-CONSERVATION', 'unexercised'),
    cell('D11-c', 'P-NO-BLEED-OUTSIDE-WINDOW', 'pass'),
  ],
};

const page = [
  '## D2. A cliff',
  '',
  '- **Caught by.** Unit tests under the clause. <!-- caught-by:D2 --><!-- /caught-by -->',
  '',
  'Clauses: ' + BLD1,
  '',
  '## D11. Smaller points',
  '',
  '| point | clauses |',
  '|---|---|',
  `| stuck | ${WDR1} |`,
  '',
  '<!-- caught-by:D11 --><!-- /caught-by -->',
  '',
].join('\n');

const current = { sourceHash: 'h1', properties: PROPERTIES };

describe('the caught-by renderer', () => {
  it("writes each D-section's list by property, naming variant and clause, and what only P-DIFFERENTIAL caught", () => {
    const part = renderDeviationPart(report, 'D2');
    expect(part).toBe(
      `\n  Known-bad variants, each property alone: P-DIFFERENTIAL (D2-a, ${BLD4}; D2-b, ${BLD4}),\n` +
        `  P-NO-BLEED-OUTSIDE-WINDOW (D2-a, ${BLD1}); caught by P-DIFFERENTIAL alone: D2-b.\n  `,
    );
    expect(part).not.toContain('P-CONSERVATION');
  });

  it('writes D11 as a table of its variants, one that names no clause of D11 (no clauses column)', () => {
    const part = renderDeviationPart(report, 'D11');
    expect(part).toContain(`| D11-c | three | P-DIFFERENTIAL (${WDR1}) |`);
    expect(part).toContain('Unexercised: P-CONSERVATION on D11-c.');
    const rendered = renderDeviations(page, report);
    expect(parseDeviations(rendered)).toEqual(parseDeviations(page));
  });

  it('replaces only what lies between the markers, and the result checks clean', () => {
    const rendered = renderDeviations(page, report);
    expect(rendered.split('<!-- caught-by:D2 -->')[0]).toBe(page.split('<!-- caught-by:D2 -->')[0]);
    expect(rendered).toContain('Unit tests under the clause. <!-- caught-by:D2 -->\n  Known-bad variants');
    expect(renderDeviations(rendered, report)).toBe(rendered);
    expect(deviationProblems(rendered, report)).toEqual([]);
    expect(checkAll(report, { table: renderTable(report), deviations: rendered }, current)).toEqual([]);
  });

  it('draws the matrix: ✗ and the clause when caught, · when not, with the budget and the wall time', () => {
    const table = renderTable(report);
    expect(table).toContain('| variant | DIFFERENTIAL | CONSERVATION | NO-BLEED-OUTSIDE-WINDOW |');
    expect(table).toContain(`| D2-a | ✗ ${BLD4} | · | ✗ ${BLD1} |`);
    expect(table).toContain(`| D11-c | ✗ ${WDR1} | ? unexercised | · |`);
    expect(table).toContain('Wall time 2 min 05 s on 2 worker threads');
    expect(table).toContain('seed 1; 200 runs per scenario property; P-DIFFERENTIAL 20,000 steps');
    expect(table).toContain(
      `- **D2**: P-DIFFERENTIAL (D2-a, ${BLD4}; D2-b, ${BLD4}), P-NO-BLEED-OUTSIDE-WINDOW (D2-a, ${BLD1}); caught by P-DIFFERENTIAL alone: D2-b.`,
    );
  });
});

describe('the caught-by check', () => {
  const rendered = renderDeviations(page, report);

  it('fails on a planted hand edit of a generated part, naming the deviation and the command', () => {
    const planted = rendered.replace(`P-NO-BLEED-OUTSIDE-WINDOW (D2-a, ${BLD1})`, `P-NO-BLEED-OUTSIDE-WINDOW (D2-b, ${BLD1})`);
    expect(planted).not.toBe(rendered);
    const problems = checkAll(report, { table: renderTable(report), deviations: planted }, current);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /generated caught-by part of D2 differs from reports\/caught-by\.json: run `npm run caught-by -- --render`/,
    );
  });

  it('fails on a missing or an unknown marker, and on a hand-edited table', () => {
    expect(deviationProblems(rendered.replace(/<!-- caught-by:D11 -->[\s\S]*?<!-- \/caught-by -->/, ''), report)).toEqual([
      'spec/deviations.md has no <!-- caught-by:D11 --> … <!-- /caught-by --> part',
    ]);
    expect(deviationProblems(`${rendered}\n<!-- caught-by:D7 --><!-- /caught-by -->\n`, report)).toEqual([
      'spec/deviations.md has a caught-by part for D7, which no known-bad variant reinstates',
    ]);
    expect(() => renderDeviations(page.replace('<!-- caught-by:D11 --><!-- /caught-by -->', ''), report)).toThrow(
      /no <!-- caught-by:D11 -->/,
    );
    expect(checkAll(report, { table: renderTable(report).replace('· |', '✗ |'), deviations: rendered }, current)).toEqual([
      'reports/caught-by.md differs from reports/caught-by.json: run `npm run caught-by -- --render`',
    ]);
  });

  it('says re-run when the contract or a variant changed since the JSON was made, not when variants.ts only reads differently', () => {
    const contract = 'contract A { uint256 x = 1; }';
    const variant: Variant = {
      id: 'D2-x',
      defect: 'D2',
      description: 'x is 2',
      expectedClauses: ['MLL-BLD-'],
      patches: [{ find: 'x = 1', replace: 'x = 2' }],
    };
    const hash = sourceHash(contract, [variant]);
    const made = { ...report, sourceHash: hash };
    expect(
      stalenessProblems(made, { sourceHash: sourceHash(contract, [{ ...variant, description: 'reworded' }]), properties: PROPERTIES }),
    ).toEqual([]);
    const changed = [
      sourceHash(`${contract} `, [variant]),
      sourceHash(contract, [{ ...variant, patches: [{ find: 'x = 1', replace: 'x = 3' }] }]),
      sourceHash(contract, [{ ...variant, expectedClauses: ['MLL-SCH-'] }]),
      sourceHash(contract, [variant, { ...variant, id: 'D2-y' }]),
    ];
    for (const edited of changed) {
      expect(stalenessProblems(made, { sourceHash: edited, properties: PROPERTIES })).toEqual([
        'reports/caught-by.json was made from another contract or other known-bad variants (contracts/MutualLiquidityLock.sol, test/known-bad/variants.ts): re-run `npm run caught-by`',
      ]);
    }
  });

  it('says re-run when the catalog gained a property or the JSON is of another version', () => {
    expect(stalenessProblems(report, { sourceHash: 'h1', properties: [...PROPERTIES, 'P-NEW'] })[0]).toMatch(
      /the catalog's are .*P-NEW: re-run `npm run caught-by`/,
    );
    expect(stalenessProblems({ ...report, version: REPORT_VERSION + 1 }, current)[0]).toMatch(/version .*: re-run `npm run caught-by`/);
  });
});

describe('spec/deviations.md', () => {
  const markdown = readFileSync(new URL('../spec/deviations.md', import.meta.url), 'utf8');

  it('has a generated part for every deviation, and its parts name no clause of any deviation', () => {
    const parts = generatedParts(markdown);
    expect([...parts.keys()]).toEqual(Array.from({ length: 11 }, (_, i) => `D${i + 1}`));
    const stripped = markdown.replace(/<!-- caught-by:(D\d+) -->[\s\S]*?<!-- \/caught-by -->/g, '<!-- caught-by:$1 --><!-- /caught-by -->');
    expect(parseDeviations(markdown)).toEqual(parseDeviations(stripped));
  });
});
