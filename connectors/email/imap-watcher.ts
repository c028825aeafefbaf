import { setTimeout as delay } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';

export interface ImapTarget {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  folder: string;
}

/** Where the watcher stands in a mailbox; a different UIDVALIDITY means the UIDs mean nothing now. */
export interface MailboxCursor {
  uidValidity: string;
  lastUid: number;
}

export interface WatcherLog {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
  debug(o: object, msg: string): void;
}

export interface ImapWatcherOptions {
  name: string;
  imap: ImapTarget;
  /** Move processed mail to this folder (after it is durable); otherwise it is only marked \Seen. */
  moveTo?: string;
  batchSize: number;
  /** Messages of a batch handed over at the same time. */
  concurrency: number;
  /** Full look at the mailbox this often, in case a notification was missed. */
  resyncMs: number;
  backoff: { initialMs: number; maxMs: number };
  cursor: { load(): Promise<MailboxCursor | null>; save(c: MailboxCursor): Promise<void> };
  /**
   * Resolve only once the message is durable (or durably dead-lettered). A rejection leaves the
   * message unmarked and the cursor where it was: the next sync tries again.
   */
  onMessage(raw: Buffer, uid: number): Promise<void>;
  /** Mail larger than this is never fetched whole: only its header section goes to onWithheld. */
  maxRawBytes: number;
  /** Source bytes fetched together at most (a single mail up to maxRawBytes may exceed it, alone). */
  fetchBudgetBytes: number;
  /** An over-limit mail: its header section and its size. Same durability contract as onMessage. */
  onWithheld(headers: Buffer, uid: number, size: number): Promise<void>;
  log: WatcherLog;
}

/** The most of an over-limit mail's header section that is fetched: far more than any real mail's headers. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** One FETCH of whole sources, or one over-limit mail whose headers alone are fetched. */
export type FetchStep = { kind: 'whole'; uids: number[] } | { kind: 'headers'; uid: number; size: number };

/**
 * Plan the fetches for a batch from the sizes the server reported (RFC822.SIZE), in UID order:
 * consecutive mails share a FETCH while their total stays within the budget, a big one goes
 * alone, and one over the raw limit is never fetched whole. An unknown size counts as the limit,
 * so such a mail is fetched alone.
 */
export function planFetches(
  sized: { uid: number; size?: number | undefined }[],
  limits: { maxRawBytes: number; fetchBudgetBytes: number },
): FetchStep[] {
  const steps: FetchStep[] = [];
  let group: number[] = [];
  let bytes = 0;
  const flush = () => {
    if (group.length) steps.push({ kind: 'whole', uids: group });
    group = [];
    bytes = 0;
  };
  for (const m of [...sized].sort((a, b) => a.uid - b.uid)) {
    const size = m.size ?? limits.maxRawBytes;
    if (size > limits.maxRawBytes) {
      flush();
      steps.push({ kind: 'headers', uid: m.uid, size });
      continue;
    }
    if (group.length && bytes + size > limits.fetchBudgetBytes) flush();
    group.push(m.uid);
    bytes += size;
  }
  flush();
  return steps;
}

export interface WatcherStatus {
  name: string;
  connected: boolean;
  lastError: string | null;
  lastSyncAt: string | null;
  imported: number;
}

/**
 * One mailbox, watched for as long as the process runs: IDLE for new mail, a periodic resync, a
 * persisted cursor so a restart neither re-imports nor skips, reconnect with backoff after any loss.
 */
