import { FOREIGN_REFERENCE_TAG } from '../../src/domain/system-tags.ts';
import type { CaseSummary, Presence } from '../../src/inbox/contract.ts';
import { api } from './api.ts';
import { h, replace, select, uid } from './dom.ts';
import { shortTime } from './format.ts';
import { t } from './i18n/index.ts';
import { codesOf, label, tagLabel } from './i18n/labels.ts';
import type { ListFilters } from './list-views.ts';
import { slaBadge } from './sla-badge.ts';

const CHANNEL_ICONS: Record<string, string> = { web_form: '⌨', email: '✉', facebook: 'ⓕ', instagram: '◎', phone: '☎' };

export interface HeaderState {
  filters: ListFilters;
  searchInput: HTMLInputElement;
  onFilter(name: keyof ListFilters, value: string): void;
  onSearch(): void;
}

/** Filters and search; the views with their counts are in the navigation rail (shell/nav-rail.tsx). */
export function renderListHeader(el: HTMLElement, o: HeaderState): void {
  const filter = (name: keyof ListFilters, any: string, options: { value: string; label: string }[]) => {
    const id = uid(`filter-${name}`);
    const el = select(
      { id, class: 'filter', 'aria-label': any },
      [{ value: '', label: any }, ...options],
      o.filters[name] ?? '',
    );
    el.addEventListener('change', () => o.onFilter(name, el.value));
    return el;
  };
  const searchForm = h(
    'form',
    { role: 'search', class: 'search' },
    h('label', { for: o.searchInput.id }, t('app.search')),
    o.searchInput,
  );
  o.searchInput.placeholder = t('app.searchHint');
  searchForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    o.onSearch();
  });
  replace(
    el,
    h('h2', { class: 'visually-hidden' }, t('app.caseList')),
    h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': t('inbox.filters') },
      filter(
        'channel',
        t('inbox.anyChannel'),
        codesOf('channel').map((c) => ({ value: c, label: label('channel', c) })),
      ),
      filter(
        'category',
        t('inbox.anyCategory'),
        codesOf('category').map((c) => ({ value: c, label: label('category', c) })),
      ),
      filter(
        'status',
        t('app.status'),
        codesOf('status').map((c) => ({ value: c, label: label('status', c) })),
      ),
      filter('assignee', t('inbox.anyAssignee'), [
        { value: 'me', label: t('inbox.assigneeMe') },
        { value: 'none', label: t('inbox.assigneeNone') },
      ]),
    ),
    searchForm,
    h('p', { class: 'hint' }, t('inbox.keys')),
  );
}

/** The number beside each view; fetched after events, debounced: a burst costs one request. */
export class TabCounts {
  all: Record<string, number> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly changed: (all: Record<string, number>) => void) {}

  set(part: Record<string, number>): void {
    this.all = { ...this.all, ...part };
    this.changed(this.all);
  }

  refresh(delay = 400): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      api.counts().then(
        (c) => this.set(c),
        () => {},
      );
    }, delay);
  }
}

export interface RowState {
  unread: boolean;
  presence: Presence | undefined;
  tags: string[];
  me: string;
  selected: boolean;
}

/** One row: everything a counselor scans for, as text. */
export function caseRow(c: CaseSummary, o: RowState): HTMLButtonElement {
  const { unread, presence: p, tags, me, selected } = o;
  const who = c.anonymous ? t('app.anonymous') : (c.contactName ?? t('app.unknownContact'));
  const others = (p?.viewers ?? []).filter((v) => v.userId !== me);
  const typing = (p?.typing ?? []).filter((v) => v.userId !== me);
  return h(
    'button',
    {
      type: 'button',
      class: `case-row status-${c.status} priority-${c.priority}${unread ? ' unread' : ''}`,
      'data-case-id': c.id,
      'data-reference': c.reference,
      'aria-current': selected ? 'true' : undefined,
    },
    h(
      'span',
      { class: 'row-top' },
      unread
        ? h('span', { class: 'unread-dot', title: t('inbox.unread'), 'aria-label': t('inbox.unread') }, '●')
        : null,
      h('span', { class: 'channel-icon', 'aria-hidden': 'true' }, CHANNEL_ICONS[c.channel] ?? '•'),
      h('span', { class: 'reference' }, c.reference),
      h('span', { class: 'channel' }, label('channel', c.channel)),
      h('span', { class: c.anonymous ? 'who anonymous' : 'who' }, who),
      h('time', { class: 'when', datetime: c.lastActivityAt }, shortTime(c.lastActivityAt)),
    ),
    h('span', { class: 'preview' }, c.preview),
    h(
      'span',
      { class: 'badges' },
      h('span', { class: `badge status status-${c.status}` }, label('status', c.status)),
      h('span', { class: `badge priority priority-${c.priority}` }, label('priority', c.priority)),
      slaBadge(c),
      h('span', { class: 'badge category' }, c.category ? label('category', c.category) : t('app.noCategory')),
      h('span', { class: 'badge assignee' }, c.assigneeName ?? t('app.nobody')),
      tags.map((tag) =>
        tag === FOREIGN_REFERENCE_TAG
          ? h('span', { class: 'badge tag system-warning' }, tagLabel(tag))
          : h('span', { class: 'badge tag' }, `#${tag}`),
      ),
      others.length > 0
        ? h('span', { class: 'badge viewing' }, t('inbox.viewing', { names: others.map((v) => v.name).join(', ') }))
        : null,
      typing.length > 0
        ? h('span', { class: 'badge typing' }, t('inbox.typing', { names: typing.map((v) => v.name).join(', ') }))
        : null,
    ),
  );
}
