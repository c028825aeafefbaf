import type { ReadonlySignal } from '@preact/signals';
import { CaseList } from '../case-list/case-list.tsx';
import type { CaseListModel } from '../case-list/case-list-model.ts';
import { CaseView } from '../case-view/case-view.tsx';
import type { OpenCase } from '../case-view/open-case.ts';
import { onUrlsScreen, UrlsPane } from '../urls/urls-entry.tsx';
import { Mount } from './mount.tsx';
import { NavRail, type NavRailProps } from './nav-rail.tsx';

export interface InboxShellProps extends NavRailProps {
  /** Dom-built parts, mounted as they are. */
  banner: HTMLElement;
  channelHealth: HTMLElement;
  urgentAlerts: HTMLElement | null;
  /** The case list and the open case (Preact components over these models). */
  list: CaseListModel;
  caseView: OpenCase;
  /** A case is open: on a phone the case pane shows instead of the list. */
  caseOpen: ReadonlySignal<boolean>;
  /** A link that led nowhere (an unknown case, a screen the role may not open). */
  notice: ReadonlySignal<string | null>;
}

/**
 * The signed-in inbox laid out around the conversation: the navigation rail, the case list, and
 * the open case (its conversation, then its details as a side panel). On a phone (≤ 700px) one pane
 * at a time: list, case, details.
 */
export function InboxShell(p: InboxShellProps) {
  return (
    <div class="shell" data-pane={p.caseOpen.value ? 'case' : 'list'}>
      <NavRail {...p} />
      <div class="workspace">
        <Mount el={p.banner} />
        <Mount el={p.channelHealth} />
        {p.urgentAlerts && <Mount el={p.urgentAlerts} />}
        {p.notice.value && (
          <p class="error route-notice" role="alert">
            {p.notice.value}
          </p>
        )}
        <UrlsPane me={p.me} />
        <main class="inbox" hidden={onUrlsScreen()}>
          <CaseList model={p.list} />
          <CaseView model={p.caseView} />
        </main>
      </div>
    </div>
  );
}
