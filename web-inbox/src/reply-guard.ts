import type { CaseDetail } from '../../src/inbox/contract.ts';
import { api } from './api.ts';
import { lang } from './i18n.ts';
import { deliveryReason, tx } from './i18n-inbox.ts';

/** Say before typing, not after sending, when a reply cannot go out. */
export async function replyBlockReason(d: CaseDetail): Promise<string | null> {
  let reason: string | null = null;
  if (d.channel === 'facebook' || d.channel === 'instagram') {
    try {
      const w = await api.metaWindow(d.id);
      if (w.applicable && !w.canReply) reason = w.message?.[lang()] ?? deliveryReason(w.reason ?? '');
    } catch {
      reason = null; // The send itself will say why, if it fails.
    }
  } else if (d.channel === 'phone') {
    reason = tx('noReplyChannel');
  } else if (d.channel === 'web_form' && !(d.contact?.identities ?? []).some((i) => i.kind === 'email')) {
    reason = tx('anonymousNoReply');
  }
  return reason;
}
