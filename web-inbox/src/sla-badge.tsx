import { signal } from '@preact/signals';
import { t } from './i18n/index.ts';
import { slaState, spanText } from './sla-clock.ts';

/**
 * The clock every shown countdown reads. The app moves it on (every 30 s): each badge renders again on its own,
 * and nothing else in its row or header does.
 */
export const slaNow = signal(new Date());

interface SlaBadgeProps {
  c: { firstResponseDueAt: string; firstResponseAt: string | null; status: string };
}

/** The first-response countdown or overdue marker; nothing once answered or closed. */
export function SlaBadge({ c }: SlaBadgeProps) {
  const s = slaState(c, slaNow.value);
  if (s.kind !== 'due' && s.kind !== 'overdue') return null;
  return (
    <span
      class={`badge sla sla-${s.kind}`}
      data-sla={s.kind}
      data-due={c.firstResponseDueAt}
      title={t('casework.slaFirstResponse')}
    >
      {s.kind === 'due'
        ? t('casework.slaDue', { time: spanText(s.minutesLeft) })
        : t('casework.slaOverdue', { time: spanText(s.minutesLate) })}
    </span>
  );
}
