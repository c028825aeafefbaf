import { effect, signal, untracked } from '@preact/signals';
import { type ComponentType, render } from 'preact';
import { api, setUnauthorizedHandler, type User } from '../api.ts';
import type { ListView } from '../case-list/list-views.ts';
import { type Key, LANGS, type Lang, lang, onLangChange, setLang, t } from '../i18n/index.ts';
import { langPicker, rerenderKeepingPicker } from '../lang-picker.ts';
import { NavRail } from './nav-rail.tsx';
import { navigate, route, startRouter } from './router.ts';
import type { Route, Screen } from './routes.ts';
import { ScreenRouting } from './screen-routing.ts';
import { mayOpen } from './screens.ts';

type Home = Extract<Screen, 'outreach' | 'partner'>;

/** Their screen's component, in its own chunk as the dialog is for the supervisors who open it. */
async function homePage(home: Home, me: User): Promise<ComponentType> {
  if (home === 'outreach') return (await import('../outreach/outreach-screen.tsx')).OutreachScreen;
  const { PartnerScreen } = await import('../partners/partner-screen.tsx');
  return () => <PartnerScreen institution={me.institution ?? null} />;
}

/**
 * An educator's or a partner's page. They see no case (the server answers their case calls 403), so
 * no case inbox: their own screen is the page, at its URL (/outreach, /partner), and the rail holds
 * only what they may use (that screen, their account, the language, signing out). Any other address
 * of the inbox comes back here.
 */
export function showHome(root: HTMLElement, me: User, home: Home, onSignedOut: (notice?: Key) => void): void {
  if ((LANGS as readonly string[]).includes(me.language) && me.language !== lang()) setLang(me.language as Lang);
  let stopped = false;
  const noPhone = signal(false);
  const counts = signal<Record<string, number>>({});
  const view = signal<ListView>('open');
  const langTick = signal(0);
  const picker = signal(langPicker());
  const page = signal<ComponentType | null>(null);
  const homeRoute: Route = { name: 'screen', screen: home };

  // Their account (two-step sign-in) opens as the case workers' does: a dialog at /account.
  const screens = new ScreenRouting({
    me,
    meId: me.id,
    phone: noPhone,
    openCallLog: () => {
      throw new Error('no phone line on this page');
    },
    relabel: () => {},
  });
  const stopRouter = startRouter();
  const applyRoute = (r: Route) => {
    if (r.name === 'screen' && r.screen === home) return screens.close();
    if (r.name === 'screen' && mayOpen(r.screen, me.role, false)) return void screens.show(r.screen);
    screens.close();
    // After this run of the effect: the address becomes their screen's, in place.
    queueMicrotask(() => !stopped && navigate(homeRoute, { replace: true }));
  };
  const stopRouteEffect = effect(() => {
    const r = route.value;
    untracked(() => applyRoute(r));
  });

  const stop = (notice?: Key) => {
    if (stopped) return;
    stopped = true;
    stopLang();
    stopRouteEffect();
    stopRouter();
    stopRender();
    screens.close();
    setUnauthorizedHandler(() => {});
    render(null, root);
    if (notice !== 'app.sessionExpired') history.replaceState(null, '', '/');
    onSignedOut(notice);
  };
  const signOut = async () => {
    try {
      await api.logout();
    } catch {
      // Signed out here either way; the server's session expires on its own.
    }
    stop();
  };

  const stopLang = onLangChange(() => {
    me.language = lang();
    void api.setLanguage(lang()).catch(() => {});
    rerenderKeepingPicker(root, () => {
      picker.value = langPicker();
      langTick.value++;
    });
  });
  setUnauthorizedHandler(() => stop('app.sessionExpired'));

  root.replaceChildren();
  const stopRender = effect(() => {
    const Page = page.value;
    render(
      <div class="shell home-shell">
        <NavRail
          me={me}
          phone={noPhone}
          counts={counts}
          view={view}
          langTick={langTick}
          myReveals={null}
          langPicker={picker.value}
          onSignOut={() => void signOut()}
        />
        <div class="workspace">
          <main class="home" data-home={home} aria-labelledby="home-title">
            <h1 id="home-title">{t(home === 'outreach' ? 'outreach.title' : 'partner.title')}</h1>
            {Page ? (
              <Page />
            ) : (
              <p class="muted" role="status">
                {t('app.loading')}
              </p>
            )}
          </main>
        </div>
      </div>,
      root,
    );
  });
  void homePage(home, me).then((Page) => {
    if (!stopped) page.value = Page;
  });
}
