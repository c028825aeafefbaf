import { batch, computed, signal } from '@preact/signals';
import type { CaseSummary, Presence } from '../../../src/inbox/contract.ts';
import { api, type ListedCase, NetworkError } from '../api.ts';
import { type Callback, type CallbackCounts, CallbackList } from './callback-list.ts';
import { type ListFilters, type ListView, matchesView } from './list-views.ts';
import { RowFocus } from './row-focus.ts';
import { SeenMarkers } from './seen-markers.ts';
import { TabCounts } from './tab-counts.ts';

const PAGE_SIZE = 100;

/** Newest activity first, as the server orders them; reference breaks ties so the order is stable. */
const byActivity = (a: CaseSummary, b: CaseSummary) =>
  Date.parse(b.lastActivityAt) - Date.parse(a.lastActivityAt) || b.reference.localeCompare(a.reference);

/** What the list tells the shell: the counts per view (shown in the rail), a search submitted from its box. */
export interface CaseListEvents {
  counts?(all: Record<string, number>): void;
  searched?(q: string): void;
}

/**
 * The live case list's state, as signals the <CaseList> component renders. The server is the source
 * of truth: the list is fetched, then kept current by socket events, and fetched again whenever
 * events may have been missed. A live change replaces only its case's summary, so only that row
 * renders again.
 */
export class CaseListModel {
  readonly view = signal<ListView>('open');
  readonly filters = signal<ListFilters>({});
  /** What the list's search box holds; submitted, it opens the search screen (the list itself is not searched). */
  readonly searchText = signal('');
  readonly items = signal<ReadonlyMap<string, CaseSummary>>(new Map());
  readonly sorted = computed(() => [...this.items.value.values()].sort(byActivity));
  readonly nextCursor = signal<string | null>(null);
  readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  readonly loadingMore = signal(false);
  readonly selectedId = signal<string | null>(null);
  readonly presence = signal<ReadonlyMap<string, Presence>>(new Map());
  readonly tags = signal<ReadonlyMap<string, string[]>>(new Map());
  /** Moves on when a case is marked seen (the markers themselves live in localStorage). */
  readonly seenVersion = signal(0);
  /** Moves on when the callback list (dom-built, phone line) changed what the footer says about it. */
  readonly callbacksVersion = signal(0);
  readonly callbackList = new CallbackList();
  /** j, k and Enter through the rows. */
  readonly focus = new RowFocus(() => this.selectedId.peek());
  private readonly counts: TabCounts;
  private callbacks = false;
  private seq = 0;
  private heldEvents: CaseSummary[] | null = null;
  /** Cases merged into another: no longer cases of their own, so no later event brings them back. */
  private readonly merged = new Set<string>();

  constructor(
    readonly me: string,
    readonly onOpen: (id: string) => void,
    private readonly events: CaseListEvents = {},
    readonly seen = new SeenMarkers(me),
  ) {
    this.counts = new TabCounts((all) => this.events.counts?.(all));
    this.callbackList.el.hidden = true;
    this.callbackList.el.addEventListener('click', (ev) => {
      const row = (ev.target as Element).closest<HTMLElement>('.case-row');
      if (row?.dataset.caseId) this.onOpen(row.dataset.caseId);
    });
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
    this.callbacksVersion.value++;
  }

  /** A phone call was filed in a case: its callback row (if any) can now open it. */
  callFiled(callId: string, c: CaseSummary): void {
    if (this.callbacks) this.callbackList.caseFiled(callId, c.id, c.reference);
  }

  private async loadCallbacks(): Promise<void> {
    const counts = await this.callbackList.load();
    if (counts) this.setCallbackCount(counts);
    this.callbacksVersion.value++;
  }

  private setCallbackCount(c: CallbackCounts): void {
    this.counts.set({ callbacks: c.open + c.attempted });
  }

  async reload(): Promise<void> {
    const showCallbacks = this.view.value === 'callbacks';
    this.callbackList.el.hidden = !showCallbacks;
    if (showCallbacks) {
      this.seq++;
      await this.loadCallbacks();
      return;
    }
    const mine = ++this.seq;
    this.heldEvents = [];
    if (this.items.value.size === 0) this.state.value = 'loading';
    this.counts.refresh(0);
    try {
      const page = await api.cases(this.request());
      if (mine !== this.seq) return;
      const held = this.heldEvents;
      this.heldEvents = null;
      batch(() => {
        this.items.value = new Map(page.items.map((c) => [c.id, c]));
        this.addTags(page.items);
        this.nextCursor.value = page.nextCursor;
        this.state.value = 'ready';
        for (const c of held) this.upsert(c);
      });
    } catch (err) {
      if (mine !== this.seq) return;
      this.heldEvents = null;
      if (err instanceof NetworkError || this.items.value.size === 0) this.state.value = 'error';
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor.value || this.loadingMore.value) return;
    const mine = this.seq;
    this.loadingMore.value = true;
    try {
      const page = await api.cases({ ...this.request(), cursor: this.nextCursor.value });
      if (mine !== this.seq) return;
      const next = new Map(this.items.value);
      for (const c of page.items) if (!next.has(c.id)) next.set(c.id, c);
      batch(() => {
        this.items.value = next;
        this.addTags(page.items);
        this.nextCursor.value = page.nextCursor;
      });
    } catch {
      // The button stays; the counselor can try again.
    } finally {
      this.loadingMore.value = false;
    }
  }

