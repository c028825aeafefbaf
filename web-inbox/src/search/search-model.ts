import { batch, signal } from '@preact/signals';
import type { CaseSummary } from '../../../src/inbox/contract.ts';
import { ApiError } from '../api.ts';
import { lang, t } from '../i18n/index.ts';
import { referralApi } from '../referral-api.ts';
import { navigate } from '../shell/router.ts';
import { fromSaved, type SavedSearch, type SearchResult, searchApi, toSaved } from './search-api.ts';
import {
  isEmptySearch,
  type ListFilter,
  type OneFilter,
  type SearchParams,
  type SearchSort,
  searchQueryString,
} from './search-params.ts';

const EMPTY: SearchParams = { q: '', sort: 'relevance', filters: {} };

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * The search screen's state as signals. The URL is the search: changing the words, a filter or the
 * order navigates, and the route (also Back, a reload, a shared link) runs it through show().
 */
export class SearchModel {
  readonly params = signal<SearchParams>(EMPTY);
  /** What the box holds (the search runs when it is submitted). */
  readonly text = signal('');
  readonly results = signal<readonly SearchResult[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly state = signal<'empty' | 'loading' | 'ready' | 'error'>('empty');
  readonly error = signal<string | null>(null);
  readonly loadingMore = signal(false);
  /** The counselor's saved searches; null while the server has not offered them (or does not). */
  readonly saved = signal<readonly SavedSearch[] | null>(null);
  readonly savedNotice = signal<string | null>(null);
  /** Institutions a case may be referred to (the "referred to" filter's choices). */
  readonly institutions = signal<readonly { code: string; names: Record<string, string> }[]>([]);
  /** Moves on when the search box should take the focus (the "/" key). */
  readonly focusBox = signal(0);
  private seq = 0;
  private loadedChoices = false;

  /** The route names this search: run it, unless it is what is on screen already. */
  show(p: SearchParams): void {
    const same = searchQueryString(p) === searchQueryString(this.params.peek()) && this.state.peek() !== 'empty';
    batch(() => {
      this.params.value = p;
      this.text.value = p.q;
    });
    this.loadChoices();
    if (!same || this.state.peek() === 'error') void this.run();
  }

  /** Run the search again (a reconnect may have missed changes). */
  refresh(): void {
    if (this.state.peek() !== 'empty') void this.run();
  }

  private async run(): Promise<void> {
    const mine = ++this.seq;
    const p = this.params.peek();
    if (isEmptySearch(p)) {
      batch(() => {
        this.results.value = [];
        this.nextCursor.value = null;
        this.state.value = 'empty';
      });
      return;
    }
    batch(() => {
      this.state.value = 'loading';
      this.error.value = null;
    });
    try {
      const page = await searchApi.search(p);
      if (mine !== this.seq) return;
      batch(() => {
        this.results.value = page.results;
        this.nextCursor.value = page.nextCursor;
        this.state.value = 'ready';
      });
    } catch (err) {
      if (mine !== this.seq) return;
      batch(() => {
        this.error.value = t('search.failed', { reason: reasonOf(err) });
        this.state.value = 'error';
      });
    }
  }

  async loadMore(): Promise<void> {
    const cursor = this.nextCursor.peek();
    if (!cursor || this.loadingMore.peek()) return;
    const mine = this.seq;
    this.loadingMore.value = true;
    try {
      const page = await searchApi.search(this.params.peek(), cursor);
      if (mine !== this.seq) return;
      const have = new Set(this.results.peek().map((r) => r.caseId));
      batch(() => {
        this.results.value = [...this.results.peek(), ...page.results.filter((r) => !have.has(r.caseId))];
        this.nextCursor.value = page.nextCursor;
      });
    } catch (err) {
      if (mine === this.seq) this.error.value = t('search.failed', { reason: reasonOf(err) });
    } finally {
      this.loadingMore.value = false;
    }
  }

  /** Show another search: a new entry in the history, so Back returns to this one. */
  go(next: SearchParams): void {
    navigate({ name: 'search', ...next });
  }

  /** The search on screen changed: with the words in the box, submitted or not (a filter applies to them). */
  private change(patch: Partial<SearchParams>): void {
    this.go({ ...this.params.peek(), q: this.text.peek().trim(), ...patch });
  }

  submit(): void {
    this.change({});
  }

  setList(key: ListFilter, values: string[]): void {
    const filters = { ...this.params.peek().filters };
    if (values.length) filters[key] = values;
    else delete filters[key];
    this.change({ filters });
  }

  setOne(key: OneFilter, value: string): void {
    const filters = { ...this.params.peek().filters };
    if (value) filters[key] = value;
    else delete filters[key];
    this.change({ filters });
  }

  setSort(sort: SearchSort): void {
    this.change({ sort });
  }

  clearFilters(): void {
    this.change({ filters: {} });
  }

  /** A case changed (live): its row shows the new status, priority, category and assignee. */
  caseChanged(c: CaseSummary): void {
    const rows = this.results.peek();
    if (!rows.some((r) => r.caseId === c.id)) return;
    this.results.value = rows.map((r) =>
      r.caseId === c.id
        ? {
            ...r,
            status: c.status,
            priority: c.priority,
            category: c.category,
            assigneeId: c.assigneeId,
            assigneeName: c.assigneeName,
            lastActivityAt: c.lastActivityAt,
          }
        : r,
    );
  }

  /** A case was merged into another (live): it is no longer a case of its own. */
  caseMerged(caseId: string, into: CaseSummary): void {
    const rows = this.results.peek();
    if (rows.some((r) => r.caseId === caseId)) this.results.value = rows.filter((r) => r.caseId !== caseId);
    this.caseChanged(into);
  }

  /** The filters' choices and the saved searches, once: both come from the server. */
  private loadChoices(): void {
    if (this.loadedChoices) return;
    this.loadedChoices = true;
    void referralApi.institutions().then(
      (r) => {
        this.institutions.value = r.items;
      },
      () => {},
    );
    void this.loadSaved();
  }

  private async loadSaved(): Promise<void> {
    try {
      this.saved.value = (await searchApi.saved()).items;
    } catch {
      // No saved searches on this server (or not now): the screen offers none.
    }
  }

  async saveAs(name: string): Promise<boolean> {
    try {
      const s = await searchApi.save(name, toSaved(this.params.peek()));
      this.saved.value = [...(this.saved.peek() ?? []), s];
      this.savedNotice.value = t('search.saved', { name: s.name });
      return true;
    } catch (err) {
      this.savedNotice.value = t('search.notSaved', { reason: reasonOf(err) });
      return false;
    }
  }

  async removeSaved(id: string): Promise<void> {
    try {
      await searchApi.remove(id);
      this.saved.value = (this.saved.peek() ?? []).filter((s) => s.id !== id);
    } catch (err) {
      this.savedNotice.value = t('search.notSaved', { reason: reasonOf(err) });
    }
  }

  openSaved(s: SavedSearch): void {
    this.go(fromSaved(s.query));
  }

  institutionName(code: string): string {
    const i = this.institutions.peek().find((x) => x.code === code);
    return i ? (i.names[lang()] ?? i.names['sr-Latn'] ?? code) : code;
  }
}
