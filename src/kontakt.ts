import type { Express } from 'express';
import { ConnectorRegistry } from '../connectors/registry.ts';
import type { ChannelContext, ChannelRuntime } from './channels/channel-module.ts';
import { readChannelsFile } from './channels/channels-file.ts';
import { CHANNEL_MODULES } from './channels/index.ts';
import { ingestOptionsOf, loadCaseworkConfig } from './config/casework-config.ts';
import type { Config } from './config/config.ts';
import { loadKnownHashFile } from './config/known-hashes-file.ts';
import { loadTrustConfig } from './config/trust-config.ts';
import { createAuthService } from './domain/auth.service.ts';
import { createRetentionService } from './domain/retention.service.ts';
import { createSecretBox } from './domain/secret-box.ts';
import { setFirstResponseTargets } from './domain/service-levels.ts';
import { createTaxonomyService } from './domain/taxonomy.service.ts';
import { createTotpService } from './domain/totp.service.ts';
import type { Logger } from './logging/logger.ts';
import { createMetrics, QUEUE_STATES } from './observability/metrics.ts';
import { outreachModule } from './outreach/outreach.module.ts';
import { partnersModule } from './partners/partners.module.ts';
import { createAccept, DEFAULT_ACCEPT_BATCHING } from './pipeline/accept.ts';
import { type EmbeddedRedis, startEmbeddedRedis } from './pipeline/embedded-redis.ts';
import { createEventBus } from './pipeline/event-bus.ts';
import { createIntakePressure, DEFAULT_INTAKE_PRESSURE } from './pipeline/intake-pressure.ts';
import { createLoginAttempts, throttlePolicyOf } from './pipeline/login-attempts.ts';
import { createProducers } from './pipeline/producers.ts';
import { createRedis, type RedisTarget } from './pipeline/redis.ts';
import { createRetentionQueue } from './pipeline/retention.scheduler.ts';
import { referralsModule } from './referrals/referrals.module.ts';
import { startApiRole } from './roles/api.role.ts';
import type { Core } from './roles/core.ts';
import { seedRecord } from './roles/record.parts.ts';
import { startWorkerRole } from './roles/worker.role.ts';
import { searchModule } from './search/search.module.ts';
import { shiftModule } from './shift/shift.module.ts';
import { createLoginChallenges, createTotpRepository } from './store/account.repository.ts';
import { createAuditRepository } from './store/audit.repository.ts';
import { createBlobRepository } from './store/blob.repository.ts';
import { createCaseRepository } from './store/case.repository.ts';
import { openStore, type Store } from './store/db.ts';
import { createDeadLetterRepository } from './store/dead-letter.repository.ts';
import { createInboundEventRepository } from './store/inbound-event.repository.ts';
import { seedOutcomeTemplates } from './store/outcome.repository.ts';
import { createRetentionRepository } from './store/retention.repository.ts';
import { loadSecretKey } from './store/secret-key.ts';
import { backfillFirstResponseDue } from './store/service-levels.repository.ts';
import { createCategoryRepository } from './store/taxonomy.repository.ts';
import { createUserRepository } from './store/user.repository.ts';
import { triageFeedbackModule } from './triage-feedback/triage-feedback.module.ts';
import { urlsModule } from './urls/urls.module.ts';

