/** A JSON report read back and held to cli/report.schema.json, as a CI consumer would read it. */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import type { ReportDocument } from '../../cli/reports.js';

const schema = JSON.parse(readFileSync(new URL('../../cli/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true }).compile(schema);

/** The report in `file`, which must be valid against the schema. */
export function readReport(file: string): ReportDocument {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as ReportDocument;
  expect(validate(doc), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
  return doc;
}
