import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/inbox/contract.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveHandlers {
  /** The connection dropped (or could not be re-established yet). */
  onDown(): void;
  /**
   * The server greeted us: from now on every event reaches us. Called on the first connect and
   * on every reconnect; whatever happened before it may have been missed and must be fetched.
   */
  onLive(): void;
  /** The server no longer accepts our session. */
  onUnauthenticated(): void;
}

/**
 * Socket.IO on the same origin, authenticated by the session cookie. Socket.IO reconnects on
 * its own after network trouble; only a server-side disconnect needs a nudge.
 */
export function connectLive(h: LiveHandlers): LiveSocket {
  const socket: LiveSocket = io({ path: '/socket.io', transports: ['websocket'] });
  let down = false;

  // `hello` is sent after the server has put us in the inbox room, so nothing after it is lost.
  socket.on('hello', () => {
    down = false;
    h.onLive();
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io client disconnect') return;
    if (!down) h.onDown();
    down = true;
    // The server dropped us (e.g. its session re-check): ask again; the handshake says why.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (err) => {
    if (err.message === 'unauthenticated') {
      socket.disconnect();
      h.onUnauthenticated();
      return;
    }
    if (!down) h.onDown();
    down = true;
  });
  return socket;
}
