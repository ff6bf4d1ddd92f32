#!/usr/bin/env node
// Checks the links of the repository's Markdown: README.md, CHANGELOG.md and docs/**/*.md.
//
// - A relative link must name a file or folder inside the repository; one with a #fragment into a
//   Markdown page must name one of that page's headings (GitHub's anchors) or an <a id|name>.
// - A bare #fragment must be a heading of the page itself.
// - An http(s) link is not fetched (CI has no network but npm's), only checked to be well formed:
//   a host with a dot, no spaces, no doubled scheme.
// - mailto: must hold an address; any other scheme is refused.
// - A page named in the text (docs/sync.md#guarantees, in prose, in code spans, or in a source
//   comment or message under src/) must exist, with its anchor.
//
// Fenced code blocks are skipped; `node scripts/check-links.mjs [files…]` checks only those files.
// Exits 1 and lists every problem as file:line: message.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Markdown files under `dir` (relative to the root), recursively, in a stable order. */
function markdownUnder(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) out.push(path);
    }
  };
  if (existsSync(join(root, dir))) walk(dir);
  return out;
}

/** TypeScript files under src/ (their comments and messages may name a docs page). */
function sourcesUnder(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of readdirSync(join(root, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) out.push(path);
    }
  };
  if (existsSync(join(root, dir))) walk(dir);
  return out.sort();
}

/**
 * GitHub's anchor for a heading: the text as rendered (no Markdown marks), lower case, with
 * punctuation and symbols dropped and each space turned into a hyphen; repeats get -1, -2, …
 */
export function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/`([^`]*)`/g, '$1') // code spans: their content
    .replace(/(\*\*|\*|~~)/g, '') // emphasis marks
    .replace(/(^|[\s(])(__?)([^_\s](?:[^_]*[^_\s])?)\2(?=[\s).,:;!?]|$)/g, '$1$3'); // _emphasis_ (snake_case stays)
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Lines of a page with the fenced code blocks blanked (line numbers kept). */
function proseLines(text) {
  const lines = text.split('\n');
  let fence = null;
  return lines.map((line) => {
    const open = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && open) {
      fence = open[1];
      return '';
    }
    if (fence !== null) {
      if (new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(line)) fence = null;
      return '';
    }
    return line;
  });
}

const anchorCache = new Map();

/** The anchors a Markdown page defines: its headings' slugs and its <a id/name> targets. */
export function anchorsOf(file) {
  const cached = anchorCache.get(file);
  if (cached) return cached;
  const anchors = new Set();
  const seen = new Map();
  for (const line of proseLines(readFileSync(file, 'utf8'))) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1] ?? '');
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const m of line.matchAll(/<a\s+[^>]*\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add(m[1]);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

/** Why an external URL is malformed, or undefined. */
export function urlProblem(url) {
  if (/\s/.test(url)) return 'contains a space';
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `unexpected scheme ${parsed.protocol}`;
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(parsed.hostname)) return `host "${parsed.hostname}" is not a domain name`;
  if (/https?:\/\/.*https?:\/\//i.test(url)) return 'holds a second scheme';
  if (/[)\].,;:]$/.test(url)) return 'ends with punctuation (a broken link syntax?)';
  return undefined;
}

/** Why a link written in `from` (a repo-relative path) is broken, or undefined. */
export function linkProblem(from, target) {
  if (target === '') return 'empty link';
  if (/^https?:/i.test(target)) return urlProblem(target) && `${target} ${urlProblem(target)}`;
  if (/^mailto:/i.test(target)) return /^mailto:[^@\s]+@[^@\s]+\.[^@\s]+$/i.test(target) ? undefined : `${target} is not an e-mail address`;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return `${target}: only relative, http(s) and mailto links are allowed`;
  if (target.startsWith('//')) return `${target}: a protocol-relative link`;
  if (target.startsWith('/')) return `${target}: an absolute path (use a path relative to the page)`;
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash)).replace(/\?.*$/, '');
  const fragment = hash === -1 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const file = pathPart === '' ? join(root, from) : resolve(dirname(join(root, from)), pathPart);
  const rel = relative(root, file);
  if (rel.startsWith('..') || rel.split(sep).includes('..')) return `${target} points outside the repository`;
  if (!existsSync(file)) return `${target}: no such file or folder (${rel})`;
  if (fragment === undefined) return undefined;
  if (statSync(file).isDirectory() || !file.endsWith('.md')) return `${target}: a #fragment into something that is not a Markdown page`;
  if (!anchorsOf(file).has(fragment)) return `${target}: ${rel} has no heading with the anchor #${fragment}`;
  return undefined;
}

