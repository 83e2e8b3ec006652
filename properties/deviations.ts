/**
 * Which of the deployed contract's deviations D1–D11 a clause decides, read from
 * spec/deviations.md itself: each section's `Clauses:` line, and D11's table by its clauses
 * column. Each table is read by its own header, so a table without a clauses column (the
 * generated caught-by table) names none. One source of truth, so a failure can name its
 * deviation beside its clause.
 * @module
 */
import { readFileSync } from 'node:fs';

const SECTION = /^## (D\d+)\./;
const CLAUSE_OR_RANGE = /(MLL-[A-Z]{2,5}-)(\d{3})(?:\s*…\s*(?:MLL-[A-Z]{2,5}-)?(\d{3}))?/g;

/** Every clause ID a text names, a range `MLL-X-002 … MLL-X-009` (or `… 009`) expanded. */
function clausesIn(text: string): string[] {
  return [...text.matchAll(CLAUSE_OR_RANGE)].flatMap(([, area, first, last]) => {
    const from = Number(first);
    const to = last === undefined ? from : Number(last);
    return Array.from({ length: to - from + 1 }, (_, i) => `${area}${String(from + i).padStart(3, '0')}`);
  });
}

/** The deviations each clause belongs to, from the text of spec/deviations.md. */
export function parseDeviations(markdown: string): ReadonlyMap<string, readonly string[]> {
  const byClause = new Map<string, string[]>();
  let deviation: string | null = null;
  // Outside a table: null; in one, its own header's clauses column (-1: it has none).
  let clausesColumn: number | null = null;
  for (const line of markdown.split('\n')) {
    const section = SECTION.exec(line);
    if (!line.startsWith('|')) clausesColumn = null;
    if (line.startsWith('## ')) {
      deviation = section?.[1] ?? null;
      continue;
    }
    if (deviation === null) continue;
    let named: string[] = [];
    if (line.startsWith('Clauses:')) named = clausesIn(line);
    else if (line.startsWith('|')) {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      if (clausesColumn === null) clausesColumn = cells.indexOf('clauses');
      else if (clausesColumn >= 0 && cells[clausesColumn] !== undefined) named = clausesIn(cells[clausesColumn]!);
    }
    for (const clause of named) {
      const list = byClause.get(clause) ?? [];
      if (!list.includes(deviation)) list.push(deviation);
      byClause.set(clause, list);
    }
  }
  return byClause;
}

const deviations = parseDeviations(readFileSync(new URL('../spec/deviations.md', import.meta.url), 'utf8'));

/** The deviations from the deployed contract that `clause` decides, in the order the spec lists them: `['D1', 'D10']`, or none. */
export function deviationsOf(clause: string): readonly string[] {
  return deviations.get(clause) ?? [];
}
