import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return markdownFiles(full);
    return e.name.endsWith('.md') ? [full] : [];
  });
}

/** Fenced blocks hold shell, JSON and dialplan text whose brackets are not links, nor headings. */
function withoutCodeBlocks(text: string): string[] {
  let fenced = false;
  return text.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function headingSlugs(text: string): Set<string> {
  const seen = new Map<string, number>();
  const slugs = new Set<string>();
  for (const line of withoutCodeBlocks(text)) {
    const m = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!m?.[1]) continue;
    const base = m[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

interface Link {
  line: number;
  target: string;
}

function relativeLinks(text: string): Link[] {
  const links: Link[] = [];
  withoutCodeBlocks(text).forEach((raw, i) => {
    // Inline code such as `fields:[{field}]` is not a link either.
    const line = raw.replace(/`[^`]*`/g, '');
    for (const m of line.matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http(s), mailto: not fetched
      links.push({ line: i + 1, target });
    }
  });
  return links;
}

/** Each broken link of one file, as "file:line target (reason)". */
function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const where = path.relative(ROOT, file);
  const broken: string[] = [];
  for (const { line, target } of relativeLinks(text)) {
    const [rawPath = '', anchor] = target.split('#', 2);
    const filePath = decodeURIComponent(rawPath);
    const resolved = filePath === '' ? file : path.resolve(path.dirname(file), filePath);
    if (!fs.existsSync(resolved)) {
      broken.push(`${where}:${line} ${target} (no such file)`);
      continue;
    }
    if (anchor === undefined || anchor === '') continue;
    if (!resolved.endsWith('.md') || fs.statSync(resolved).isDirectory()) {
      broken.push(`${where}:${line} ${target} (anchor into a file that is not Markdown)`);
      continue;
    }
    if (!headingSlugs(fs.readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase())) {
      broken.push(`${where}:${line} ${target} (no heading #${anchor})`);
    }
  }
  return broken;
}

const files = [path.join(ROOT, 'README.md'), ...markdownFiles(path.join(ROOT, 'docs'))];

describe('links in README.md and docs/', () => {
  it('finds the pages and their links', () => {
    expect(files.length).toBeGreaterThan(10);
    const count = files.reduce((n, f) => n + relativeLinks(fs.readFileSync(f, 'utf8')).length, 0);
    expect(count).toBeGreaterThan(50);
  });

  it('computes anchors as GitHub does', () => {
    const slugs = headingSlugs(
      '# Intro\n## The API: `POST /api/reports`\n## Intro\n```\n# not a heading\n```\n### Encryption at rest: disk, not app-level',
    );
    expect([...slugs]).toEqual([
      'intro',
      'the-api-post-apireports',
      'intro-1',
      'encryption-at-rest-disk-not-app-level',
    ]);
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s: every relative link resolves', (_name, file) => {
    expect(brokenLinks(file)).toEqual([]);
  });
});
