import type { Worker } from 'bullmq';
import { createKnownHashRecheck, watchKnownHashes } from '../domain/known-hash-recheck.ts';
import { startMetricsServer } from '../observability/metrics-server.ts';
import { startInboundWorker } from '../pipeline/inbound.worker.ts';
import { startOutboundWorker } from '../pipeline/outbound.worker.ts';
import { startRecoveryLoop } from '../pipeline/recovery.ts';
import { startRetentionWorker } from '../pipeline/retention.scheduler.ts';
import { closeWorkers } from '../pipeline/worker-shutdown.ts';
import { loadAppliedViews } from '../store/case-views.ts';
import { createBatchIngest } from '../store/ingest.repository.ts';
import { createKnownHashRecheckRepository } from '../store/known-hash-recheck.repository.ts';
import type { Core } from './core.ts';

export interface WorkerRole {
  /** Runs the recovery sweep now (tests, and the start). */
  recoverNow(): Promise<number>;
  /** Worker-only node with METRICS_PORT: where its GET /metrics answers. */
  metricsUrl: string | null;
}

/**
 * The worker role: the inbound and outbound queue workers, the recovery sweep, the channels'
 * watchers and schedulers, retention and the known-hash re-check. Every stop goes to core.onStop.
 */
export async function startWorkerRole(core: Core): Promise<WorkerRole> {
  const { config, log, redisTarget, store, pressure, publisher, channels, metrics } = core;
  const workers: Worker[] = [
    startInboundWorker({
      redis: redisTarget,
      prefix: config.REDIS_PREFIX,
      lockMs: config.JOB_LOCK_SEC * 1000,
      concurrency: config.INBOUND_CONCURRENCY,
      batch: { size: config.INBOUND_BATCH_SIZE, waitMs: config.INBOUND_BATCH_WAIT_MS },
      ...(pressure && { admitted: pressure.admitted, readsAtOnce: () => !pressure.underPressure() }),
      ingest: createBatchIngest(store.db),
      ingestOptions: core.ingestOptions,
      events: core.events,
      deadLetters: core.deadLetters,
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
      cases: core.cases,
      connectors: core.connectors,
      deadLetters: core.deadLetters,
      publisher,
      log: log.child({ worker: 'outbound' }),
    }),
  ];
  core.onStop(() => closeWorkers(workers, config.SHUTDOWN_GRACE_MS));

  const recovery = startRecoveryLoop({
    events: core.events,
    stalledReplies: (olderThan, limit) => core.cases.stalledReplies(olderThan, limit),
    producers: core.producers,
    intervalMs: config.RECOVERY_INTERVAL_SEC * 1000,
    graceMs: config.RECOVERY_GRACE_SEC * 1000,
    log: log.child({ component: 'recovery' }),
  });
  core.onStop(async () => recovery.stop());
  // At start, everything unapplied is suspect: Redis may have been restarted without its data.
  await recovery.runOnce(0);

  for (const rt of channels) if (rt.startWorker) core.onStop(await rt.startWorker());

  const retentionWorker = startRetentionWorker({
    redis: redisTarget,
    prefix: config.REDIS_PREFIX,
    retention: core.retention,
    log: log.child({ worker: 'retention' }),
  });
  core.onStop(() => retentionWorker.close());
  const { trust } = core;
  // Not awaited: a Redis that is down at start must not keep the node from starting; logged.
  void (
    trust.retentionEnabled
      ? core.retentionQueue.schedule(trust.retentionCron, trust.retentionTimezone)
      : core.retentionQueue.unschedule()
  ).catch((err) => log.warn({ err }, 'retention schedule could not be set; it is set again at the next start'));

  const stopHashWatch = watchKnownHashes({
    list: core.knownHashes,
    recheck: createKnownHashRecheck({ store: createKnownHashRecheckRepository(store.db), publisher }),
    pollSeconds: trust.knownHashesPollSeconds,
    log: log.child({ component: 'known-hashes' }),
  });
  core.onStop(async () => stopHashWatch());

  let metricsUrl: string | null = null;
  // An api node answers /metrics itself; a worker-only node may listen on a port of its own.
  if (config.ROLE === 'worker' && config.METRICS_PORT !== undefined) {
    const m = await startMetricsServer({
      metrics,
      auth: core.auth,
      token: config.METRICS_TOKEN,
      host: config.HOST,
      port: config.METRICS_PORT,
    });
    core.onStop(m.close);
    metricsUrl = m.url;
    log.info({ url: m.url }, 'worker metrics listening');
  }
  return { recoverNow: () => recovery.runOnce(0), metricsUrl };
}
