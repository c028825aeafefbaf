import { signal } from '@preact/signals';
import type { CaseSummary, Notice } from '../../../src/inbox/contract.ts';
import { DEFAULT_NOTIFICATION_SETTINGS } from '../../../src/shift/shift.ts';
import { t } from '../i18n/index.ts';
import type { LiveSocket } from '../live.ts';
import { navigate } from '../shell/router.ts';
import { type NotificationSettings, shiftApi } from '../shift/shift-api.ts';

/** Until the server's answer arrives: the server's own defaults (the words hidden). */
export const notifySettings = signal<NotificationSettings>({ ...DEFAULT_NOTIFICATION_SETTINGS });

/** Notices that arrived while the tab was in the background; shown in the tab title. */
export const unseen = signal(0);

const away = () => document.hidden || !document.hasFocus();
const enabled = (s: NotificationSettings, n: Notice) =>
  n.kind === 'urgent' ? s.urgent : n.kind === 'assigned' ? s.assigned : s.reply;

/** A short two-tone beep (no file to fetch). */
function beep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.setValueAtTime(880, ctx.currentTime);
    osc.frequency.setValueAtTime(660, ctx.currentTime + 0.15);
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.3);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio here (autoplay policy, no device): the notification and the title still tell.
  }
}

/**
 * The counselor's notifications: the server's `notify` (a new urgent case, a case assigned to me, a
 * reply on my case; reference only) becomes a count in the tab title while the tab is in the
 * background and, where permitted and not in do-not-disturb, a browser notification and a sound.
 * The message's words are added only when the counselor allowed it, from the case the inbox
 * already holds (no extra read of the case).
 */
export function listenNotifications(socket: LiveSocket): () => void {
  const base = document.title;
  const previews = new Map<string, string>();
  const keep = (c: CaseSummary) => {
    previews.set(c.id, c.preview);
    if (previews.size > 500) previews.delete(previews.keys().next().value as string);
  };
  void shiftApi.settings().then(
    (s) => {
      notifySettings.value = s;
    },
    () => {},
  );
  const showTitle = () => {
    document.title = unseen.value > 0 ? `(${unseen.value}) ${base}` : base;
  };
  const back = () => {
    if (away()) return;
    unseen.value = 0;
    showTitle();
  };
  document.addEventListener('visibilitychange', back);
  window.addEventListener('focus', back);

  socket.on('case:created', (e) => keep(e.case));
  socket.on('case:updated', (e) => keep(e.case));
  socket.on('message:created', (e) => keep(e.case));
  socket.on('notify', (n) => {
    const s = notifySettings.value;
    if (!enabled(s, n) || !away()) return;
    unseen.value++;
    showTitle();
    if (s.doNotDisturb) return;
    if (s.sound) beep();
    if (!('Notification' in window) || Notification.permission !== 'granted') return;
    const preview = s.showContent ? previews.get(n.caseId) : undefined;
    const shown = new Notification(t(`shift.notice_${n.kind}`, { reference: n.reference }), {
      tag: `${n.kind}:${n.caseId}`,
      ...(preview && { body: preview }),
    });
    shown.onclick = () => {
      window.focus();
      navigate({ name: 'case', ref: n.reference });
      shown.close();
    };
  });
  return () => {
    document.removeEventListener('visibilitychange', back);
    window.removeEventListener('focus', back);
    document.title = base;
  };
}
