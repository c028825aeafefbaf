import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { type KnownHashLookup, NO_KNOWN_HASHES, parseHashList } from '../domain/known-hashes.ts';
import { ConfigError } from './config.ts';

export interface KnownHashFile extends KnownHashLookup {
  /** How many hashes are loaded now. */
  size(): number;
}

/**
 * KNOWN_HASHES_FILE, read at start (a missing or unreadable file stops the start: a safety list
 * that silently does not load is worse than none) and read again whenever its size or mtime
 * changes, checked on each lookup. A reload that fails keeps the last good list and says so.
 */
export function loadKnownHashFile(file: string | undefined, log: Logger): KnownHashFile {
  if (!file) return { ...NO_KNOWN_HASHES, size: () => 0 };
  const source = path.basename(file);
  let stamp = '';
  let entries = new Map<string, string>();

  const read = (atStart: boolean) => {
    const st = fs.statSync(file);
    const next = `${st.size}:${st.mtimeMs}`;
    if (next === stamp) return;
    const parsed = parseHashList(fs.readFileSync(file, 'utf8'), source);
    if (parsed.rejected.length > 0)
      log.warn(
        { file, lines: parsed.rejected.slice(0, 20) },
        'known-hash list: lines that are not a sha256 were skipped',
      );
    entries = parsed.entries;
    stamp = next;
    log.info({ file, hashes: entries.size, atStart }, 'known-hash list loaded');
  };
  try {
    read(true);
  } catch (err) {
    throw new ConfigError([
      `KNOWN_HASHES_FILE: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`,
    ]);
  }

  return {
    size: () => entries.size,
    async lookup(sha256) {
      try {
        read(false);
      } catch (err) {
        log.error({ err, file }, 'known-hash list could not be re-read; the last loaded list stays in use');
      }
      return entries.get(sha256.toLowerCase());
    },
  };
}
