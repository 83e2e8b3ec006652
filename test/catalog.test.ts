/**
 * One registration per property (MLL-CONF-003): every step invariant the differential checks is
 * the step check of exactly one catalog property, the one it registers, or is explicitly
 * differential-only; and what restates the catalog (README.md's table, MLL-CONF-003's list,
 * spec/properties.md) is generated from it. Each check is seen failing on a planted disagreement.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../properties/catalog.js';
import type { PropertyDefinition } from '../properties/catalog.js';
import type { StepInvariant } from '../properties/invariants.js';
import * as invariantsModule from '../properties/invariants.js';
import { conservation, phaseForward, stepInvariants } from '../properties/invariants.js';
import { ensure } from '../properties/violation.js';
import type { Registrations } from '../scripts/catalog.js';
import { clauseList, generated, plantedBugs, readmeTable, registrationProblems, splice } from '../scripts/catalog.js';

const real: Registrations = { exports: invariantsModule, invariants: stepInvariants, catalog, planted: plantedBugs() };

/*
 * Clause IDs here are data, not claims that this file checks those clauses: apart from
 * MLL-CONF-003 they are built, not written, so the trace does not count this file among their checks.
 */
const another = ['MLL', 'STA', '002'].join('-');

/** A new invariant, as someone might add it, under a registration of its own. */
const extra: StepInvariant = {
  clauses: ['MLL-CONF-003'],
  reads: ['phase'],
  check: ({ before, after }) => ensure(after.phase >= before.phase, 'MLL-CONF-003', () => 'backwards'),
  property: { id: 'P-EXTRA', title: 'An extra invariant', rule: 'The phase MUST NOT go back.' },
};

describe('MLL-CONF-003: every step invariant is registered once', () => {
  it('the step invariants, the catalog and the planted bugs agree', () => {
    expect(registrationProblems(real)).toEqual([]);
    expect(catalog.filter((p) => p.stepCheck !== undefined)).toHaveLength(stepInvariants.length);
  });

  it('an invariant exported but not listed in stepInvariants is in neither the differential nor the catalog: a problem', () => {
    expect(registrationProblems({ ...real, exports: { ...invariantsModule, extra } })).toEqual([
      'properties/invariants.ts exports the step invariant extra, which stepInvariants does not list: no differential run checks it',
    ]);
  });

  it('a listed invariant whose registration the catalog does not run is a problem; a differential-only one is not', () => {
    const exports = { ...invariantsModule, extra };
    expect(registrationProblems({ ...real, exports, invariants: [...stepInvariants, extra] })).toEqual([
      'extra registers P-EXTRA, but its check is the step check of no catalog property',
    ]);
    const differentialOnly: StepInvariant = { ...extra, property: { title: 'An extra invariant', differentialOnly: 'a test of the rule' } };
    expect(
      registrationProblems({
        ...real,
        exports: { ...invariantsModule, differentialOnly },
        invariants: [...stepInvariants, differentialOnly],
      }),
    ).toEqual([]);
  });

  it('a differential-only invariant that a catalog property runs all the same is a problem', () => {
    const demoted: StepInvariant = { ...phaseForward, property: { title: phaseForward.property.title, differentialOnly: 'demoted' } };
    const invariants = stepInvariants.map((i) => (i === phaseForward ? demoted : i));
    expect(registrationProblems({ ...real, exports: { ...invariantsModule, phaseForward: demoted }, invariants })).toEqual([
      'phaseForward is differential-only, but P-PHASE-FORWARD runs it',
    ]);
  });

  it('a catalog step check that is no listed invariant, and a property registered twice, are problems', () => {
    const invariants = stepInvariants.filter((i) => i !== conservation);
    const twice = [...catalog, catalog.find((p) => p.id === 'P-MIRROR')!];
    expect(
      registrationProblems({ ...real, exports: { ...invariantsModule, conservation: undefined }, invariants, catalog: twice }),
    ).toEqual([
      'the catalog has two properties P-MIRROR',
      "P-CONSERVATION's step check is no invariant of stepInvariants: no differential run checks it on the implementation",
    ]);
  });

  it('an invariant whose check names a clause it does not declare, or declares one it never names, is a problem', () => {
    const wrong: StepInvariant = { ...extra, clauses: [another] };
    const catalogWithIt: PropertyDefinition[] = [...catalog, { ...catalog[1]!, id: 'P-EXTRA', clauses: [another], stepCheck: wrong.check }];
    const planted = [...real.planted, { file: 'test/planted/x.test.ts', property: 'P-EXTRA', clause: another, what: '' }];
    expect(
      registrationProblems({
        exports: { ...invariantsModule, wrong },
        invariants: [...stepInvariants, wrong],
        catalog: catalogWithIt,
        planted,
      }),
    ).toEqual(["wrong's check names MLL-CONF-003, which its clauses do not list", `wrong lists ${another}, which its check never names`]);
  });

  it('a planted bug naming a clause its property does not list, or a property no planted bug fails, is a problem', () => {
    const planted = real.planted
      .filter((b) => b.property !== 'P-MIRROR')
      .map((b) => (b.property === 'P-TIME-SHIFT' ? { ...b, clause: 'MLL-CONF-003' } : b));
    expect(registrationProblems({ ...real, planted })).toEqual([
      'test/planted/calendar-days.test.ts requires P-TIME-SHIFT to fail naming MLL-CONF-003, which P-TIME-SHIFT does not list',
      "P-MIRROR fails on no planted bug in test/planted/ (expectCaught('P-MIRROR', …))",
    ]);
  });
});

describe('MLL-CONF-003: what restates the catalog is generated from it', () => {
  it('README.md, spec/conformance.md and spec/properties.md are as npm run catalog writes them', () => {
    for (const [file, text] of Object.entries(generated()))
      expect(readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'), `${file} is stale: npm run catalog`).toBe(text);
  });

  it('only the marked region is rewritten: a hand-edited row comes back, the text around it stays', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const edited = readme.replace('| P-MIRROR |', '| P-MIRRORED |').replace('## Property suites', '## Property suites (edited)');
    const spliced = splice(edited, 'README.md', readmeTable(catalog));
    expect(spliced).toContain('| P-MIRROR |');
    expect(spliced).not.toContain('| P-MIRRORED |');
    expect(spliced).toBe(readme.replace('## Property suites', '## Property suites (edited)'));
    expect(() => splice('no markers here', 'X.md', '')).toThrow('X.md has no "<!-- generated by npm run catalog … -->" line');
    expect(() => splice('<!-- generated by npm run catalog -->\nrow', 'X.md', '')).toThrow(
      'X.md: the generated region has no "<!-- end -->" line',
    );
  });

  it('clause lists: three or more consecutive clauses of one area as a range', () => {
    expect(clauseList(['X-UEX-002', 'X-UEX-004', 'X-UEX-005', 'X-UEX-006', 'X-ABN-007'])).toBe(
      'X-UEX-002, X-UEX-004 … X-UEX-006, X-ABN-007',
    );
    expect(clauseList(['X-INV-001', 'X-INV-002', 'X-BLD-003'])).toBe('X-INV-001, X-INV-002, X-BLD-003');
  });
});
