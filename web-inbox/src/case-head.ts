import type { CaseDetail } from '../../src/inbox/contract.ts';
import type { CasePatch } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { type LabelGroup, t } from './i18n/index.ts';
import { codesOf, label } from './i18n/labels.ts';
import { slaBadge } from './sla-badge.ts';
import { spanText } from './sla-clock.ts';

/** Time from arrival to a recorded moment (first answer, closing), or "not yet". */
const elapsed = (from: string, until: string | null) =>
  until === null
    ? t('casework.notYet')
    : spanText(Math.max(0, Math.round((Date.parse(until) - Date.parse(from)) / 60_000)));

interface HeadState {
  detail: CaseDetail;
  meId: string;
  patching: boolean;
  patchError: string | null;
}

interface HeadActions {
  patch(p: CasePatch): void;
  close(): void;
  showDetails(): void;
}

/**
 * The open case's two heads: over the conversation its reference and state (and the outcome
 * offer); in the side panel its facts and the status, priority and category controls.
 */
export function renderCaseHead(
  el: { header: HTMLElement; facts: HTMLElement; outcome: HTMLElement },
  s: HeadState,
  ids: { titleId: string; detailsId: string },
  a: HeadActions,
): void {
  const d = s.detail;
  const choice = (field: 'status' | 'priority' | 'category', group: LabelGroup, value: string, blank?: string) => {
    const id = uid(field);
    const options = codesOf(group).map((code) => ({ value: code, label: label(group, code) }));
    // A category the defaults do not know (configured later) still shows as selected.
    if (value && !options.some((o) => o.value === value)) options.push({ value, label: label(group, value) });
    if (blank !== undefined) options.unshift({ value: '', label: blank });
    const el = select({ id, 'data-field': field, disabled: s.patching }, options, value);
    el.addEventListener('change', () => {
      const v = el.value;
      a.patch(field === 'category' ? { category: v || null } : { [field]: v });
    });
    return h('div', { class: 'field' }, h('label', { for: id }, t(`app.${field}`)), el);
  };
  const mine = d.assigneeId === s.meId;
  const assign = h(
    'button',
    { type: 'button', class: 'small', 'data-field': 'assignee', disabled: s.patching },
    t(mine ? 'app.unassign' : 'app.assignToMe'),
  );
  assign.addEventListener('click', () => a.patch({ assigneeId: mine ? null : s.meId }));
  const closeBtn = h(
    'button',
    { type: 'button', class: 'close', 'aria-label': t('app.closeCase'), title: t('app.closeCase') },
    '×',
  );
  closeBtn.addEventListener('click', () => a.close());
  const contact = d.anonymous
    ? t('app.anonymous')
    : [
        d.contact?.displayName ?? d.contactName ?? t('app.unknownContact'),
        ...(d.contact?.identities ?? []).map((i) => i.value),
      ].join(' · ');

  const toList = h('button', { type: 'button', class: 'pane-back', 'aria-label': t('inbox.backToList') }, '←');
  toList.addEventListener('click', () => a.close());
  const details = h(
    'button',
    { type: 'button', class: 'small pane-details', 'aria-controls': ids.detailsId },
    t('inbox.caseDetails'),
  );
  details.addEventListener('click', () => a.showDetails());
  replace(
    el.header,
    h(
      'div',
      { class: 'case-title-row' },
      toList,
      h('h2', { id: ids.titleId, tabindex: -1 }, d.reference),
      h('span', { class: `badge status status-${d.status}` }, label('status', d.status)),
      slaBadge(d),
      details,
      closeBtn,
    ),
    el.outcome,
  );
  replace(
    el.facts,
    h(
      'dl',
      { class: 'case-facts' },
      h('dt', {}, t('app.channel')),
      h('dd', {}, label('channel', d.channel)),
      h('dt', {}, t('app.contact')),
      h('dd', {}, contact),
      h('dt', {}, t('app.opened')),
      h('dd', {}, h('time', { datetime: d.createdAt }, fullTime(d.createdAt))),
      h('dt', {}, t('app.assignee')),
      h('dd', {}, d.assigneeName ?? t('app.nobody'), ' ', assign),
      h('dt', {}, t('casework.timeToFirstResponse')),
      h('dd', { 'data-time': 'first-response' }, elapsed(d.createdAt, d.firstResponseAt)),
      h('dt', {}, t('casework.timeToClose')),
      h('dd', { 'data-time': 'close' }, elapsed(d.createdAt, d.closedAt)),
    ),
    h(
      'div',
      { class: 'case-controls' },
      choice('status', 'status', d.status),
      choice('priority', 'priority', d.priority),
      choice('category', 'category', d.category ?? '', t('app.noCategory')),
    ),
    s.patchError ? h('p', { class: 'error', role: 'alert' }, s.patchError) : null,
  );
}
