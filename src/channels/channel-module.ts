import type { Queue } from 'bullmq';
import type { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AnyEnvelope, Connector } from '../../connectors/contract.ts';
import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { Config } from '../config/config.ts';
import type { IngestOptions } from '../domain/ingest.service.ts';
import type { EventPublisher } from '../domain/views.ts';
import type { HealthProbe } from '../http/routes/health.routes.ts';
import type { Producers } from '../pipeline/producers.ts';
import type { RedisTarget } from '../pipeline/redis.ts';
import type { AuditRepository } from '../store/audit.repository.ts';
import type { BlobRepository } from '../store/blob.repository.ts';
import type { CaseRepository } from '../store/case.repository.ts';
import type { Db } from '../store/db.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';

/** What the composition root hands every channel module. */
export interface ChannelContext {
  config: Config;
  /** The raw environment: each channel parses its own settings with zod, failing fast at start. */
  env: NodeJS.ProcessEnv;
  /** The parsed CHANNELS_FILE (empty when unset): each channel validates its own section. */
  channelsFile: Record<string, unknown>;
  db: Db;
  log: Logger;
  /** Plain Redis client (fails fast while Redis is down). */
  redis: Redis;
  redisTarget: RedisTarget;
  connectors: ConnectorRegistry;
  events: InboundEventRepository;
  /** For input that cannot even become an envelope (unparseable mail): kept with its reason. */
  deadLetters: DeadLetterRepository;
  /** Quarantine storage for attachment bytes and raw sources (content-addressed). */
  blobs: BlobRepository;
  cases: CaseRepository;
  /** Reopen window and the configured urgency rules: whatever a channel applies itself uses these. */
  ingestOptions: IngestOptions;
  /** Where a category code stands in the admins' taxonomy (active, retired, unknown). */
  categoryState(code: string): Promise<'active' | 'retired' | null>;
  audit: AuditRepository;
  publisher: EventPublisher;
  producers: Producers;
  /**
   * Record an envelope durably (its job goes to Redis right after, without the caller waiting).
   * Call it before acknowledging the channel. A redelivery returns created=false.
   */
  accept(
    envelope: AnyEnvelope,
    /** Quarantined bytes the envelope refers to by sha256, written in the same transaction. */
    files?: { bytes: Buffer; contentType: string }[],
  ): Promise<{ eventId: string; created: boolean }>;
}

/**
 * One channel's wiring: its connector, its HTTP routes and its long-running watchers.
 * Modules are listed explicitly in channels/index.ts (referrals, not a channel but on the same hooks,
 * are appended by src/kontakt.ts); nothing is discovered by scanning.
 */
export interface ChannelModule {
  readonly name: string;
  /** Runs in every role, before anything else of the module; may throw to stop a bad start. */
  init?(ctx: ChannelContext): Promise<ChannelRuntime> | ChannelRuntime;
}

export interface ChannelRuntime {
  /** Registered in the connector registry (replies go out through it). */
  connectors?: Connector[];
  /** Routes that need no session (webhooks, public pages), api role only. */
  publicRoutes?: Router[];
  /** Counselor routes (session loaded, JSON writes), api role only. */
  privateRoutes?: Router[];
  /** Counselor routes whose JSON body may exceed the API's limit (uploads); parsed after sign-in only. */
  largeJsonRoutes?: { path: string; limitBytes: number }[];
  health?: HealthProbe[];
  /** BullMQ queues of its own: shown on the admin queue dashboard and in /metrics. */
  queues?: { name: string; queue: Queue }[];
  /** Watchers and schedulers, worker role only; returns its stop function. */
  startWorker?(): Promise<() => Promise<void>>;
  /** Resources held in every role (clients, pools). */
  stop?(): Promise<void>;
  /**
   * Worker role: called after an envelope of any channel was applied and its events published
   * (an automatic acknowledgement for a new e-mail case). Errors are logged, never retried.
   */
  onApplied?(applied: AppliedEnvelope): Promise<void>;
}

export interface AppliedEnvelope {
  envelope: AnyEnvelope;
  outcome: 'applied' | 'duplicate' | 'updated';
  caseId: string | null;
  messageId: string | null;
  createdCase: boolean;
}