/** A page named in the text: `docs/x.md` or `docs/x.md#anchor`, relative to the root. */
const PAGE_MENTION = /(?<![\w./-])((?:docs\/[\w./-]+?\.md|README\.md|CHANGELOG\.md)(?:#[\w-]+)?)(?![\w/-])/g;

/** Problems in one Markdown page: [line, message][]. */
export function checkPage(page) {
  const problems = [];
  const lines = proseLines(readFileSync(join(root, page), 'utf8'));
  lines.forEach((raw, i) => {
    const n = i + 1;
    // Inline links and images: [text](target "title") / ![alt](target). Angle-bracket targets too.
    for (const m of raw.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*(<[^>]*>|[^\s)]*(?:\([^)]*\)[^\s)]*)*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g)) {
      const target = (m[1] ?? '').replace(/^<|>$/g, '');
      const problem = linkProblem(page, target);
      if (problem) problems.push([n, problem]);
    }
    // Reference definitions: [id]: target
    const ref = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(raw);
    if (ref) {
      const problem = linkProblem(page, (ref[1] ?? '').replace(/^<|>$/g, ''));
      if (problem) problems.push([n, problem]);
    }
    // Autolinks and bare URLs: well formed.
    for (const m of raw.matchAll(/<(https?:[^>]*)>|(?<![(<"'\w])(https?:\/\/[^\s)<>"'`]+)/g)) {
      const url = (m[1] ?? m[2] ?? '').replace(/[.,;:]+$/, '');
      const problem = urlProblem(url);
      if (problem) problems.push([n, `${url} ${problem}`]);
    }
    // HTML links.
    for (const m of raw.matchAll(/<a\s+[^>]*\bhref\s*=\s*["']([^"']*)["']/gi)) {
      const problem = linkProblem(page, m[1] ?? '');
      if (problem) problems.push([n, problem]);
    }
    // Pages named in prose or code spans, always relative to the root.
    for (const m of raw.replace(/\]\([^)]*\)/g, '](…)').matchAll(PAGE_MENTION)) {
      const problem = linkProblem('index.md', m[1] ?? '');
      if (problem) problems.push([n, `names ${problem}`]);
    }
  });
  return problems;
}

/** Problems in one source file: pages it names that do not exist. */
export function checkSource(file) {
  const problems = [];
  readFileSync(join(root, file), 'utf8')
    .split('\n')
    .forEach((line, i) => {
      for (const m of line.matchAll(PAGE_MENTION)) {
        const problem = linkProblem('index.md', m[1] ?? '');
        if (problem) problems.push([i + 1, `names ${problem}`]);
      }
    });
  return problems;
}

function main(argv) {
  const pages = argv.length > 0 ? argv.filter((f) => f.endsWith('.md')) : ['README.md', 'CHANGELOG.md', ...markdownUnder('docs')];
  const sources = argv.length > 0 ? argv.filter((f) => f.endsWith('.ts')) : sourcesUnder('src');
  const report = [];
  for (const page of pages) for (const [line, message] of checkPage(page)) report.push(`${page}:${line}: ${message}`);
  for (const file of sources) for (const [line, message] of checkSource(file)) report.push(`${file}:${line}: ${message}`);
  if (report.length > 0) {
    console.error(`check-links: ${report.length} broken link${report.length === 1 ? '' : 's'}\n${report.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`check-links: ${pages.length} pages and ${sources.length} source files, every link resolves`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
