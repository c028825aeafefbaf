import type { ReadonlySignal } from '@preact/signals';
import type { JSX } from 'preact';
import type { User } from '../api.ts';
import { type ListView, VIEWS } from '../case-list/list-views.ts';
import { t } from '../i18n/index.ts';
import { AnnualReportLink } from '../reports/annual-link.tsx';
import { AvailabilityPicker } from '../shift/availability-picker.tsx';
import { mayWorkUrls } from '../urls/url-codes.ts';
import { isUrlsRoute } from '../urls/url-routes.ts';
import { Mount } from './mount.tsx';
import { route, routeClick } from './router.ts';
import { type Route, routeHref, type Screen } from './routes.ts';
import { doesCaseWork, mayOpen } from './screens.ts';

export interface NavRailProps {
  me: User;
  /** The phone line answers: call logging, import and the callbacks view show. */
  phone: ReadonlySignal<boolean>;
  counts: ReadonlySignal<Record<string, number>>;
  /** The list's view, also while a case or a screen is open over it. */
  view: ReadonlySignal<ListView>;
  /** Bumped on a language switch, so the rail's words follow. */
  langTick: ReadonlySignal<number>;
  /** Dom-built parts that stay as they are: the counselor's own exposure count, the language picker. */
  myReveals: HTMLElement | null;
  langPicker: HTMLElement;
  onSignOut: () => void;
}

interface RailLinkProps {
  to: Route;
  class: string;
  label: string;
  current: boolean;
  view?: ListView;
  children?: JSX.Element | null;
}

function RailLink(p: RailLinkProps) {
  return (
    <a
      href={routeHref(p.to)}
      class={p.class}
      data-view={p.view}
      aria-current={p.current ? 'page' : undefined}
      onClick={(ev) => routeClick(ev, p.to)}
    >
      <span class="rail-label">{p.label}</span>
      {p.children}
    </a>
  );
}

/** The screens beside the inbox, each with its URL; the class names are the old top bar's. */
const SCREEN_LINKS: { screen: Screen; class: string; label: () => string; group: 'work' | 'admin' }[] = [
  { screen: 'outreach', class: 'open-outreach', label: () => t('outreach.title'), group: 'work' },
  { screen: 'partner', class: 'open-partner', label: () => t('partner.title'), group: 'work' },
  { screen: 'call-log', class: 'log-call', label: () => t('phone.logCall'), group: 'work' },
  { screen: 'call-import', class: 'import-calls', label: () => t('phone.importCalls'), group: 'work' },
  { screen: 'handovers', class: 'open-handovers', label: () => t('shift.openHandovers'), group: 'work' },
  { screen: 'notifications', class: 'open-notifications', label: () => t('shift.openNotifications'), group: 'work' },
  { screen: 'board', class: 'open-board', label: () => t('shift.openBoard'), group: 'admin' },
  { screen: 'stats', class: 'open-stats', label: () => t('stats.openStats'), group: 'admin' },
  { screen: 'reports', class: 'open-reports', label: () => t('reports.openSummary'), group: 'admin' },
  { screen: 'triage-feedback', class: 'open-triage-feedback', label: () => t('triage.openList'), group: 'admin' },
  { screen: 'exposure', class: 'open-reveal-counts', label: () => t('trust.revealsOpen'), group: 'admin' },
  { screen: 'categories', class: 'open-taxonomy', label: () => t('taxonomy.openTaxonomy'), group: 'admin' },
  { screen: 'record-settings', class: 'open-record-settings', label: () => t('record.openAdmin'), group: 'admin' },
  { screen: 'templates', class: 'templates', label: () => t('outcome.templates'), group: 'admin' },
  { screen: 'users', class: 'users-admin-open', label: () => t('users.users'), group: 'admin' },
];

/**
 * Views of the case list, then work and admin screens, then the counselor's own corner. An educator or
 * a partner sees no case: their own screen, their account, the language and signing out.
 */
export function NavRail(p: NavRailProps) {
  p.langTick.value; // read: re-render on a language switch
  const r = route.value;
  const phone = p.phone.value;
  const caseWork = doesCaseWork(p.me.role);
  const onList = r.name === 'inbox' || r.name === 'search' || r.name === 'case';
  const screenLinks = (group: 'work' | 'admin') =>
    SCREEN_LINKS.filter((s) => s.group === group && mayOpen(s.screen, p.me.role, phone)).map((s) => (
      <li key={s.screen}>
        <RailLink
          to={{ name: 'screen', screen: s.screen }}
          class={`rail-link ${s.class}`}
          label={s.label()}
          current={r.name === 'screen' && r.screen === s.screen}
        />
      </li>
    ));
  const work = screenLinks('work');
  // The hotline's reported links: their own screens, at /urls (filters in the query).
  if (mayWorkUrls(p.me.role))
    work.push(
      <li key="urls">
        <RailLink
          to={{ name: 'urls', filters: {} }}
          class="rail-link open-urls"
          label={t('urls.openUrls')}
          current={isUrlsRoute(r)}
        />
      </li>,
    );
  const admin = screenLinks('admin');
  // The printable yearly report is the server's page: a plain link beside the reports screen.
  if (mayOpen('reports', p.me.role, phone))
    admin.splice(
      admin.findIndex((li) => li.key === 'reports') + 1,
      0,
      <li key="annual-report">
        <AnnualReportLink />
      </li>,
    );
  return (
    <nav class="rail" aria-label={t('inbox.navigation')}>
      <div class="brand">
        <span class="brand-name">{t('app.appName')}</span>
        <span class="tagline">{t('app.appTagline')}</span>
      </div>
      {caseWork && <h2 class="rail-heading">{t('inbox.views')}</h2>}
      {caseWork && (
        <ul class="rail-views">
          {VIEWS.filter((v) => v !== 'callbacks' || phone).map((v) => (
            <li key={v}>
              <RailLink
                to={{ name: 'inbox', view: v }}
                class="tab rail-link"
                view={v}
                label={t(`inbox.view_${v}`)}
                current={onList && p.view.value === v}
              >
                {v === 'callbacks' ? null : <span class="count">{p.counts.value[v] ?? ''}</span>}
              </RailLink>
            </li>
          ))}
        </ul>
      )}
      {work.length > 0 && <h2 class="rail-heading">{t('inbox.work')}</h2>}
      {work.length > 0 && <ul class="rail-screens">{work}</ul>}
      {admin.length > 0 && <h2 class="rail-heading">{t('inbox.admin')}</h2>}
      {admin.length > 0 && <ul class="rail-screens">{admin}</ul>}
      <div class="rail-me">
        <span class="who">{t('app.signedInAs', { name: p.me.name })}</span>
        {caseWork && <AvailabilityPicker />}
        {p.myReveals && <Mount el={p.myReveals} />}
        <RailLink
          to={{ name: 'screen', screen: 'account' }}
          class="rail-link account"
          label={t('users.account')}
          current={r.name === 'screen' && r.screen === 'account'}
        />
        <Mount el={p.langPicker} />
        <button type="button" class="sign-out" onClick={p.onSignOut}>
          {t('app.signOut')}
        </button>
      </div>
    </nav>
  );
}
