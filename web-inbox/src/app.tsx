import { effect, signal, untracked } from '@preact/signals';
import { render } from 'preact';
import type { CaseSummary } from '../../src/inbox/contract.ts';
import { api, setUnauthorizedHandler, type User } from './api.ts';
import { setViewerRole } from './attachment-safety.ts';
import { openCallLogForm } from './call-log-form.ts';
import { CaseListModel } from './case-list/case-list-model.ts';
import type { ListView } from './case-list/list-views.ts';
import { OpenCase } from './case-view/open-case.ts';
import { loadCategories } from './categories.ts';
import { ChannelHealthBanner } from './channel-health.ts';
import { h } from './dom.ts';
import { forgetDrafts } from './drafts.ts';
import { type Key, LANGS, type Lang, lang, onLangChange, setLang, t } from './i18n/index.ts';
import { langPicker, rerenderKeepingPicker } from './lang-picker.ts';
import { connectLive, type LiveSocket } from './live.ts';
import { ContactModel } from './people/contact-model.ts';
import { wirePeopleLive } from './people/people-live.ts';
import { myRevealCount } from './reveal-counts.ts';
import { focusSearchBox } from './search/search-focus.ts';
import { SearchModel } from './search/search-model.ts';
import { CaseRouting } from './shell/case-routing.ts';
import { showHome } from './shell/home-shell.tsx';
import { InboxShell } from './shell/inbox-shell.tsx';
import { lastList, navigate, route, startRouter } from './shell/router.ts';
import type { Route } from './shell/routes.ts';
import { ScreenRouting } from './shell/screen-routing.ts';
import { homeScreenOf } from './shell/screens.ts';
import { listenShiftLive } from './shift/shift-live.ts';
import { slaNow } from './sla-badge.tsx';
import { UrgentAlerts } from './urgent-alert.ts';
import { listenUrlEvents } from './urls/url-live.ts';
import { isUrlsRoute } from './urls/url-routes.ts';

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/** The signed-in inbox: navigation rail, live case list, open case; every screen has its URL. */
export function showInbox(root: HTMLElement, me: User, onSignedOut: (notice?: Key) => void): void {
  // Educators and partners see no case: their own screen is their page (shell/home-shell.tsx).
  const home = homeScreenOf(me.role);
  if (home) {
    showHome(root, me, home, onSignedOut);
    return;
  }
  // The language is remembered per counselor on the server, not only in this browser.
  if ((LANGS as readonly string[]).includes(me.language) && me.language !== lang()) setLang(me.language as Lang);
  let socket: LiveSocket | null = null;
  let stopped = false;
  let stopShift: (() => void) | null = null;
  const phone = signal(false);
  const counts = signal<Record<string, number>>({});
  const view = signal<ListView>('open');
  const langTick = signal(0);
  const caseOpen = signal(false);
  const notice = signal<string | null>(null);
  const picker = signal(langPicker());
  const canImport = me.role === 'supervisor' || me.role === 'admin';
  setViewerRole(me.role);
  // Staff welfare: a counselor sees how many attachments they opened; supervisors see everyone's.
  const myReveals = me.role === 'counselor' ? myRevealCount() : null;

  const banner = h('div', { class: 'banner', role: 'status', hidden: true }, t('app.reconnecting'));
  // Failing channels (IMAP, SMTP sending, a Meta page), named until they recover.
  const channelHealth = new ChannelHealthBanner();

  /** A case opens by its URL: Back returns to where the counselor was. */
  const openCase = (id: string, focus: boolean) => {
    cases.focusNext = focus;
    navigate({ name: 'case', ref: list.get(id)?.reference ?? id });
  };
  const closeCase = () => {
    list.focus.toSelected();
    navigate(lastList.value);
  };
  const list = new CaseListModel(me.id, (id) => openCase(id, true), {
    counts: (all) => {
      counts.value = all;
    },
    // The list's box leads to the search screen (GET /api/search), with the words typed.
    searched: (q) => navigate({ name: 'search', q, sort: 'relevance', filters: {} }),
  });
  const search = new SearchModel();
  const contact = new ContactModel();
  // Supervisors watch the whole line; counselors see urgent cases in the list and its "urgent" view.
  const urgentAlerts = canImport ? new UrgentAlerts((id) => openCase(id, true)) : null;
  const openCallLog = (onCase?: { caseId: string; reference: string }) =>
    openCallLogForm({ socket: () => socket, openCase: (id) => openCase(id, true) }, onCase);
  const caseView = new OpenCase({
    me,
    socket: () => socket,
    onSummary: (c) => list.upsert(c),
    onSeen: (c) => list.markSeen(c),
    onClose: closeCase,
    onLoaded: (d) => cases.loaded(d),
    openCase: (id) => openCase(id, true),
    logCall: (onCase) => openCallLog(onCase),
  });
  const cases = new CaseRouting({ list, caseView, notice, caseOpen });

  const caseChanged = (c: CaseSummary) => {
    list.upsert(c);
    caseView.applySummary(c);
  };

  // Category labels and the active codes come from the server (admins edit them). The list and the case
  // follow the labels by themselves (signals); their dom-built parts are told.
  const relabel = () => {
    if (stopped) return;
    list.relabel();
    caseView.relabel();
  };
  const screens = new ScreenRouting({ me, phone, meId: me.id, openCallLog: () => openCallLog(), relabel });

  /** What the address bar names is what shows; Back and Forward come through here too. */
  const stopRouter = startRouter();
  const applyRoute = (r: Route) => {
    if (r.name !== 'screen') screens.close();
    if (r.name !== 'case') notice.value = null;
    if (r.name !== 'contact') contact.close();
    switch (r.name) {
      case 'inbox':
        list.setView(r.view ?? 'open');
        view.value = list.currentView;
        cases.close();
        break;
      case 'search':
        search.show(r);
        cases.close();
        break;
      case 'contact':
        contact.open(r.id);
        cases.close();
        break;
      case 'case':
        void cases.show(r.ref);
        break;
      case 'screen':
        void screens.show(r.screen);
        break;
      case 'urls':
      case 'url-figures':
      case 'url':
        cases.close();
        break;
    }
  };
  const stopRouteEffect = effect(() => {
    const r = route.value;
    // Only the route drives this: signals read while applying it (phone, counts) must not.
    untracked(() => applyRoute(r));
  });

  const stop = (notice?: Key) => {
    if (stopped) return;
    stopped = true;
    socket?.disconnect();
    socket = null;
    delete root.dataset.live;
    stopLang();
    stopRouteEffect();
    stopShift?.();
    stopRouter();
    stopPicker();
    screens.close();
    clearInterval(slaTick);
    document.removeEventListener('keydown', onKey);
    setUnauthorizedHandler(() => {});
    render(null, root);
    // Signed out: the next sign-in starts at the inbox. An expired session keeps the URL, so signing
    // in again returns to the same screen.
    if (notice !== 'app.sessionExpired') history.replaceState(null, '', '/');
    onSignedOut(notice);
  };

  const signOut = async () => {
    forgetDrafts(me.id);
    try {
      await api.logout();
    } catch {
      // Signed out here either way; the server's session expires on its own.
    }
    stop();
  };

  const onKey = (ev: KeyboardEvent) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target)) return;
    if (ev.key === '/') {
      ev.preventDefault();
      focusSearchBox(search);
      return;
    }
    // The links' screens have no case list to move in nor a case to act on.
    if (isUrlsRoute(route.value)) return;
    if (ev.key === 'j' || ev.key === 'k') {
      ev.preventDefault();
      list.focus.move(ev.key === 'j' ? 1 : -1);
      return;
    }
    if (ev.key === 'Enter') {
      const id = list.focus.focusedId();
      if (id && (ev.target as Element | null)?.closest?.('.case-row')) return; // the row's own click
      if (id) openCase(id, true);
      return;
    }
    if (ev.key === 'r' || ev.key === 'n') {
      if (!caseView.openId) return;
      ev.preventDefault();
      caseView.compose(ev.key === 'r' ? 'reply' : 'note');
      return;
    }
    if (ev.key === 'a') {
      const id = caseView.openId ?? list.focus.focusedId();
      if (!id) return;
      ev.preventDefault();
      void api.patchCase(id, { assigneeId: me.id }).then(caseChanged, () => {});
    }
  };

  const stopLang = onLangChange(() => {
    me.language = lang();
    void api.setLanguage(lang()).catch(() => {});
    rerenderKeepingPicker(root, () => {
      banner.textContent = t('app.reconnecting');
      picker.value = langPicker();
      langTick.value++;
      list.relabel();
      caseView.relabel();
      channelHealth.render();
    });
  });

  setUnauthorizedHandler(() => stop('app.sessionExpired'));
  document.addEventListener('keydown', onKey);
  const slaTick = setInterval(() => {
    slaNow.value = new Date();
  }, 30_000);
  // The old dom-built screen goes; Preact owns #app from here until sign-out.
  root.replaceChildren();
  const renderShell = () =>
    render(
      <InboxShell
        me={me}
        phone={phone}
        counts={counts}
        view={view}
        langTick={langTick}
        myReveals={myReveals}
        langPicker={picker.value}
        onSignOut={() => void signOut()}
        banner={banner}
        channelHealth={channelHealth.el}
        urgentAlerts={urgentAlerts?.el ?? null}
        list={list}
        caseView={caseView}
        search={search}
        contact={contact}
        caseOpen={caseOpen}
        notice={notice}
      />,
      root,
    );
  // The picker is a dom-built element: a new one after a language switch is mounted anew.
  const stopPicker = effect(() => {
    picker.value;
    renderShell();
  });

  void list.reload();
  void loadCategories().then((ok) => ok && relabel());
  // The phone line's parts show only where its routes answer.
  void api.callbacksAvailable().then((ok) => {
    screens.phoneKnown(ok);
    if (stopped || !ok) return;
    phone.value = true;
    caseView.setPhone(true);
  });

  socket = connectLive({
    onDown: () => {
      banner.hidden = false;
      root.dataset.live = 'down';
    },
    onLive: () => {
      banner.hidden = true;
      // Lets tests (and styles) tell when pushes are flowing.
      root.dataset.live = 'up';
      // Catch up on whatever happened while we were not listening.
      void list.reload();
      caseView.refresh();
      search.refresh();
      void contact.reload();
      socket?.emit('presence:all', (all) => list.resetPresence(all));
      void channelHealth.reload();
    },
    onUnauthenticated: () => stop('app.sessionExpired'),
  });
  socket.on('case:created', (e) => list.upsert(e.case));
  socket.on('case:updated', (e) => caseChanged(e.case));
  socket.on('message:created', (e) => {
    caseChanged(e.case);
    caseView.addMessage(e.message);
    if (e.message.channel === 'phone' && e.message.externalId) list.callFiled(e.message.externalId, e.case);
  });
  socket.on('message:updated', (e) => caseView.updateMessage(e.message));
  socket.on('callback:updated', (e) => {
    list.callbackUpdated(e.callback, e.counts);
    caseView.callbackUpdated(e.callback);
  });
  socket.on('case:urgent', (e) => {
    caseChanged(e.case);
    urgentAlerts?.show(e);
  });
  socket.on('case:tags', (e) => {
    list.setTags(e.caseId, e.tags);
    caseView.setTags(e.caseId, e.tags);
  });
  // The case record changed (here or by another counselor): the open case shows it and what closing needs.
  socket.on('case:described', (e) => caseView.described(e));
  socket.on('channels:health', (e) => channelHealth.set(e.channels));
  listenUrlEvents(socket);
  // Notifications (tab title, browser, sound) and the board's live refresh.
  stopShift = listenShiftLive(socket);
  wirePeopleLive(socket, { list, caseView, contact, search, notice });
  socket.on('presence:update', (p) => {
    list.setPresence(p);
    caseView.setPresence(p);
  });
}
