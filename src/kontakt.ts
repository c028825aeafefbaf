import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Worker } from 'bullmq';
import type { Express } from 'express';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { channelHealthRoutes, createChannelHealthMonitor } from './channels/channel-health.ts';
import type { ChannelContext, ChannelRuntime } from './channels/channel-module.ts';
import { readChannelsFile } from './channels/channels-file.ts';
import { CHANNEL_MODULES } from './channels/index.ts';
import { createReportStatusRepository } from './channels/web-form/report-status.repository.ts';
import { reportStatusRoutes, statusLimiter } from './channels/web-form/report-status.routes.ts';
import { ingestOptionsOf, loadCaseworkConfig } from './config/casework-config.ts';
import type { Config } from './config/config.ts';
import { loadKnownHashFile } from './config/known-hashes-file.ts';
import { networkMatcher } from './config/networks.ts';
import { loadTrustConfig } from './config/trust-config.ts';
import { createAuthService } from './domain/auth.service.ts';
import { createCaseService } from './domain/case.service.ts';
import { createInboxAttachmentService } from './domain/inbox-attachments.service.ts';
import { createInboxExtrasService } from './domain/inbox-extras.service.ts';
import { createKnownHashRecheck } from './domain/known-hash-recheck.ts';
import { createLegalHoldService } from './domain/legal-hold.service.ts';
import { createOutcomeService } from './domain/outcomes.ts';
import { createRetentionService } from './domain/retention.service.ts';
import { createRevealCountsService } from './domain/reveal-counts.ts';
import { createSecretBox } from './domain/secret-box.ts';
import { setFirstResponseTargets } from './domain/service-levels.ts';
import { createSignInLocksService } from './domain/sign-in-locks.service.ts';
import { createTaxonomyService } from './domain/taxonomy.service.ts';
import { createTotpService } from './domain/totp.service.ts';
import { createUserAdminService } from './domain/user-admin.service.ts';
import { createHttpApp } from './http/app.ts';
import { createHttpServer } from './http/http-server.ts';
import { loginLimiter } from './http/rate-limits.ts';
import { accountRoutes } from './http/routes/account.routes.ts';
import { adminRoutes } from './http/routes/admin.routes.ts';
import { auditRoutes } from './http/routes/audit.routes.ts';
import { authRoutes } from './http/routes/auth.routes.ts';
import { casesRoutes } from './http/routes/cases.routes.ts';
import { healthDetailRoutes, healthRoutes } from './http/routes/health.routes.ts';
import { inboxAttachmentRoutes } from './http/routes/inbox-attachments.routes.ts';
import { inboxExtrasRoutes } from './http/routes/inbox-extras.routes.ts';
import { legalHoldRoutes } from './http/routes/legal-hold.routes.ts';
import { metricsRoutes } from './http/routes/metrics.routes.ts';
import { outcomesRoutes } from './http/routes/outcomes.routes.ts';
import { QUEUES_DASHBOARD_PATH, queuesDashboardRoutes } from './http/routes/queues.routes.ts';
import { retentionRoutes } from './http/routes/retention.routes.ts';
import { revealCountsRoutes } from './http/routes/reveal-counts.routes.ts';
import { statsRoutes } from './http/routes/stats.routes.ts';
import { taxonomyRoutes } from './http/routes/taxonomy.routes.ts';
import { usersRoutes } from './http/routes/users.routes.ts';
import { INBOX_ROOM } from './inbox/contract.ts';
import { createGateway, type Gateway } from './inbox/gateway.ts';
import type { Logger } from './logging/logger.ts';
import { httpMetrics } from './observability/http-metrics.ts';
import { createMetrics, QUEUE_STATES } from './observability/metrics.ts';
import { startMetricsServer } from './observability/metrics-server.ts';
import { createAccept, DEFAULT_ACCEPT_BATCHING, enqueueReplyBounded } from './pipeline/accept.ts';
import { createAcceptKeyed } from './pipeline/accept-keyed.ts';
import { createDeadLetterService } from './pipeline/dead-letter.service.ts';
import { type EmbeddedRedis, startEmbeddedRedis } from './pipeline/embedded-redis.ts';
import { createEventBus } from './pipeline/event-bus.ts';
import { startInboundWorker } from './pipeline/inbound.worker.ts';
import { createIntakePressure, DEFAULT_INTAKE_PRESSURE } from './pipeline/intake-pressure.ts';
import { createLoginAttempts, throttlePolicyOf } from './pipeline/login-attempts.ts';
import { chooseRoute, startOutboundWorker } from './pipeline/outbound.worker.ts';
import { createProducers } from './pipeline/producers.ts';
import { startRecoveryLoop } from './pipeline/recovery.ts';
import { createRedis, type RedisTarget, swallowCommandFailures } from './pipeline/redis.ts';
import { createRetentionQueue, startRetentionWorker } from './pipeline/retention.scheduler.ts';
import { referralsModule } from './referrals/referrals.module.ts';
import { createAccountRepository, createLoginChallenges, createTotpRepository } from './store/account.repository.ts';
import { createAuditRepository, createAuditSearch } from './store/audit.repository.ts';
import { createBlobRepository } from './store/blob.repository.ts';
import { createCaseRepository } from './store/case.repository.ts';
import { loadAppliedViews } from './store/case-views.ts';
import { openStore, type Store } from './store/db.ts';
import { createDeadLetterRepository, createInboundEventRepository } from './store/inbound-event.repository.ts';
import { createInboxAttachmentRepository } from './store/inbox-attachment.repository.ts';
import { createInboxExtrasRepository } from './store/inbox-extras.repository.ts';
import { createBatchIngest } from './store/ingest.repository.ts';
import { createKeyedIntakeRepository } from './store/keyed-intake.repository.ts';
import { createKnownHashRecheckRepository } from './store/known-hash-recheck.repository.ts';
import { createLegalHoldRepository } from './store/legal-hold.repository.ts';
import { createOutcomeRepository, seedOutcomeTemplates } from './store/outcome.repository.ts';
import { createRetentionRepository } from './store/retention.repository.ts';
import { createRevealCountsRepository } from './store/reveal-counts.repository.ts';
import { loadSecretKey } from './store/secret-key.ts';
import { backfillFirstResponseDue } from './store/service-levels.repository.ts';
import { createStatsRepository } from './store/stats.repository.ts';
import { createCategoryRepository } from './store/taxonomy.repository.ts';
import { createUserRepository } from './store/user.repository.ts';

