import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Worker } from 'bullmq';
import { ConnectorRegistry } from '../connectors/registry.ts';
import type { ChannelContext, ChannelRuntime } from './channels/channel-module.ts';
import { readChannelsFile } from './channels/channels-file.ts';
import { CHANNEL_MODULES } from './channels/index.ts';
import { loadCaseworkConfig } from './config/casework-config.ts';
import type { Config } from './config/config.ts';
import { createAuthService } from './domain/auth.service.ts';
import { createCaseService } from './domain/case.service.ts';
import { createInboxAttachmentService } from './domain/inbox-attachments.service.ts';
import { createInboxExtrasService } from './domain/inbox-extras.service.ts';
import { setFirstResponseTargets } from './domain/service-levels.ts';
import { DEFAULT_CATEGORIES } from './domain/taxonomy.ts';
import { createHttpApp } from './http/app.ts';
import { loginLimiter } from './http/rate-limits.ts';
import { adminRoutes } from './http/routes/admin.routes.ts';
import { auditRoutes } from './http/routes/audit.routes.ts';
import { authRoutes } from './http/routes/auth.routes.ts';
import { casesRoutes } from './http/routes/cases.routes.ts';
import { healthRoutes } from './http/routes/health.routes.ts';
import { inboxAttachmentRoutes } from './http/routes/inbox-attachments.routes.ts';
import { inboxExtrasRoutes } from './http/routes/inbox-extras.routes.ts';
import { metricsRoutes } from './http/routes/metrics.routes.ts';
import { QUEUES_DASHBOARD_PATH, queuesDashboardRoutes } from './http/routes/queues.routes.ts';
import { reportStatusRoutes, statusLimiter } from './http/routes/report-status.routes.ts';
import { statsRoutes } from './http/routes/stats.routes.ts';
import { createGateway, type Gateway } from './inbox/gateway.ts';
import type { Logger } from './logging/logger.ts';
import { httpMetrics } from './observability/http-metrics.ts';
import { createMetrics, QUEUE_STATES } from './observability/metrics.ts';
import { startMetricsServer } from './observability/metrics-server.ts';
import { createAccept, enqueueReplyBounded } from './pipeline/accept.ts';
import { createDeadLetterService } from './pipeline/dead-letter.service.ts';
import { type EmbeddedRedis, startEmbeddedRedis } from './pipeline/embedded-redis.ts';
import { createEventPublisher, subscribeEvents } from './pipeline/event-bus.ts';
import { startInboundWorker } from './pipeline/inbound.worker.ts';
import { createLoginAttempts } from './pipeline/login-attempts.ts';
import { startOutboundWorker } from './pipeline/outbound.worker.ts';
import { createProducers } from './pipeline/producers.ts';
import { startRecoveryLoop } from './pipeline/recovery.ts';
import { createRedis, type RedisTarget, swallowCommandFailures } from './pipeline/redis.ts';
import { createAuditRepository, createAuditSearch } from './store/audit.repository.ts';
import { createBlobRepository } from './store/blob.repository.ts';
import { createCaseRepository } from './store/case.repository.ts';
import { openStore, type Store } from './store/db.ts';
import { createDeadLetterRepository, createInboundEventRepository } from './store/inbound-event.repository.ts';
import { createInboxAttachmentRepository } from './store/inbox-attachment.repository.ts';
import { createInboxExtrasRepository } from './store/inbox-extras.repository.ts';
import { createIngestUnitOfWork } from './store/ingest.repository.ts';
import { createReportStatusRepository } from './store/report-status.repository.ts';
import { createStatsRepository } from './store/stats.repository.ts';
import { createUserRepository } from './store/user.repository.ts';

const DEFAULT_WEB_INBOX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web-inbox/dist');

