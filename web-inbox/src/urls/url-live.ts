import type { UrlItemView } from '../../../src/inbox/contract.ts';
import type { LiveSocket } from '../live.ts';

/**
 * The url:* pushes, handed to whichever screens show links (the list, an item, a case's panel).
 * The server sends each role only the items it may see; `url:hidden` tells a counselor that one
 * they could see is abuse material now, to be dropped. `resync`: the connection came back, what
 * happened meanwhile is fetched again.
 */
export type UrlLiveEvent =
  | { type: 'created'; url: UrlItemView }
  | { type: 'updated'; url: UrlItemView; changed: string[] }
  | { type: 'hidden'; id: string }
  | { type: 'resync' };

const listeners = new Set<(e: UrlLiveEvent) => void>();

const emit = (e: UrlLiveEvent) => {
  for (const fn of listeners) fn(e);
};

/** Wire the socket once (the app does, after connecting). */
export function listenUrlEvents(socket: LiveSocket): void {
  let greeted = false;
  socket.on('url:created', (e) => emit({ type: 'created', url: e.url }));
  socket.on('url:updated', (e) => emit({ type: 'updated', url: e.url, changed: e.changed }));
  socket.on('url:hidden', (e) => emit({ type: 'hidden', id: e.id }));
  // `hello` comes on every (re)connect; the first one is the start, when every screen loads anyway.
  socket.on('hello', () => {
    if (greeted) emit({ type: 'resync' });
    greeted = true;
  });
}

/** Listen while a screen is up; the returned function stops. */
export function onUrlEvent(fn: (e: UrlLiveEvent) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
