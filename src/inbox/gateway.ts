import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server, type ServerOptions } from 'socket.io';
import { z } from 'zod';
import type { AuthService, AuthUser } from '../domain/auth.service.ts';
import { counselorEvent } from '../domain/known-material-view.ts';
import { isStaff, type Role } from '../domain/taxonomy.ts';
import { urlAudience } from '../domain/url-items.ts';
import type { DomainEvent } from '../domain/views.ts';
import { type OriginRule, originAllowed } from '../http/same-origin.ts';
import { tokenFromCookieHeader } from '../http/session.ts';
import { type ClientToServerEvents, caseRoom, INBOX_ROOM, type ServerToClientEvents } from './contract.ts';
import { noticesFor } from './notify.ts';
import { presenceOf, type SocketPresence } from './presence.ts';
import { socketEventAllowed } from './socket-roles.ts';

interface SocketData {
  user: AuthUser;
  token: string;
  presence: SocketPresence;
}

const userRoom = (userId: string) => `user:${userId}`;
/** Every socket is in exactly one role room (a role change disconnects the user's sockets). */
const roleRoom = (role: Role) => `role:${role}`;
const watchSchema = z.object({ caseId: z.uuid() });
const typingSchema = z.object({ caseId: z.uuid(), typing: z.boolean() });
/** A counselor has one case open per tab; a few more covers quick switching without leaks. */
const MAX_WATCHED = 10;

/** How often a connected socket's session is checked again (signed out elsewhere, expired, deactivated). */
const SESSION_RECHECK_MS = 60_000;

/**
 * Socket.IO on the HTTP port, authenticated by the same session cookie as the API. It only relays:
 * domain events arrive from the bus after their transaction committed.
 */
/**
 * With `adapter` (the Socket.IO Redis adapter), room broadcasts such as presence and typing reach
 * counselors connected to any api node; domain events are relayed with io.local, since every node
 * receives them from the event bus itself.
 */
