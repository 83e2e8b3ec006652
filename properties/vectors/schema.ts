/**
 * spec/vectors.schema.json, compiled once with ajv: what any fixture of format mll-vectors/1 must look like.
 * @module
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schema = JSON.parse(readFileSync(new URL('../../spec/vectors.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: false }).compile(schema);

/** Why `fixture` is not a fixture of the format, one line each; empty when it is. */
export function schemaErrors(fixture: unknown): string[] {
  if (validate(fixture)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}`);
}
