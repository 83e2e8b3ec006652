/**
 * The contracts pass solhint's recommended rule set (.solhint.json) with no error and no warning:
 * the same check as `npm run lint`, run through the locally installed solhint.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const solhint = fileURLToPath(new URL('../node_modules/.bin/solhint', import.meta.url));

interface Report {
  readonly severity?: string;
  readonly message?: string;
  readonly ruleId?: string;
  readonly filePath?: string;
  readonly line?: number;
}

/** Runs solhint on contracts/ and returns its exit status and its JSON reports. */
function lint(): { status: number; reports: Report[]; output: string } {
  const args = ['--disc', '--noPoster', '--max-warnings', '0', '-f', 'json', 'contracts/**/*.sol'];
  let status = 0;
  let output: string;
  try {
    output = execFileSync(solhint, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { status?: number | null; stdout?: string; stderr?: string };
    status = failed.status ?? -1;
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
  const start = output.indexOf('[');
  const end = output.lastIndexOf(']');
  const reports = start >= 0 && end > start ? (JSON.parse(output.slice(start, end + 1)) as Report[]) : [];
  return { status, reports, output };
}

describe('lint', () => {
  it('solhint (recommended rules) reports nothing on contracts/', () => {
    const { status, reports, output } = lint();
    const problems = reports
      .filter((report) => report.severity !== undefined)
      .map((report) => `${report.filePath}:${report.line} ${report.severity} ${report.ruleId}: ${report.message}`);
    expect(problems).toEqual([]);
    expect(status, output).toBe(0);
  });
});
