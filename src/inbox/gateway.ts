import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { AuthService, AuthUser } from '../domain/auth.service.ts';
import type { DomainEvent } from '../domain/views.ts';
import { tokenFromCookieHeader } from '../http/session.ts';
import { type ClientToServerEvents, caseRoom, INBOX_ROOM, type ServerToClientEvents } from './contract.ts';

interface SocketData {
  user: AuthUser;
  token: string;
}

const watchSchema = z.object({ caseId: z.uuid() });

/** How often a connected socket's session is checked again (signed out elsewhere, expired, deactivated). */
const SESSION_RECHECK_MS = 60_000;

/**
 * Socket.IO on the HTTP port, authenticated by the same session cookie as the API. It only relays:
 * domain events arrive from the bus after their transaction committed.
 */
export function createGateway(http: HttpServer, auth: AuthService, log: Logger) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Same-origin only: the inbox is served by this server.
    cors: { origin: false },
  });

  io.use(async (socket, next) => {
    const token = tokenFromCookieHeader(socket.handshake.headers.cookie);
    const user = token ? await auth.userForToken(token).catch(() => undefined) : undefined;
    if (!token || !user) {
      next(new Error('unauthenticated'));
      return;
    }
    socket.data = { user, token };
    next();
  });

  io.on('connection', (socket) => {
    void socket.join([INBOX_ROOM, `user:${socket.data.user.id}`]);
    socket.emit('hello', { userId: socket.data.user.id, serverTime: new Date().toISOString() });

    socket.on('case:watch', (payload, ack) => {
      const p = watchSchema.safeParse(payload);
      if (p.success) void socket.join(caseRoom(p.data.caseId));
      if (typeof ack === 'function') ack({ ok: p.success });
    });
    socket.on('case:unwatch', (payload) => {
      const p = watchSchema.safeParse(payload);
      if (p.success) void socket.leave(caseRoom(p.data.caseId));
    });
  });

  const recheck = setInterval(async () => {
    for (const socket of await io.fetchSockets()) {
      const still = await auth.userForToken(socket.data.token).catch(() => 'unknown' as const);
      if (still === undefined) socket.disconnect(true);
    }
  }, SESSION_RECHECK_MS);
  recheck.unref();

  return {
    io,
    /** Relay committed domain events to every signed-in counselor. */
    deliver(events: DomainEvent[]) {
      for (const e of events) {
        const { type, ...payload } = e;
        io.to(INBOX_ROOM).emit(type, payload as never);
      }
      log.debug({ count: events.length }, 'events relayed');
    },
    async close() {
      clearInterval(recheck);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
