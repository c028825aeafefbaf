import { h } from './dom.ts';
import { fullTime } from './format.ts';
import { isKey, t } from './i18n/index.ts';
import type { ReferralView } from './referral-api.ts';

/**
 * What the institution said through the one-time link of the referral's e-mail (docs/casework.md),
 * beside the referral's own steps: when it confirmed receipt and answered, the outcome it chose, and
 * its words when the referral does not already show them (a counselor had marked it answered before
 * the institution wrote). Null when no e-mail with a link went out. Everything is text.
 */
export function linkReplyView(r: ReferralView): HTMLElement | null {
  const reply = r.institutionReply;
  if (!reply) return null;
  if (!reply.confirmedAt && !reply.answeredAt) {
    if (r.status !== 'sent' && r.status !== 'acknowledged') return null;
    return h(
      'p',
      { class: 'muted referral-link-reply' },
      t('referral.linkWaiting', { time: fullTime(reply.linkExpiresAt) }),
    );
  }
  const steps = [
    reply.confirmedAt ? t('referral.linkConfirmed', { time: fullTime(reply.confirmedAt) }) : null,
    reply.answeredAt ? t('referral.linkAnswered', { time: fullTime(reply.answeredAt) }) : null,
  ].filter((x): x is string => x !== null);
  const outcomeKey = `referral.linkOutcome_${reply.outcomeCode ?? ''}`;
  return h(
    'div',
    { class: 'referral-link-reply', 'data-link-reply': reply.answeredAt ? 'answered' : 'confirmed' },
    h('p', {}, h('strong', {}, t('referral.linkReply')), `: ${steps.join(', ')}`),
    reply.outcomeCode && isKey(outcomeKey)
      ? h('p', { class: 'referral-link-outcome' }, t('referral.linkOutcome', { outcome: t(outcomeKey) }))
      : null,
    reply.text && reply.text !== r.outcome ? h('blockquote', { class: 'referral-outcome' }, reply.text) : null,
  );
}
