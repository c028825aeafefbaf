import { mayRemoveTag } from '../../src/domain/system-tags.ts';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { ApiError, api, type CaseExtras } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { fullTime } from './format.ts';
import { t } from './i18n/index.ts';
import { label, tagLabel } from './i18n/labels.ts';

/**
 * Tags (editable, live), linked cases and the case's history, under the header. The person's other
 * cases are in the person panel above (people/person-panel.tsx), from the case itself.
 */
export class CaseExtrasPanel {
  readonly el = h('div', { class: 'case-extras' });
  private caseId: string | null = null;
  private data: CaseExtras | null = null;
  private error: string | null = null;
  private readonly inputId = uid('tag-input');
  private readonly input = h('input', { id: this.inputId, type: 'text', maxlength: 40, autocomplete: 'off' });
  private seq = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly onOpenCase: (id: string) => void,
    /** The signed-in user's role: a counselor gets no remove button on the "abuse material" tag. */
    private readonly role: string,
  ) {
    this.input.addEventListener('keydown', (ev) => {
      if (ev.key !== 'Enter') return;
      ev.preventDefault();
      const tag = this.input.value.trim();
      if (tag && this.data) void this.save([...this.data.tags, tag]);
    });
  }

  async load(caseId: string): Promise<void> {
    if (caseId !== this.caseId) {
      this.data = null;
      this.input.value = '';
    }
    this.caseId = caseId;
    const mine = ++this.seq;
    try {
      const data = await api.extras(caseId);
      if (mine !== this.seq) return;
      this.data = data;
    } catch {
      // The panel stays as it was; the case itself is what matters.
    }
    this.render();
  }

  /** Something happened on the case: its history grew. One request per burst. */
  refreshSoon(): void {
    clearTimeout(this.refreshTimer);
    const id = this.caseId;
    if (id) this.refreshTimer = setTimeout(() => void this.load(id), 300);
  }

  setTags(caseId: string, tags: string[]): void {
    if (caseId !== this.caseId || !this.data) return;
    this.data = { ...this.data, tags };
    this.render();
    this.refreshSoon();
  }

  render(): void {
    const d = this.data;
    if (!d) {
      replace(this.el);
      return;
    }
    const chips = d.tags.map((tag) => {
      if (!mayRemoveTag(tag, this.role)) return h('li', { class: 'tag protected' }, tagLabel(tag));
      const remove = h(
        'button',
        { type: 'button', class: 'tag-remove', 'aria-label': `${t('inbox.removeTag')} ${tag}` },
        '×',
      );
      remove.addEventListener('click', () => void this.save(d.tags.filter((x) => x !== tag)));
      return h('li', { class: 'tag' }, tagLabel(tag), remove);
    });
    this.input.placeholder = t('inbox.addTag');
    replace(
      this.el,
      h(
        'div',
        { class: 'tags-row' },
        h('label', { for: this.inputId, class: 'field-label' }, t('inbox.tags')),
        h('ul', { class: 'tags' }, chips),
        this.input,
        this.error ? h('span', { class: 'error', role: 'alert' }, this.error) : null,
      ),
      d.linked?.length
        ? h(
            'details',
            { class: 'other-cases linked-cases', open: true },
            h('summary', {}, t('inbox.linkedCases', { n: d.linked.length })),
            h(
              'ul',
              {},
              d.linked.map((c) => this.otherCase(c)),
            ),
          )
        : null,
      h(
        'details',
        { class: 'case-history' },
        h('summary', {}, t('inbox.history')),
        h(
          'ol',
          {},
          d.history.map((e) =>
            h('li', {}, h('time', { datetime: e.at }, fullTime(e.at)), ' ', e.actorName ?? '—', ': ', this.describe(e)),
          ),
        ),
      ),
    );
  }

  private otherCase(c: CaseSummary): HTMLElement {
    const b = h('button', { type: 'button', class: 'small' }, c.reference);
    b.addEventListener('click', () => this.onOpenCase(c.id));
    return h('li', {}, b, ' ', label('status', c.status), ' · ', c.preview);
  }

  private describe(e: CaseExtras['history'][number]): string {
    const details = e.details ?? {};
    if (e.action === 'case.update')
      return Object.entries(details)
        .map(([k, v]) => {
          const group = k === 'status' || k === 'priority' || k === 'category' ? k : null;
          const value =
            v === null
              ? t('app.nobody')
              : group
                ? label(group, String(v))
                : k === 'assigneeId'
                  ? t('inbox.assigned')
                  : String(v);
          return `${k === 'assigneeId' ? t('app.assignee') : t(`app.${group ?? 'status'}`)} → ${value}`;
        })
        .join(', ');
    if (e.action === 'case.tags') {
      const list = (k: string) => (Array.isArray(details[k]) ? (details[k] as string[]).join(', ') : '');
      return `${t('inbox.tags')}: +${list('added')} −${list('removed')}`;
    }
    if (e.action === 'case.foreign_reference') return t('inbox.historyForeignReference');
    if (e.action === 'message.reply_recipient_override')
      return t('inbox.historyRecipientOverride', { to: String(details.to ?? '') });
    const key = (
      {
        'case.note': 'inbox.histNote',
        'case.reply': 'inbox.histReply',
        'attachment.reveal': 'inbox.histReveal',
      } as const
    )[e.action as 'case.note'];
    return key ? t(key) : e.action;
  }

  private async save(tags: string[]): Promise<void> {
    const id = this.caseId;
    if (!id) return;
    this.error = null;
    try {
      const r = await api.setTags(id, tags);
      this.input.value = '';
      this.setTags(id, r.tags);
      this.input.focus();
    } catch (err) {
      const protectedTag =
        err instanceof ApiError && (err.body as { error?: unknown } | null)?.error === 'abuse_material_tag_protected';
      this.error = t(protectedTag ? 'inbox.tagsAbuseProtected' : 'inbox.tagsRefused');
      this.render();
    }
  }
}