  upsert(c: CaseSummary): void {
    if (this.merged.has(c.id)) return;
    if (this.heldEvents) this.heldEvents.push(c);
    const items = this.items.value;
    let next: Map<string, CaseSummary> | null = null;
    if (!matchesView(this.view.value, this.filters.value, c, this.me)) {
      if (items.has(c.id)) {
        next = new Map(items);
        next.delete(c.id);
      }
    } else if (items.has(c.id) || this.belongsInLoadedRange(c)) {
      next = new Map(items);
      next.set(c.id, c);
    }
    batch(() => {
      if (next) this.items.value = next;
      if (c.id === this.selectedId.value) this.markSeen(c);
    });
    this.counts.refresh();
  }

  /** The case was merged into another (live): its row goes, and stays gone. */
  remove(id: string): void {
    this.merged.add(id);
    if (!this.items.value.has(id)) return;
    const next = new Map(this.items.value);
    next.delete(id);
    batch(() => {
      this.items.value = next;
      if (this.selectedId.value === id) this.selectedId.value = null;
    });
    this.counts.refresh();
  }

  setPresence(p: Presence): void {
    const next = new Map(this.presence.value);
    if (p.viewers.length === 0) next.delete(p.caseId);
    else next.set(p.caseId, p);
    this.presence.value = next;
  }

  resetPresence(all: Presence[]): void {
    this.presence.value = new Map(all.filter((p) => p.viewers.length > 0).map((p) => [p.caseId, p]));
  }

  setTags(caseId: string, tags: string[]): void {
    this.tags.value = new Map(this.tags.value).set(caseId, tags);
  }

  private addTags(items: ListedCase[]): void {
    const withTags = items.filter((c) => c.tags);
    if (withTags.length === 0) return;
    const next = new Map(this.tags.value);
    for (const c of withTags) if (c.tags) next.set(c.id, c.tags);
    this.tags.value = next;
  }

  markSeen(c: CaseSummary): void {
    if (this.seen.isSeen(c)) return;
    this.seen.mark(c);
    this.seenVersion.value++;
  }

  /** The language or the categories changed: the dom-built callback list says it again (the rows follow by themselves). */
  relabel(): void {
    this.callbackList.render();
  }

  get(id: string): CaseSummary | undefined {
    return this.items.value.get(id);
  }

  /** A loaded case by its reference (a link names cases by reference). */
  byReference(reference: string): CaseSummary | undefined {
    for (const c of this.items.value.values()) if (c.reference === reference) return c;
    return undefined;
  }

  setSelected(id: string | null): void {
    this.selectedId.value = id;
  }

  get currentView(): ListView {
    return this.view.value;
  }

  /** The view the URL names (the rail's links set it). */
  setView(view: ListView): void {
    if (view === this.view.value) return;
    this.view.value = view;
    this.resetAndReload();
  }

  typed(text: string): void {
    this.searchText.value = text;
  }

  /** The box was submitted: the search screen takes the words (GET /api/search, both scripts, every text). */
  submitSearch(): void {
    const q = this.searchText.value.trim();
    if (!q) return;
    this.searchText.value = '';
    this.events.searched?.(q);
  }

  setFilter(name: keyof ListFilters, value: string): void {
    const next = { ...this.filters.value };
    if (value) next[name] = value;
    else delete next[name];
    this.filters.value = next;
    this.resetAndReload();
  }

  private resetAndReload(): void {
    batch(() => {
      this.items.value = new Map();
      this.nextCursor.value = null;
    });
    void this.reload();
  }

  private request() {
    return { view: this.view.value, ...this.filters.value, limit: PAGE_SIZE };
  }

  private belongsInLoadedRange(c: CaseSummary): boolean {
    if (this.nextCursor.value === null) return true;
    const sorted = this.sorted.value;
    const last = sorted[sorted.length - 1];
    return !last || byActivity(c, last) <= 0;
  }
}
