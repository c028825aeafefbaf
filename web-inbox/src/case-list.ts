import type { CaseSummary, Presence } from '../../src/inbox/contract.ts';
import { api, NetworkError } from './api.ts';
import { type Callback, type CallbackCounts, CallbackList } from './callback-list.ts';
import { caseRow, renderListHeader, TabCounts } from './case-list-parts.ts';
import { h, replace, uid } from './dom.ts';
import { t } from './i18n/index.ts';
import { type ListFilters, type ListView, matchesView } from './list-views.ts';
import { SeenMarkers } from './seen-markers.ts';

const PAGE_SIZE = 100;
const SEARCH_DEBOUNCE_MS = 300;

/** Newest activity first, as the server orders them; reference breaks ties so the order is stable. */
const byActivity = (a: CaseSummary, b: CaseSummary) =>
  Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt) || b.reference.localeCompare(a.reference);

/** What the list tells the shell: the counts per view (shown in the rail), a search typed. */
export interface CaseListEvents {
  counts?(all: Record<string, number>): void;
  searched?(q: string): void;
}

/**
 * The live case list. The server is the source of truth: the list is fetched, then kept current
 * by socket events, and fetched again whenever events may have been missed. Rows are rebuilt only
 * when their case changed, so a busy inbox with 1,000 rows stays smooth.
 */
