import type { CaseSummary } from '../../src/inbox/contract.ts';
import { api, NetworkError } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { shortTime } from './format.ts';
import { label, t } from './i18n.ts';

export type ListView = 'open' | 'closed';
const VIEW_STATUSES: Record<ListView, readonly string[]> = {
  open: ['new', 'open', 'waiting', 'referred'],
  closed: ['closed'],
};
const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;

/** Newest activity first, as the server orders them; reference breaks ties so the order is stable. */
const byActivity = (a: CaseSummary, b: CaseSummary) =>
  Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt) || b.reference.localeCompare(a.reference);

/**
 * The live case list. The server is the source of truth: the list is fetched, then kept current
 * by socket events, and fetched again whenever events may have been missed.
 */
export class CaseList {
  readonly el: HTMLElement;
  private view: ListView = 'open';
  private q = '';
  private items = new Map<string, CaseSummary>();
  private nextCursor: string | null = null;
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private loadingMore = false;
  private seq = 0;
  /** Events that arrived while a fetch was in flight; re-applied on top of its answer. */
  private heldEvents: CaseSummary[] | null = null;
  private selectedId: string | null = null;
  private rows = new Map<string, HTMLLIElement>();
  private readonly listEl = h('ul', { class: 'case-rows' });
  private readonly header = h('div', { class: 'list-header' });
  private readonly footer = h('div', { class: 'list-footer' });
  private readonly searchInput = h('input', { type: 'search', id: uid('search'), autocomplete: 'off', maxlength: 200 });
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly onOpen: (id: string) => void) {
    this.listEl.id = uid('case-rows');
    this.el = h('section', { class: 'case-list' }, this.header, this.listEl, this.footer);
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.setQuery(this.searchInput.value), SEARCH_DEBOUNCE_MS);
    });
    this.listEl.addEventListener('click', (ev) => {
      const row = (ev.target as Element).closest<HTMLElement>('.case-row');
      if (row?.dataset.caseId) this.onOpen(row.dataset.caseId);
    });
    this.render();
  }

  /** Fetch the first page of the current view again (start, view change, search, reconnect). */
  async reload(): Promise<void> {
    const mine = ++this.seq;
    this.heldEvents = [];
    this.state = this.items.size === 0 ? 'loading' : this.state;
    this.renderFooter();
    try {
      const page = await api.cases({ status: [...VIEW_STATUSES[this.view]], q: this.q || undefined, limit: PAGE_SIZE });
      if (mine !== this.seq) return;
      this.items = new Map(page.items.map((c) => [c.id, c]));
      this.nextCursor = page.nextCursor;
      this.state = 'ready';
      const held = this.heldEvents;
      this.heldEvents = null;
      for (const c of held) this.upsert(c, false);
    } catch (err) {
      if (mine !== this.seq) return;
      this.heldEvents = null;
      this.state = err instanceof NetworkError || this.items.size === 0 ? 'error' : this.state;
    }
    this.renderRows();
    this.renderFooter();
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loadingMore) return;
    const mine = this.seq;
    this.loadingMore = true;
    this.renderFooter();
    try {
      const page = await api.cases({
        status: [...VIEW_STATUSES[this.view]],
        q: this.q || undefined,
        cursor: this.nextCursor,
        limit: PAGE_SIZE,
      });
      if (mine !== this.seq) return;
      for (const c of page.items) if (!this.items.has(c.id)) this.items.set(c.id, c);
      this.nextCursor = page.nextCursor;
    } catch {
      // The button stays; the counselor can try again.
    } finally {
      this.loadingMore = false;
    }
    this.renderRows();
    this.renderFooter();
  }

  /** A case was created or changed: insert, update, move or drop its row. */
  upsert(c: CaseSummary, render = true): void {
    if (this.heldEvents) this.heldEvents.push(c);
    if (!VIEW_STATUSES[this.view].includes(c.status)) {
      this.items.delete(c.id);
    } else if (this.items.has(c.id)) {
      this.items.set(c.id, c);
    } else if (this.matchesSearch(c) && this.belongsInLoadedRange(c)) {
      this.items.set(c.id, c);
    }
    if (render) {
      this.renderRows();
      this.renderFooter();
    }
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    for (const [rowId, li] of this.rows) {
      const btn = li.firstElementChild;
      if (rowId === id) btn?.setAttribute('aria-current', 'true');
      else btn?.removeAttribute('aria-current');
    }
  }

  /** j/k: move keyboard focus through the rows. */
  moveFocus(delta: 1 | -1): void {
    const buttons = [...this.listEl.querySelectorAll<HTMLButtonElement>('.case-row')];
    if (buttons.length === 0) return;
    const active = document.activeElement;
    let i = active instanceof HTMLButtonElement ? buttons.indexOf(active) : -1;
    if (i === -1) i = buttons.findIndex((b) => b.dataset.caseId === this.selectedId);
    const next =
      i === -1 ? (delta === 1 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, i + delta));
    buttons[next]?.focus();
  }

  focusSelected(): void {
    const btn = this.selectedId ? this.rows.get(this.selectedId)?.firstElementChild : undefined;
    if (btn instanceof HTMLElement) btn.focus();
  }

  render(): void {
    this.renderHeader();
    this.rows.clear();
    this.renderRows();
    this.renderFooter();
  }

  private setView(view: ListView): void {
    if (view === this.view) return;
    this.view = view;
    this.items.clear();
    this.nextCursor = null;
    this.renderHeader();
    this.renderRows();
    void this.reload();
  }

  private setQuery(q: string): void {
    const next = q.trim();
    if (next === this.q) return;
    this.q = next;
    void this.reload();
  }

  private matchesSearch(c: CaseSummary): boolean {
    if (!this.q) return true;
    const needle = this.q.toLocaleLowerCase();
    return [c.reference, c.preview, c.contactName ?? ''].some((s) => s.toLocaleLowerCase().includes(needle));
  }

  /** With more pages on the server, a case older than the last loaded row will come with "load more". */
  private belongsInLoadedRange(c: CaseSummary): boolean {
    if (this.nextCursor === null) return true;
    const sorted = [...this.items.values()].sort(byActivity);
    const last = sorted[sorted.length - 1];
    return !last || byActivity(c, last) <= 0;
  }

  private renderHeader(): void {
    const tab = (view: ListView, text: string) => {
      const b = h('button', { type: 'button', class: 'tab', 'aria-pressed': String(this.view === view) }, text);
      b.addEventListener('click', () => this.setView(view));
      return b;
    };
    const searchForm = h(
      'form',
      { role: 'search', class: 'search' },
      h('label', { for: this.searchInput.id }, t('search')),
      this.searchInput,
    );
    this.searchInput.placeholder = t('searchHint');
    searchForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      clearTimeout(this.searchTimer);
      this.setQuery(this.searchInput.value);
    });
    replace(
      this.header,
      h('h2', { class: 'visually-hidden' }, t('caseList')),
      h(
        'div',
        { class: 'tabs', role: 'group', 'aria-label': t('views') },
        tab('open', t('viewOpen')),
        tab('closed', t('viewClosed')),
      ),
      searchForm,
      h('p', { class: 'hint' }, t('keyboardHint')),
    );
    this.listEl.setAttribute('aria-label', t('caseList'));
  }

  private renderRows(): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('.case-row')?.dataset
      .caseId;
    const sorted = [...this.items.values()].sort(byActivity);
    const lis = sorted.map((c) => {
      const li = this.rows.get(c.id) ?? h('li');
      replace(li, this.row(c));
      this.rows.set(c.id, li);
      return li;
    });
    for (const id of [...this.rows.keys()]) if (!this.items.has(id)) this.rows.delete(id);
    replace(this.listEl, lis);
    if (focusedId) (this.rows.get(focusedId)?.firstElementChild as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private row(c: CaseSummary): HTMLButtonElement {
    const who = c.anonymous ? t('anonymous') : (c.contactName ?? t('unknownContact'));
    return h(
      'button',
      {
        type: 'button',
        class: `case-row status-${c.status} priority-${c.priority}`,
        'data-case-id': c.id,
        'data-reference': c.reference,
        'aria-current': c.id === this.selectedId ? 'true' : undefined,
      },
      h(
        'span',
        { class: 'row-top' },
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
        h('span', { class: 'badge category' }, c.category ? label('category', c.category) : t('noCategory')),
      ),
    );
  }

  private renderFooter(): void {
    if (this.state === 'loading' && this.items.size === 0) {
      replace(this.footer, h('p', { class: 'muted', role: 'status' }, t('loading')));
      return;
    }
    if (this.state === 'error') {
      const retry = h('button', { type: 'button' }, t('retry'));
      retry.addEventListener('click', () => void this.reload());
      replace(this.footer, h('p', { class: 'error', role: 'alert' }, t('listError')), retry);
      return;
    }
    const parts: Node[] = [];
    if (this.items.size === 0) parts.push(h('p', { class: 'muted', role: 'status' }, t('emptyList')));
    if (this.nextCursor) {
      const more = h(
        'button',
        { type: 'button', class: 'load-more', disabled: this.loadingMore },
        t(this.loadingMore ? 'loading' : 'loadMore'),
      );
      more.addEventListener('click', () => void this.loadMore());
      parts.push(more);
    }
    replace(this.footer, parts);
  }
}
