import { FOREIGN_REFERENCE_TAG } from '../../../src/domain/system-tags.ts';
import type { CaseSummary, Presence } from '../../../src/inbox/contract.ts';
import { shortTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { label, tagLabel } from '../i18n/labels.ts';
import { SlaBadge } from '../sla-badge.tsx';

const CHANNEL_ICONS: Record<string, string> = { web_form: '⌨', email: '✉', facebook: 'ⓕ', instagram: '◎', phone: '☎' };

export interface CaseRowProps {
  c: CaseSummary;
  unread: boolean;
  presence: Presence | undefined;
  tags: readonly string[];
  me: string;
  selected: boolean;
  onOpen: (id: string) => void;
}

const names = (people: { name: string }[]) => people.map((v) => v.name).join(', ');

/**
 * One row: everything a counselor scans for, as text. It reads signals (the language, through t()), so
 * @preact/signals renders it again only when one of its props or the language changed: a live event
 * that touches one case renders one row, not the thousand around it.
 */
export function CaseRow({ c, unread, presence: p, tags, me, selected, onOpen }: CaseRowProps) {
  const who = c.anonymous ? t('app.anonymous') : (c.contactName ?? t('app.unknownContact'));
  const others = (p?.viewers ?? []).filter((v) => v.userId !== me);
  const typing = (p?.typing ?? []).filter((v) => v.userId !== me);
  return (
    <li>
      <button
        type="button"
        class={`case-row status-${c.status} priority-${c.priority}${unread ? ' unread' : ''}`}
        data-case-id={c.id}
        data-reference={c.reference}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onOpen(c.id)}
      >
        <span class="row-top">
          {unread && (
            <span class="unread-dot" role="img" title={t('inbox.unread')} aria-label={t('inbox.unread')}>
              ●
            </span>
          )}
          <span class="channel-icon" aria-hidden="true">
            {CHANNEL_ICONS[c.channel] ?? '•'}
          </span>
          <span class="reference">{c.reference}</span>
          <span class="channel">{label('channel', c.channel)}</span>
          <span class={c.anonymous ? 'who anonymous' : 'who'}>{who}</span>
          <time class="when" dateTime={c.lastActivityAt}>
            {shortTime(c.lastActivityAt)}
          </time>
        </span>
        <span class="preview">{c.preview}</span>
        <span class="badges">
          <span class={`badge status status-${c.status}`}>{label('status', c.status)}</span>
          <span class={`badge priority priority-${c.priority}`}>{label('priority', c.priority)}</span>
          <SlaBadge c={c} />
          <span class="badge category">{c.category ? label('category', c.category) : t('app.noCategory')}</span>
          <span class="badge assignee">{c.assigneeName ?? t('app.nobody')}</span>
          {tags.map((tag) =>
            tag === FOREIGN_REFERENCE_TAG ? (
              <span key={tag} class="badge tag system-warning">
                {tagLabel(tag)}
              </span>
            ) : (
              <span key={tag} class="badge tag">
                #{tag}
              </span>
            ),
          )}
          {others.length > 0 && <span class="badge viewing">{t('inbox.viewing', { names: names(others) })}</span>}
          {typing.length > 0 && <span class="badge typing">{t('inbox.typing', { names: names(typing) })}</span>}
        </span>
      </button>
    </li>
  );
}
