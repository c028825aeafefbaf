import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.ts';
import { loadKnownHashFile } from '../../src/config/known-hashes-file.ts';
import { isMismatch, kindOf, sniffContent } from '../../src/domain/content-sniff.ts';
import { parseHashList } from '../../src/domain/known-hashes.ts';
import { createLogger } from '../../src/logging/logger.ts';

const H = 'a'.repeat(64);
const G = `${'B'.repeat(63)}0`;

describe('known-hash list', () => {
  it('takes one sha256 per line with comments, lower-cases it and reports other lines', () => {
    const list = parseHashList(
      `\uFEFF# header\n\n${H}\n  ${G}   # from the police, 2026\nnot a hash\n${H}x\n${H} second\n`,
      'k.txt',
    );
    expect([...list.entries.keys()]).toEqual([H, G.toLowerCase()]);
    expect(list.entries.get(H)).toBe('k.txt:3');
    expect(list.entries.get(G.toLowerCase())).toBe('k.txt:4 from the police, 2026');
    expect(list.rejected).toEqual([5, 6]);
  });
});

describe('known-hash file', () => {
  const log = createLogger('silent');

  it('a list that cannot be read stops the start; a later change is read again', async () => {
    expect(() => loadKnownHashFile('/nonexistent/known.txt', log)).toThrow(ConfigError);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'known-'));
    const file = path.join(dir, 'k.txt');
    fs.writeFileSync(file, `${H}\n`);
    const list = loadKnownHashFile(file, log);
    expect(await list.lookup(H.toUpperCase())).toBe('k.txt:1');
    expect(await list.lookup(G)).toBeUndefined();
    fs.appendFileSync(file, `${G}\n`);
    expect(await list.lookup(G)).toBe('k.txt:2');
    fs.rmSync(dir, { recursive: true });
    // Gone later: the last list stays in use.
    expect(await list.lookup(H)).toBe('k.txt:1');
    expect(list.size()).toBe(2);
  });
});

describe('content sniffing', () => {
  it('tells what bytes are, whatever they are called', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    expect(await sniffContent(png)).toEqual({ mime: 'image/png', ext: 'png' });
    expect(await sniffContent(Buffer.from('MZ\x90\x00\x03'))).toMatchObject({ mime: 'application/x-msdownload' });
    expect(await sniffContent(Buffer.from('Zdravo, ovo je običan tekst.'))).toEqual({ mime: 'text/plain', ext: 'txt' });
    expect(await sniffContent(Buffer.from([0, 1, 2, 3, 250, 251]))).toBeUndefined();
    expect(await sniffContent(Buffer.alloc(0))).toBeUndefined();
  });

  it('classifies by the sniffed type; script-capable formats are never pictures', () => {
    expect(kindOf({ mime: 'image/jpeg', ext: 'jpg' })).toBe('image');
    expect(kindOf({ mime: 'image/svg+xml', ext: 'svg' })).toBe('document');
    expect(kindOf({ mime: 'application/x-elf', ext: 'elf' })).toBe('executable');
    expect(kindOf({ mime: 'application/zip', ext: 'zip' })).toBe('archive');
    expect(kindOf(undefined)).toBe('unknown');
  });

  it('flags a label the bytes contradict, never a generic one', () => {
    const exe = { mime: 'application/x-msdownload', ext: 'exe' };
    const text = { mime: 'text/plain', ext: 'txt' };
    expect(isMismatch('image/jpeg', exe)).toBe(true);
    expect(isMismatch('image/png', text)).toBe(true);
    expect(isMismatch('image/png', undefined)).toBe(true);
    expect(isMismatch('image/jpeg', { mime: 'image/png', ext: 'png' })).toBe(true);
    expect(isMismatch('application/octet-stream', exe)).toBe(false);
    expect(isMismatch('IMAGE/JPG; name="x.jpg"', { mime: 'image/jpeg', ext: 'jpg' })).toBe(false);
    expect(isMismatch('text/csv', text)).toBe(false);
    expect(isMismatch('text/plain', undefined)).toBe(false);
    expect(
      isMismatch('application/vnd.openxmlformats-officedocument.wordprocessingml.document', {
        mime: 'application/zip',
        ext: 'zip',
      }),
    ).toBe(false);
  });
});
