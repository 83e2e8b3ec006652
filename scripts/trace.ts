/**
 * Traceability between the spec's clauses and what checks them.
 *
 *   npm run trace            writes spec/traceability.md and reports problems
 *   tsx scripts/trace.ts --check   reports problems, writes nothing; exit 1 on any
 *
 * Problems: a clause nothing checks; a "Checked by" entry that does not exist or does not cite
 * the clause; a citation, anywhere in the code or the spec, of a clause that does not exist;
 * a duplicate clause ID; a stale spec/traceability.md; a constant whose value differs between
 * spec/parameters.md, reference/constants.ts, the contract and properties/oracle.ts, or that one of
 * them lacks (scripts/constants.ts). A clause whose heading ends "*(withdrawn)*" (spec/README.md)
 * is checked by nothing: it names its replacements on a "Replaced by:" line, and only the spec may
 * still cite it.
 * @module
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { catalog } from '../properties/catalog.js';
import { constantProblems, readConstantSources } from './constants.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLAUSE = /MLL-[A-Z]{2,5}-\d{3}/g;
const HEADING = /^### (MLL-[A-Z]{2,5}-\d{3}) — (.+)$/;
const WITHDRAWN = ' *(withdrawn)*';

export interface Clause {
  readonly id: string;
  readonly title: string;
  readonly file: string;
  readonly checkedBy: readonly string[];
  /** Set for a withdrawn clause: the clauses that replace it. */
  readonly replacedBy: readonly string[] | null;
}

