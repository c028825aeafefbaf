import { signal } from '@preact/signals';
import { parseRoute, type Route, routeHref } from './routes.ts';

/** Entries this app pushed carry it: Back from such an entry stays inside the inbox. */
interface RouterState {
  kontakt: true;
  inApp: boolean;
}

const here = (): Route => parseRoute(location.pathname, location.search, location.hash);

/** The screen the address bar names; everything that shows a screen follows this signal. */
export const route = signal<Route>(here());

/** The last list the counselor looked at (a view or a search): where closing a case goes back to. */
export const lastList = signal<Route>({ name: 'inbox', view: null });

const follow = (r: Route) => {
  if (r.name === 'inbox' || r.name === 'search') lastList.value = r;
  route.value = r;
};

const same = (a: Route, b: Route) => routeHref(a) === routeHref(b);

/** Show a screen: a new history entry (Back returns), or in place of this one (`replace`). */
export function navigate(to: Route, opts: { replace?: boolean } = {}): void {
  const href = routeHref(to);
  const state: RouterState = { kontakt: true, inApp: !opts.replace || Boolean(inAppEntry()) };
  if (opts.replace) history.replaceState(state, '', href);
  else if (!same(to, route.value)) history.pushState(state, '', href);
  follow(to);
}

/** Leave an overlay or a case: Back if this app put the entry there, else replace it with `fallback`. */
export function leave(fallback: Route): void {
  if (inAppEntry()) history.back();
  else navigate(fallback, { replace: true });
}

const inAppEntry = (): boolean => {
  const s = history.state as Partial<RouterState> | null;
  return s?.kontakt === true && s.inApp === true;
};

/** Follow Back/Forward; an old `/#case=<id>` link becomes `/cases/<id>` in place. */
export function startRouter(): () => void {
  const initial = here();
  history.replaceState({ kontakt: true, inApp: false } satisfies RouterState, '', routeHref(initial));
  follow(initial);
  const onPop = () => follow(here());
  window.addEventListener('popstate', onPop);
  return () => window.removeEventListener('popstate', onPop);
}

/** Links inside the app: a plain click routes here, a modified one (new tab, copy) stays a link. */
export function routeClick(ev: MouseEvent, to: Route): void {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  navigate(to);
}
