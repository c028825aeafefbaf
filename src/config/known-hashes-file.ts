import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { type KnownHashLookup, NO_KNOWN_HASHES, parseHashList } from '../domain/known-hashes.ts';
import { ConfigError } from './config.ts';

export interface KnownHashFile extends KnownHashLookup {
  /** How many hashes are loaded now. */
  size(): number;
  /** Read the file again now if its size or mtime changed (lookups do this too). */
  refresh(): void;
  /** Every hash on the list now, with its list entry. */
  entries(): ReadonlyMap<string, string>;
  /** Called after a reload with the hashes that were not on the previous list. */
  onAdded(listener: (added: Map<string, string>) => void): void;
}

/**
 * KNOWN_HASHES_FILE, read at start (a missing or unreadable file stops the start: a safety list
 * that silently does not load is worse than none) and read again whenever its size or mtime
 * changes, checked on each lookup. A reload that fails keeps the last good list and says so.
 */
export function loadKnownHashFile(file: string | undefined, log: Logger): KnownHashFile {
  if (!file)
    return { ...NO_KNOWN_HASHES, size: () => 0, refresh: () => {}, entries: () => new Map(), onAdded: () => {} };
  const source = path.basename(file);
  let stamp = '';
  let entries = new Map<string, string>();
  const listeners: ((added: Map<string, string>) => void)[] = [];

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
    const previous = entries;
    entries = parsed.entries;
    stamp = next;
    log.info({ file, hashes: entries.size, atStart }, 'known-hash list loaded');
    if (atStart) return;
    const added = new Map([...entries].filter(([hash]) => !previous.has(hash)));
    if (added.size === 0) return;
    for (const l of listeners) {
      try {
        l(added);
      } catch (err) {
        log.error({ err }, 'known-hash list: a listener for added hashes failed');
      }
    }
  };
  const reread = () => {
    try {
      read(false);
    } catch (err) {
      log.error({ err, file }, 'known-hash list could not be re-read; the last loaded list stays in use');
    }
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
    refresh: reread,
    entries: () => entries,
    onAdded: (listener) => void listeners.push(listener),
    async lookup(sha256) {
      reread();
      return entries.get(sha256.toLowerCase());
    },
  };
}
