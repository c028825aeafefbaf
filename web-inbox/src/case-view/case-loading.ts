import type { CaseDetail, MessageView } from '../../../src/inbox/contract.ts';

/** What is being fetched: a case by id, or by reference (a link) before its id is known. */
export type CaseTarget = { id: string } | { reference: string };

/**
 * The fetch of a case under way, if any: which fetch is the latest (an older answer is dropped),
 * what it is for (a reconnect fetches it again, also after a failure), and the messages created or
 * changed live meanwhile. The fetched detail may be a snapshot from before those (the worker can
 * publish before the answer comes back), so they are applied to it when it lands instead of being
 * lost. Which case is coming is not known before it lands when a link names its reference, so
 * every message is kept and the merge takes the case's own. A created one is added if the snapshot
 * lacks it; a changed one replaces the snapshot's copy (the last change seen wins, as it would live).
 */
export class CaseLoading {
  private seq = 0;
  private pending: CaseTarget | null = null;
  private seen: Map<string, { message: MessageView; changed: boolean }> | null = null;

  /** A fetch starts; returns its token. Kept messages start afresh: the new snapshot is newer. */
  begin(target: CaseTarget): number {
    this.pending = target;
    this.seen = new Map();
    return ++this.seq;
  }

  /** The fetch with this token is still the latest one. */
  isLatest(token: number): boolean {
    return token === this.seq;
  }

  /** What the unfinished (or failed) fetch was for; null once a case landed or was closed. */
  get target(): CaseTarget | null {
    return this.pending;
  }

  created(m: MessageView): void {
    if (this.seen && !this.seen.has(m.id)) this.seen.set(m.id, { message: m, changed: false });
  }

  changed(m: MessageView): void {
    this.seen?.set(m.id, { message: m, changed: true });
  }

  /** The fetch answered: what came live for this case is applied to its detail. */
  landed(detail: CaseDetail): void {
    for (const { message: m, changed } of this.seen?.values() ?? []) {
      if (m.caseId !== detail.id) continue;
      const at = detail.messages.findIndex((x) => x.id === m.id);
      if (at === -1) detail.messages.push(m);
      else if (changed) detail.messages[at] = m;
    }
    this.seen = null;
    this.pending = null;
  }

  /** The fetch failed: nothing more is kept, but the target stays for a retry on reconnect. */
  failed(): void {
    this.seen = null;
  }

  /** The case was closed: any answer still on its way is dropped. */
  cancel(): void {
    this.seq++;
    this.pending = null;
    this.seen = null;
  }
}
