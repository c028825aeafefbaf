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
  try {
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = fs.readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file} holds no usable key`);
  return key;
}
