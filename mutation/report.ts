/**
 * reports/mutation.json and its Markdown twin: every mutant with its site, operator, status, the
 * clause that killed it and how long that took; totals; the score; and for every live mutant the
 * explanation kept in mutation/explanations.json (proven equivalent, and why, or the property
 * that was missing and has been added).
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MutantResult, Status } from './evaluate.js';

const reportsDir = new URL('../reports/', import.meta.url);
const explanationsFile = fileURLToPath(new URL('./explanations.json', import.meta.url));

export interface RunOptions {
  readonly sample: number;
  readonly seed: number;
  readonly steps: number;
  readonly workers: number;
  readonly totalMutants: number;
  readonly seconds: number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** mutation/explanations.json: why each live mutant is equivalent, by mutant id. */
export function loadExplanations(): Readonly<Record<string, string>> {
  return existsSync(explanationsFile) ? (JSON.parse(readFileSync(explanationsFile, 'utf8')) as Record<string, string>) : {};
}

export function writeReports(results: readonly MutantResult[], options: RunOptions): string {
  const explanations = loadExplanations();
  const count = (status: Status) => results.filter((r) => r.status === status).length;
  const killed = count('killed');
  const live = count('live');
  const kills = results.filter((r) => r.status === 'killed');
  const unexplained = results.filter((r) => r.status === 'live' && explanations[r.mutant.id] === undefined).map((r) => r.mutant.id);
  // live, and argued in mutation/explanations.json that no observable can tell them from the contract
  const arguedEquivalent = live - unexplained.length;
  const totals = {
    mutants: results.length,
    killed,
    live,
    equivalent: count('equivalent'),
    duplicate: count('duplicate'),
    stillborn: count('stillborn'),
    error: count('error'),
    score: killed + live === 0 ? null : killed / (killed + live),
    arguedEquivalent,
    /** Killed over the mutants not argued equivalent: the issue's target is 100 %. */
    nonEquivalentScore: killed + unexplained.length === 0 ? null : killed / (killed + unexplained.length),
    medianMillisecondsToKill: median(kills.map((r) => r.millisecondsToKill!)),
    medianStepsToKill: median(kills.map((r) => r.stepsToKill!)),
  };
  const json = {
    options,
    totals,
    unexplainedLive: unexplained,
    mutants: results.map((r) => ({ ...r, explanation: explanations[r.mutant.id] })),
  };
  writeFileSync(new URL('mutation.json', reportsDir), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(new URL('mutation.md', reportsDir), mutationMarkdown(results, options, explanations));
  const pct = percent(totals.score);
  const nonEquivalentPct = percent(totals.nonEquivalentScore);
  return `score ${pct} (${nonEquivalentPct} of those not argued equivalent): ${killed} killed, ${live} live (${unexplained.length} unexplained), ${totals.equivalent} equivalent, ${totals.duplicate} duplicate, ${totals.stillborn} stillborn, ${totals.error} harness errors; median time to kill ${totals.medianMillisecondsToKill} ms`;
}

const percent = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);

/** reports/mutation.md for `results`: what writeReports writes, and what the site's staleness check re-renders from reports/mutation.json. */
export function mutationMarkdown(
  results: readonly MutantResult[],
  options: RunOptions,
  explanations: Readonly<Record<string, string>> = loadExplanations(),
): string {
  const count = (status: Status) => results.filter((r) => r.status === status).length;
  const killed = count('killed');
  const live = count('live');
  const kills = results.filter((r) => r.status === 'killed');
  const unexplained = results.filter((r) => r.status === 'live' && explanations[r.mutant.id] === undefined).map((r) => r.mutant.id);
  const arguedEquivalent = live - unexplained.length;
  const totals = {
    equivalent: count('equivalent'),
    duplicate: count('duplicate'),
    stillborn: count('stillborn'),
    error: count('error'),
    score: killed + live === 0 ? null : killed / (killed + live),
    nonEquivalentScore: killed + unexplained.length === 0 ? null : killed / (killed + unexplained.length),
    medianMillisecondsToKill: median(kills.map((r) => r.millisecondsToKill!)),
    medianStepsToKill: median(kills.map((r) => r.stepsToKill!)),
  };

  const pct = percent(totals.score);
  const nonEquivalentPct = percent(totals.nonEquivalentScore);
  const row = (r: MutantResult) => {
    const site = `${r.mutant.line}:${r.mutant.column}`;
    const change = `\`${r.mutant.original.replace(/\|/g, '\\|').replace(/\s+/g, ' ').slice(0, 40)}\` → \`${r.mutant.replacement.replace(/\|/g, '\\|').slice(0, 40)}\``;
    const detail =
      r.status === 'killed'
        ? `${r.clause ?? '—'}, ${r.stepsToKill} steps, ${r.millisecondsToKill} ms`
        : r.status === 'duplicate'
          ? `same bytecode as ${r.sameAs}`
          : r.status === 'live'
            ? (explanations[r.mutant.id] ?? '**unexplained**')
            : r.status === 'stillborn'
              ? 'does not compile'
              : r.status === 'error'
                ? `**the suite threw**: ${(r.message ?? '').split('\n')[0]!.replace(/\|/g, '\\|')}`
                : 'bytecode identical to the original';
    return `| ${site} | ${r.mutant.operator} | ${change} | ${r.status} | ${detail} |`;
  };
  const md = `# Mutation report

Generated by \`npm run mutate -- ${options.sample === Number.MAX_SAFE_INTEGER ? '' : `--sample ${options.sample} `}--seed ${options.seed} --steps ${options.steps}\` (${options.workers} workers, ${options.seconds.toFixed(0)} s); do not edit.
Mutants of contracts/MutualLiquidityLock.sol: ${options.totalMutants} in all, ${results.length} run here. Each non-equivalent,
non-duplicate mutant got the differential suite (P-DIFFERENTIAL, every step invariant included) with seed ${options.seed}
and at most ${options.steps} steps, stopping at the first failure.

| | |
|---|---|
| killed | ${killed} |
| live | ${live} |
| equivalent (bytecode identical) | ${totals.equivalent} |
| duplicate (bytecode of an earlier mutant) | ${totals.duplicate} |
| failed to compile | ${totals.stillborn} |
| the suite threw (a harness defect, not counted) | ${totals.error} |
| **score = killed / (killed + live)** | **${pct}** |
| live and argued equivalent (mutation/explanations.json) | ${arguedEquivalent} |
| **killed / (killed + live not argued equivalent)** | **${nonEquivalentPct}** |
| median time to kill (suite time, shrinking included) | ${totals.medianMillisecondsToKill ?? '—'} ms |
| median steps to kill | ${totals.medianStepsToKill ?? '—'} |

| site | operator | change | status | clause, or why |
|---|---|---|---|---|
${results.map(row).join('\n')}
`;
  return md;
}
