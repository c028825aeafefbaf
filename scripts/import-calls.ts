/**
 * `npm run import:calls -- [--format asterisk|generic] [--json] file.csv`
 *
 * Imports a call log into the store the server uses (same environment: DATABASE_URL or the embedded
 * store under DATA_DIR, CHANNELS_FILE, PHONE_* settings). Each row goes through the same service as
 * a PBX post; each call's event is recorded in inbound_events with the call and applied at once in
 * this process, so the calls are in their cases when the report prints (should applying fail, the
 * server's recovery sweep finishes it). Live inbox events are published when Redis is
 * reachable. Exit code: 0 all rows fine, 2 some rows rejected (listed), 1 the import failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Redis } from 'ioredis';
import { readChannelsFile } from '../src/channels/channels-file.ts';
import { createPhoneCallRepository } from '../src/channels/phone/phone-call.repository.ts';
import { createPhoneCallbackRepository } from '../src/channels/phone/phone-callback.repository.ts';
import {
  directDispatch,
  IMPORT_FORMATS,
  type ImportFormat,
  importCalls,
} from '../src/channels/phone/phone-import.service.ts';
import { createPhoneIngest } from '../src/channels/phone/phone-ingest.service.ts';
import { loadPhoneSettings } from '../src/channels/phone/phone-settings.ts';
import { ingestOptionsOf, loadCaseworkConfig } from '../src/config/casework-config.ts';
import { loadConfig } from '../src/config/config.ts';
import type { EventPublisher } from '../src/domain/views.ts';
import { createLogger } from '../src/logging/logger.ts';
import { createEventBus } from '../src/pipeline/event-bus.ts';
import { createRedis, type RedisTarget } from '../src/pipeline/redis.ts';
import { createCaseRepository } from '../src/store/case.repository.ts';
import { openStore } from '../src/store/db.ts';
import { createIngestUnitOfWork } from '../src/store/ingest.repository.ts';

const USAGE = 'usage: npm run import:calls -- [--format asterisk|generic] [--json] file.csv';

/** Master.csv has no header; the generic format starts with one naming callId. */
function detectFormat(text: string): ImportFormat {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /call_?id/i.test(first) ? 'generic' : 'asterisk';
}

async function reachable(redis: Redis): Promise<boolean> {
  try {
    await Promise.race([
      redis.ping(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
    ]);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { format: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    console.error(USAGE);
    return 1;
  }
  if (values.format !== undefined && !(IMPORT_FORMATS as readonly string[]).includes(values.format)) {
    console.error(`unknown format ${values.format}; ${USAGE}`);
    return 1;
  }
  const text = fs.readFileSync(path.resolve(file), 'utf8');
  const format = (values.format as ImportFormat | undefined) ?? detectFormat(text);

  const config = loadConfig(process.env);
  const settings = loadPhoneSettings(process.env, readChannelsFile(config.CHANNELS_FILE).phone);
  // Import progress goes to stderr; the report is the only thing on stdout.
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, process.stderr);

  const socketPath = path.join(config.DATA_DIR, 'redis', 'redis.sock');
  const target: RedisTarget | null = config.REDIS_URL
    ? { url: config.REDIS_URL }
    : fs.existsSync(socketPath)
      ? { socketPath }
      : null;
  const redis = target ? createRedis(target, 'import-calls') : null;
  const live = redis ? await reachable(redis) : false;
  if (!config.DATABASE_URL && live && target && 'socketPath' in target) {
    // The embedded store belongs to one process at a time: the running server holds it.
    console.error('The server is running on the embedded store: stop it first, or upload the file in the inbox.');
    redis?.disconnect();
    return 1;
  }
  const bus =
    redis && live
      ? createEventBus(redis, `${config.REDIS_PREFIX}:events`, () => {
          // Live updates are a courtesy here: the import itself is in the store either way.
        })
      : null;
  const publisher: EventPublisher = bus ?? { publish: async () => {} };

  const store = await openStore({
    ...(config.DATABASE_URL && { databaseUrl: config.DATABASE_URL }),
    dataDir: config.DATA_DIR,
  });
  try {
    const cases = createCaseRepository(store.db);
    const dispatch = directDispatch({
      ingest: createIngestUnitOfWork(store.db),
      ingestOptions: ingestOptionsOf(config.REOPEN_WINDOW_DAYS, loadCaseworkConfig(process.env)),
      publisher,
      log,
    });
    const ingest = createPhoneIngest({
      calls: createPhoneCallRepository(store.db),
      callbacks: createPhoneCallbackRepository(store.db),
      dispatch,
      publisher,
      messageView: (id) => cases.message(id),
      settings,
      log,
    });
    const report = await importCalls(text, format, { ingest, dispatch, settings, log });
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(
        `${path.basename(file)} (${format}): ${report.rows} rows, ${report.imported} imported, ` +
          `${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
      );
      for (const r of report.rejected) console.log(`  line ${r.line}${r.callId ? ` (${r.callId})` : ''}: ${r.reason}`);
      if (!live) console.log('(no Redis reachable: open inboxes show the new calls after a refresh)');
    }
    return report.rejected.length > 0 ? 2 : 0;
  } finally {
    await store.close();
    await bus?.settled();
    redis?.disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`import failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
