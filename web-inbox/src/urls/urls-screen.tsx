import './urls.css';
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../api.ts';
import { t } from '../i18n/index.ts';
import { routeClick } from '../shell/router.ts';
import { listPlatforms, type PlatformView } from './url-api.ts';
import { mayExportUrls } from './url-codes.ts';
import { UrlDetail } from './url-detail.tsx';
import { UrlFigures } from './url-figures.tsx';
import { UrlList } from './url-list.tsx';
import { type UrlsRoute, urlsRouteHref } from './url-routes.ts';

/** The list as last filtered: where "back" from an item goes. */
let lastList: UrlsRoute = { name: 'urls', filters: {} };

function Tab({ to, current, label }: { to: UrlsRoute; current: boolean; label: string }) {
  return (
    <a
      class="url-tab"
      href={urlsRouteHref(to)}
      aria-current={current ? 'page' : undefined}
      onClick={(ev) => routeClick(ev, to)}
    >
      {label}
    </a>
  );
}

/**
 * The hotline's reported links: the list (filters in the address), one item, and the figures for
 * supervisors and admins. Shown in the workspace in place of the case list and the open case.
 */
export function UrlsScreen({ route, me }: { route: UrlsRoute; me: User }) {
  const [platforms, setPlatforms] = useState<PlatformView[]>([]);
  useEffect(() => {
    // Without the list the codes show as they are; the screen works regardless.
    listPlatforms().then(setPlatforms, () => {});
  }, []);
  if (route.name === 'urls') lastList = route;
  const leads = mayExportUrls(me.role);
  return (
    <main class="urls-screen" aria-labelledby="urls-title">
      <header class="urls-head">
        <h1 id="urls-title">{t('urls.title')}</h1>
        <nav class="url-tabs" aria-label={t('urls.title')}>
          <Tab to={lastList} current={route.name !== 'url-figures'} label={t('urls.tabItems')} />
          {leads ? (
            <Tab to={{ name: 'url-figures' }} current={route.name === 'url-figures'} label={t('urls.tabFigures')} />
          ) : null}
        </nav>
      </header>
      {route.name === 'url' ? (
        <>
          <a class="url-back" href={urlsRouteHref(lastList)} onClick={(ev) => routeClick(ev, lastList)}>
            ← {t('urls.back')}
          </a>
          <UrlDetail id={route.id} platforms={platforms} role={me.role} />
        </>
      ) : route.name === 'url-figures' && leads ? (
        <UrlFigures platforms={platforms} />
      ) : (
        <UrlList filters={route.name === 'urls' ? route.filters : {}} platforms={platforms} canExport={leads} />
      )}
    </main>
  );
}