export interface Kontakt {
  /** Base URL of the HTTP server (api roles), e.g. http://127.0.0.1:3000 */
  url: string | null;
  /** Worker-only node with METRICS_PORT: where its GET /metrics answers. */
  metricsUrl: string | null;
  store: Store;
  /** The express app of an api node (tests walk its routes); null on a worker-only node. */
  app: Express | null;
  /** Set when the first admin was created with a generated password: show it once. */
  firstAdmin: { email: string; generatedPassword?: string } | null;
  recoverNow(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The composition root: the core, then the worker role and the api role as config.ROLE asks
 * (api = HTTP + Socket.IO + producers; worker = BullMQ workers + recovery; all = both).
 */
export async function startKontakt(
  config: Config,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Kontakt> {
  const stops: (() => Promise<void>)[] = [];
  const onStop = (step: () => Promise<void>) => void stops.push(step);
  // Each step is bounded: a dependency that is down (Redis, PostgreSQL) must not keep the process alive.
  const stopAll = async () => {
    for (const s of stops.reverse()) {
      const step = s().catch((err) => log.warn({ err }, 'error during shutdown'));
      const limit = new Promise<void>((resolve) => setTimeout(resolve, config.SHUTDOWN_GRACE_MS + 5_000).unref());
      await Promise.race([step, limit]);
    }
    stops.length = 0;
  };
  try {
    const casework = loadCaseworkConfig(env);
    // Abuse material and retention (issue 8): a known-hash file that cannot be read stops the start.
    const trust = loadTrustConfig(env);
    const knownHashes = loadKnownHashFile(trust.knownHashesFile, log.child({ component: 'known-hashes' }));
    setFirstResponseTargets(casework.firstResponseTargets);
    let redisTarget: RedisTarget;
    if (config.REDIS_URL) redisTarget = { url: config.REDIS_URL };
    else {
      const embedded: EmbeddedRedis = await startEmbeddedRedis({
        bin: config.REDIS_SERVER_BIN,
        dataDir: config.DATA_DIR,
      });
      onStop(() => embedded.stop());
      redisTarget = { socketPath: embedded.socketPath };
      log.info({ socket: embedded.socketPath }, 'embedded redis-server started');
    }

    const store = await openStore({
      ...(config.DATABASE_URL && { databaseUrl: config.DATABASE_URL }),
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
    });
    onStop(() => store.close());
    log.info({ store: store.kind }, 'case store ready, migrations applied');

    const redis = createRedis(redisTarget, 'main');
    onStop(async () => void redis.disconnect());
    const publisher = createEventBus(redis, `${config.REDIS_PREFIX}:events`, (err) =>
      log.warn({ err }, 'event publish failed; clients catch up when they reconnect'),
    );
    // Before the disconnect (reverse order): the last events reach Redis or fail.
    onStop(() => publisher.settled());

    const users = createUserRepository(store.db);
    const audit = createAuditRepository(store.db);
    const cases = createCaseRepository(store.db);
    const events = createInboundEventRepository(store.db);
    const deadLetters = createDeadLetterRepository(store.db, { knownHashes });
    const taxonomy = createTaxonomyService({ store: createCategoryRepository(store.db) });
    // The default categories on a new store; an admin's edits (retired, renamed) are never undone.
    await taxonomy.seedDefaults();
    await seedRecord(store.db, taxonomy);
    await backfillFirstResponseDue(store.db, casework.firstResponseTargets);
    const loginAttempts = createLoginAttempts(redis, {
      prefix: config.REDIS_PREFIX,
      policy: throttlePolicyOf(config),
      log: log.child({ component: 'sign-in-throttle' }),
    });
    const totp = createTotpService({
      store: createTotpRepository(store.db),
      box: createSecretBox(loadSecretKey(config.TOTP_ENCRYPTION_KEY, config.DATA_DIR)),
      issuer: config.TOTP_ISSUER,
      // Called only once requests arrive, after `auth` below exists (the two need each other).
      reauth: {
        password: (user, password, ip) => auth.reauthenticate(user, password, ip),
        code: (user, ip, check) => auth.reauthenticateWith(user, ip, 'totp', check),
      },
    });
    const auth = createAuthService(users, audit, config.SESSION_TTL_HOURS, loginAttempts, {
      factor: totp,
      challenges: createLoginChallenges(store.db),
    });
    const connectors = new ConnectorRegistry();

    const producers = createProducers({
      redis: redisTarget,
      prefix: config.REDIS_PREFIX,
      inboundAttempts: config.INBOUND_ATTEMPTS,
      inboundBackoffMs: config.INBOUND_BACKOFF_MS,
    });
    onStop(() => producers.close());
    const metrics = createMetrics();
    for (const [name, q] of Object.entries(producers.queues))
      metrics.addQueue(name, { counts: () => q.getJobCounts(...QUEUE_STATES) });

    const firstAdmin = await auth.ensureFirstAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    await seedOutcomeTemplates(store.db);

    const ingestOptions = { ...ingestOptionsOf(config.REOPEN_WINDOW_DAYS, casework), knownHashes };
    const retentionQueue = createRetentionQueue({ redis: redisTarget, prefix: config.REDIS_PREFIX });
    onStop(() => retentionQueue.close());
    metrics.addQueue('retention', { counts: () => retentionQueue.queue.getJobCounts(...QUEUE_STATES) });
    const retention = createRetentionService({
      store: createRetentionRepository(store.db),
      audit,
      closedCaseDays: trust.retentionClosedCaseDays,
      deadLetterDays: trust.retentionDeadLetterDays,
    });
    const runsApi = config.ROLE !== 'worker';
    const runsWorker = config.ROLE !== 'api';
    // One process taking and applying traffic: acknowledgements go first (intake-pressure.ts).
    const pressure =
      runsApi && runsWorker && config.INTAKE_FIRST_BUSY_PERCENT > 0
        ? createIntakePressure({
            ...DEFAULT_INTAKE_PRESSURE,
            busyAbove: config.INTAKE_FIRST_BUSY_PERCENT / 100,
            full: config.INBOUND_CONCURRENCY,
          })
        : null;
    if (pressure) {
      onStop(async () => pressure.stop());
      metrics.setIntakeRestrained(pressure.restrainedMs);
    }
    const accept = createAccept(
      events,
      producers,
      log,
      {
        ...DEFAULT_ACCEPT_BATCHING,
        maxBatch: config.ACCEPT_BATCH_SIZE,
        windowMs: config.ACCEPT_BATCH_WAIT_MS,
        maxPending: config.ACCEPT_BATCH_SIZE * 20,
      },
      pressure?.accepted,
    );
    // On shutdown (reverse order): after HTTP has stopped, before the queues close, so every job
    // of an acknowledged event is handed to Redis.
    onStop(() => accept.settled());
    const channelCtx: ChannelContext = {
      config,
      env,
      channelsFile: readChannelsFile(config.CHANNELS_FILE),
      db: store.db,
      log,
      redis,
      redisTarget,
      connectors,
      events,
      deadLetters,
      blobs: createBlobRepository(store.db),
      cases,
      ingestOptions,
      categoryState: (code) => taxonomy.state(code),
      audit,
      publisher,
      producers,
      accept,
    };
    const channels: ChannelRuntime[] = [];
    // Referrals last: not a channel, it listens to what the e-mail channel ingests and sends through its SMTP.
    // The outreach register and the partners' routes are not channels either; they use the same hooks.
    // Reported URLs neither: they read what every channel ingests (after each applied message, and a sweep).
    for (const m of [
      ...CHANNEL_MODULES,
      referralsModule,
      outreachModule,
      partnersModule,
      urlsModule,
      triageFeedbackModule,
      shiftModule,
      searchModule,
    ]) {
      const rt = (await m.init?.({ ...channelCtx, log: log.child({ channel: m.name }) })) ?? {};
      channels.push(rt);
      for (const c of rt.connectors ?? []) connectors.register(c);
      for (const q of rt.queues ?? [])
        metrics.addQueue(q.name, { counts: () => q.queue.getJobCounts(...QUEUE_STATES) });
      if (rt.stop) onStop(rt.stop);
    }

    // Everything above, by name, for the roles.
    const core: Core = {
      ...{ config, log, trust, knownHashes, store, redisTarget, redis, publisher, users, audit, cases, events },
      ...{ deadLetters, taxonomy, loginAttempts, totp, auth, connectors, producers, metrics, ingestOptions },
      ...{ retention, retentionQueue, pressure, channels, onStop },
    };
    // Workers first, so that on shutdown (reverse order) HTTP stops taking work before workers stop.
    const worker = runsWorker ? await startWorkerRole(core) : null;
    const api = runsApi ? await startApiRole(core) : null;
    return {
      url: api?.url ?? null,
      metricsUrl: worker?.metricsUrl ?? null,
      app: api?.app ?? null,
      store,
      firstAdmin,
      recoverNow: worker?.recoverNow ?? (async () => 0),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
