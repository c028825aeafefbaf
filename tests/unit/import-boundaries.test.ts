import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of docs/architecture.md, kept by a test rather than by review: a plain
 * parser reads every import and export-from of connectors/, src/ and web-inbox/src/ and each rule
 * below lists what breaks it. A new exception goes into KNOWN with the reason it is one.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

type Edge = { from: string; to: string; typeOnly: boolean };

/** Block and line comments out, string contents kept (a '//' inside a URL string is not a comment). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(["'`])(?:\\.|(?!\1)[^\\\n])*\1|\/\/[^\n]*/g, (m) =>
    m.startsWith('/') ? ' ' : m,
  );
}

// `import x from`, `import type { a } from`, `import * as x from`, `export { a } from`, `import 'x'`.
const STATIC = /^\s*(?:import|export)\s+(type\s+)?(?:[\w*$\s,]*(?:\{[^}]*\})?\s*from\s*)?(['"])([^'"\n]+)\2/gm;
const DYNAMIC = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** A relative specifier as a repository path; a package or builtin as written. */
function target(file: string, spec: string): string {
  return spec.startsWith('.') ? path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, file)), spec)) : spec;
}

function importsOf(file: string, text: string): Edge[] {
  const code = withoutComments(text);
  const edges: Edge[] = [];
  for (const m of code.matchAll(STATIC))
    edges.push({ from: file, to: target(file, m[3] as string), typeOnly: Boolean(m[1]) });
  for (const m of code.matchAll(DYNAMIC)) edges.push({ from: file, to: target(file, m[2] as string), typeOnly: false });
  return edges;
}

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(rel);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

const BUILTINS = new Set(builtinModules);
const isBuiltin = (to: string) => to.startsWith('node:') || BUILTINS.has(to.split('/')[0] as string);
const isRepoPath = (to: string) => /^(src|connectors|web-inbox|tests|bench|scripts)\//.test(to) || !/^[@\w]/.test(to);
const isPackage = (to: string) => !isBuiltin(to) && !isRepoPath(to) && !to.startsWith('.');
const packageName = (to: string) =>
  to
    .split('/')
    .slice(0, to.startsWith('@') ? 2 : 1)
    .join('/');
const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);
/** The n-th path segment: folderAt('src/channels/meta/x.ts', 2) = 'meta'. */
const folderAt = (p: string, n: number) => (p.split('/').length > n + 1 ? p.split('/')[n] : undefined);

/** Run-time code the web inbox bundles from src/: no imports beyond each other, so nothing of the server ships. */
const SHARED_WITH_INBOX = new Set([
  'src/domain/reference.ts',
  'src/domain/record-fields.ts',
  'src/domain/system-tags.ts',
  'src/http/inbox-paths.ts',
  'src/domain/reply-recipient.ts',
  'src/i18n/translit.ts',
  'src/i18n/record-codes.ts',
  'src/shift/shift.ts',
]);
/** Only the composition root builds a channel; everything else reaches one through the registry or an event. */
const COMPOSITION_ROOT = ['src/kontakt.ts', 'src/main.ts', 'src/channels/index.ts'];
const isCompositionRoot = (p: string) => COMPOSITION_ROOT.includes(p) || under('src/roles')(p);

/** Known exceptions: `from -> to` and why each is one. */
const KNOWN: Record<string, string> = {
  'src/referrals/referrals.module.ts -> src/channels/email/email-config.ts':
    'referrals send through an e-mail mailbox (REFERRAL_MAILBOX) and read that channel’s mailbox list to pick it',
};

type Rule = { name: string; applies: (e: Edge) => boolean; allowed: (e: Edge) => boolean };

const RULES: Rule[] = [
  {
    name: 'connectors/** import only connectors/contract.ts, their own folder, Node and npm packages',
    applies: (e) => under('connectors')(e.from),
    allowed: (e) => {
      if (isBuiltin(e.to) || isPackage(e.to)) return true;
      if (e.to === 'connectors/contract.ts') return true;
      const own = folderAt(e.from, 1);
      // The registry (connectors/registry.ts) is the one place that names every connector.
      if (own === undefined) return under('connectors')(e.to);
      return under(`connectors/${own}`)(e.to);
    },
  },
  {
    name: 'src/domain/** uses no I/O library and no outer layer (ports only)',
    applies: (e) => under('src/domain')(e.from),
    allowed: (e) =>
      !['express', 'bullmq', 'socket.io', 'drizzle-orm', 'pg', 'ioredis', '@electric-sql/pglite'].includes(
        packageName(e.to),
      ) && !/^src\/(store|pipeline|inbox|http|channels|roles)\//.test(e.to),
  },
  {
    name: 'src/store/** never imports pipeline, inbox, http, channels or roles',
    applies: (e) => under('src/store')(e.from),
    allowed: (e) => !/^src\/(pipeline|inbox|http|channels|roles)\//.test(e.to) && e.to !== 'src/kontakt.ts',
  },
  {
    name: 'web-inbox/** takes from src/ only types of the contract and route schemas, and the shared modules',
    applies: (e) => under('web-inbox/src')(e.from) && isRepoPath(e.to) && !under('web-inbox')(e.to),
    allowed: (e) =>
      SHARED_WITH_INBOX.has(e.to) ||
      (e.typeOnly && (e.to === 'src/inbox/contract.ts' || /^src\/.*\.schema\.ts$/.test(e.to))),
  },
  {
    name: 'a module shared with the web inbox imports only other shared modules',
    applies: (e) => SHARED_WITH_INBOX.has(e.from),
    allowed: (e) => SHARED_WITH_INBOX.has(e.to),
  },
  {
    name: 'a channel folder src/channels/<x>/ does not import another channel folder',
    applies: (e) => under('src/channels')(e.from) && folderAt(e.from, 2) !== undefined,
    allowed: (e) =>
      !under('src/channels')(e.to) || folderAt(e.to, 2) === undefined || folderAt(e.to, 2) === folderAt(e.from, 2),
  },
  {
    name: 'outside src/channels/ only the composition root reaches into a channel folder',
    applies: (e) => under('src')(e.from) && !under('src/channels')(e.from) && !isCompositionRoot(e.from),
    allowed: (e) => !under('src/channels')(e.to) || folderAt(e.to, 2) === undefined,
  },
];

