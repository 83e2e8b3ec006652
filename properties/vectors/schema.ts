/**
 * What any fixture of format mll-vectors/2 must look like: spec/vectors.schema.json, compiled
 * once with ajv, and the one rule it cannot state — that every view index is in range.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { Fixture } from './format.js';

const schema = JSON.parse(readFileSync(new URL('../../spec/vectors.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: false }).compile(schema);

/** Why `fixture` is not a fixture of the format, one line each; empty when it is. */
export function fixtureErrors(fixture: unknown): string[] {
  if (!validate(fixture))
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
  const { views, viewResults, deployment, steps } = fixture as Fixture;
  const places = [{ at: '/deployment', effects: deployment }, ...steps.map((effects, i) => ({ at: `/steps/${i}`, effects }))];
  for (const { at, effects } of places) {
    // none after a constructor that reverted; else one per view, each an answer of viewResults
    if (effects.views.length !== 0 && effects.views.length !== views.length)
      return [`${at}/views has ${effects.views.length} entries; the fixture has ${views.length} views`];
    const bad = effects.views.findIndex((index) => index >= viewResults.length);
    if (bad >= 0) return [`${at}/views/${bad} is ${effects.views[bad]}, past the ${viewResults.length} viewResults`];
  }
  return [];
}
