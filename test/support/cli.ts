/**
 * `npm start` as a child process, for the tests of what it refuses: its exit code and stderr.
 * The script and tsx are named by absolute path, so it runs from any directory, as a caller's
 * `npm start` would.
 * @module
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../../properties/runners/cli.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs `npm start -- ...args`; `cwd` and `env` as for a child process. */
export function startCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stderr: string } {
  try {
    execFileSync(process.execPath, ['--import', tsx, cli, ...args], { ...options, stdio: 'pipe', encoding: 'utf8' });
    return { status: 0, stderr: '' };
  } catch (error) {
    const e = error as { status: number | null; stderr: string };
    return { status: e.status, stderr: e.stderr };
  }
}
