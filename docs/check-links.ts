/**
 * The link check of the built site: every internal `href` and `src` of every page resolves to a
 * file of the site and, when it has one, to an anchor (an `id`) of that file; no page links
 * outside the site except to the web (http, https, mailto).
 * @module
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** The problems found under `site`, one line each; empty when every link resolves. */
export function checkLinks(site: string): { problems: string[]; pages: number; links: number } {
  const pages = readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name));
  const ids = new Map<string, Set<string>>();
  const idsOf = (file: string): Set<string> => {
    let set = ids.get(file);
    if (set === undefined) {
      set = new Set([...readFileSync(file, 'utf8').matchAll(/\s(?:id|name)="([^"]*)"/g)].map((m) => m[1]!));
      ids.set(file, set);
    }
    return set;
  };
  const problems: string[] = [];
  let links = 0;
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    const where = relative(site, page);
    const attributes = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) => [...tag[0].matchAll(/\s(href|src)="([^"]*)"/g)]);
    for (const [, attribute, raw] of attributes) {
      const value = raw!.replace(/&amp;/g, '&');
      if (/^(https?:|mailto:)/.test(value)) continue;
      links++;
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
        problems.push(`${where}: ${attribute}="${value}" leaves the site`);
        continue;
      }
      const [path, anchor] = value.split('#') as [string, string | undefined];
      const target = path === '' ? page : join(dirname(page), decodeURIComponent(path.split('?')[0]!));
      if (!target.startsWith(site) || !existsSync(target) || statSync(target).isDirectory()) {
        problems.push(`${where}: ${attribute}="${value}": no such file`);
        continue;
      }
      // An empty anchor is typedoc's "#" for script-driven widgets; icons.svg#… are sprite ids.
      if (anchor !== undefined && anchor !== '' && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(anchor))) {
        problems.push(`${where}: ${attribute}="${value}": no anchor #${anchor} in ${relative(site, target)}`);
      }
    }
  }
  return { problems, pages: pages.length, links };
}

/** Clause IDs shown as text but not inside a link, page by page (a page's head, scripts and styles aside). */
export function unlinkedClauseIds(site: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = join(entry.parentPath, entry.name);
    const body = readFileSync(file, 'utf8').split(/<body[^>]*>/)[1] ?? '';
    let blocked = 0;
    for (const part of body.split(/(<[^>]*>)/)) {
      const tag = /^<(\/?)(a|script|style|textarea|option)\b/i.exec(part);
      if (tag !== null) blocked += tag[1] === '/' ? -1 : 1;
      else if (!part.startsWith('<') && blocked === 0)
        for (const id of part.match(/MLL-[A-Z]{2,5}-\d{3}/g) ?? []) found.push(`${relative(site, file)}: ${id}`);
    }
  }
  return found;
}
