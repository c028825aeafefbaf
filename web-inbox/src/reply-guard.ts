import type { CaseDetail } from '../../src/inbox/contract.ts';
import { api } from './api.ts';
import { lang, t } from './i18n/index.ts';
import { deliveryReason } from './i18n/labels.ts';

/** "5 h 12 min" / "12 min" until a moment. */
function timeLeft(until: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((new Date(until).getTime() - now) / 60_000));
  const h = Math.floor(minutes / 60);
  return h > 0 ? `${h} h ${minutes % 60} min` : `${minutes} min`;
}

/** Say before typing, not after sending, when a reply cannot go out, and how long it still can. */
export async function replyBlockReason(d: CaseDetail): Promise<{ block: string | null; note: string | null }> {
  let reason: string | null = null;
  let note: string | null = null;
  if (d.channel === 'facebook' || d.channel === 'instagram') {
    try {
      const w = await api.metaWindow(d.id);
      if (w.applicable && !w.canReply) reason = w.message?.[lang()] ?? deliveryReason(w.reason ?? '');
      else if (w.applicable && w.closesAt) {
        note = t(w.mode === 'human_agent' ? 'inbox.windowHumanAgent' : 'inbox.windowOpen', {
          left: timeLeft(w.closesAt),
        });
      }
    } catch {
      reason = null; // The send itself will say why, if it fails.
    }
  } else if (d.channel === 'phone') {
    reason = t('inbox.noReplyChannel');
  } else if (d.channel === 'web_form' && !(d.contact?.identities ?? []).some((i) => i.kind === 'email')) {
    reason = t('inbox.anonymousNoReply');
  }
  return { block: reason, note };
}
