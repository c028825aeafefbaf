import type { Signal } from '@preact/signals';
import type { CaseSummary, MessageView } from '../../../src/inbox/contract.ts';
import type { CaseListModel } from '../case-list/case-list-model.ts';
import type { OpenCase } from '../case-view/open-case.ts';
import { t } from '../i18n/index.ts';
import type { LiveSocket } from '../live.ts';
import type { SearchModel } from '../search/search-model.ts';
import { navigate } from '../shell/router.ts';
import type { ContactModel } from './contact-model.ts';

/** A message moved between cases: the open case loses it or gains it, and both cases' summaries follow. */
export function applyMoved(caseView: OpenCase, e: { message: MessageView; from: CaseSummary; to: CaseSummary }): void {
  const d = caseView.detail.peek();
  if (d && d.id === e.from.id && d.messages.some((x) => x.id === e.message.id))
    caseView.detail.value = { ...d, messages: d.messages.filter((x) => x.id !== e.message.id) };
  if (d && d.id === e.to.id) caseView.addMessage(e.message);
  caseView.applySummary(e.from);
  caseView.applySummary(e.to);
  caseView.deps.onSummary(e.from);
  caseView.deps.onSummary(e.to);
}

export interface PeopleLiveDeps {
  list: CaseListModel;
  caseView: OpenCase;
  contact: ContactModel;
  search: SearchModel;
  /** The line over the workspace (an open case that was merged says where it went). */
  notice: Signal<string | null>;
}

/**
 * The socket events of people, merges and moves, for every open screen: the list, the open case, the
 * contact page and the search results stay as the server has them, for everyone at once.
 */
export function wirePeopleLive(socket: LiveSocket, d: PeopleLiveDeps): void {
  socket.on('person:updated', (e) => {
    d.contact.personUpdated(e.contactIds);
    // The open case's person changed: its other cases (and the link to the page) are read again.
    const open = d.caseView.detail.peek();
    if (open?.contactId && e.contactIds.includes(open.contactId)) d.caseView.refresh();
  });
  socket.on('case:merged', (e) => {
    d.list.remove(e.caseId);
    d.list.upsert(e.into);
    d.search.caseMerged(e.caseId, e.into);
    d.contact.caseTouched(e.caseId, e.into.id);
    const open = d.caseView.detail.peek();
    if (open?.id === e.caseId) {
      // Someone merged the case on screen: it is the surviving case now, under its own reference.
      navigate({ name: 'case', ref: e.into.reference }, { replace: true });
      d.notice.value = t('people.merged', { from: e.reference, into: e.into.reference });
    } else if (open?.id === e.into.id) {
      // The surviving case gained messages, notes and files: read it again.
      d.caseView.refresh();
    }
  });
  socket.on('case:created', (e) => d.contact.caseCreated(e.case));
  socket.on('case:updated', (e) => {
    d.contact.caseChanged(e.case);
    d.search.caseChanged(e.case);
  });
  socket.on('message:moved', (e) => {
    applyMoved(d.caseView, e);
  });
}
