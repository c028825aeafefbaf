import type { ReadonlySignal } from '@preact/signals';
import type { JSX } from 'preact';
import type { User } from '../api.ts';
import { t } from '../i18n.ts';
import { type InboxKey, tx } from '../i18n-inbox.ts';
import { to } from '../i18n-outcomes.ts';
import { tp } from '../i18n-phone.ts';
import { ts } from '../i18n-stats.ts';
import { tt } from '../i18n-taxonomy.ts';
import { tr } from '../i18n-trust.ts';
import { tu } from '../i18n-users.ts';
import { type ListView, VIEWS } from '../list-views.ts';
import { Mount } from './mount.tsx';
import { route, routeClick } from './router.ts';
import { type Route, routeHref, type Screen } from './routes.ts';
import { mayOpen } from './screens.ts';

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
  { screen: 'call-log', class: 'log-call', label: () => tp('logCall'), group: 'work' },
  { screen: 'call-import', class: 'import-calls', label: () => tp('importCalls'), group: 'work' },
  { screen: 'stats', class: 'open-stats', label: () => ts('openStats'), group: 'admin' },
  { screen: 'exposure', class: 'open-reveal-counts', label: () => tr('revealsOpen'), group: 'admin' },
  { screen: 'categories', class: 'open-taxonomy', label: () => tt('openTaxonomy'), group: 'admin' },
  { screen: 'templates', class: 'templates', label: () => to('templates'), group: 'admin' },
  { screen: 'users', class: 'users-admin-open', label: () => tu('users'), group: 'admin' },
];

/** Views of the case list, then work and admin screens, then the counselor's own corner. */
export function NavRail(p: NavRailProps) {
  p.langTick.value; // read: re-render on a language switch
  const r = route.value;
  const phone = p.phone.value;
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
  const admin = screenLinks('admin');
  return (
    <nav class="rail" aria-label={tx('navigation')}>
      <div class="brand">
        <span class="brand-name">{t('appName')}</span>
        <span class="tagline">{t('appTagline')}</span>
      </div>
      <h2 class="rail-heading">{tx('views')}</h2>
      <ul class="rail-views">
        {VIEWS.filter((v) => v !== 'callbacks' || phone).map((v) => (
          <li key={v}>
            <RailLink
              to={{ name: 'inbox', view: v }}
              class="tab rail-link"
              view={v}
              label={tx(`view_${v}` as InboxKey)}
              current={onList && p.view.value === v}
            >
              {v === 'callbacks' ? null : <span class="count">{p.counts.value[v] ?? ''}</span>}
            </RailLink>
          </li>
        ))}
      </ul>
      {work.length > 0 && <h2 class="rail-heading">{tx('work')}</h2>}
      {work.length > 0 && <ul class="rail-screens">{work}</ul>}
      {admin.length > 0 && <h2 class="rail-heading">{tx('admin')}</h2>}
      {admin.length > 0 && <ul class="rail-screens">{admin}</ul>}
      <div class="rail-me">
        <span class="who">{t('signedInAs', { name: p.me.name })}</span>
        {p.myReveals && <Mount el={p.myReveals} />}
        <RailLink
          to={{ name: 'screen', screen: 'account' }}
          class="rail-link account"
          label={tu('account')}
          current={r.name === 'screen' && r.screen === 'account'}
        />
        <Mount el={p.langPicker} />
        <button type="button" class="sign-out" onClick={p.onSignOut}>
          {t('signOut')}
        </button>
      </div>
    </nav>
  );
}
