import { h } from './dom.ts';
import { t } from './i18n/index.ts';
import { slaState, spanText } from './sla-clock.ts';

/** The first-response countdown or overdue marker; null once answered or closed. */
export function slaBadge(
  c: { firstResponseDueAt: string; firstResponseAt: string | null; status: string },
  now = new Date(),
): HTMLElement | null {
  const s = slaState(c, now);
  const due = c.firstResponseDueAt;
  if (s.kind === 'due')
    return h(
      'span',
      { class: 'badge sla sla-due', 'data-sla': 'due', 'data-due': due, title: t('casework.slaFirstResponse') },
      t('casework.slaDue', { time: spanText(s.minutesLeft) }),
    );
  if (s.kind === 'overdue')
    return h(
      'span',
      { class: 'badge sla sla-overdue', 'data-sla': 'overdue', 'data-due': due, title: t('casework.slaFirstResponse') },
      t('casework.slaOverdue', { time: spanText(s.minutesLate) }),
    );
  return null;
}

/**
 * Move every shown countdown on without re-rendering the list (which would lose focus and
 * scroll): a shown badge is by definition unanswered and open, so its due time is all it needs.
 */
export function tickSlaBadges(root: ParentNode, now = new Date()): void {
  for (const el of root.querySelectorAll<HTMLElement>('.badge.sla[data-due]')) {
    const next = slaBadge({ firstResponseDueAt: el.dataset.due ?? '', firstResponseAt: null, status: 'open' }, now);
    if (next) el.replaceWith(next);
  }
}