export interface Kontakt {
  /** Base URL of the HTTP server (api roles), e.g. http://127.0.0.1:3000 */
  url: string | null;
  /** Worker-only node with METRICS_PORT: where its GET /metrics answers. */
  metricsUrl: string | null;
  store: Store;
  /** Set when the first admin was created with a generated password: show it once. */
  firstAdmin: { email: string; generatedPassword?: string } | null;
  recoverNow(): Promise<number>;
  stop(): Promise<void>;
}

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
    });
    stops.push(() => store.close());
    log.info({ store: store.kind }, 'case store ready, migrations applied');

    const redis = createRedis(redisTarget, 'main');
    stops.push(async () => void redis.disconnect());
    const eventsChannel = `${config.REDIS_PREFIX}:events`;
    const publisher = createEventPublisher(redis, eventsChannel, (err) =>
      log.warn({ err }, 'event publish failed; clients catch up when they reconnect'),
    );

    const users = createUserRepository(store.db);
    const audit = createAuditRepository(store.db);
    const cases = createCaseRepository(store.db);
    const events = createInboundEventRepository(store.db);
    const deadLetterRepo = createDeadLetterRepository(store.db);
    const auth = createAuthService(users, audit, config.SESSION_TTL_HOURS, {
      attempts: createLoginAttempts(redis, config.REDIS_PREFIX, config.LOGIN_LOCKOUT_MINUTES * 60),
      maxFailures: config.LOGIN_LOCKOUT_ATTEMPTS,
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
      audit,
      publisher,
      producers,
      accept: createAccept(events, producers, log),
    };
    const channels: ChannelRuntime[] = [];
    for (const m of CHANNEL_MODULES) {
      const rt = (await m.init?.({ ...channelCtx, log: log.child({ channel: m.name }) })) ?? {};
      channels.push(rt);
      for (const c of rt.connectors ?? []) connectors.register(c);
      if (rt.stop) stops.push(rt.stop);
    }

    const runsApi = config.ROLE !== 'worker';
    const runsWorker = config.ROLE !== 'api';

    // Workers first, so that on shutdown (reverse order) HTTP stops taking work before workers stop.
    let recoverNow = async () => 0;
    let metricsUrl: string | null = null;
    if (runsWorker) {
      const workers: Worker[] = [
        startInboundWorker({
          redis: redisTarget,
          prefix: config.REDIS_PREFIX,
          concurrency: config.INBOUND_CONCURRENCY,
          ingest: createIngestUnitOfWork(store.db),
          ingestOptions: { reopenWindowMs: config.REOPEN_WINDOW_DAYS * 86_400_000, urgency: casework.urgency },
          events,
          deadLetters: deadLetterRepo,
          publisher,
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
        await Promise.all(workers.map((w) => w.close(true)));
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
    if (runsApi) {
      const categories = DEFAULT_CATEGORIES;
      const caseService = createCaseService({
        cases,
        audit,
        publisher,
        enqueueOutbound: (messageId, caseId) => enqueueReplyBounded(producers, messageId, caseId, log),
        categories,
        userExists: async (id) => (await users.byId(id))?.active === true,
      });
      const deadLetters = createDeadLetterService({ deadLetters: deadLetterRepo, events, producers, audit });
      const probes = [
        { name: 'database', check: () => store.ping() },
        { name: 'redis', check: async () => void (await redis.ping()) },
        ...channels.flatMap((c) => c.health ?? []),
      ];
      metrics.addProbes(probes);
      const app = createHttpApp({
        log,
        auth,
        trustProxy: config.TRUST_PROXY,
        webInboxDir: config.WEB_INBOX_DIR ?? DEFAULT_WEB_INBOX,
        publicRoutes: [
          httpMetrics(metrics, [QUEUES_DASHBOARD_PATH]),
          healthRoutes(probes),
          metricsRoutes(metrics, auth, config.METRICS_TOKEN),
          queuesDashboardRoutes(auth, [producers.queues.inbound, producers.queues.outbound]),
          ...channels.flatMap((c) => c.publicRoutes ?? []),
          reportStatusRoutes({
            lookup: createReportStatusRepository(store.db),
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
          authRoutes(auth, {
            secureCookies: config.TRUST_PROXY,
            sessionTtlHours: config.SESSION_TTL_HOURS,
            loginLimiter: loginLimiter(redis, { prefix: config.REDIS_PREFIX, limit: config.LOGIN_RATE_LIMIT, log }),
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
          statsRoutes(createStatsRepository(store.db)),
          ...channels.flatMap((c) => c.privateRoutes ?? []),
        ],
      });
      const server = http.createServer(app);
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
      );
      metrics.setSocketCount(() => gateway.io.engine.clientsCount);
      const subscriber = createRedis(redisTarget, 'events');
      await subscribeEvents(subscriber, eventsChannel, (evs) => gateway.deliver(evs));
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

    return { url, metricsUrl, store, firstAdmin, recoverNow, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