export function createGateway(
  http: HttpServer,
  auth: AuthService,
  log: Logger,
  adapter?: ServerOptions['adapter'],
  origin: OriginRule = { trustProxy: false },
) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // Same-origin only: the inbox is served by this server.
    cors: { origin: false },
    // CORS does not bind a WebSocket: the handshake itself checks the page's Origin (every transport).
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, origin);
      if (!ok)
        log.warn(
          { origin: String(req.headers.origin).slice(0, 200) },
          'socket handshake from a foreign origin refused',
        );
      callback(ok ? null : 'origin not allowed', ok);
    },
    ...(adapter && { adapter }),
  });

  io.use(async (socket, next) => {
    const token = tokenFromCookieHeader(socket.handshake.headers.cookie);
    const user = token ? await auth.userForToken(token).catch(() => undefined) : undefined;
    if (!token || !user) {
      next(new Error('unauthenticated'));
      return;
    }
    socket.data = { user, token, presence: { watching: [], typingIn: null } };
    next();
  });

  /**
   * Presence is read back from the sockets themselves (fetchSockets), not from a map in this
   * process: with the Socket.IO Redis adapter the same call sees every node's sockets.
   */
  const broadcastPresence = async (caseId: string) => {
    const [presence] = presenceOf(await io.in(caseRoom(caseId)).fetchSockets(), caseId);
    if (presence) io.to(INBOX_ROOM).emit('presence:update', presence);
    return presence;
  };
  const announce = (caseId: string) =>
    broadcastPresence(caseId).catch((err) => log.warn({ err, caseId }, 'presence broadcast failed'));

  io.on('connection', (socket) => {
    // Case events, presence and channel health go to the inbox room: case workers only. An
    // educator's or a partner's socket hears nothing but what is addressed to its own user.
    const { role } = socket.data.user;
    void socket.join(
      isStaff(role) ? [INBOX_ROOM, userRoom(socket.data.user.id), roleRoom(role)] : [userRoom(socket.data.user.id)],
    );
    // The role check for every event, before any handler runs; a refused event with an ack learns why.
    socket.use((packet, next) => {
      const [event] = packet;
      if (socketEventAllowed(event, socket.data.user.role)) {
        next();
        return;
      }
      log.warn({ event: String(event).slice(0, 64), userId: socket.data.user.id }, 'socket event refused');
      const ack = packet[packet.length - 1];
      if (packet.length > 1 && typeof ack === 'function') ack({ ok: false, error: 'forbidden' });
    });
    socket.emit('hello', { userId: socket.data.user.id, serverTime: new Date().toISOString() });
    const presence = socket.data.presence;

    socket.on('case:watch', async (payload, ack) => {
      const p = watchSchema.safeParse(payload);
      if (!p.success) {
        if (typeof ack === 'function') ack({ ok: false });
        return;
      }
      const { caseId } = p.data;
      if (!presence.watching.includes(caseId)) {
        presence.watching.push(caseId);
        const dropped = presence.watching.length > MAX_WATCHED ? presence.watching.shift() : undefined;
        if (dropped) {
          await socket.leave(caseRoom(dropped));
          void announce(dropped);
        }
      }
      await socket.join(caseRoom(caseId));
      const now = await announce(caseId);
      if (typeof ack === 'function') ack({ ok: true, ...(now && { presence: now }) });
    });
    socket.on('case:unwatch', async (payload) => {
      const p = watchSchema.safeParse(payload);
      if (!p.success) return;
      const { caseId } = p.data;
      presence.watching = presence.watching.filter((c) => c !== caseId);
      if (presence.typingIn === caseId) presence.typingIn = null;
      await socket.leave(caseRoom(caseId));
      void announce(caseId);
    });
    socket.on('case:typing', (payload) => {
      const p = typingSchema.safeParse(payload);
      if (!p.success || !presence.watching.includes(p.data.caseId)) return;
      const next = p.data.typing ? p.data.caseId : presence.typingIn === p.data.caseId ? null : presence.typingIn;
      if (next === presence.typingIn) return;
      const before = presence.typingIn;
      presence.typingIn = next;
      if (before && before !== next) void announce(before);
      void announce(p.data.caseId);
    });
    socket.on('presence:all', async (ack) => {
      if (typeof ack !== 'function') return;
      ack(presenceOf(await io.in(INBOX_ROOM).fetchSockets()));
    });
    socket.on('disconnect', () => {
      const watched = presence.watching;
      presence.watching = [];
      presence.typingIn = null;
      for (const caseId of watched) void announce(caseId);
    });
  });

  const recheck = setInterval(async () => {
    for (const socket of await io.local.fetchSockets()) {
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
        // Local only: every api node receives the bus and relays to its own sockets. With the
        // Socket.IO Redis adapter a plain emit would reach every node once per node.
        if (e.type === 'url:created' || e.type === 'url:updated') {
          // A restricted item (abuse material) reaches only the roles that may see it; counselors
          // who had it are told to drop it.
          io.local.to(urlAudience(e.url.restricted).map(roleRoom)).emit(type, payload as never);
          if (e.type === 'url:updated' && e.hide)
            io.local.to(roleRoom('counselor')).emit('url:hidden', { id: e.url.id });
          continue;
        }
        const neutral = counselorEvent(e);
        if (!neutral) {
          io.local.to(INBOX_ROOM).emit(type, payload as never);
          continue;
        }
        // A message with known abuse material: counselors get the neutral copy (no file name, type
        // or size), supervisors and admins the full one.
        const { type: _same, ...forCounselors } = neutral;
        io.local.to(roleRoom('counselor')).emit(type, forCounselors as never);
        io.local.to([roleRoom('supervisor'), roleRoom('admin')]).emit(type, payload as never);
      }
      // Notices after the events: the inbox already holds the case they name (its preview, if shown).
      for (const { to, notice } of events.flatMap(noticesFor))
        io.local.to('all' in to ? INBOX_ROOM : userRoom(to.userId)).emit('notify', notice);
      log.debug({ count: events.length }, 'events relayed');
    },
    /** Drop a user's sockets on every api node at once (deactivated, role changed, password reset). */
    kick(userId: string) {
      io.in(userRoom(userId)).disconnectSockets(true);
    },
    async close() {
      clearInterval(recheck);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