function violations(edges: Edge[]): string[] {
  const out: string[] = [];
  for (const rule of RULES)
    for (const e of edges)
      if (rule.applies(e) && !rule.allowed(e) && !KNOWN[`${e.from} -> ${e.to}`])
        out.push(`${rule.name}: ${e.from} imports ${e.typeOnly ? 'type from ' : ''}${e.to}`);
  return out;
}

function allEdges(): Edge[] {
  return ['connectors', 'src', 'web-inbox/src']
    .flatMap(sources)
    .flatMap((f) => importsOf(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
}

describe('import boundaries', () => {
  it('the parser reads multi-line, type-only, export-from and dynamic imports, and skips comments', () => {
    const text = [
      '// import { no } from "../nope.ts";',
      '/* import x from "../nope2.ts" */',
      "import {\n  a,\n  type B,\n} from '../store/db.ts';",
      "import type { C } from 'express';",
      "export { d } from './d.ts';",
      "export * from 'node:fs';",
      "import 'zod';",
      "const url = 'http://x/y'; const m = await import('../pipeline/redis.ts');",
      "export const e = 'from';",
    ].join('\n');
    expect(importsOf('src/domain/x.ts', text)).toEqual([
      { from: 'src/domain/x.ts', to: 'src/store/db.ts', typeOnly: false },
      { from: 'src/domain/x.ts', to: 'express', typeOnly: true },
      { from: 'src/domain/x.ts', to: 'src/domain/d.ts', typeOnly: false },
      { from: 'src/domain/x.ts', to: 'node:fs', typeOnly: false },
      { from: 'src/domain/x.ts', to: 'zod', typeOnly: false },
      { from: 'src/domain/x.ts', to: 'src/pipeline/redis.ts', typeOnly: false },
    ]);
  });

  it('each rule names what breaks it', () => {
    const bad: Edge[] = [
      { from: 'connectors/meta/x.ts', to: 'src/store/db.ts', typeOnly: true },
      { from: 'connectors/meta/x.ts', to: 'connectors/email/y.ts', typeOnly: false },
      { from: 'src/domain/x.ts', to: 'bullmq', typeOnly: true },
      { from: 'src/domain/x.ts', to: 'drizzle-orm/pg-core', typeOnly: false },
      { from: 'src/store/x.ts', to: 'src/http/errors.ts', typeOnly: false },
      { from: 'web-inbox/src/x.ts', to: 'src/inbox/contract.ts', typeOnly: false },
      { from: 'web-inbox/src/x.ts', to: 'src/store/db.ts', typeOnly: true },
      { from: 'src/domain/system-tags.ts', to: 'zod', typeOnly: false },
      { from: 'src/channels/phone/x.ts', to: 'src/channels/email/y.ts', typeOnly: false },
      { from: 'src/pipeline/x.ts', to: 'src/channels/meta/y.ts', typeOnly: false },
    ];
    // Each planted edge on its own: a count over all of them would let one rule's double report hide another's miss.
    for (const e of bad) expect(violations([e]), `${e.from} -> ${e.to}`).toHaveLength(1);
    const good: Edge[] = [
      { from: 'connectors/meta/x.ts', to: 'connectors/contract.ts', typeOnly: false },
      { from: 'connectors/meta/x.ts', to: 'connectors/meta/y.ts', typeOnly: false },
      { from: 'connectors/registry.ts', to: 'connectors/meta/meta.connector.ts', typeOnly: false },
      { from: 'web-inbox/src/x.ts', to: 'src/inbox/contract.ts', typeOnly: true },
      { from: 'web-inbox/src/x.ts', to: 'src/domain/system-tags.ts', typeOnly: false },
      { from: 'src/channels/phone/x.ts', to: 'src/channels/channel-module.ts', typeOnly: true },
      { from: 'src/kontakt.ts', to: 'src/channels/web-form/y.ts', typeOnly: false },
    ];
    expect(violations(good)).toEqual([]);
  });

  it('the tree keeps every rule', () => {
    const edges = allEdges();
    // A parser that finds nothing would pass every rule: the tree has well over a thousand imports.
    expect(edges.length).toBeGreaterThan(1000);
    expect(edges).toContainEqual({ from: 'src/main.ts', to: 'src/kontakt.ts', typeOnly: false });
    expect(violations(edges)).toEqual([]);
  });

  it('every known exception is still needed', () => {
    const present = new Set(allEdges().map((e) => `${e.from} -> ${e.to}`));
    expect(Object.keys(KNOWN).filter((k) => !present.has(k))).toEqual([]);
  });
});
