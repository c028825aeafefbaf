import { openAccountSecurity } from '../account-security.ts';
import type { User } from '../api.ts';
import { openCallImport } from '../call-import.ts';
import { openRecordAdmin } from '../case-record/record-admin.tsx';
import { openRevealCounts } from '../reveal-counts.ts';
import { openTaxonomyAdmin } from '../taxonomy-admin.ts';
import { openTemplateAdmin } from '../template-admin.ts';
import { openUsersAdmin } from '../users-admin.ts';
import type { Screen } from './routes.ts';

/** Case work: counselors, supervisors and admins. Educators and partners see no case (the server answers 403). */
export const doesCaseWork = (role: string): boolean =>
  role === 'counselor' || role === 'supervisor' || role === 'admin';

/** The screen an educator or a partner signs in to, in place of the case inbox; case workers have none. */
export const homeScreenOf = (role: string): Extract<Screen, 'outreach' | 'partner'> | null =>
  role === 'educator' ? 'outreach' : role === 'partner' ? 'partner' : null;

/** What each role may open (the server refuses the rest too; this only keeps links honest). */
export function mayOpen(screen: Screen, role: string, phone: boolean): boolean {
  const lead = role === 'supervisor' || role === 'admin';
  switch (screen) {
    case 'account':
      return true;
    case 'handovers':
    case 'notifications':
      return doesCaseWork(role);
    case 'outreach':
      return role === 'educator' || lead;
    case 'partner':
      return role === 'partner';
    case 'call-log':
      return phone && doesCaseWork(role);
    case 'call-import':
      return phone && lead;
    case 'stats':
    case 'exposure':
    case 'templates':
    case 'reports':
    case 'triage-feedback':
    case 'board':
      return lead;
    case 'users':
    case 'categories':
    case 'record-settings':
      return role === 'admin';
  }
}

/** What a screen needs from the inbox around it. */
export interface ScreenDeps {
  meId: string;
  /** A partner's institution comes with GET /api/me; the partner screen names it. */
  me: Pick<User, 'role' | 'institution'>;
  openCallLog(): HTMLDialogElement;
  /** Category labels changed (admins edit them): the list and the case show the new ones. */
  relabel(): void;
}

/**
 * Opens a screen as today's dialog and hands it back, so the router can close it on Back and go
 * Back when it is closed. Statistics and its charts load only here (their own chunk): most
 * counselors never open them.
 */
export async function openScreen(screen: Screen, deps: ScreenDeps): Promise<HTMLDialogElement> {
  switch (screen) {
    case 'stats':
      return (await import('../stats-view.ts')).openStatsView();
    case 'exposure':
      return openRevealCounts();
    case 'users':
      return openUsersAdmin(deps.meId);
    case 'categories':
      return openTaxonomyAdmin(deps.relabel);
    case 'templates':
      return openTemplateAdmin();
    case 'account':
      return openAccountSecurity();
    case 'call-import':
      return openCallImport();
    case 'call-log':
      return deps.openCallLog();
    case 'reports':
      return (await import('../reports/reports-screen.tsx')).openReportsScreen();
    case 'triage-feedback':
      return (await import('../triage/feedback-screen.tsx')).openTriageFeedback();
    case 'record-settings':
      return openRecordAdmin();
    case 'board':
      return (await import('../board/board-screen.tsx')).openBoard();
    case 'handovers':
      return (await import('../shift/handover-screen.tsx')).openHandovers(deps.me.role);
    case 'notifications':
      return (await import('../notify/notify-settings.tsx')).openNotifySettings();
    case 'outreach':
      return (await import('../outreach/outreach-screen.tsx')).openOutreachScreen();
    case 'partner':
      return (await import('../partners/partner-screen.tsx')).openPartnerScreen(deps.me.institution ?? null);
  }
}
