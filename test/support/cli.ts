/**
 * `mll check` (what `npm start` runs) as a child process, for the tests of what it refuses: its
 * exit code and stderr. The command is named by absolute path, so it runs from any directory, as
 * a caller's `npm start` would.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const mll = fileURLToPath(new URL('../../bin/mll.mjs', import.meta.url));

/** Runs `mll ...args` (`subcommand` first; check by default). */
export function runMll(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [mll, ...args], { ...options, stdio: 'pipe', encoding: 'utf8' });
    return { status: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs `npm start -- ...args`; `cwd` and `env` as for a child process. */
export function startCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): { status: number | null; stderr: string } {
  const { status, stderr } = runMll(['check', ...args], options);
  return { status, stderr };
}
