/**
 * `npm start`: runs the property catalog on the bundled implementation (for now the reference)
 * and prints a clause-by-clause report. Exits 1 when a property fails, 2 on bad arguments.
 *
 *   npm start -- [--runs N] [--seed S] [--property P-ID] [--path PATH]
 *
 * MLL_RUNS and MLL_SEED set the same as --runs and --seed.
 * @module
 */
import { parseArgs } from 'node:util';
import { catalog } from '../catalog.js';
import { ReferenceDriver } from '../drivers/reference.js';
import type { Budget, PropertyReport } from './check.js';
import { budgetFromEnv, checkProperty } from './check.js';

const usage = 'usage: npm start -- [--runs N] [--seed S] [--property P-ID] [--path PATH]';

interface Options {
  readonly budget: Budget & { readonly path?: string };
  readonly property: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      seed: { type: 'string' },
      property: { type: 'string' },
      path: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(usage);
    process.exit(0);
  }
  const env = { ...process.env };
  if (values.runs !== undefined) env.MLL_RUNS = values.runs;
  if (values.seed !== undefined) env.MLL_SEED = values.seed;
  const budget = budgetFromEnv(500, env);
  if (values.property !== undefined && !catalog.some((p) => p.id === values.property)) {
    throw new RangeError(`--property: no property '${values.property}'; known: ${catalog.map((p) => p.id).join(', ')}`);
  }
  if (values.path !== undefined && (budget.seed === undefined || values.property === undefined)) {
    throw new RangeError('--path replays one failure: give it with --property and --seed');
  }
  return { budget: values.path === undefined ? budget : { ...budget, path: values.path }, property: values.property };
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

function printReport(reports: readonly PropertyReport[], budget: Budget): void {
  const rows = reports
    .flatMap((report) => report.clauses.map((clause) => ({ clause, report })))
    .sort((x, y) => x.clause.localeCompare(y.clause) || x.report.id.localeCompare(y.report.id));
  console.log(`${pad('clause', 13)}${pad('property', 27)}${pad('runs', 7)}result`);
  for (const { clause, report } of rows) {
    const result = report.ok ? 'pass' : report.failure?.clause === clause ? 'FAIL' : 'fail (another clause)';
    console.log(`${pad(clause, 13)}${pad(report.id, 27)}${pad(String(report.runs), 7)}${result}`);
  }
  const clauses = new Set(rows.map((row) => row.clause));
  const seconds = reports.reduce((sum, r) => sum + r.milliseconds, 0) / 1000;
  console.log(
    `\n${reports.filter((r) => r.ok).length} of ${reports.length} properties pass, covering ${clauses.size} clauses; ` +
      `${budget.numRuns} runs each${budget.seed === undefined ? '' : `, seed ${budget.seed}`}, ${seconds.toFixed(1)} s. ` +
      'Every other clause is checked by the unit tests: npm test.',
  );
  for (const report of reports.filter((r) => !r.ok)) {
    const f = report.failure!;
    console.log(`\n${report.id} failed: ${f.message}`);
    console.log(`  counterexample: ${f.counterexample}`);
    console.log(`  replay: npm start -- --property ${report.id} --seed ${f.seed} --path ${f.path}`);
  }
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  const selected = catalog.filter((p) => options.property === undefined || p.id === options.property);
  console.log(`MLL property suite — implementation: reference (TypeScript), ${selected.length} properties\n`);
  const reports: PropertyReport[] = [];
  for (const property of selected) reports.push(await checkProperty(property, () => new ReferenceDriver(), options.budget));
  printReport(reports, options.budget);
  return reports.every((r) => r.ok) ? 0 : 1;
}

process.exitCode = await main();
