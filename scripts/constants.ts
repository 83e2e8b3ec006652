/**
 * One value per constant (MLL-PAR-010): the constants table of spec/parameters.md, the parameter
 * bounds its clauses state in words, reference/constants.ts, the contract's `constant`
 * declarations and the constants properties/oracle.ts restates must agree. `npm run trace` (and
 * `--check`, in `npm test`) reports every disagreement, naming each place (file:line) and value.
 *
 * Values are read from the sources' text, not imported, so the same check runs on any text: a
 * table row `| \`NAME\` | 7 days | … |`; a line `export const NAME = 7n * DAY;`; a line
 * `uint256 internal constant NAME = 7 days;`. The expressions are the few each source uses:
 * integers (with `_` or thousands commas, an `n` suffix, `1e18`), earlier constants of the same
 * file, `+ − * / **` (`^` and `·` in the spec), parentheses, and the units `s`, `hours` and
 * `days`. Anything else is reported as unreadable, never guessed.
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file's path (from the repository root) and its text. */
export interface Source {
  readonly file: string;
  readonly text: string;
}

export interface ConstantSources {
  readonly spec: Source;
  readonly reference: Source;
  readonly contract: Source;
  readonly oracle: Source;
}

export const constantFiles = {
  spec: 'spec/parameters.md',
  reference: 'reference/constants.ts',
  contract: 'contracts/MutualLiquidityLock.sol',
  oracle: 'properties/oracle.ts',
} as const;

export function readConstantSources(root: string): ConstantSources {
  const read = (file: string): Source => ({ file, text: readFileSync(join(root, file), 'utf8') });
  return {
    spec: read(constantFiles.spec),
    reference: read(constantFiles.reference),
    contract: read(constantFiles.contract),
    oracle: read(constantFiles.oracle),
  };
}

/**
 * The exception list: constants the code has that MLL-PAR-010's table does not list. Each is a
 * constructor bound, which its clause states in words instead; `pattern` finds the value in that
 * clause's text, so the words are compared with the code all the same.
 */
export const statedInProse: Readonly<Record<string, { readonly clause: string; readonly pattern: RegExp }>> = {
  MAX_DEPOSIT_AMOUNT: { clause: 'MLL-PAR-002', pattern: /1 ≤ d ≤ (2\^\d+ − 1)/ },
  MIN_DEPOSIT_INTERVAL: { clause: 'MLL-PAR-003', pattern: /satisfy ([\d,]+) ≤ T/ },
  MAX_DEPOSIT_INTERVAL: { clause: 'MLL-PAR-003', pattern: /≤ T ≤ ([\d,]+ · [\d,]+)/ },
  MAX_BLEED_RATE_BPS: { clause: 'MLL-PAR-004', pattern: /1 ≤ r ≤ ([\d,]+) bps/ },
  MAX_GRACE_PERIODS: { clause: 'MLL-PAR-005', pattern: /0 ≤ G ≤ ([\d,]+)/ },
  MAX_PENALTY_DECAY_TARGET: { clause: 'MLL-PAR-007', pattern: /1 ≤ n ≤ ([\d,]+)/ },
  MAX_PENALTY_BPS: { clause: 'MLL-PAR-011', pattern: /P_max ≤ MAX_PENALTY_BPS = ([\d,]+)/ },
};

/**
 * The constants properties/oracle.ts restates (it may not import the reference), by the name of
 * the constant each restates. Every top-level constant of oracle.ts must be here.
 */
export const oracleRestates: Readonly<Record<string, string>> = {
  DAY: 'DAY',
  WAD: 'WAD',
  BPS: 'BPS',
  EXPECTED_PROPOSAL_WINDOW: 'EXIT_PROPOSAL_WINDOW',
  EXPECTED_MIN_SILENCE: 'ABANDONMENT_MIN_SILENCE',
  EXPECTED_MIN_SILENCE_INTERVALS: 'ABANDONMENT_MIN_INTERVALS',
};

const UNITS: Readonly<Record<string, bigint>> = { s: 1n, seconds: 1n, hours: 3_600n, hour: 3_600n, days: 86_400n, day: 86_400n };

