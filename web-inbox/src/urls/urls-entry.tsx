import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { User } from '../api.ts';
import { t } from '../i18n/index.ts';
import { route } from '../shell/router.ts';
import { mayWorkUrls } from './url-codes.ts';
import { isUrlsRoute, type UrlsRoute } from './url-routes.ts';

type Screen = FunctionComponent<{ route: UrlsRoute; me: User }>;
let loading: Promise<Screen> | null = null;

/**
 * The reported links' screens load only when opened (their own chunk of the build): most of the
 * day the inbox is the case list.
 */
export function UrlsArea(p: { route: UrlsRoute; me: User }) {
  const [Screen, setScreen] = useState<Screen | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    loading ??= import('./urls-screen.tsx').then((m) => m.UrlsScreen);
    loading.then(
      (s) => setScreen(() => s),
      (err: unknown) => {
        loading = null;
        setFailed(err instanceof Error ? err.message : String(err));
      },
    );
  }, []);
  if (Screen) return <Screen {...p} />;
  return (
    <main class="urls-screen">
      <p class={failed ? 'error' : 'muted'} role={failed ? 'alert' : 'status'}>
        {failed ? t('urls.loadFailed', { reason: failed }) : t('urls.loading')}
      </p>
    </main>
  );
}

/** The address names one of the links' screens: the inbox's panes give way to it. */
export const onUrlsScreen = (): boolean => isUrlsRoute(route.value);

/** The links' screen where the address names one (nothing otherwise); only for the roles that work links. */
export function UrlsPane({ me }: { me: User }) {
  const r = route.value;
  if (!isUrlsRoute(r)) return null;
  if (!mayWorkUrls(me.role))
    return (
      <main class="urls-screen">
        <p class="error" role="alert">
          {t('urls.notFound')}
        </p>
      </main>
    );
  return <UrlsArea route={r} me={me} />;
}
