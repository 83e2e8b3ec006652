/**
 * The deviations D1–D11 read out of spec/deviations.md (properties/deviations.ts), and named by
 * every property failure beside its clause.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deviationsOf, parseDeviations } from '../properties/deviations.js';
import { PropertyViolation } from '../properties/violation.js';
import { variants } from './known-bad/variants.js';

const markdown = readFileSync(new URL('../spec/deviations.md', import.meta.url), 'utf8');
const parsed = parseDeviations(markdown);

describe('deviations D1–D11 by clause, from spec/deviations.md', () => {
  it('reads a section’s Clauses: line and D11’s clauses column, ranges expanded, in the order of the sections', () => {
    expect(deviationsOf('MLL-BLD-001')).toEqual(['D1', 'D2']);
    expect(deviationsOf('MLL-BLD-004')).toEqual(['D1', 'D10']);
    expect(deviationsOf('MLL-UEX-010')).toEqual(['D6']);
    expect(deviationsOf('MLL-PAR-005')).toEqual(['D11']); // MLL-PAR-002 … MLL-PAR-009
    expect(deviationsOf('MLL-CIN-002')).toEqual(['D11']); // MLL-CIN-001 … 003
    expect(deviationsOf('MLL-STA-005')).toEqual(['D11']);
    expect(deviationsOf('MLL-VIEW-001')).toEqual([]);
  });

  it('gives every deviation at least one clause, and names only clauses the spec defines', () => {
    const deviations = new Set([...parsed.values()].flat());
    expect([...deviations].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))).toEqual(
      Array.from({ length: 11 }, (_, i) => `D${i + 1}`),
    );
    const spec = readdirSync(new URL('../spec/', import.meta.url))
      .filter((file) => file.endsWith('.md'))
      .map((file) => readFileSync(new URL(`../spec/${file}`, import.meta.url), 'utf8'))
      .join('\n');
    const defined = new Set(spec.match(/^### MLL-[A-Z]{2,5}-\d{3}/gm)!.map((heading) => heading.slice(4)));
    for (const clause of parsed.keys()) expect(defined, clause).toContain(clause);
  });

  it('parses only the sections D<n>, and no other table', () => {
    const text = [
      '## D1. one',
      'Clauses: MLL-BLD-001, MLL-CIN-001 … 003',
      '## What we keep',
      'Clauses: MLL-STA-001',
      '## D2. two',
      '| x | clauses |',
      '|---|---|',
      '| y | MLL-BLD-001 |',
    ].join('\n');
    const withAnotherTable = [...text.split('\n'), '', '| variant | what | caught by |', '|---|---|---|', '| v | MLL-CIN-003 | w |'].join(
      '\n',
    );
    expect(parseDeviations(withAnotherTable)).toEqual(parseDeviations(text)); // a table without a clauses column names none
    expect(Object.fromEntries(parseDeviations(text))).toEqual({
      'MLL-BLD-001': ['D1', 'D2'],
      'MLL-CIN-001': ['D1'],
      'MLL-CIN-002': ['D1'],
      'MLL-CIN-003': ['D1'],
    });
  });

  it('agrees with the known-bad variants: each defect put back may fail a clause that decides it', () => {
    for (const variant of variants) {
      const accepted = [...parsed.keys()].filter((clause) =>
        variant.expectedClauses instanceof RegExp
          ? variant.expectedClauses.test(clause)
          : variant.expectedClauses.some((id) => clause.startsWith(id)),
      );
      expect(
        accepted.some((clause) => deviationsOf(clause).includes(variant.defect)),
        variant.id,
      ).toBe(true);
    }
  });

  it('is carried by a property failure, in a field and beside its clause in the message', () => {
    const violation = new PropertyViolation('MLL-BLD-001', 'a share fell');
    expect(violation.deviations).toEqual(['D1', 'D2']);
    expect(violation.message).toBe('MLL-BLD-001 (D1, D2): a share fell');
    expect(new PropertyViolation('MLL-VIEW-001', 'x').message).toBe('MLL-VIEW-001: x');
  });
});
