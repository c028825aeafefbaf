import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key for secrets at rest: TOTP_ENCRYPTION_KEY when configured (needed when several nodes
 * share one database), else a random key kept in DATA_DIR and created on first start.
 */
export function loadSecretKey(configured: string | undefined, dataDir: string, fileName = 'totp.key'): string {
  if (configured) return configured;
  const file = path.join(dataDir, fileName);
  fs.mkdirSync(dataDir, { recursive: true });
  // Written whole to a private file, then linked into place: processes starting together on one
  // DATA_DIR either create the key or read a complete one, never a half-written file.
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
    fs.writeFileSync(tmp, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file} holds no usable key`);
  return key;
}
