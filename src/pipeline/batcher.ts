/**
 * A micro-batcher: callers submit one item each and get their own outcome back, while the items
 * travel to the store together (one statement, one transaction, one Redis round trip).
 *
 * Items wait in lanes. A lane flushes one batch at a time; what arrives while its flush is in
 * flight waits and goes with the next one, so batches grow with the load instead of flushes
 * piling up. Items with the same key always share a lane, which keeps their order and keeps two
 * flushes from working on the same thing at once. Pending items are bounded: past the limit a
 * submit is refused at once (the caller answers "try again"), never buffered without end.
 */

/** How soon lanes held back by `admitted` ask again when no flush ends in between. */
const HELD_RECHECK_MS = 10;

export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown };

export interface BatcherOptions<I, O> {
  /** Most items in one flush. */
  maxBatch: number;
  /** How long a lane's first item waits for company before its flush starts (0: until the tick ends). */
  windowMs: number;
  /** Items waiting in all lanes together; past it submit() rejects with BatcherFullError. */
  maxPending: number;
  /** Flushes that may run at once; each lane runs at most one. */
  lanes: number;
  /**
   * How many flushes may run at once right now (at least 1, at most `lanes`); asked before each
   * flush starts. A lane held back waits, its order kept, until a flush ends or a moment passes.
   * Default: all lanes.
   */
  admitted?(): number;
  /**
   * Handle a batch; answer one outcome per item, in order. A throw (or a wrong number of outcomes)
   * fails every item of the batch.
   */
  flush(items: I[]): Promise<Outcome<O>[]>;
}

export class BatcherFullError extends Error {
  /** Read by the HTTP error handler: the channel is told to come back, not that we failed. */
  readonly status = 503;
  constructor(readonly pending: number) {
    super(`intake busy: ${pending} items already waiting`);
    this.name = 'BatcherFullError';
  }
}

interface Waiting<I, O> {
  item: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

interface Lane<I, O> {
  queue: Waiting<I, O>[];
  flushing: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  scheduled: boolean;
}

/** A small, stable string hash (FNV-1a): the same key lands in the same lane in every process. */
function laneOf(key: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % lanes;
}

export interface Batcher<I, O> {
  /** Queue one item; resolves or rejects with that item's own outcome. */
  submit(item: I, key?: string): Promise<O>;
  /** Items waiting or in flight. */
  size(): number;
  /** Resolves once every item submitted so far is settled. */
  drain(): Promise<void>;
}

export function createBatcher<I, O>(opts: BatcherOptions<I, O>): Batcher<I, O> {
  const maxBatch = Math.max(1, opts.maxBatch);
  const lanes: Lane<I, O>[] = Array.from({ length: Math.max(1, opts.lanes) }, () => ({
    queue: [],
    flushing: false,
    timer: null,
    scheduled: false,
  }));
  let pending = 0;
  let inFlight = 0;
  let running = 0;
  /** Lanes with work that `admitted` held back, in the order they asked. */
  const held: Lane<I, O>[] = [];
  let recheck: ReturnType<typeof setTimeout> | null = null;
  const admits = () => running < Math.min(lanes.length, Math.max(1, opts.admitted?.() ?? lanes.length));
  const release = () => {
    while (held.length > 0 && admits()) void run(held.shift() as Lane<I, O>);
    if (held.length > 0 && !recheck) {
      // Nothing may end soon enough to release them: ask again in a moment.
      recheck = setTimeout(() => {
        recheck = null;
        release();
      }, HELD_RECHECK_MS);
      recheck.unref?.();
    }
  };
  let idleWaiters: (() => void)[] = [];

  const settleIdle = () => {
    if (pending + inFlight > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  /** Without a key: an idle lane if there is one, otherwise the one with the fewest waiting. */
  const pickLane = (key: string | undefined): Lane<I, O> => {
    if (key !== undefined) return lanes[laneOf(key, lanes.length)] as Lane<I, O>;
    let best = lanes[0] as Lane<I, O>;
    for (const l of lanes) {
      const load = l.queue.length + (l.flushing ? maxBatch : 0);
      const bestLoad = best.queue.length + (best.flushing ? maxBatch : 0);
      if (load < bestLoad) best = l;
    }
    return best;
  };

  const schedule = (lane: Lane<I, O>) => {
    if (lane.flushing || lane.queue.length === 0) return;
    if (lane.queue.length >= maxBatch) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
      void run(lane);
      return;
    }
    if (lane.timer || lane.scheduled) return;
    if (opts.windowMs <= 0) {
      lane.scheduled = true;
      setImmediate(() => {
        lane.scheduled = false;
        void run(lane);
      });
    } else {
      lane.timer = setTimeout(() => {
        lane.timer = null;
        void run(lane);
      }, opts.windowMs);
    }
  };

  const run = async (lane: Lane<I, O>) => {
    if (lane.flushing || lane.queue.length === 0) return;
    if (!admits()) {
      if (!held.includes(lane)) held.push(lane);
      release();
      return;
    }
    lane.flushing = true;
    running += 1;
    const batch = lane.queue.splice(0, maxBatch);
    pending -= batch.length;
    inFlight += batch.length;
    let outcomes: Outcome<O>[] | undefined;
    let failure: unknown;
    try {
      outcomes = await opts.flush(batch.map((w) => w.item));
      if (outcomes.length !== batch.length)
        throw new Error(`batch flush answered ${outcomes.length} outcomes for ${batch.length} items`);
    } catch (err) {
      failure = err;
    }
    batch.forEach((w, i) => {
      const o = outcomes?.[i];
      if (failure !== undefined || !o) w.reject(failure ?? new Error('no outcome'));
      else if (o.ok) w.resolve(o.value);
      else w.reject(o.error);
    });
    inFlight -= batch.length;
    lane.flushing = false;
    running -= 1;
    // Lanes held back go first; then what arrived during this flush (it has waited one flush).
    release();
    if (lane.queue.length > 0) void run(lane);
    settleIdle();
  };

  return {
    submit(item, key) {
      if (pending >= opts.maxPending) return Promise.reject(new BatcherFullError(pending));
      return new Promise<O>((resolve, reject) => {
        const lane = pickLane(key);
        lane.queue.push({ item, resolve, reject });
        pending += 1;
        schedule(lane);
      });
    },
    size: () => pending + inFlight,
    drain() {
      if (pending + inFlight === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
