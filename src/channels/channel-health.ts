import { Router } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { HealthProbe } from '../http/routes/health.routes.ts';
import { requireRole } from '../http/session.ts';
import type { ChannelHealthState } from '../inbox/contract.ts';

/**
 * A probe failure with a short reason code the inbox may show (never the error text,
 * which can carry host names or user names); the message stays for /healthz and the log.
 */
export class ProbeFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CODE = /^[a-z][a-z0-9-]{0,31}$/;
const codeOf = (err: unknown) => (err instanceof ProbeFailure && CODE.test(err.code) ? err.code : 'failing');

// ---- SMTP sending state, shared through Redis (sends happen on worker nodes) ----

export interface SmtpSendState {
  ok: boolean;
  /** When the current state began (ISO). */
  since: string;
  code: string | null;
}

/** Which SMTP failures say the mailbox cannot send at all (not that one message or recipient was refused). */
export function smtpFailureCode(err: unknown): string | null {
  const e = (err ?? {}) as { code?: string; responseCode?: number };
  const rc = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (e.code === 'EAUTH' || rc === 530 || rc === 534 || rc === 535) return 'auth';
  if (rc !== null && rc >= 400 && rc < 500) return 'temporary';
  // Any other 5xx, a refused recipient or message: that message's problem, not the mailbox's.
  if (rc !== null || e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return null;
  // ECONNECTION, ETIMEDOUT, ESOCKET, EDNS, ETLS and the like: the server cannot be reached.
  return 'connection';
}

export function createSmtpHealth(redis: Redis, prefix: string) {
  const key = (mailbox: string) => `${prefix}:smtp-status:${mailbox}`;
  const read = async (mailbox: string): Promise<SmtpSendState | null> => {
    const raw = await redis.get(key(mailbox));
    return raw ? (JSON.parse(raw) as SmtpSendState) : null;
  };
  return {
    read,
    /** Records a send (or check) outcome; `since` moves only when the state changes. */
    async record(mailbox: string, failure: string | null): Promise<void> {
      const prev = await read(mailbox);
      const ok = failure === null;
      if (prev && prev.ok === ok && prev.code === failure) return;
      const next: SmtpSendState = { ok, since: new Date().toISOString(), code: failure };
      await redis.set(key(mailbox), JSON.stringify(next));
    },
    probe(mailbox: string): HealthProbe {
      return {
        name: `smtp:${mailbox}`,
        async check() {
          const s = await read(mailbox);
          if (s && !s.ok) throw new ProbeFailure(s.code ?? 'failing', `sending from ${mailbox} fails (${s.code})`);
        },
      };
    },
  };
}

/**
 * Worker side: while a mailbox's sending is failing, a cheap check (SMTP verify) on a backoff
 * brings it back without waiting for the next reply.
 */
export function startSmtpRecheck(opts: {
  mailboxes: string[];
  health: ReturnType<typeof createSmtpHealth>;
  verify(mailbox: string): Promise<void>;
  initialMs: number;
  maxMs: number;
  log: Logger;
}): () => void {
  const delay = new Map<string, number>();
  const due = new Map<string, number>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    for (const m of opts.mailboxes) {
      if (stopped) return;
      const s = await opts.health.read(m).catch(() => null);
      if (!s || s.ok) {
        delay.delete(m);
        due.delete(m);
        continue;
      }
      const now = Date.now();
      if ((due.get(m) ?? 0) > now) continue;
      try {
        await opts.verify(m);
        await opts.health.record(m, null);
        opts.log.info({ mailbox: m }, 'SMTP sending recovered');
        delay.delete(m);
        due.delete(m);
      } catch (err) {
        const d = Math.min((delay.get(m) ?? opts.initialMs / 2) * 2, opts.maxMs);
        delay.set(m, d);
        due.set(m, now + d);
        const code = smtpFailureCode(err) ?? 'failing';
        await opts.health.record(m, code).catch(() => {});
      }
    }
  };
  const loop = () => {
    timer = setTimeout(
      () => {
        void tick()
          .catch((err) => opts.log.warn({ err }, 'SMTP recheck failed'))
          .finally(() => {
            if (!stopped) loop();
          });
      },
      Math.min(opts.initialMs, 1000),
    );
    timer.unref();
  };
  loop();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

// ---- the api node's view of every channel probe ----

/** Polls the channel probes every few seconds and reports each change of the whole list. */
export function createChannelHealthMonitor(opts: {
  probes: HealthProbe[];
  intervalMs: number;
  timeoutMs?: number;
  onChange(states: ChannelHealthState[]): void;
  log: Logger;
}) {
  const states = new Map<string, ChannelHealthState>(
    opts.probes.map((p) => [p.name, { name: p.name, ok: true, since: new Date().toISOString(), reason: null }]),
  );
  let first: Promise<void> | null = null;
  const timeoutMs = opts.timeoutMs ?? 2000;
  const check = (p: HealthProbe) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new ProbeFailure('timeout', 'timed out')), timeoutMs);
      p.check().then(
        () => {
          clearTimeout(t);
          resolve();
        },
        (e) => {
          clearTimeout(t);
          reject(e);
        },
      );
    });
  const poll = async () => {
    let changed = false;
    await Promise.all(
      opts.probes.map(async (p) => {
        let reason: string | null = null;
        try {
          await check(p);
        } catch (err) {
          reason = codeOf(err);
        }
        const prev = states.get(p.name);
        if (prev && prev.ok === (reason === null) && prev.reason === reason) return;
        changed = true;
        if (reason) opts.log.warn({ probe: p.name, reason }, 'channel unhealthy');
        else opts.log.info({ probe: p.name }, 'channel healthy again');
        states.set(p.name, { name: p.name, ok: reason === null, since: new Date().toISOString(), reason });
      }),
    );
    if (changed) opts.onChange(list());
  };
  const list = () => [...states.values()].sort((a, b) => a.name.localeCompare(b.name));
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    timer = setTimeout(() => {
      running = poll()
        .catch((err) => opts.log.warn({ err }, 'channel health poll failed'))
        .finally(() => {
          if (!stopped) loop();
        });
    }, opts.intervalMs);
    timer.unref();
  };
  return {
    start() {
      first = poll().catch((err) => opts.log.warn({ err }, 'channel health poll failed'));
      void first.finally(() => {
        if (!stopped) loop();
      });
    },
    /** The current list, after the first poll. */
    async current(): Promise<ChannelHealthState[]> {
      await first;
      return list();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/** GET /api/channels/health: every signed-in role; names, states and reason codes only. */
export function channelHealthRoutes(monitor: { current(): Promise<ChannelHealthState[]> }): Router {
  const r = Router();
  r.get('/api/channels/health', requireRole('counselor', 'supervisor', 'admin'), async (_req, res) => {
    const channels = await monitor.current();
    res.json({ ok: channels.every((c) => c.ok), channels });
  });
  return r;
}