/** Evaluates one of the sources' simple expressions over `known`; throws on anything else. */
export function evaluate(expression: string, known: ReadonlyMap<string, bigint> = new Map()): bigint {
  const tokens = expression.match(/\d[\d_]*(?:e\d+)?n?|[A-Za-z_][A-Za-z0-9_]*|\*\*|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const fail = (why: string): never => {
    throw new Error(`cannot evaluate '${expression}': ${why}`);
  };
  const primary = (): bigint => {
    const token = tokens[at++] ?? fail('it ends early');
    let value: bigint;
    if (token === '(') {
      value = sum();
      if (tokens[at++] !== ')') fail('a parenthesis is not closed');
    } else if (/^\d/.test(token)) {
      const [mantissa, exponent] = token.replace(/_/g, '').replace(/n$/, '').split('e');
      value = BigInt(mantissa!) * 10n ** BigInt(exponent ?? '0');
    } else if (known.has(token)) {
      value = known.get(token)!;
    } else {
      return fail(`'${token}' is no known constant`);
    }
    const unit = peek();
    if (unit !== undefined && unit in UNITS) {
      at++;
      value *= UNITS[unit]!;
    }
    return value;
  };
  const power = (): bigint => {
    const base = primary();
    if (peek() !== '**') return base;
    at++;
    return base ** power();
  };
  const product = (): bigint => {
    let value = power();
    while (peek() === '*' || peek() === '/') value = tokens[at++] === '*' ? value * power() : value / power();
    return value;
  };
  const sum = (): bigint => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = tokens[at++] === '+' ? value + product() : value - product();
    return value;
  };
  const value = sum();
  if (at !== tokens.length) fail(`unexpected '${tokens[at]}'`);
  return value;
}

/** The spec's notation as the evaluator's: thousands commas dropped, `^` → `**`, `·` and `×` → `*`, `−` → `-`. */
function fromSpec(text: string): string {
  return text
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\^/g, '**')
    .replace(/[·×]/g, '*')
    .replace(/−/g, '-');
}

/** A constant as one source states it. */
export interface Stated {
  readonly where: string;
  readonly value: bigint;
}

/** Reads `NAME = expression` definitions line by line; a line `isDefinition` says defines one but `match` cannot read is a problem. */
function definitions(
  source: Source,
  match: RegExp,
  isDefinition: (line: string) => boolean,
  problems: string[],
  translate: (expression: string) => string = (e) => e,
): Map<string, Stated> {
  const found = new Map<string, Stated>();
  const known = new Map<string, bigint>();
  for (const [i, line] of source.text.split('\n').entries()) {
    if (!isDefinition(line)) continue;
    const where = `${source.file}:${i + 1}`;
    const m = match.exec(line);
    if (m === null) {
      problems.push(`${where} defines a constant the checker cannot read: ${line.trim()}`);
      continue;
    }
    const [, name, expression] = m as unknown as [string, string, string];
    try {
      const value = evaluate(translate(expression.trim()), known);
      if (found.has(name)) problems.push(`${where} defines ${name} again (first at ${found.get(name)!.where})`);
      found.set(name, { where, value });
      known.set(name, value);
    } catch (error) {
      problems.push(`${where}: ${name}: ${(error as Error).message}`);
    }
  }
  return found;
}

/** The lines of the clause `id` in a spec file, with their line numbers. */
function clauseLines(source: Source, id: string): { line: string; number: number }[] {
  const lines = source.text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`### ${id} `));
  if (start === -1) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('#'));
  return lines.slice(start, end === -1 ? undefined : end).map((line, k) => ({ line, number: start + k + 1 }));
}

/** What the spec states: MLL-PAR-010's table, and the bounds of `statedInProse` in their clauses' words. */
function specConstants(spec: Source, problems: string[]): { table: Map<string, Stated>; prose: Map<string, Stated> } {
  const table = new Map<string, Stated>();
  const section = clauseLines(spec, 'MLL-PAR-010');
  if (section.length === 0) problems.push(`${spec.file} has no clause MLL-PAR-010, whose table lists the constants`);
  for (const { line, number } of section) {
    if (!line.startsWith('| `')) continue;
    const where = `${spec.file}:${number}`;
    const m = /^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+) \|/.exec(line);
    if (m === null) {
      problems.push(`${where}: a row of the constants table the checker cannot read: ${line}`);
      continue;
    }
    try {
      if (table.has(m[1]!)) problems.push(`${where} lists ${m[1]} again (first at ${table.get(m[1]!)!.where})`);
      table.set(m[1]!, { where, value: evaluate(fromSpec(m[2]!.trim())) });
    } catch (error) {
      problems.push(`${where}: ${m[1]}: ${(error as Error).message}`);
    }
  }
  const prose = new Map<string, Stated>();
  for (const [name, { clause, pattern }] of Object.entries(statedInProse)) {
    const hit = clauseLines(spec, clause)
      .map((l) => ({ ...l, m: pattern.exec(l.line) }))
      .find((l) => l.m !== null);
    if (hit === undefined) {
      problems.push(`${spec.file}: ${clause} no longer states ${name} as ${pattern} (scripts/constants.ts, statedInProse)`);
      continue;
    }
    try {
      prose.set(name, { where: `${spec.file}:${hit.number}`, value: evaluate(fromSpec(hit.m![1]!)) });
    } catch (error) {
      problems.push(`${spec.file}:${hit.number}: ${name}: ${(error as Error).message}`);
    }
  }
  return { table, prose };
}

