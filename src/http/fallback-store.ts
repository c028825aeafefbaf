import { type ClientRateLimitInfo, MemoryStore, type Options, type Store } from 'express-rate-limit';
import { redisOrMemory } from '../pipeline/redis.ts';

/**
 * A limiter store that counts in Redis (shared by every api node) and, while Redis does not
 * answer, in this process's memory: the limit still holds per node instead of failing open
 * (everyone through) or closed (nobody signs in).
 */
export class FallbackStore implements Store {
  readonly localKeys = false;
  private readonly memory = new MemoryStore();
  private readonly which: ReturnType<typeof redisOrMemory>;

  constructor(
    private readonly primary: Store,
    onFallback: (err: unknown) => void,
  ) {
    this.which = redisOrMemory(onFallback);
  }

  init(options: Options): void {
    this.memory.init(options);
    // RedisStore loads its scripts here; with Redis away that rejects, and nobody else awaits it.
    Promise.resolve(this.primary.init?.(options)).catch((err: unknown) => this.which.down(err));
  }

  private use<T>(op: (s: Store) => Promise<T> | T): Promise<T> {
    return this.which.use(
      async () => op(this.primary),
      () => op(this.memory),
    );
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
