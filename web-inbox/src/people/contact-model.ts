import { batch, signal } from '@preact/signals';
import type { CaseSummary } from '../../../src/inbox/contract.ts';
import { ApiError } from '../api.ts';
import { type PersonPage, peopleApi, refusalText } from './people-api.ts';

/**
 * The contact page's state as signals: the person the page was opened for, kept current by the
 * socket (someone links, splits or notes any of its contacts; a case of theirs changes or is merged).
 */
export class ContactModel {
  readonly id = signal<string | null>(null);
  readonly page = signal<PersonPage | null>(null);
  readonly state = signal<'empty' | 'loading' | 'ready' | 'missing' | 'error'>('empty');
  /** Identities chosen to be split off. */
  readonly chosen = signal<ReadonlySet<string>>(new Set());
  private seq = 0;

  open(id: string): void {
    if (id !== this.id.peek()) {
      batch(() => {
        this.id.value = id;
        this.page.value = null;
        this.chosen.value = new Set();
        this.state.value = 'loading';
      });
    }
    void this.reload();
  }

  close(): void {
    this.seq++;
    batch(() => {
      this.id.value = null;
      this.page.value = null;
      this.state.value = 'empty';
    });
  }

  async reload(): Promise<void> {
    const id = this.id.peek();
    if (!id) return;
    const mine = ++this.seq;
    try {
      const page = await peopleApi.page(id);
      if (mine !== this.seq) return;
      const identities = new Set(page.identities.map((i) => i.id));
      batch(() => {
        this.page.value = page;
        this.state.value = 'ready';
        this.chosen.value = new Set([...this.chosen.peek()].filter((i) => identities.has(i)));
      });
    } catch (err) {
      if (mine !== this.seq) return;
      this.state.value = err instanceof ApiError && err.status === 404 ? 'missing' : 'error';
    }
  }

  /** Contacts were linked, split or noted (live): this page reloads if any of them is on it. */
  personUpdated(contactIds: readonly string[]): void {
    const p = this.page.peek();
    const id = this.id.peek();
    if (!id) return;
    if (contactIds.includes(id) || p?.contacts.some((c) => contactIds.includes(c.id))) void this.reload();
  }

  /** A case changed or was merged (live): if it is one of the person's, the page shows it as it is now. */
  caseTouched(...caseIds: string[]): void {
    if (this.page.peek()?.cases.some((c) => caseIds.includes(c.id))) void this.reload();
  }

  /** A case of the person's changed (live): its row shows it, without reading the page again. */
  caseChanged(c: CaseSummary): void {
    const p = this.page.peek();
    if (!p?.cases.some((x) => x.id === c.id)) return;
    const cases = p.cases.map((x) =>
      x.id === c.id
        ? { ...x, status: c.status, priority: c.priority, category: c.category, lastActivityAt: c.lastActivityAt }
        : x,
    );
    this.page.value = { ...p, cases };
  }

  /** A new case may belong to the person (a contact of theirs wrote again). */
  caseCreated(c: CaseSummary): void {
    if (c.contactId && this.page.peek()?.contacts.some((x) => x.id === c.contactId)) void this.reload();
  }

  toggle(identityId: string, on: boolean): void {
    const next = new Set(this.chosen.peek());
    if (on) next.add(identityId);
    else next.delete(identityId);
    this.chosen.value = next;
  }

  /** Each change answers the refusal to show, or null; the page reloads itself when it was made. */
  async addNote(text: string): Promise<string | null> {
    return this.change((id) => peopleApi.addNote(id, text));
  }

  async link(otherContactId: string, reason: string): Promise<string | null> {
    return this.change((id) => peopleApi.link(id, otherContactId, reason));
  }

  async split(reason: string): Promise<string | null> {
    const chosen = [...this.chosen.peek()];
    const refused = await this.change((id) => peopleApi.split(id, chosen, reason || undefined));
    if (!refused) this.chosen.value = new Set();
    return refused;
  }

  private async change(fn: (contactId: string) => Promise<unknown>): Promise<string | null> {
    const id = this.id.peek();
    if (!id) return null;
    try {
      await fn(id);
    } catch (err) {
      return refusalText(err);
    }
    await this.reload();
    return null;
  }
}
