import { signal } from '@preact/signals';
import type { LiveSocket } from '../live.ts';
import { listenNotifications } from '../notify/notifier.ts';

/** Bumped by every event that can change the board (cases, messages, callbacks, states): it refetches. */
export const boardTick = signal(0);

/** The shift's live parts: notifications for everyone, the board's refresh for whoever has it open. */
export function listenShiftLive(socket: LiveSocket): () => void {
  const bump = () => {
    boardTick.value++;
  };
  for (const e of ['case:created', 'case:updated', 'message:created', 'callback:updated', 'presence:updated'] as const)
    socket.on(e, bump);
  // After a reconnect whatever changed meanwhile is fetched again.
  socket.on('hello', bump);
  return listenNotifications(socket);
}
