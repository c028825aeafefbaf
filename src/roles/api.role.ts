import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Express } from 'express';
import { channelHealthRoutes, createChannelHealthMonitor } from '../channels/channel-health.ts';
import { networkMatcher } from '../config/networks.ts';
import { createCaseService } from '../domain/case.service.ts';
import { createCaseMergeService } from '../domain/case-merge.service.ts';
import { createInboxAttachmentService } from '../domain/inbox-attachments.service.ts';
import { createInboxExtrasService } from '../domain/inbox-extras.service.ts';
import { createLegalHoldService } from '../domain/legal-hold.service.ts';
import { createOutcomeService } from '../domain/outcomes.ts';
import { createPeopleService } from '../domain/people.service.ts';
import { createRevealCountsService } from '../domain/reveal-counts.ts';
import { createSignInLocksService } from '../domain/sign-in-locks.service.ts';
import { createUserAdminService } from '../domain/user-admin.service.ts';
import { createHttpApp } from '../http/app.ts';
import { createHttpServer } from '../http/http-server.ts';
import { loginLimiter } from '../http/rate-limits.ts';
import { accountRoutes } from '../http/routes/account.routes.ts';
import { adminRoutes } from '../http/routes/admin.routes.ts';
import { auditRoutes } from '../http/routes/audit.routes.ts';
import { authRoutes } from '../http/routes/auth.routes.ts';
import { casesRoutes } from '../http/routes/cases.routes.ts';
import { healthDetailRoutes, healthRoutes } from '../http/routes/health.routes.ts';
import { inboxAttachmentRoutes } from '../http/routes/inbox-attachments.routes.ts';
import { inboxExtrasRoutes } from '../http/routes/inbox-extras.routes.ts';
import { legalHoldRoutes } from '../http/routes/legal-hold.routes.ts';
import { metricsRoutes } from '../http/routes/metrics.routes.ts';
import { outcomesRoutes } from '../http/routes/outcomes.routes.ts';
import { peopleRoutes } from '../http/routes/people.routes.ts';
import { QUEUES_DASHBOARD_PATH, queuesDashboardRoutes } from '../http/routes/queues.routes.ts';
import { retentionRoutes } from '../http/routes/retention.routes.ts';
import { revealCountsRoutes } from '../http/routes/reveal-counts.routes.ts';
import { statsRoutes } from '../http/routes/stats.routes.ts';
import { taxonomyRoutes } from '../http/routes/taxonomy.routes.ts';
import { usersRoutes } from '../http/routes/users.routes.ts';
import { INBOX_ROOM } from '../inbox/contract.ts';
import { createGateway, type Gateway } from '../inbox/gateway.ts';
import { httpMetrics } from '../observability/http-metrics.ts';
import { enqueueReplyBounded } from '../pipeline/accept.ts';
import { createDeadLetterService } from '../pipeline/dead-letter.service.ts';
import { createRedis, swallowCommandFailures } from '../pipeline/redis.ts';
import { replyRouteOf } from '../pipeline/reply-route.ts';
import { createAccountRepository } from '../store/account.repository.ts';
import { createAuditSearch } from '../store/audit.repository.ts';
import { createCaseMergeRepository } from '../store/case-merge.repository.ts';
import { createInboxAttachmentRepository } from '../store/inbox-attachment.repository.ts';
import { createInboxExtrasRepository } from '../store/inbox-extras.repository.ts';
import { createLegalHoldRepository } from '../store/legal-hold.repository.ts';
import { createOutcomeRepository } from '../store/outcome.repository.ts';
import { createPeopleRepository } from '../store/people.repository.ts';
import { createRevealCountsRepository } from '../store/reveal-counts.repository.ts';
import { createStatsRepository } from '../store/stats.repository.ts';
import type { Core } from './core.ts';
import { recordParts } from './record.parts.ts';

const DEFAULT_WEB_INBOX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web-inbox/dist');

export interface ApiRole {
  /** Base URL of the HTTP server, e.g. http://127.0.0.1:3000 */
  url: string;
  app: Express;
}

/**
 * The api role: the HTTP app with every route, the Socket.IO gateway and its Redis adapter, and
 * the channel health the inbox shows. Every stop goes to core.onStop.
 */
