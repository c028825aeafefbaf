import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { Conversation } from './conversation.tsx';
import { DetailsPanel } from './details-panel.tsx';
import type { OpenCase, Pane } from './open-case.ts';

/**
 * One open case: the conversation (its head, the thread in order, the composer) and the case's details
 * beside it; on a phone one of the two at a time. Before a case is chosen, a hint; while it loads, or
 * when it cannot, a line that says so.
 */
export function CaseView({ model }: { model: OpenCase }) {
  const ids = useMemo(() => ({ title: uid('case-title'), details: uid('case-details') }), []);
  const section = useRef<HTMLElement>(null);
  const moved = useRef(false);
  const pane = model.pane.value;
  const show = (next: Pane) => {
    moved.current = true;
    model.showPane(next);
  };
  // Moving between panes takes the focus along: to the way back, or to the way to the details.
  useLayoutEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    const target = pane === 'details' ? '.case-details .pane-back' : '.case-header .pane-details';
    section.current?.querySelector<HTMLElement>(target)?.focus();
  }, [pane]);
  const state = model.state.value;
  const detail = model.detail.value;
  let body: ComponentChildren;
  if (state === 'empty') {
    body = <p class="placeholder">{t('app.selectCase')}</p>;
  } else if (!detail) {
    body = (
      <p class={state === 'error' ? 'error' : 'muted'} role="status">
        {state === 'error' ? t('app.caseLoadError') : t('app.loading')}
      </p>
    );
  } else {
    const p = { model, detail, ids, show };
    body = (
      <>
        <Conversation {...p} />
        <DetailsPanel {...p} />
      </>
    );
  }
  return (
    <section
      class="case-view"
      ref={section}
      aria-labelledby={ids.title}
      data-pane={pane ?? undefined}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape' && model.isOpen && !(ev.target instanceof HTMLTextAreaElement)) model.deps.onClose();
      }}
    >
      {body}
    </section>
  );
}
