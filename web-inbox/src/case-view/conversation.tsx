import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { CaseDetail, MessageView } from '../../../src/inbox/contract.ts';
import { revealOnClick } from '../attachment-reveal.ts';
import { t } from '../i18n/index.ts';
import { label, labelsVersion } from '../i18n/labels.ts';
import { messageArticle } from '../message-view.ts';
import { MessageMenu } from '../people/message-menu.tsx';
import { Mount } from '../shell/mount.tsx';
import { SlaBadge } from '../sla-badge.tsx';
import type { OpenCase, Pane } from './open-case.ts';

export interface PaneProps {
  model: OpenCase;
  detail: CaseDetail;
  ids: { title: string; details: string };
  /** Moves to a pane (on a phone) and takes the focus there. */
  show: (pane: Pane) => void;
}

/** Over the conversation: the reference and state, the way to the details (on a phone), close, the outcome offer. */
function CaseHeader({ model, detail: d, ids, show }: PaneProps) {
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (!model.focusTitle.peek()) return;
    model.focusTitle.value = false;
    title.current?.focus();
  });
  const close = () => model.deps.onClose();
  return (
    <header class="case-header">
      <div class="case-title-row">
        <button type="button" class="pane-back" aria-label={t('inbox.backToList')} onClick={close}>
          ←
        </button>
        <h2 id={ids.title} ref={title} tabindex={-1}>
          {d.reference}
        </h2>
        <span class={`badge status status-${d.status}`}>{label('status', d.status)}</span>
        <SlaBadge c={d} />
        <button type="button" class="small pane-details" aria-controls={ids.details} onClick={() => show('details')}>
          {t('inbox.caseDetails')}
        </button>
        <button type="button" class="close" aria-label={t('app.closeCase')} title={t('app.closeCase')} onClick={close}>
          ×
        </button>
      </div>
      <Mount el={model.panels.outcome.el} />
    </header>
  );
}

/** Who else has the case open, and who is typing in it. */
function Presence({ model }: { model: OpenCase }) {
  const viewers = model.others('viewers');
  const typing = model.others('typing');
  return (
    <p class="presence" role="status">
      {viewers.length > 0 && <span class="viewing">{t('inbox.alsoHere', { names: viewers.join(', ') })}</span>}
      {typing.length > 0 && <span class="typing"> {t('inbox.typing', { names: typing.join(', ') })}</span>}
    </p>
  );
}

/**
 * One message, dom-built by message-view.ts (the reporter's words as text nodes only); built again when the
 * message changes, or the language or the category names do.
 */
function MessageItem({ model, m, detail }: { model: OpenCase; m: MessageView; detail: CaseDetail }) {
  const box = useRef<HTMLDivElement>(null);
  const version = labelsVersion();
  // The case (who the reporter is) is read when the message is built, as the thread always did.
  const article = useMemo(() => messageArticle(m, detail), [m, version]);
  useLayoutEffect(() => {
    box.current?.replaceChildren(article);
  }, [article]);
  return (
    <li>
      <div class="mount" ref={box} />
      <MessageMenu model={model} detail={detail} m={m} />
    </li>
  );
}

/** The messages in time order; the thread scrolls on its own, next to the composer. */
function Thread({ model, detail: d }: { model: OpenCase; detail: CaseDetail }) {
  const ol = useRef<HTMLOListElement>(null);
  const landings = model.landings.value;
  const arrived = model.arrived.value;
  // A case opens at its latest message.
  useLayoutEffect(() => {
    if (ol.current) ol.current.scrollTop = ol.current.scrollHeight;
  }, [landings]);
  // One that arrives while it is open comes into view.
  useLayoutEffect(() => {
    if (!arrived) return;
    const article = ol.current?.querySelector(`[data-message-id="${CSS.escape(arrived)}"]`);
    article?.closest('li')?.scrollIntoView({ block: 'nearest' });
  }, [arrived]);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the clicks come from the reveal buttons inside, keys included
    <ol class="thread" ref={ol} onClick={(ev) => void revealOnClick(ev)}>
      {d.messages.length === 0 ? (
        <li class="muted">{t('app.noMessages')}</li>
      ) : (
        d.messages.map((m) => <MessageItem key={m.id} model={model} m={m} detail={d} />)
      )}
    </ol>
  );
}

/** The middle pane: the case's head, presence, the thread, and the composer (dom-built) at its foot. */
export function Conversation(p: PaneProps) {
  return (
    <div class="conversation">
      <CaseHeader {...p} />
      <Presence model={p.model} />
      <h3 class="visually-hidden">{t('app.messages')}</h3>
      <Thread model={p.model} detail={p.detail} />
      <Mount el={p.model.panels.composer.el} />
    </div>
  );
}
