import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { Mount } from '../shell/mount.tsx';
import type { CaseListModel } from './case-list-model.ts';
import { CaseRow } from './case-row.tsx';
import { ListHeader } from './list-header.tsx';

const NO_TAGS: readonly string[] = [];

/** The case whose row has the keyboard focus, if any. */
const focusedRow = (): string | undefined =>
  (document.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('.case-row')?.dataset.caseId;

/** The case list's rows: the order, selection, unread markers, presence and tags all come from the model's signals. */
function Rows({ model }: { model: CaseListModel }) {
  const id = useMemo(() => uid('case-rows'), []);
  const ref = useRef<HTMLUListElement>(null);
  // Read before the rows move: a row that changes place is taken out of the page for a moment and loses the focus.
  const hadFocus = focusedRow();
  useLayoutEffect(() => {
    model.focus.el = ref.current;
    if (hadFocus && focusedRow() !== hadFocus) {
      ref.current
        ?.querySelector<HTMLElement>(`.case-row[data-case-id="${CSS.escape(hadFocus)}"]`)
        ?.focus({ preventScroll: true });
    }
  });
  model.seenVersion.value; // unread markers are kept outside signals (localStorage)
  const presence = model.presence.value;
  const tags = model.tags.value;
  const selected = model.selectedId.value;
  return (
    <ul
      id={id}
      ref={ref}
      class="case-rows"
      aria-label={t('app.caseList')}
      hidden={model.view.value === 'callbacks'}
      // Endless scrolling: the next page comes before the counselor reaches the end.
      onScroll={(ev) => {
        const el = ev.currentTarget;
        if (el.scrollTop + el.clientHeight > el.scrollHeight - 600) void model.loadMore();
      }}
    >
      {model.sorted.value.map((c) => (
        <CaseRow
          key={c.id}
          c={c}
          unread={!model.seen.isSeen(c)}
          presence={presence.get(c.id)}
          tags={tags.get(c.id) ?? NO_TAGS}
          me={model.me}
          selected={c.id === selected}
          onOpen={model.onOpen}
        />
      ))}
    </ul>
  );
}

/** Under the rows: loading, an error with a retry, "no cases", "load more"; in the callbacks view, theirs. */
function Footer({ model }: { model: CaseListModel }) {
  const status = (text: string) => (
    <p class="muted" role="status">
      {text}
    </p>
  );
  let body: ComponentChildren;
  if (model.view.value === 'callbacks') {
    model.callbacksVersion.value;
    const list = model.callbackList;
    const empty = list.state === 'ready' && list.size === 0;
    body = list.state === 'error' ? status(t('app.listError')) : empty ? status(t('inbox.noCallbacks')) : null;
  } else if (model.state.value === 'loading' && model.items.value.size === 0) {
    body = status(t('app.loading'));
  } else if (model.state.value === 'error') {
    body = (
      <>
        <p class="error" role="alert">
          {t('app.listError')}
        </p>
        <button type="button" onClick={() => void model.reload()}>
          {t('app.retry')}
        </button>
      </>
    );
  } else {
    const busy = model.loadingMore.value;
    body = (
      <>
        {model.items.value.size === 0 && status(t('app.emptyList'))}
        {model.nextCursor.value && (
          <button type="button" class="load-more" disabled={busy} onClick={() => void model.loadMore()}>
            {t(busy ? 'app.loading' : 'app.loadMore')}
          </button>
        )}
      </>
    );
  }
  return <div class="list-footer">{body}</div>;
}

/** The live case list: filters and search, the rows, the phone line's callbacks (dom-built), the footer. */
export function CaseList({ model }: { model: CaseListModel }) {
  return (
    <section class="case-list">
      <ListHeader model={model} />
      <Rows model={model} />
      <Mount el={model.callbackList.el} />
      <Footer model={model} />
    </section>
  );
}