export async function startApiRole(core: Core): Promise<ApiRole> {
  const { config, log, store, redis, redisTarget, audit, auth, cases, publisher, producers, channels } = core;
  // Set once the gateway exists; user management drops a deactivated user's sockets through it.
  let gatewayRef: Gateway | undefined;
  const userAdmin = createUserAdminService({
    store: createAccountRepository(store.db),
    audit,
    kick: (userId) => gatewayRef?.kick(userId),
    linkTtlHours: config.ACCOUNT_LINK_TTL_HOURS,
    resetTotp: (actor, userId) => core.totp.reset(actor, userId),
    reauthenticate: (user, password, ip) => auth.reauthenticate(user, password, ip),
  });
  const signInLimiter = loginLimiter(redis, {
    prefix: config.REDIS_PREFIX,
    limit: config.LOGIN_RATE_LIMIT,
    log,
    trusted: networkMatcher(config.TRUSTED_NETWORKS),
  });
  const enqueueOutbound = (messageId: string, caseId: string) => enqueueReplyBounded(producers, messageId, caseId, log);
  const record = recordParts(core);
  const caseService = createCaseService({
    cases,
    audit,
    publisher,
    enqueueOutbound,
    categoryState: (code) => core.taxonomy.state(code),
    userExists: async (id) => (await core.users.byId(id))?.active === true,
    record: record.caseRecord,
  });
  const deadLetters = createDeadLetterService({
    deadLetters: core.deadLetters,
    producers,
    audit,
  });
  const channelProbes = channels.flatMap((c) => c.health ?? []);
  const probes = [
    { name: 'database', check: () => store.ping() },
    { name: 'redis', check: async () => void (await redis.ping()) },
    ...channelProbes,
  ];
  core.metrics.addProbes(probes);
  // The inbox's view of the channels: polled here, pushed to every signed-in socket on a change.
  const channelHealth = createChannelHealthMonitor({
    probes: channelProbes,
    intervalMs: config.CHANNEL_HEALTH_POLL_MS,
    onChange: (list) => gatewayRef?.io.local.to(INBOX_ROOM).emit('channels:health', { channels: list }),
    log: log.child({ component: 'channel-health' }),
  });
  channelHealth.start();
  core.onStop(() => channelHealth.stop());

  // The inbox's own origin: its socket and the queues dashboard's writes come from nowhere else.
  const originRule = { publicUrl: config.PUBLIC_URL, trustProxy: config.TRUST_PROXY };
  const app = createHttpApp({
    log,
    auth,
    trustProxy: config.TRUST_PROXY,
    webInboxDir: config.WEB_INBOX_DIR ?? DEFAULT_WEB_INBOX,
    publicRoutes: [
      httpMetrics(core.metrics, [QUEUES_DASHBOARD_PATH]),
      healthRoutes(probes),
      metricsRoutes(core.metrics, auth, config.METRICS_TOKEN),
      queuesDashboardRoutes(
        auth,
        [
          producers.queues.inbound,
          producers.queues.outbound,
          core.retentionQueue.queue,
          ...channels.flatMap((c) => (c.queues ?? []).map((q) => q.queue)),
        ],
        originRule,
      ),
      ...channels.flatMap((c) => c.publicRoutes ?? []),
    ],
    largeJsonRoutes: channels.flatMap((c) => c.largeJsonRoutes ?? []),
    privateRoutes: [
      authRoutes(auth, { sessionTtlHours: config.SESSION_TTL_HOURS, loginLimiter: signInLimiter }),
      accountRoutes(userAdmin, core.totp, { limiter: signInLimiter }),
      usersRoutes(userAdmin, {
        ...(config.PUBLIC_URL && { publicUrl: config.PUBLIC_URL }),
        publicHosts: config.PUBLIC_HOSTS,
        locks: createSignInLocksService({ attempts: core.loginAttempts, accounts: core.users, audit }),
      }),
      casesRoutes(caseService),
      peopleRoutes(
        createPeopleService({ store: createPeopleRepository(store.db), audit, publisher }),
        createCaseMergeService({ store: createCaseMergeRepository(store.db), audit, publisher }),
      ),
      inboxAttachmentRoutes(createInboxAttachmentService({ files: createInboxAttachmentRepository(store.db), audit })),
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
      legalHoldRoutes(createLegalHoldService({ store: createLegalHoldRepository(store.db) })),
      revealCountsRoutes(createRevealCountsService({ counts: createRevealCountsRepository(store.db), audit })),
      retentionRoutes(core.retention, core.retentionQueue),
      taxonomyRoutes(core.taxonomy),
      ...record.routes,
      outcomesRoutes(
        createOutcomeService({
          store: createOutcomeRepository(store.db),
          cases,
          route: replyRouteOf(cases, core.connectors),
          audit,
          publisher,
          enqueueOutbound,
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
  core.onStop(async () => {
    adapterPub.disconnect();
    adapterSub.disconnect();
  });
  const gateway: Gateway = createGateway(
    server,
    auth,
    log.child({ component: 'gateway' }),
    createAdapter(adapterPub, adapterSub, { key: `${config.REDIS_PREFIX}:socket.io` }),
    originRule,
  );
  gatewayRef = gateway;
  core.metrics.setSocketCount(() => gateway.io.engine.clientsCount);
  const subscriber = createRedis(redisTarget, 'events');
  await publisher.subscribe(subscriber, (evs) => gateway.deliver(evs));
  core.onStop(async () => void subscriber.disconnect());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  // gateway.close() closes the HTTP server as well.
  core.onStop(() => gateway.close());
  const addr = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${addr.port}`;
  log.info({ url, role: config.ROLE }, 'Kontakt listening');
  return { url, app };
}