/** Every constant as each source states it (the oracle's by the name it restates), and what could not be read. */
export function statedConstants(sources: ConstantSources): {
  readonly table: ReadonlyMap<string, Stated>;
  readonly prose: ReadonlyMap<string, Stated>;
  readonly reference: ReadonlyMap<string, Stated>;
  readonly contract: ReadonlyMap<string, Stated>;
  readonly oracle: ReadonlyMap<string, Stated>;
  readonly problems: readonly string[];
} {
  const problems: string[] = [];
  const { table, prose } = specConstants(sources.spec, problems);
  const reference = definitions(
    sources.reference,
    /^export const ([A-Z][A-Z0-9_]*) = ([^;]+);\s*$/,
    (l) => /^export const [A-Z]/.test(l),
    problems,
  );
  // Comments and strings aside, a contract line declaring a constant says `constant`.
  const contract = definitions(
    sources.contract,
    /^\s*u?int\d*\s+(?:(?:internal|private|public)\s+)?constant\s+([A-Z][A-Z0-9_]*)\s*=\s*([^;]+);/,
    (l) => /\bconstant\b/.test(l.replace(/\/\/.*$/, '')) && !/^\s*\*/.test(l),
    problems,
  );
  const oracleDefined = definitions(
    sources.oracle,
    /^(?:export )?const ([A-Z][A-Z0-9_]*) = ([^;]+);\s*$/,
    (l) => /^(?:export )?const [A-Z]/.test(l),
    problems,
  );
  const oracle = new Map<string, Stated>();
  for (const [name, stated] of oracleDefined) {
    const restates = oracleRestates[name];
    if (restates === undefined)
      problems.push(
        `${stated.where} defines ${name}, which restates no constant the checker knows: map it in scripts/constants.ts, oracleRestates`,
      );
    else oracle.set(restates, stated);
  }
  return { table, prose, reference, contract, oracle, problems };
}

/** Every disagreement among the sources about a constant; empty when they agree. */
export function constantProblems(sources: ConstantSources): string[] {
  const { table, prose, reference, contract, oracle, problems: unread } = statedConstants(sources);
  const problems = [...unread];
  const names = new Set([...table.keys(), ...prose.keys(), ...reference.keys(), ...contract.keys(), ...oracle.keys()]);
  for (const name of names) {
    const spec = table.get(name) ?? prose.get(name);
    const places: [string, Stated | undefined][] = [
      [sources.spec.file, spec],
      [sources.reference.file, reference.get(name)],
      [sources.contract.file, contract.get(name)],
    ];
    const present = places.filter(([, s]) => s !== undefined).map(([, s]) => s!.where);
    for (const [file, stated] of places) {
      if (stated !== undefined) continue;
      const why =
        file === sources.spec.file
          ? `neither MLL-PAR-010's table nor the clauses listed in scripts/constants.ts, statedInProse, state it`
          : 'it does not define it';
      problems.push(`${name}: ${present.join(', ')} ${present.length === 1 ? 'defines' : 'define'} it, but ${file} does not: ${why}`);
    }
    if (table.has(name) && prose.has(name))
      problems.push(`${name}: ${table.get(name)!.where} lists it in the table, so statedInProse must not list it too`);
    const first = [...places.map(([, s]) => s), oracle.get(name)].find((s) => s !== undefined)!;
    for (const stated of [...places.map(([, s]) => s), oracle.get(name)]) {
      if (stated !== undefined && stated.value !== first.value) {
        problems.push(`${name} differs: ${first.where} says ${first.value}, ${stated.where} says ${stated.value}`);
      }
    }
  }
  return problems;
}
