import type { CaseSummary } from '../../src/inbox/contract.ts';
import { h, replace } from './dom.ts';
import { t } from './i18n/index.ts';
import { ruleLabel } from './i18n/labels.ts';

/** Alerts kept on screen at once; older ones go, the "urgent" view still lists every case. */
const MAX_ALERTS = 5;

/**
 * Live alerts for supervisors when the urgency rules make a case urgent: one per case, with the
 * reference and why, until dismissed or opened. role="alert" makes screen readers announce it.
 */
export class UrgentAlerts {
  readonly el = h('div', { class: 'urgent-alerts', 'aria-live': 'assertive' });
  private readonly shown = new Map<string, HTMLElement>();

  constructor(private readonly openCase: (id: string) => void) {}

  show(e: { case: CaseSummary; rules: string[] }): void {
    this.shown.get(e.case.id)?.remove();
    const open = h('button', { type: 'button', class: 'urgent-open' }, t('casework.urgentOpen'));
    const dismiss = h(
      'button',
      {
        type: 'button',
        class: 'urgent-dismiss',
        'aria-label': t('casework.urgentDismiss'),
        title: t('casework.urgentDismiss'),
      },
      '×',
    );
    const item = h(
      'div',
      { class: 'urgent-alert', role: 'alert', 'data-case-id': e.case.id, 'data-reference': e.case.reference },
      h('strong', {}, t('casework.urgentTitle')),
      ' ',
      h(
        'span',
        {},
        t('casework.urgentBody', { reference: e.case.reference, rules: e.rules.map(ruleLabel).join(', ') }),
      ),
      open,
      dismiss,
    );
    const remove = () => {
      item.remove();
      this.shown.delete(e.case.id);
    };
    open.addEventListener('click', () => {
      remove();
      this.openCase(e.case.id);
    });
    dismiss.addEventListener('click', remove);
    this.shown.set(e.case.id, item);
    this.el.prepend(item);
    while (this.el.children.length > MAX_ALERTS) {
      const last = this.el.lastElementChild as HTMLElement | null;
      if (!last) break;
      this.shown.delete(last.dataset.caseId ?? '');
      last.remove();
    }
  }

  clear(): void {
    this.shown.clear();
    replace(this.el);
  }
}
