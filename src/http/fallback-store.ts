import { type ClientRateLimitInfo, MemoryStore, type Options, type Store } from 'express-rate-limit';

/** After a failed Redis command, how long to count in memory before asking Redis again. */
const RETRY_PRIMARY_AFTER_MS = 5_000;

/**
 * A limiter store that counts in Redis (shared by every api node) and, while Redis does not
 * answer, in this process's memory: the limit still holds per node instead of failing open
 * (everyone through) or closed (nobody signs in).
 */
export class FallbackStore implements Store {
  readonly localKeys = false;
  private readonly memory = new MemoryStore();
  private primaryDownUntil = 0;

  constructor(
    private readonly primary: Store,
    private readonly onFallback: (err: unknown) => void,
  ) {}

  init(options: Options): void {
    this.memory.init(options);
    // RedisStore loads its scripts here; with Redis away that rejects, and nobody else awaits it.
    Promise.resolve(this.primary.init?.(options)).catch((err: unknown) => this.down(err));
  }

  private down(err: unknown): void {
    this.primaryDownUntil = Date.now() + RETRY_PRIMARY_AFTER_MS;
    this.onFallback(err);
  }

  private async use<T>(op: (s: Store) => Promise<T> | T): Promise<T> {
    if (Date.now() >= this.primaryDownUntil) {
      try {
        return await op(this.primary);
      } catch (err) {
        this.down(err);
      }
    }
    return op(this.memory);
  }

  increment(key: string): Promise<ClientRateLimitInfo> {
    return this.use((s) => s.increment(key));
  }

  decrement(key: string): Promise<void> {
    return this.use((s) => s.decrement(key));
  }

  resetKey(key: string): Promise<void> {
    return this.use((s) => s.resetKey(key));
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.use((s) => s.get?.(key));
  }
}
