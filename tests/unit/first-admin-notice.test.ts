import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { announceFirstAdmin, FIRST_ADMIN_PASSWORD_FILE } from '../../src/first-admin-notice.ts';

describe('first-admin password notice', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  const admin = { email: 'admin@kontakt.local', generatedPassword: 'Xy7-generisana-lozinka' };
  const capture = (isTTY: boolean) => {
    let text = '';
    return { isTTY, write: (s: string) => (text += s), text: () => text };
  };

  it('writes an owner-only file and keeps the password out of a captured stdout', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-notice-'));
    dirs.push(dir);
    // A leftover readable by everyone is replaced, not reused with its permissions.
    fs.writeFileSync(path.join(dir, FIRST_ADMIN_PASSWORD_FILE), 'old', { mode: 0o644 });
    const out = capture(false);
    const file = announceFirstAdmin(admin, dir, out);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${admin.generatedPassword}\n`);
    expect(out.text()).toContain(file);
    expect(out.text()).not.toContain(admin.generatedPassword);
  });

  it('shows the password itself only on a terminal', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-notice-'));
    dirs.push(dir);
    const out = capture(true);
    announceFirstAdmin(admin, dir, out);
    expect(out.text()).toContain(admin.generatedPassword);
  });
});
