import type { ReadonlySignal } from '@preact/signals';
import { Mount } from './mount.tsx';
import { NavRail, type NavRailProps } from './nav-rail.tsx';

export interface InboxShellProps extends NavRailProps {
  /** Dom-built parts, mounted as they are. */
  banner: HTMLElement;
  channelHealth: HTMLElement;
  urgentAlerts: HTMLElement | null;
  list: HTMLElement;
  caseView: HTMLElement;
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
        <main class="inbox">
          <Mount el={p.list} />
          <Mount el={p.caseView} />
        </main>
      </div>
    </div>
  );
}
