import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file);

describe('store house rules', () => {
  it('no repository casts a transaction to Db: a transaction (and a savepoint) already is one', () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    // A walk that finds nothing would pass: src holds some two hundred files.
    expect(files.length).toBeGreaterThan(40);
    const casts = files.filter((f) => /as unknown as Db\b/.test(fs.readFileSync(f, 'utf8')));
    expect(casts.map(rel)).toEqual([]);
  });

  it('an audit entry is written with writeAudit on the handle at hand, not a repository built for one call', () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(40);
    const perCall = files.filter((f) => /createAuditRepository\(\w+\)\s*\.write\(/.test(fs.readFileSync(f, 'utf8')));
    expect(perCall.map(rel)).toEqual([]);
  });

  it('every store file stays readable in one sitting (≤ 350 lines)', () => {
    const files = sourceFiles(path.join(ROOT, 'src/store')).filter((f) => !f.includes(`${path.sep}schema${path.sep}`));
    expect(files.length).toBeGreaterThan(25);
    const long = files
      .map((f) => ({ file: rel(f), lines: fs.readFileSync(f, 'utf8').split('\n').length }))
      .filter((f) => f.lines > 350);
    expect(long).toEqual([]);
  });
});
