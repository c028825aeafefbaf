import type { ConnectorRegistry } from '../../connectors/registry.ts';
import type { ChannelRuntime } from '../channels/channel-module.ts';
import type { Config } from '../config/config.ts';
import type { KnownHashFile } from '../config/known-hashes-file.ts';
import type { TrustConfig } from '../config/trust-config.ts';
import type { AuthService } from '../domain/auth.service.ts';
import type { IngestOptions } from '../domain/ingest.service.ts';
import type { LoginAttemptsPort } from '../domain/login-throttle.ts';
import type { RetentionService } from '../domain/retention.service.ts';
import type { TaxonomyService } from '../domain/taxonomy.service.ts';
import type { TotpService } from '../domain/totp.service.ts';
import type { Logger } from '../logging/logger.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { EventBus } from '../pipeline/event-bus.ts';
import type { IntakePressure } from '../pipeline/intake-pressure.ts';
import type { Producers } from '../pipeline/producers.ts';
import type { createRedis, RedisTarget } from '../pipeline/redis.ts';
import type { RetentionQueue } from '../pipeline/retention.scheduler.ts';
import type { AuditRepository } from '../store/audit.repository.ts';
import type { CaseRepository } from '../store/case.repository.ts';
import type { Store } from '../store/db.ts';
import type { DeadLetterRepository } from '../store/dead-letter.repository.ts';
import type { InboundEventRepository } from '../store/inbound-event.repository.ts';
import type { UserRepository } from '../store/user.repository.ts';

/**
 * What every role stands on, built once by startKontakt (src/kontakt.ts) whatever the role: the
 * settings, the store, Redis, the event bus, the services both roles use, and the channels.
 */
export interface Core {
  config: Config;
  log: Logger;
  trust: TrustConfig;
  knownHashes: KnownHashFile;
  store: Store;
  redisTarget: RedisTarget;
  /** Plain Redis client (fails fast while Redis is down). */
  redis: ReturnType<typeof createRedis>;
  publisher: EventBus;
  users: UserRepository;
  audit: AuditRepository;
  cases: CaseRepository;
  events: InboundEventRepository;
  deadLetters: DeadLetterRepository;
  taxonomy: TaxonomyService;
  loginAttempts: LoginAttemptsPort;
  totp: TotpService;
  auth: AuthService;
  connectors: ConnectorRegistry;
  producers: Producers;
  metrics: Metrics;
  ingestOptions: IngestOptions;
  retention: RetentionService;
  retentionQueue: RetentionQueue;
  /** Set when one process takes and applies traffic: acknowledgements go first. */
  pressure: IntakePressure | null;
  channels: ChannelRuntime[];
  /** Registers a step of the shutdown; steps run in reverse order. */
  onStop(step: () => Promise<void>): void;
}
