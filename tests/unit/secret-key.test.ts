import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey } from '../../src/store/secret-key.ts';

describe('the secret key in DATA_DIR', () => {
  it('is created once and read back the same', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-key-'));
    const a = loadSecretKey(undefined, dir);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(loadSecretKey(undefined, dir)).toBe(a);
    expect(loadSecretKey('x'.repeat(40), dir)).toBe('x'.repeat(40));
    expect(fs.readdirSync(dir)).toEqual(['totp.key']);
    fs.rmSync(dir, { recursive: true });
  });

  it('processes starting together on one DATA_DIR all get the same complete key', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kontakt-key-'));
    const script = path.join(dir, 'load.mjs');
    const module = path.resolve(import.meta.dirname, '../../src/store/secret-key.ts');
    fs.writeFileSync(
      script,
      `const { loadSecretKey } = await import(${JSON.stringify(module)});\nprocess.send(loadSecretKey(undefined, process.argv[2]));\n`,
    );
    const keyDir = path.join(dir, 'data');
    const keys = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = fork(script, [keyDir], { execArgv: ['--import', 'tsx'] });
            child.once('message', (m) => resolve(String(m)));
            child.once('error', reject);
            child.once('exit', (code) => code !== 0 && reject(new Error(`exit ${code}`)));
          }),
      ),
    );
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]?.length).toBeGreaterThanOrEqual(32);
    expect(fs.readdirSync(keyDir)).toEqual(['totp.key']);
    fs.rmSync(dir, { recursive: true });
  }, 60_000);
});
