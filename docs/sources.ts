/**
 * What the site reads out of the repository besides the spec: the reference functions and the
 * contract lines that cite each clause (their doc comments, `/// @notice` lines and the comments
 * in their bodies), the line at which each file first cites a clause, and the planted bugs of
 * test/planted (each `expectCaught('P-…', 'MLL-…')`).
 * @module
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
const CLAUSE = /MLL-[A-Z]{2,5}-\d{3}/g;
/** `MLL-PAR-002 … MLL-PAR-009`: every clause of the area in between is cited too. */
const RANGE = /(MLL-[A-Z]{2,5})-(\d{3})\s*(?:…|\.\.\.)\s*(?:\1-)?(\d{3})/g;

/** A place that implements a clause: a reference declaration or a contract line. */
export interface Implementation {
  readonly file: string;
  /** The declaration (function, constant, field …) the citation belongs to. */
  readonly name: string;
  /** The line to link: the declaration's, or the body comment's. */
  readonly line: number;
}

/** Files under `dirs` (repository-relative, sorted) whose names pass `accept`. */
export function filesUnder(dirs: readonly string[], accept: (name: string) => boolean): string[] {
  return dirs
    .flatMap((dir) => {
      const full = join(root, dir);
      if (!existsSync(full)) return [];
      if (statSync(full).isFile()) return accept(dir) ? [dir] : [];
      return readdirSync(full, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && accept(entry.name))
        .map((entry) => relative(root, join(entry.parentPath, entry.name)));
    })
    .sort();
}

/** The clause IDs a line cites, ranges expanded over the clauses that exist. */
export function citedOn(line: string, known: ReadonlySet<string>): string[] {
  const ids = new Set(line.match(CLAUSE) ?? []);
  for (const [, area, from, to] of line.matchAll(RANGE)) {
    for (let n = Number(from); n <= Number(to); n++) {
      const id = `${area}-${String(n).padStart(3, '0')}`;
      if (known.has(id)) ids.add(id);
    }
  }
  return [...ids].filter((id) => known.has(id));
}

const TS_DECLARATION = /^(?:export\s+)?(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+(\w+)/;
const SOL_DECLARATION =
  /^\s*(function\s+(\w+)|constructor|receive|fallback|modifier\s+(\w+)|event\s+(\w+)|error\s+(\w+)|struct\s+(\w+)|enum\s+(\w+)|contract\s+(\w+))/;
const SOL_MEMBER = /^\s*(?:[\w.]+(?:\[\])?\s+)+(?:internal\s+|public\s+|private\s+|constant\s+|immutable\s+)*(\w+)\s*(?:=[^;]*)?;/;

function solName(match: RegExpExecArray): string {
  const [whole, , fn, modifier, event, error, struct, enumName, contract] = match;
  const name = fn ?? modifier ?? event ?? error ?? struct ?? enumName ?? contract;
  return name ?? whole.trim();
}

/**
 * Where each clause is implemented in `files`: a doc comment (`/** … *\/`, `///`) belongs to the
 * declaration after it, a file's `@module` comment to the file, a comment in a body to the
 * declaration it is in, a trailing comment to its own line.
 */
export function implementations(files: readonly string[], known: ReadonlySet<string>): Map<string, Implementation[]> {
  const found = new Map<string, Implementation[]>();
  const add = (id: string, impl: Implementation) => {
    const list = found.get(id) ?? [];
    if (!list.some((i) => i.file === impl.file && i.name === impl.name)) list.push(impl);
    found.set(id, list);
  };
  for (const file of files) {
    const sol = file.endsWith('.sol');
    const lines = readFileSync(join(root, file), 'utf8').split('\n');
    let pending: string[] = [];
    let inDoc = false;
    let docText = '';
    let enclosing: { name: string; line: number } | null = null;
    for (const [index, text] of lines.entries()) {
      const lineNo = index + 1;
      const ids = citedOn(text, known);
      const trimmed = text.trim();
      if (!sol && trimmed.startsWith('/**')) {
        inDoc = true;
        docText = '';
      }
      if (inDoc || (sol && trimmed.startsWith('///'))) {
        docText += `${text}\n`;
        pending.push(...ids);
        if (!sol && trimmed.includes('*/')) {
          inDoc = false;
          if (docText.includes('@module')) {
            // A module comment speaks for the file's one exported function, when it has exactly one.
            const exported = lines.flatMap((l, i) => {
              const fn = /^export (?:async )?function (\w+)/.exec(l);
              return fn === null ? [] : [{ name: fn[1]!, line: i + 1 }];
            });
            const owner = exported.length === 1 ? exported[0]! : { name: basename(file), line: 1 };
            for (const id of pending) add(id, { file, ...owner });
            pending = [];
          }
        }
        continue;
      }
      const declaration = sol ? SOL_DECLARATION.exec(text) : TS_DECLARATION.exec(text);
      if (declaration !== null) {
        const name = sol ? solName(declaration) : declaration[1]!;
        for (const id of pending) add(id, { file, name, line: lineNo });
        pending = [];
        if (sol ? /^\s{4}\S/.test(text) : /^\S/.test(text)) enclosing = { name, line: lineNo };
        for (const id of ids) add(id, { file, name, line: lineNo });
        continue;
      }
      if (pending.length > 0 && trimmed !== '' && !trimmed.startsWith('@')) {
        // A doc comment followed by something that is no declaration we know: a state variable or a field.
        const member = sol ? SOL_MEMBER.exec(text) : null;
        for (const id of pending) add(id, { file, name: member?.[1] ?? enclosing?.name ?? basename(file), line: lineNo });
        pending = [];
      }
      if (ids.length === 0) continue;
      const member = sol ? SOL_MEMBER.exec(text) : null;
      const name = member?.[1] ?? enclosing?.name ?? basename(file);
      for (const id of ids) add(id, { file, name, line: lineNo });
    }
  }
  return found;
}

/** For each file, the first line citing each clause. */
export function firstCitations(files: readonly string[], known: ReadonlySet<string>): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  for (const file of files) {
    const lines = new Map<string, number>();
    for (const [index, text] of readFileSync(join(root, file), 'utf8').split('\n').entries()) {
      for (const id of citedOn(text, known)) if (!lines.has(id)) lines.set(id, index + 1);
    }
    result.set(file, lines);
  }
  return result;
}

/** A planted bug: a test that breaks the reference on purpose and requires a property to catch it. */
export interface Planted {
  readonly file: string;
  readonly property: string;
  readonly clause: string;
  /** The test's own description of the bug (its first doc comment, "Planted: " dropped). */
  readonly bug: string;
  readonly line: number;
}

export function plantedBugs(): Planted[] {
  const planted: Planted[] = [];
  for (const file of filesUnder(['test/planted'], (n) => n.endsWith('.test.ts'))) {
    const text = readFileSync(join(root, file), 'utf8');
    const doc = /\/\*\*\s*([\s\S]*?)\s*\*\//.exec(text)?.[1] ?? '';
    const bug = doc
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, ''))
      .join(' ')
      .replace(/^Planted:\s*/, '')
      .trim();
    for (const match of text.matchAll(/expectCaught\(\s*'(P-[A-Z0-9-]+)',\s*'(MLL-[A-Z]{2,5}-\d{3})'/g)) {
      planted.push({ file, property: match[1]!, clause: match[2]!, bug, line: text.slice(0, match.index).split('\n').length });
    }
  }
  return planted;
}