export class CaseList {
  readonly el: HTMLElement;
  private view: ListView = 'open';
  private filters: ListFilters = {};
  private q = '';
  private items = new Map<string, CaseSummary>();
  private nextCursor: string | null = null;
  private state: 'loading' | 'ready' | 'error' = 'loading';
  private loadingMore = false;
  private seq = 0;
  private heldEvents: CaseSummary[] | null = null;
  private selectedId: string | null = null;
  private rows = new Map<string, { li: HTMLLIElement; key: string }>();
  private readonly counts: TabCounts;
  private presence = new Map<string, Presence>();
  private tags = new Map<string, string[]>();
  private callbacks = false;
  private readonly callbackList = new CallbackList();
  private readonly listEl = h('ul', { class: 'case-rows' });
  private readonly header = h('div', { class: 'list-header' });
  private readonly footer = h('div', { class: 'list-footer' });
  private readonly searchInput = h('input', { type: 'search', id: uid('search'), autocomplete: 'off', maxlength: 200 });
  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly me: string,
    private readonly onOpen: (id: string) => void,
    private readonly events: CaseListEvents = {},
    private readonly seen = new SeenMarkers(me),
  ) {
    this.listEl.id = uid('case-rows');
    this.counts = new TabCounts((all) => this.events.counts?.(all));
    this.callbackList.el.hidden = true;
    this.el = h('section', { class: 'case-list' }, this.header, this.listEl, this.callbackList.el, this.footer);
    this.callbackList.el.addEventListener('click', (ev) => {
      const row = (ev.target as Element).closest<HTMLElement>('.case-row');
      if (row?.dataset.caseId) this.onOpen(row.dataset.caseId);
    });
    this.searchInput.addEventListener('input', () => {
      clearTimeout(this.searchTimer);
      this.searchTimer = setTimeout(() => this.setQuery(this.searchInput.value), SEARCH_DEBOUNCE_MS);
    });
    // Endless scrolling: the next page comes before the counselor reaches the end.
    this.listEl.addEventListener('scroll', () => {
      const el = this.listEl;
      if (el.scrollTop + el.clientHeight > el.scrollHeight - 600) void this.loadMore();
    });
    this.listEl.addEventListener('click', (ev) => {
      const row = (ev.target as Element).closest<HTMLElement>('.case-row');
      if (row?.dataset.caseId) this.onOpen(row.dataset.caseId);
    });
    this.render();
    void api.callbacksAvailable().then((ok) => {
      this.callbacks = ok;
      if (ok) void this.loadCallbacks();
    });
  }

  /** A live change from the phone channel. */
  callbackUpdated(cb: Callback, counts: CallbackCounts): void {
    if (!this.callbacks) return;
    this.callbackList.upsert(cb);
    this.setCallbackCount(counts);
    if (this.view === 'callbacks') this.renderFooter();
  }

  /** A phone call was filed in a case: its callback row (if any) can now open it. */
  callFiled(callId: string, c: CaseSummary): void {
    if (this.callbacks) this.callbackList.caseFiled(callId, c.id, c.reference);
  }

  private async loadCallbacks(): Promise<void> {
    const counts = await this.callbackList.load();
    if (counts) this.setCallbackCount(counts);
    this.renderHeader();
    if (this.view === 'callbacks') this.renderFooter();
  }

  private setCallbackCount(c: CallbackCounts): void {
    this.counts.set({ callbacks: c.open + c.attempted });
  }

  async reload(): Promise<void> {
    const showCallbacks = this.view === 'callbacks';
    this.listEl.hidden = showCallbacks;
    this.callbackList.el.hidden = !showCallbacks;
    if (showCallbacks) {
      this.seq++;
      await this.loadCallbacks();
      return;
    }
    const mine = ++this.seq;
    this.heldEvents = [];
    this.state = this.items.size === 0 ? 'loading' : this.state;
    this.renderFooter();
    this.refreshCounts(0);
    try {
      const page = await api.cases(this.query());
      if (mine !== this.seq) return;
      this.items = new Map(page.items.map((c) => [c.id, c]));
      for (const c of page.items) if (c.tags) this.tags.set(c.id, c.tags);
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
      const page = await api.cases({ ...this.query(), cursor: this.nextCursor });
      if (mine !== this.seq) return;
      for (const c of page.items) {
        if (!this.items.has(c.id)) this.items.set(c.id, c);
        if (c.tags) this.tags.set(c.id, c.tags);
      }
      this.nextCursor = page.nextCursor;
    } catch {
      // The button stays; the counselor can try again.
    } finally {
      this.loadingMore = false;
    }
    this.renderRows();
    this.renderFooter();
  }

  upsert(c: CaseSummary, render = true): void {
    if (this.heldEvents) this.heldEvents.push(c);
    if (!matchesView(this.view, this.filters, c, this.me)) {
      this.items.delete(c.id);
    } else if (this.items.has(c.id)) {
      this.items.set(c.id, c);
    } else if (this.matchesSearch(c) && this.belongsInLoadedRange(c)) {
      this.items.set(c.id, c);
    }
    if (c.id === this.selectedId) this.seen.mark(c);
    this.refreshCounts();
    if (render) {
      this.renderRows();
      this.renderFooter();
    }
  }

  setPresence(p: Presence): void {
    if (p.viewers.length === 0) this.presence.delete(p.caseId);
    else this.presence.set(p.caseId, p);
    if (this.items.has(p.caseId)) this.renderRows();
  }

  setTags(caseId: string, tags: string[]): void {
    this.tags.set(caseId, tags);
    if (this.items.has(caseId)) this.renderRows();
  }

  resetPresence(all: Presence[]): void {
    this.presence = new Map(all.filter((p) => p.viewers.length > 0).map((p) => [p.caseId, p]));
    this.renderRows();
  }

  markSeen(c: CaseSummary): void {
    this.seen.mark(c);
    this.renderRows();
  }

  get(id: string): CaseSummary | undefined {
    return this.items.get(id);
  }

  setSelected(id: string | null): void {
    this.selectedId = id;
    for (const [rowId, r] of this.rows) {
      const btn = r.li.firstElementChild;
      if (rowId === id) btn?.setAttribute('aria-current', 'true');
      else btn?.removeAttribute('aria-current');
    }
  }

  /** The focused row's case (for keyboard shortcuts), else the selected one. */
  focusedId(): string | null {
    const el = document.activeElement as HTMLElement | null;
    return el?.closest?.<HTMLElement>('.case-row')?.dataset.caseId ?? this.selectedId;
  }

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
    const btn = this.selectedId ? this.rows.get(this.selectedId)?.li.firstElementChild : undefined;
    if (btn instanceof HTMLElement) btn.focus();
  }

  render(): void {
    this.renderHeader();
    this.rows.clear();
    this.renderRows();
    this.renderFooter();
  }

  private query() {
    return { view: this.view, ...this.filters, ...(this.q && { q: this.q }), limit: PAGE_SIZE };
  }

  private refreshCounts(delay?: number): void {
    this.counts.refresh(delay);
  }

  get currentView(): ListView {
    return this.view;
  }

  /** The view the URL names (the rail's links set it). */
  setView(view: ListView): void {
    if (view === this.view) return;
    this.view = view;
    this.resetAndReload();
  }

  /** The search the URL names (/search?q=…); an empty one clears it. */
  search(q: string): void {
    clearTimeout(this.searchTimer);
    if (this.searchInput.value.trim() !== q) this.searchInput.value = q;
    this.setQuery(q, false);
  }

  /** A loaded case by its reference (a link names cases by reference). */
  byReference(reference: string): CaseSummary | undefined {
    for (const c of this.items.values()) if (c.reference === reference) return c;
    return undefined;
  }

  private setFilter(name: keyof ListFilters, value: string): void {
    if (value) this.filters[name] = value;
    else delete this.filters[name];
    this.resetAndReload();
  }

  private resetAndReload(): void {
    this.items.clear();
    this.nextCursor = null;
    this.renderHeader();
    this.renderRows();
    void this.reload();
  }

  private setQuery(q: string, typed = true): void {
    const next = q.trim();
    if (next === this.q) return;
    this.q = next;
    if (typed) this.events.searched?.(next);
    void this.reload();
  }

  private matchesSearch(c: CaseSummary): boolean {
    if (!this.q) return true;
    const needle = this.q.toLocaleLowerCase();
    return [c.reference, c.preview, c.contactName ?? ''].some((s) => s.toLocaleLowerCase().includes(needle));
  }

  private belongsInLoadedRange(c: CaseSummary): boolean {
    if (this.nextCursor === null) return true;
    const sorted = [...this.items.values()].sort(byActivity);
    const last = sorted[sorted.length - 1];
    return !last || byActivity(c, last) <= 0;
  }

  private renderHeader(): void {
    renderListHeader(this.header, {
      filters: this.filters,
      searchInput: this.searchInput,
      onFilter: (name, value) => this.setFilter(name, value),
      onSearch: () => {
        clearTimeout(this.searchTimer);
        this.setQuery(this.searchInput.value);
      },
    });
    this.listEl.setAttribute('aria-label', t('app.caseList'));
  }

  private renderRows(): void {
    const focusedId = (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('.case-row')?.dataset
      .caseId;
    const sorted = [...this.items.values()].sort(byActivity);
    const lis = sorted.map((c) => {
      const p = this.presence.get(c.id);
      const unread = !this.seen.isSeen(c);
      const key = `${c.lastActivityAt}|${c.status}|${c.priority}|${c.category}|${c.assigneeId}|${c.preview}|${unread}|${
        p ? `${p.viewers.map((v) => v.userId)}/${p.typing.map((v) => v.userId)}` : ''
      }|${c.id === this.selectedId}|${this.tags.get(c.id)?.join(',') ?? ''}`;
      const cached = this.rows.get(c.id);
      if (cached && cached.key === key) return cached.li;
      const li = cached?.li ?? h('li');
      replace(
        li,
        caseRow(c, {
          unread,
          presence: p,
          tags: this.tags.get(c.id) ?? [],
          me: this.me,
          selected: c.id === this.selectedId,
        }),
      );
      this.rows.set(c.id, { li, key });
      return li;
    });
    for (const id of [...this.rows.keys()]) if (!this.items.has(id)) this.rows.delete(id);
    // Only reorder when the order changed: moving 1,000 nodes on each event is what causes jank.
    const current = this.listEl.children;
    const prefix = current.length <= lis.length && [...current].every((li, i) => lis[i] === li);
    if (!prefix) replace(this.listEl, lis);
    else if (current.length < lis.length) this.listEl.append(...lis.slice(current.length)); // "load more": only the new page
    if (focusedId)
      (this.rows.get(focusedId)?.li.firstElementChild as HTMLElement | null)?.focus({ preventScroll: true });
  }

  private renderFooter(): void {
    if (this.view === 'callbacks') {
      const empty = this.callbackList.state === 'ready' && this.callbackList.size === 0;
      const text = this.callbackList.state === 'error' ? t('app.listError') : empty ? t('inbox.noCallbacks') : null;
      replace(this.footer, text ? h('p', { class: 'muted', role: 'status' }, text) : null);
      return;
    }
    if (this.state === 'loading' && this.items.size === 0) {
      replace(this.footer, h('p', { class: 'muted', role: 'status' }, t('app.loading')));
      return;
    }
    if (this.state === 'error') {
      const retry = h('button', { type: 'button' }, t('app.retry'));
      retry.addEventListener('click', () => void this.reload());
      replace(this.footer, h('p', { class: 'error', role: 'alert' }, t('app.listError')), retry);
      return;
    }
    const parts: Node[] = [];
    if (this.items.size === 0) parts.push(h('p', { class: 'muted', role: 'status' }, t('app.emptyList')));
    if (this.nextCursor) {
      const more = h(
        'button',
        { type: 'button', class: 'load-more', disabled: this.loadingMore },
        t(this.loadingMore ? 'app.loading' : 'app.loadMore'),
      );
      more.addEventListener('click', () => void this.loadMore());
      parts.push(more);
    }
    replace(this.footer, parts);
  }
}
