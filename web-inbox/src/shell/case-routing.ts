import type { Signal } from '@preact/signals';
import type { CaseDetail } from '../../../src/inbox/contract.ts';
import { ApiError } from '../api.ts';
import type { CaseListModel } from '../case-list/case-list-model.ts';
import type { OpenCase } from '../case-view/open-case.ts';
import { t } from '../i18n/index.ts';
import { navigate, route } from './router.ts';
import { isCaseId } from './routes.ts';

interface CaseRoutingDeps {
  list: CaseListModel;
  caseView: OpenCase;
  notice: Signal<string | null>;
  caseOpen: Signal<boolean>;
}

/**
 * Opens the case a URL names. Links carry the reference (KC-2026-000042); a link from before the
 * router carries the id, and is rewritten to the reference once the case has loaded.
 */
export class CaseRouting {
  /** The next case opened from a click takes the keyboard focus; one from a link does not. */
  focusNext = false;
  private seq = 0;

  constructor(private readonly d: CaseRoutingDeps) {}

  async show(ref: string): Promise<void> {
    const { list, caseView } = this.d;
    const focus = this.focusNext;
    this.focusNext = false;
    const mine = ++this.seq;
    this.d.caseOpen.value = true;
    if (caseView.openId === ref || caseView.openReference === ref) return;
    const id = isCaseId(ref) ? ref : list.byReference(ref)?.id;
    if (id) {
      list.setSelected(id);
      await caseView.open(id, { focus });
      return;
    }
    // Not among the loaded rows: ask the server by reference (the same audited read).
    try {
      await caseView.openByReference(ref, { focus });
    } catch (err) {
      if (mine !== this.seq) return;
      this.d.caseOpen.value = false;
      navigate({ name: 'inbox', view: null }, { replace: true });
      if (err instanceof ApiError && err.status === 404)
        this.d.notice.value = t('inbox.caseNotFound', { reference: ref });
    }
  }

  /** The case is in: a link by id now shows the reference, the list marks its row. */
  loaded(d: CaseDetail): void {
    this.d.list.setSelected(d.id);
    const r = route.value;
    if (r.name === 'case' && r.ref === d.id) navigate({ name: 'case', ref: d.reference }, { replace: true });
  }

  close(): void {
    this.seq++;
    this.d.caseOpen.value = false;
    if (!this.d.caseView.isOpen) return;
    this.d.list.setSelected(null);
    this.d.caseView.close();
  }
}