const DEFAULT_WEB_INBOX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web-inbox/dist');

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

/** How long a worker's force close may take on shutdown before the rest of the shutdown goes on. */
const FORCE_CLOSE_MS = 2000;

/**
 * The composition root: builds every concrete object for the configured role(s).
 * api = HTTP + Socket.IO + producers; worker = BullMQ workers + recovery; all = both.
 */
export async function startKontakt(
  config: Config,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Kontakt> {
  const stops: (() => Promise<void>)[] = [];
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
    let embedded: EmbeddedRedis | undefined;
    let redisTarget: RedisTarget;
    if (config.REDIS_URL) redisTarget = { url: config.REDIS_URL };
    else {
      embedded = await startEmbeddedRedis({ bin: config.REDIS_SERVER_BIN, dataDir: config.DATA_DIR });
      stops.push(() => (embedded as EmbeddedRedis).stop());
      redisTarget = { socketPath: embedded.socketPath };
      log.info({ socket: embedded.socketPath }, 'embedded redis-server started');
    }

    const store = await openStore({
      ...(config.DATABASE_URL && { databaseUrl: config.DATABASE_URL }),
      dataDir: config.DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
    });
    stops.push(() => store.close());
    log.info({ store: store.kind }, 'case store ready, migrations applied');

    const redis = createRedis(redisTarget, 'main');
    stops.push(async () => void redis.disconnect());
    const eventsChannel = `${config.REDIS_PREFIX}:events`;
    const publisher = createEventBus(redis, eventsChannel, (err) =>
      log.warn({ err }, 'event publish failed; clients catch up when they reconnect'),
    );
    // Before the disconnect (reverse order): the last events reach Redis or fail.
    stops.push(() => publisher.settled());

    const users = createUserRepository(store.db);
    const audit = createAuditRepository(store.db);
    const cases = createCaseRepository(store.db);
    const events = createInboundEventRepository(store.db);
    const deadLetterRepo = createDeadLetterRepository(store.db, { knownHashes });
    const taxonomy = createTaxonomyService({ store: createCategoryRepository(store.db), audit });
    // The default categories on a new store; an admin's edits (retired, renamed) are never undone.
    await taxonomy.seedDefaults();
    await backfillFirstResponseDue(store.db, casework.firstResponseTargets);
    const loginAttempts = createLoginAttempts(redis, {
      prefix: config.REDIS_PREFIX,
      policy: throttlePolicyOf(config),
      log: log.child({ component: 'sign-in-throttle' }),
    });
    const totp = createTotpService({
      store: createTotpRepository(store.db),
      box: createSecretBox(loadSecretKey(config.TOTP_ENCRYPTION_KEY, config.DATA_DIR)),
      audit,
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
    stops.push(() => producers.close());
    const metrics = createMetrics();
    for (const [name, q] of Object.entries(producers.queues))
      metrics.addQueue(name, { counts: () => q.getJobCounts(...QUEUE_STATES) });

    const firstAdmin = await auth.ensureFirstAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    await seedOutcomeTemplates(store.db);

    const ingestOptions = { ...ingestOptionsOf(config.REOPEN_WINDOW_DAYS, casework), knownHashes };
    const retentionQueue = createRetentionQueue({ redis: redisTarget, prefix: config.REDIS_PREFIX });
    stops.push(() => retentionQueue.close());
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
      stops.push(async () => pressure.stop());
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
    stops.push(() => accept.settled());
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
      deadLetters: deadLetterRepo,
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
    for (const m of [...CHANNEL_MODULES, referralsModule]) {
      const rt = (await m.init?.({ ...channelCtx, log: log.child({ channel: m.name }) })) ?? {};
      channels.push(rt);
      for (const c of rt.connectors ?? []) connectors.register(c);
      for (const q of rt.queues ?? [])
        metrics.addQueue(q.name, { counts: () => q.queue.getJobCounts(...QUEUE_STATES) });
      if (rt.stop) stops.push(rt.stop);
    }

    // Workers first, so that on shutdown (reverse order) HTTP stops taking work before workers stop.
    let recoverNow = async () => 0;
    let metricsUrl: string | null = null;
    if (runsWorker) {
      const workers: Worker[] = [
        startInboundWorker({
          redis: redisTarget,
          prefix: config.REDIS_PREFIX,
          lockMs: config.JOB_LOCK_SEC * 1000,
          concurrency: config.INBOUND_CONCURRENCY,
          batch: { size: config.INBOUND_BATCH_SIZE, waitMs: config.INBOUND_BATCH_WAIT_MS },
          ...(pressure && { admitted: pressure.admitted, readsAtOnce: () => !pressure.underPressure() }),
          ingest: createBatchIngest(store.db),
          ingestOptions,
          events,
          deadLetters: deadLetterRepo,
          publisher,
          // Whether the message came with files is not known here: the full read.
          appliedViews: (caseId, messageId) => loadAppliedViews(store.db, caseId, messageId, true),
          onApplied: async (applied) => {
            for (const rt of channels) {
              await rt.onApplied?.(applied).catch((err) => log.warn({ err }, 'after-apply hook failed'));
            }
          },
          observe: (o) => metrics.observeIngest(o),
          log: log.child({ worker: 'inbound' }),
        }),
        startOutboundWorker({
          redis: redisTarget,
          prefix: config.REDIS_PREFIX,
          lockMs: config.JOB_LOCK_SEC * 1000,
          cases,
          connectors,
          deadLetters: deadLetterRepo,
          publisher,
          log: log.child({ worker: 'outbound' }),
        }),
      ];
      // worker.close() waits for the jobs in flight; past the grace period they are returned to the queue.
      stops.push(async () => {
        await Promise.race([
          Promise.all(workers.map((w) => w.close())),
          new Promise((r) => setTimeout(r, config.SHUTDOWN_GRACE_MS)),
        ]);
        // A worker whose Redis connection went through a restart may never finish closing
        // (BullMQ waits for an 'end' its blocking client does not emit): a force close gets a
        // moment, then the shutdown goes on; the jobs it held return through their locks.
        await Promise.race([
          Promise.all(workers.map((w) => w.close(true))),
          new Promise((r) => setTimeout(r, FORCE_CLOSE_MS).unref()),
        ]);
      });
      const recovery = startRecoveryLoop({
        events,
        stalledReplies: (olderThan, limit) => cases.stalledReplies(olderThan, limit),
        producers,
        intervalMs: config.RECOVERY_INTERVAL_SEC * 1000,
        graceMs: config.RECOVERY_GRACE_SEC * 1000,
        log: log.child({ component: 'recovery' }),
      });
      stops.push(async () => recovery.stop());
      // At start, everything unapplied is suspect: Redis may have been restarted without its data.
      await recovery.runOnce(0);
      recoverNow = () => recovery.runOnce(0);
      for (const rt of channels) if (rt.startWorker) stops.push(await rt.startWorker());
      const retentionWorker = startRetentionWorker({
        redis: redisTarget,
        prefix: config.REDIS_PREFIX,
        retention,
        log: log.child({ worker: 'retention' }),
      });
      stops.push(() => retentionWorker.close());
      // Hashes added to the known-hash list: files stored earlier are checked again (worker only;
      // the unique match row makes a second node's run a no-op). At start too: the list may have
      // grown while the node was down.
      const hashRecheck = createKnownHashRecheck({ store: createKnownHashRecheckRepository(store.db), publisher });
      const hashLog = log.child({ component: 'known-hashes' });
      const recheckHashes = (hashes: ReadonlyMap<string, string>) =>
        void hashRecheck
          .recheck(hashes)
          .then((n) => n > 0 && hashLog.warn({ matches: n }, 'known-hash re-check: stored files now match the list'))
          .catch((err) => hashLog.error({ err }, 'known-hash re-check failed; it runs again at the next change'));
      knownHashes.onAdded(recheckHashes);
      recheckHashes(knownHashes.entries());
      const hashPoll = setInterval(() => knownHashes.refresh(), trust.knownHashesPollSeconds * 1000);
      hashPoll.unref();
      stops.push(async () => clearInterval(hashPoll));
      // Not awaited: a Redis that is down at start must not keep the node from starting; logged.
      void (
        trust.retentionEnabled
          ? retentionQueue.schedule(trust.retentionCron, trust.retentionTimezone)
          : retentionQueue.unschedule()
      ).catch((err) => log.warn({ err }, 'retention schedule could not be set; it is set again at the next start'));
      if (!runsApi && config.METRICS_PORT !== undefined) {
        const m = await startMetricsServer({
          metrics,
          auth,
          token: config.METRICS_TOKEN,
          host: config.HOST,
          port: config.METRICS_PORT,
        });
        stops.push(m.close);
        metricsUrl = m.url;
        log.info({ url: m.url }, 'worker metrics listening');
      }
    }

    let url: string | null = null;
    let httpApp: Express | null = null;
    if (runsApi) {
      // Set once the gateway exists; user management drops a deactivated user's sockets through it.
      let gatewayRef: Gateway | undefined;
      const userAdmin = createUserAdminService({
        store: createAccountRepository(store.db),
        audit,
        kick: (userId) => gatewayRef?.kick(userId),
        linkTtlHours: config.ACCOUNT_LINK_TTL_HOURS,
        resetTotp: (actor, userId) => totp.reset(actor, userId),
        reauthenticate: (user, password, ip) => auth.reauthenticate(user, password, ip),
      });
      const signInLimiter = loginLimiter(redis, {
        prefix: config.REDIS_PREFIX,
        limit: config.LOGIN_RATE_LIMIT,
        log,
        trusted: networkMatcher(config.TRUSTED_NETWORKS),
      });
      const caseService = createCaseService({
        cases,
        audit,
        publisher,
        enqueueOutbound: (messageId, caseId) => enqueueReplyBounded(producers, messageId, caseId, log),
        categoryState: (code) => taxonomy.state(code),
        userExists: async (id) => (await users.byId(id))?.active === true,
      });
      const deadLetters = createDeadLetterService({ deadLetters: deadLetterRepo, events, producers, audit });
      const probes = [
        { name: 'database', check: () => store.ping() },
        { name: 'redis', check: async () => void (await redis.ping()) },
        ...channels.flatMap((c) => c.health ?? []),
      ];
      metrics.addProbes(probes);
      // The inbox's view of the channels: polled here, pushed to every signed-in socket on a change.
      const channelHealth = createChannelHealthMonitor({
        probes: channels.flatMap((c) => c.health ?? []),
        intervalMs: config.CHANNEL_HEALTH_POLL_MS,
        onChange: (list) => gatewayRef?.io.local.to(INBOX_ROOM).emit('channels:health', { channels: list }),
        log: log.child({ component: 'channel-health' }),
      });
      channelHealth.start();
      stops.push(() => channelHealth.stop());
      const app = createHttpApp({
        log,
        auth,
        trustProxy: config.TRUST_PROXY,
        webInboxDir: config.WEB_INBOX_DIR ?? DEFAULT_WEB_INBOX,
        publicRoutes: [
          httpMetrics(metrics, [QUEUES_DASHBOARD_PATH]),
          healthRoutes(probes),
          metricsRoutes(metrics, auth, config.METRICS_TOKEN),
          queuesDashboardRoutes(auth, [
            producers.queues.inbound,
            producers.queues.outbound,
            retentionQueue.queue,
            ...channels.flatMap((c) => (c.queues ?? []).map((q) => q.queue)),
          ]),
          ...channels.flatMap((c) => c.publicRoutes ?? []),
          reportStatusRoutes({
            lookup: createReportStatusRepository(store.db),
            acceptKeyed: createAcceptKeyed(createKeyedIntakeRepository(store.db), producers, log),
            limiter: statusLimiter(redis, {
              prefix: config.REDIS_PREFIX,
              limit: casework.statusRateLimit,
              windowSec: casework.statusRateWindowSec,
              log,
            }),
            log,
          }),
        ],
        largeJsonRoutes: channels.flatMap((c) => c.largeJsonRoutes ?? []),
        privateRoutes: [
          authRoutes(auth, { sessionTtlHours: config.SESSION_TTL_HOURS, loginLimiter: signInLimiter }),
          accountRoutes(userAdmin, totp, { limiter: signInLimiter }),
          usersRoutes(userAdmin, {
            ...(config.PUBLIC_URL && { publicUrl: config.PUBLIC_URL }),
            publicHosts: config.PUBLIC_HOSTS,
            locks: createSignInLocksService({ attempts: loginAttempts, accounts: users, audit }),
          }),
          casesRoutes(caseService),
          inboxAttachmentRoutes(
            createInboxAttachmentService({ files: createInboxAttachmentRepository(store.db), audit }),
          ),
          inboxExtrasRoutes(
            createInboxExtrasService({
              store: createInboxExtrasRepository(store.db),
              audit,
              publisher,
              caseExists: (id) =>
                cases.summary(id).then(
                  () => true,
                  () => false,
                ),
            }),
          ),
          adminRoutes(deadLetters),
          auditRoutes(createAuditSearch(store.db), audit),
          statsRoutes(createStatsRepository(store.db), audit),
          legalHoldRoutes(createLegalHoldService({ store: createLegalHoldRepository(store.db), audit })),
          revealCountsRoutes(createRevealCountsService({ counts: createRevealCountsRepository(store.db), audit })),
          retentionRoutes(retention, retentionQueue),
          taxonomyRoutes(taxonomy),
          outcomesRoutes(
            createOutcomeService({
              store: createOutcomeRepository(store.db),
              cases,
              // The outbound worker's own choice of channel, asked before the reply is written.
              route: async (caseId) => {
                const target = await cases.replyTargets(caseId);
                const route = chooseRoute(connectors, target.channel, target.identities);
                return route ? { channel: route.channel, identityKind: route.to.kind } : null;
              },
              audit,
              publisher,
              enqueueOutbound: (messageId, caseId) => enqueueReplyBounded(producers, messageId, caseId, log),
            }),
          ),
          ...channels.flatMap((c) => c.privateRoutes ?? []),
          channelHealthRoutes(channelHealth),
          healthDetailRoutes(probes),
        ],
      });
      const server = createHttpServer(app);
      // Socket.IO's Redis adapter: presence and typing broadcasts cross api nodes.
      const adapterFailed = (err: unknown) => log.warn({ err }, 'socket adapter: Redis command failed');
      const adapterPub = swallowCommandFailures(createRedis(redisTarget, 'io-pub'), adapterFailed);
      const adapterSub = swallowCommandFailures(createRedis(redisTarget, 'io-sub'), adapterFailed);
      stops.push(async () => {
        adapterPub.disconnect();
        adapterSub.disconnect();
      });
      const gateway: Gateway = createGateway(
        server,
        auth,
        log.child({ component: 'gateway' }),
        createAdapter(adapterPub, adapterSub, { key: `${config.REDIS_PREFIX}:socket.io` }),
        { publicUrl: config.PUBLIC_URL, trustProxy: config.TRUST_PROXY },
      );
      gatewayRef = gateway;
      httpApp = app;
      metrics.setSocketCount(() => gateway.io.engine.clientsCount);
      const subscriber = createRedis(redisTarget, 'events');
      await publisher.subscribe(subscriber, (evs) => gateway.deliver(evs));
      stops.push(async () => void subscriber.disconnect());
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => resolve());
      });
      // gateway.close() closes the HTTP server as well.
      stops.push(() => gateway.close());
      const addr = server.address() as AddressInfo;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
      url = `http://${host}:${addr.port}`;
      log.info({ url, role: config.ROLE }, 'Kontakt listening');
    }

    return { url, metricsUrl, app: httpApp, store, firstAdmin, recoverNow, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