export function startImapWatcher(o: ImapWatcherOptions) {
  const state = { stopped: false };
  const abort = new AbortController();
  const status: WatcherStatus = { name: o.name, connected: false, lastError: null, lastSyncAt: null, imported: 0 };
  let client: ImapFlow | undefined;
  let syncing: Promise<void> | undefined;
  let again = false;

  /**
   * Fetch a batch and hand its messages over with bounded concurrency (the store round trips
   * overlap). Sizes come first, so that the source bytes held at once stay within the budget and an
   * over-limit mail is never downloaded. Returns the lowest UID that could not be made durable, if any.
   */
  const fetchAndAccept = async (c: ImapFlow, uids: number[]): Promise<{ done: number[]; failed: number | null }> => {
    const sized = await c.fetchAll(uids.join(','), { uid: true, size: true }, { uid: true });
    const done: number[] = [];
    let failed: number | null = null;
    const accept = async (uid: number, hand: () => Promise<void>) => {
      try {
        await hand();
        done.push(uid);
        status.imported++;
      } catch (err) {
        failed = failed === null ? uid : Math.min(failed, uid);
        status.lastError = (err as Error).message;
      }
    };
    for (const step of planFetches(sized, o)) {
      if (step.kind === 'headers') {
        // Messages expunged meanwhile are simply gone, as below. A header section has no size
        // limit of its own: only its first MAX_HEADER_BYTES are fetched (BODY.PEEK[HEADER]<0.n>).
        const headerPart = { key: 'header', maxLength: MAX_HEADER_BYTES };
        const [m] = await c.fetchAll(String(step.uid), { uid: true, bodyParts: [headerPart] }, { uid: true });
        const headers = m?.headers;
        if (headers) await accept(step.uid, () => o.onWithheld(headers, step.uid, step.size));
        continue;
      }
      const msgs = (await c.fetchAll(step.uids.join(','), { uid: true, source: true }, { uid: true }))
        .filter((m): m is typeof m & { source: Buffer } => !!m.source)
        .sort((a, b) => a.uid - b.uid);
      let next = 0;
      const lane = async () => {
        for (let m = msgs[next++]; m; m = msgs[next++]) {
          const { source, uid } = m;
          await accept(uid, () => o.onMessage(source, uid));
        }
      };
      await Promise.all(Array.from({ length: Math.min(o.concurrency, msgs.length) }, lane));
    }
    if (done.length) {
      const range = done.sort((a, b) => a - b).join(',');
      await c.messageFlagsAdd(range, ['\\Seen'], { uid: true });
      if (o.moveTo) await c.messageMove(range, o.moveTo, { uid: true });
    }
    return { done, failed };
  };

  const syncOnce = async (c: ImapFlow) => {
    const mailbox = c.mailbox;
    if (!mailbox) return;
    const uidValidity = String(mailbox.uidValidity);
    const saved = await o.cursor.load();
    // A new UIDVALIDITY: start from the beginning and let Message-ID dedup keep it exactly-once.
    let lastUid = saved && saved.uidValidity === uidValidity ? saved.lastUid : 0;
    if (saved && saved.uidValidity !== uidValidity) {
      o.log.warn({ mailbox: o.name, was: saved.uidValidity, now: uidValidity }, 'UIDVALIDITY changed: full resync');
    }
    const found = ((await c.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []) as number[];
    const backlog = found.filter((u) => u > lastUid).sort((a, b) => a - b);
    const snapshotMax = backlog[backlog.length - 1] ?? lastUid;
    const early = new Set<number>();
    for (let i = 0; i < backlog.length && !state.stopped; i += o.batchSize) {
      const slice = backlog.slice(i, i + o.batchSize);
      const batch = slice.filter((u) => !early.has(u));
      const { failed } = batch.length ? await fetchAndAccept(c, batch) : { failed: null };
      if (failed !== null) {
        // Not durable: the cursor stops just before it, and the next sync tries again from there.
        const below = slice.filter((u) => u < failed);
        if (below.length) await o.cursor.save({ uidValidity, lastUid: Math.max(lastUid, ...below) });
        return;
      }
      // Messages expunged between SEARCH and FETCH are simply gone: the cursor moves past them.
      lastUid = Math.max(lastUid, ...slice);
      await o.cursor.save({ uidValidity, lastUid });
      // New mail during a long backlog import goes first, so it waits at most one batch.
      if (again && i + o.batchSize < backlog.length) {
        again = false;
        const fresh = (((await c.search({ uid: `${snapshotMax + 1}:*` }, { uid: true })) || []) as number[]).filter(
          (u) => u > snapshotMax && !early.has(u),
        );
        if (fresh.length) {
          for (const u of (await fetchAndAccept(c, fresh.slice(0, o.batchSize))).done) early.add(u);
          again = fresh.length > o.batchSize;
        }
      }
    }
    if (early.size) {
      // Imported ahead of the cursor; now the cursor catches up past them.
      lastUid = Math.max(lastUid, ...early);
      await o.cursor.save({ uidValidity, lastUid });
    }
    status.lastSyncAt = new Date().toISOString();
  };

  /** Coalesces triggers: one sync at a time, and one more if anything arrived meanwhile. */
  const sync = (c: ImapFlow): Promise<void> => {
    if (syncing) {
      again = true;
      return syncing;
    }
    syncing = (async () => {
      try {
        do {
          again = false;
          await syncOnce(c);
        } while (again && !state.stopped);
      } catch (err) {
        status.lastError = (err as Error).message;
        o.log.warn({ mailbox: o.name, reason: (err as Error).message }, 'mailbox sync failed');
      } finally {
        syncing = undefined;
      }
    })();
    return syncing;
  };

  const loop = async () => {
    let attempt = 0;
    while (!state.stopped) {
      const c = new ImapFlow({
        host: o.imap.host,
        port: o.imap.port,
        secure: o.imap.secure,
        auth: { user: o.imap.user, pass: o.imap.pass },
        logger: false,
        // Credentials and bodies stay out of any log.
        emitLogs: false,
        // Enter IDLE soon after each sync, so new mail is announced within a second or two.
        autoIdleDelay: 1000,
      });
      client = c;
      const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
      c.on('error', (err: Error) => {
        status.lastError = err.message;
      });
      let timer: NodeJS.Timeout | undefined;
      try {
        await c.connect();
        await c.mailboxOpen(o.imap.folder);
        status.connected = true;
        status.lastError = null;
        attempt = 0;
        o.log.info({ mailbox: o.name }, 'mailbox connected');
        c.on('exists', () => void sync(c));
        timer = setInterval(() => void sync(c), o.resyncMs);
        await sync(c);
        await closed;
      } catch (err) {
        status.lastError = (err as Error).message;
        o.log.warn({ mailbox: o.name, reason: (err as Error).message }, 'mailbox connection failed');
        c.close();
      } finally {
        if (timer) clearInterval(timer);
        status.connected = false;
      }
      if (state.stopped) break;
      const wait = Math.min(o.backoff.maxMs, o.backoff.initialMs * 2 ** Math.min(attempt, 16));
      attempt++;
      o.log.info({ mailbox: o.name, delayMs: wait }, 'mailbox reconnecting');
      await delay(wait, undefined, { signal: abort.signal }).catch(() => {});
    }
  };

  const running = loop();
  return {
    status: (): WatcherStatus => ({ ...status }),
    /** Look at the mailbox now (tests, admin "check now"). */
    syncNow: async () => {
      if (client?.usable) await sync(client);
    },
    async stop() {
      state.stopped = true;
      abort.abort();
      const c = client;
      if (syncing) await syncing.catch(() => {});
      if (c?.usable) await c.logout().catch(() => c.close());
      else c?.close();
      await running;
    },
  };
}

export type ImapWatcher = ReturnType<typeof startImapWatcher>;
