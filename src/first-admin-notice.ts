import fs from 'node:fs';
import path from 'node:path';

export const FIRST_ADMIN_PASSWORD_FILE = 'first-admin-password.txt';

/**
 * The generated first-admin password goes to a file only its owner can read (DATA_DIR is where
 * the operator already keeps the data); the terminal is told where it is. The password itself is
 * printed only to a terminal: stdout captured by a service manager or a log shipper never holds it.
 */
export function announceFirstAdmin(
  admin: { email: string; generatedPassword: string },
  dataDir: string,
  out: { isTTY?: boolean; write(text: string): unknown },
): string {
  const file = path.join(dataDir, FIRST_ADMIN_PASSWORD_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  // A leftover from an earlier store may carry other permissions: start from a new file.
  fs.rmSync(file, { force: true });
  // Created owner-only ('wx': a new file, never one that appeared meanwhile); umask can only narrow it.
  fs.writeFileSync(file, `${admin.generatedPassword}\n`, { mode: 0o600, flag: 'wx' });
  out.write(
    [
      '',
      '  First administrator created. Sign in, change the password, then delete the file.',
      `    e-mail:        ${admin.email}`,
      `    password file: ${file} (readable only by its owner)`,
      ...(out.isTTY ? [`    password:      ${admin.generatedPassword}`] : []),
      '',
      '',
    ].join('\n'),
  );
  return file;
}
