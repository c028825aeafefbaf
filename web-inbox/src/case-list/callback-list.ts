import type { ServerToClientEvents } from '../../../src/inbox/contract.ts';
import { h, replace } from '../dom.ts';
import { shortTime } from '../format.ts';
import { t } from '../i18n/index.ts';

type CallbackEvent = Parameters<ServerToClientEvents['callback:updated']>[0];
export type Callback = CallbackEvent['callback'];
export type CallbackCounts = CallbackEvent['counts'];

const ACTIVE = ['open', 'attempted'];

/**
 * The phone channel's callbacks (missed and abandoned calls to return), soonest due first, as the
 * phone module serves them at /api/callbacks. Opening one opens its case.
 */
export class CallbackList {
  readonly el = h('ul', { class: 'case-rows callback-rows' });
  private items = new Map<string, Callback>();
  state: 'loading' | 'ready' | 'error' = 'loading';

  async load(): Promise<CallbackCounts | null> {
    try {
      const res = await fetch('/api/callbacks?status=open,attempted&limit=500', {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { items: Callback[]; counts: CallbackCounts };
      this.items = new Map(body.items.map((c) => [c.id, c]));
      this.state = 'ready';
      this.render();
      return body.counts;
    } catch {
      this.state = 'error';
      this.render();
      return null;
    }
  }

  upsert(cb: Callback): void {
    if (ACTIVE.includes(cb.status)) this.items.set(cb.id, cb);
    else this.items.delete(cb.id);
    this.render();
  }

  /**
   * The callback event of a new missed call comes before the pipeline has filed the call in a
   * case: when the call's message lands, the row learns its case and can be opened.
   */
  caseFiled(callId: string, caseId: string, reference: string): void {
    let changed = false;
    for (const [id, cb] of this.items) {
      if (cb.caseId || (cb.lastCallId !== callId && cb.firstCallId !== callId)) continue;
      this.items.set(id, { ...cb, caseId, caseReference: reference });
      changed = true;
    }
    if (changed) this.render();
  }

  get size(): number {
    return this.items.size;
  }

  render(): void {
    const sorted = [...this.items.values()].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    replace(
      this.el,
      sorted.map((cb) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `case-row callback-row${cb.overdue ? ' overdue' : ''}`,
              'data-case-id': cb.caseId ?? undefined,
              'data-callback-id': cb.id,
              disabled: cb.caseId === null,
            },
            h(
              'span',
              { class: 'row-top' },
              h('span', { class: 'channel-icon', 'aria-hidden': 'true' }, '☎'),
              h('span', { class: 'reference' }, cb.caseReference ?? '—'),
              h('span', { class: 'who' }, cb.number),
              h('time', { class: 'when', datetime: cb.dueAt }, t('inbox.callbackDue', { time: shortTime(cb.dueAt) })),
            ),
            h(
              'span',
              { class: 'badges' },
              h('span', { class: 'badge' }, t(`inbox.callback_${cb.reason}`)),
              cb.missedCalls > 1
                ? h('span', { class: 'badge' }, t('inbox.callbackMissed', { n: cb.missedCalls }))
                : null,
              cb.overdue ? h('span', { class: 'badge priority-urgent' }, t('inbox.callbackOverdue')) : null,
              h('span', { class: 'badge assignee' }, cb.assigneeName ?? t('app.nobody')),
            ),
          ),
        ),
      ),
    );
  }
}