const list = (line: string, label: string): string[] =>
  line
    .slice(label.length)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function filesUnder(dir: string, accept: (name: string) => boolean): string[] {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && accept(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

function parseClauses(problems: string[]): Clause[] {
  const clauses: Clause[] = [];
  for (const file of filesUnder('spec', (name) => name.endsWith('.md') && name !== 'traceability.md')) {
    let current: { id: string; title: string; checkedBy: string[]; replacedBy: string[] | null } | null = null;
    const flush = () => {
      if (current === null) return;
      if (current.replacedBy === null && current.checkedBy.length === 0) problems.push(`${current.id} (${file}) has no "Checked by:" line`);
      if (current.replacedBy !== null && current.replacedBy.length === 0)
        problems.push(`${current.id} (${file}) is withdrawn with no "Replaced by:" line`);
      clauses.push({ ...current, file });
      current = null;
    };
    for (const line of readFileSync(join(root, file), 'utf8').split('\n')) {
      const heading = HEADING.exec(line);
      if (heading !== null) {
        flush();
        const withdrawn = heading[2]!.endsWith(WITHDRAWN);
        current = { id: heading[1]!, title: heading[2]!, checkedBy: [], replacedBy: withdrawn ? [] : null };
      } else if (line.startsWith('#')) {
        flush();
      } else if (current !== null && line.startsWith('Checked by:')) {
        current.checkedBy.push(...list(line, 'Checked by:'));
      } else if (current?.replacedBy && line.startsWith('Replaced by:')) {
        current.replacedBy.push(...list(line, 'Replaced by:'));
      }
    }
    flush();
  }
  return clauses;
}

function citations(file: string): Set<string> {
  return new Set(readFileSync(join(root, file), 'utf8').match(CLAUSE) ?? []);
}

/** What the trace collects: every clause, what checks each (test files and property IDs), and the problems found so far. */
export interface Trace {
  readonly clauses: readonly Clause[];
  readonly known: ReadonlyMap<string, Clause>;
  /** Clause ID → the test files that cite it and the properties that list it. */
  readonly citedBy: ReadonlyMap<string, readonly string[]>;
  readonly testFiles: readonly string[];
  readonly problems: string[];
}

/** Collects the clauses and their citations (the site's docs/build.ts reads the same collection). */
export function collect(): Trace {
  const problems: string[] = [];
  const clauses = parseClauses(problems);
  const known = new Map<string, Clause>();
  for (const clause of clauses) {
    if (known.has(clause.id)) problems.push(`${clause.id} is defined twice (${known.get(clause.id)!.file}, ${clause.file})`);
    known.set(clause.id, clause);
  }

  // Every citation anywhere must name a clause that exists.
  const sources = [
    ...filesUnder('spec', (n) => n.endsWith('.md') && n !== 'traceability.md'),
    ...['reference', 'properties', 'test', 'contracts', 'scripts'].flatMap((dir) => filesUnder(dir, (n) => /\.(ts|sol)$/.test(n))),
  ];
  for (const file of sources) {
    for (const id of citations(file)) {
      if (!known.has(id)) problems.push(`${file} cites ${id}, which no clause defines`);
      else if (known.get(id)!.replacedBy !== null && !file.startsWith('spec/')) problems.push(`${file} cites ${id}, which is withdrawn`);
    }
  }
  for (const clause of clauses) {
    for (const id of clause.replacedBy ?? []) {
      if (known.get(id)?.replacedBy !== null) problems.push(`${clause.id} is replaced by ${id}, which is not a clause in force`);
    }
  }

  // What checks each clause: test files that cite it, properties that list it.
  const testFiles = filesUnder('test', (n) => n.endsWith('.test.ts'));
  const citedBy = new Map<string, string[]>();
  for (const file of testFiles) for (const id of citations(file)) citedBy.set(id, [...(citedBy.get(id) ?? []), file]);
  const properties = new Map(catalog.map((p) => [p.id, p]));
  for (const property of catalog) {
    for (const id of property.clauses) {
      if (!known.has(id)) problems.push(`property ${property.id} lists ${id}, which no clause defines`);
      citedBy.set(id, [...(citedBy.get(id) ?? []), property.id]);
    }
  }

  const inForce = clauses.filter((c) => c.replacedBy === null);
  for (const clause of inForce) {
    if ((citedBy.get(clause.id) ?? []).length === 0) problems.push(`${clause.id} (${clause.title}) is checked by no test and no property`);
    for (const entry of clause.checkedBy) {
      if (entry.startsWith('P-')) {
        const property = properties.get(entry);
        if (property === undefined) problems.push(`${clause.id} names ${entry}, which is not in properties/catalog.ts`);
        else if (!property.clauses.includes(clause.id)) problems.push(`${clause.id} names ${entry}, which does not list it`);
      } else if (!existsSync(join(root, entry))) {
        problems.push(`${clause.id} names ${entry}, which does not exist`);
      } else if (!citations(entry).has(clause.id)) {
        problems.push(`${clause.id} names ${entry}, which does not cite it`);
      }
    }
  }
  return { clauses, known, citedBy, testFiles, problems };
}

function main(): number {
  const check = process.argv.includes('--check');
  const { clauses, citedBy, testFiles, problems } = collect();
  const inForce = clauses.filter((c) => c.replacedBy === null);
  // One value per constant (MLL-PAR-010): the spec's, the reference's, the contract's, the oracle's.
  problems.push(...constantProblems(readConstantSources(root)));
  const table = [
    '# Traceability',
    '',
    'Generated by `npm run trace` from spec/*.md, test/**/*.test.ts and properties/catalog.ts; do not edit.',
    `${inForce.length} clauses in force, every one checked by at least one test file or property; ${clauses.length - inForce.length} withdrawn.`,
    '',
    '| clause | title | checked by |',
    '|---|---|---|',
    ...clauses.map(
      (c) =>
        `| [${c.id}](${c.file.replace(/^spec\//, '')}) | ${c.title} | ` +
        `${c.replacedBy === null ? [...new Set(citedBy.get(c.id) ?? [])].join(', ') : `replaced by ${c.replacedBy.join(', ')}`} |`,
    ),
    '',
  ].join('\n');
  const target = join(root, 'spec/traceability.md');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (check && current !== table) problems.push('spec/traceability.md is stale: run `npm run trace`');
  if (!check && current !== table) writeFileSync(target, table);

  for (const problem of problems) console.error(`trace: ${problem}`);
  console.log(
    `trace: ${clauses.length} clauses, ${testFiles.length} test files, ${catalog.length} properties, ${problems.length} problems`,
  );
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = main();
