import type { ReadonlySignal } from '@preact/signals';
import { CaseList } from '../case-list/case-list.tsx';
import type { CaseListModel } from '../case-list/case-list-model.ts';
import { CaseView } from '../case-view/case-view.tsx';
import type { OpenCase } from '../case-view/open-case.ts';
import type { ContactModel } from '../people/contact-model.ts';
import { ContactScreen } from '../people/contact-page.tsx';
import type { SearchModel } from '../search/search-model.ts';
import { SearchScreen } from '../search/search-screen.tsx';
import { onUrlsScreen, UrlsPane } from '../urls/urls-entry.tsx';
import { Mount } from './mount.tsx';
import { NavRail, type NavRailProps } from './nav-rail.tsx';
import { lastList, route } from './router.ts';

export interface InboxShellProps extends NavRailProps {
  /** Dom-built parts, mounted as they are. */
  banner: HTMLElement;
  channelHealth: HTMLElement;
  urgentAlerts: HTMLElement | null;
  /** The case list and the open case (Preact components over these models). */
  list: CaseListModel;
  caseView: OpenCase;
  /** The search screen (in the list's place after a search) and the contact page (a page of its own). */
  search: SearchModel;
  contact: ContactModel;
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
  const contactPage = route.value.name === 'contact';
  // A case opened from the search results shows beside them; closing it returns to them.
  const searching = lastList.value.name === 'search';
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
        {contactPage && <ContactScreen model={p.contact} />}
        <UrlsPane me={p.me} />
        <main
          class="inbox"
          hidden={contactPage || onUrlsScreen()}
          data-list={searching ? 'search' : 'cases'}
          data-case={p.caseOpen.value ? 'open' : 'none'}
        >
          {/* Both stay mounted: the list keeps its place while a search is shown. */}
          <div class="list-pane" hidden={searching}>
            <CaseList model={p.list} />
          </div>
          {searching && <SearchScreen model={p.search} />}
          <CaseView model={p.caseView} />
        </main>
      </div>
    </div>
  );
}
