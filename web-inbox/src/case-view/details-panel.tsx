import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { CaseDetail } from '../../../src/inbox/contract.ts';
import { RecordPanel } from '../case-record/record-panel.tsx';
import { uid } from '../dom.ts';
import { fullTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { codesOf, label } from '../i18n/labels.ts';
import { PersonPanel } from '../people/person-panel.tsx';
import { Mount } from '../shell/mount.tsx';
import { spanText } from '../sla-clock.ts';
import { TriageMarkPanel } from '../triage/triage-mark.tsx';
import { CaseUrls } from '../urls/case-urls.tsx';
import type { PaneProps } from './conversation.tsx';
import type { OpenCase } from './open-case.ts';

/** Time from arrival to a recorded moment (first answer, closing), or "not yet". */
const elapsed = (from: string, until: string | null) =>
  until === null
    ? t('casework.notYet')
    : spanText(Math.max(0, Math.round((Date.parse(until) - Date.parse(from)) / 60_000)));

interface ChoiceProps {
  model: OpenCase;
  field: 'status' | 'priority' | 'category';
  value: string;
  blank?: string;
}

/** A select that changes the case at once; while the change is saved it waits, after a refusal it goes back. */
function Choice({ model, field, value, blank }: ChoiceProps) {
  const id = useMemo(() => uid(field), [field]);
  const options = codesOf(field).map((code) => ({ value: code, label: label(field, code) }));
  // A category the defaults do not know (configured later) still shows as selected.
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: label(field, value) });
  if (blank !== undefined) options.unshift({ value: '', label: blank });
  return (
    <div class="field">
      <label for={id}>{t(`app.${field}`)}</label>
      <select
        id={id}
        data-field={field}
        disabled={model.patching.value}
        value={value}
        onChange={(ev) => {
          const v = ev.currentTarget.value;
          void model.patch(field === 'category' ? { category: v || null } : { [field]: v });
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The case's facts, who has it, its clocks, and the status, priority and category controls. */
function CaseFacts({ model, detail: d }: { model: OpenCase; detail: CaseDetail }) {
  const el = useRef<HTMLDivElement>(null);
  // After a change is saved (or refused), the control that made it has the focus again.
  useLayoutEffect(() => {
    const field = model.focusField.peek();
    if (!field) return;
    model.focusField.value = null;
    el.current
      ?.closest('.case-view')
      ?.querySelector<HTMLElement>(`[data-field="${CSS.escape(field)}"]`)
      ?.focus();
  });
  const me = model.deps.me.id;
  const mine = d.assigneeId === me;
  const contact = d.anonymous
    ? t('app.anonymous')
    : [
        d.contact?.displayName ?? d.contactName ?? t('app.unknownContact'),
        ...(d.contact?.identities ?? []).map((i) => i.value),
      ].join(' · ');
  const error = model.patchError.value;
  return (
    <div class="case-header case-facts-block" ref={el}>
      <dl class="case-facts">
        <dt>{t('app.channel')}</dt>
        <dd>{label('channel', d.channel)}</dd>
        <dt>{t('app.contact')}</dt>
        <dd>{contact}</dd>
        <dt>{t('app.opened')}</dt>
        <dd>
          <time dateTime={d.createdAt}>{fullTime(d.createdAt)}</time>
        </dd>
        <dt>{t('app.assignee')}</dt>
        <dd>
          {d.assigneeName ?? t('app.nobody')}{' '}
          <button
            type="button"
            class="small"
            data-field="assignee"
            disabled={model.patching.value}
            onClick={() => void model.patch({ assigneeId: mine ? null : me })}
          >
            {t(mine ? 'app.unassign' : 'app.assignToMe')}
          </button>
        </dd>
        <dt>{t('casework.timeToFirstResponse')}</dt>
        <dd data-time="first-response">{elapsed(d.createdAt, d.firstResponseAt)}</dd>
        <dt>{t('casework.timeToClose')}</dt>
        <dd data-time="close">{elapsed(d.createdAt, d.closedAt)}</dd>
      </dl>
      <div class="case-controls">
        <Choice model={model} field="status" value={d.status} />
        <Choice model={model} field="priority" value={d.priority} />
        <Choice model={model} field="category" value={d.category ?? ''} blank={t('app.noCategory')} />
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The side panel: the facts and controls, the case record and the triage mark, then the dom-built panels
 * (tags and history, caller, referrals, legal hold).
 */
export function DetailsPanel({ model, detail, ids, show }: PaneProps) {
  return (
    <aside class="case-details" id={ids.details} aria-label={t('inbox.caseDetails')}>
      <button type="button" class="pane-back" onClick={() => show('conversation')}>
        ← {t('inbox.backToCase')}
      </button>
      <CaseFacts model={model} detail={detail} />
      <PersonPanel model={model} detail={detail} />
      <RecordPanel model={model} detail={detail} />
      <TriageMarkPanel detail={detail} meId={model.deps.me.id} />
      <CaseUrls caseId={detail.id} role={model.deps.me.role} />
      <Mount el={model.panels.extras.el} />
      <Mount el={model.panels.caller.el} />
      <Mount el={model.panels.referrals.el} />
      <Mount el={model.panels.hold.el} />
    </aside>
  );
}
