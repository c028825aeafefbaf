import type { CaseSummary } from '../../src/inbox/contract.ts';
import { openAccountSecurity } from './account-security.ts';
import { api, setUnauthorizedHandler, type User } from './api.ts';
import { setViewerRole } from './attachment-safety.ts';
import { openCallImport } from './call-import.ts';
import { openCallLogForm } from './call-log-form.ts';
import { CaseList } from './case-list.ts';
import { CaseView } from './case-view.ts';
import { ChannelHealthBanner } from './channel-health.ts';
import { h, replace } from './dom.ts';
import { forgetDrafts } from './drafts.ts';
import { LANGS, type Lang, lang, onLangChange, setLang, type TextKey, t } from './i18n.ts';
import { to } from './i18n-outcomes.ts';
import { tp } from './i18n-phone.ts';
import { ts } from './i18n-stats.ts';
import { loadCategories, tt } from './i18n-taxonomy.ts';
import { tr } from './i18n-trust.ts';
import { tu } from './i18n-users.ts';
import { langPicker, rerenderKeepingPicker } from './lang-picker.ts';
import { connectLive, type LiveSocket } from './live.ts';
import { myRevealCount, openRevealCounts } from './reveal-counts.ts';
import { tickSlaBadges } from './sla-badge.ts';
import { openStatsView } from './stats-view.ts';
import { openTaxonomyAdmin } from './taxonomy-admin.ts';
import { openTemplateAdmin } from './template-admin.ts';
import { UrgentAlerts } from './urgent-alert.ts';
import { openUsersAdmin } from './users-admin.ts';

const CASE_HASH = /^#case=([0-9a-f-]{36})$/i;

const isTyping = (el: EventTarget | null) =>
  el instanceof HTMLInputElement ||
  el instanceof HTMLTextAreaElement ||
  el instanceof HTMLSelectElement ||
  (el instanceof HTMLElement && el.isContentEditable);

/** The signed-in inbox: header, live case list, open case. */
export function showInbox(root: HTMLElement, me: User, onSignedOut: (notice?: TextKey) => void): void {
  // The language is remembered per counselor on the server, not only in this browser.
  if ((LANGS as readonly string[]).includes(me.language) && me.language !== lang()) setLang(me.language as Lang);
  let socket: LiveSocket | null = null;
  let stopped = false;
  let phone = false;
  const canImport = me.role === 'supervisor' || me.role === 'admin';
  setViewerRole(me.role);
  // Staff welfare: a counselor sees how many attachments they opened; supervisors see everyone's.
  const myReveals = me.role === 'counselor' ? myRevealCount() : null;

  const headerEl = h('header', { class: 'topbar' });
  const banner = h('div', { class: 'banner', role: 'status', hidden: true });
  // Failing channels (IMAP, SMTP sending, a Meta page), named until they recover.
  const channelHealth = new ChannelHealthBanner();

  const openCase = (id: string, focus: boolean) => {
    list.setSelected(id);
    history.replaceState(null, '', `#case=${id}`);
    void caseView.open(id, { focus });
  };
  const closeCase = () => {
    list.focusSelected();
    list.setSelected(null);
    history.replaceState(null, '', location.pathname + location.search);
    caseView.close();
  };
  const list = new CaseList(me.id, (id) => openCase(id, true));
  // Supervisors watch the whole line; counselors see urgent cases in the list and its "urgent" view.
  const urgentAlerts = canImport ? new UrgentAlerts((id) => openCase(id, true)) : null;
  const caseView = new CaseView({
    me,
    socket: () => socket,
    onSummary: (c) => list.upsert(c),
    onSeen: (c) => list.markSeen(c),
    onClose: closeCase,
    openCase: (id) => openCase(id, true),
    logCall: (onCase) => openCallLogForm({ socket: () => socket, openCase: (id) => openCase(id, true) }, onCase),
  });

  const caseChanged = (c: CaseSummary) => {
    list.upsert(c);
    caseView.applySummary(c);
  };

  const stop = (notice?: TextKey) => {
    if (stopped) return;
    stopped = true;
    socket?.disconnect();
    socket = null;
    delete root.dataset.live;
    stopLang();
    clearInterval(slaTick);
    document.removeEventListener('keydown', onKey);
    setUnauthorizedHandler(() => {});
    history.replaceState(null, '', location.pathname + location.search);
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

  // Category labels and the active codes come from the server (admins edit them).
  const relabel = () => {
    if (stopped) return;
    list.render();
    caseView.render();
  };

  const renderHeader = () => {
    const out = h('button', { type: 'button', class: 'sign-out' }, t('signOut'));
    out.addEventListener('click', () => void signOut());
    const logCall = h('button', { type: 'button', class: 'log-call' }, tp('logCall'));
    logCall.addEventListener('click', () =>
      openCallLogForm({ socket: () => socket, openCase: (id) => openCase(id, true) }),
    );
    const account = h('button', { type: 'button', class: 'account' }, tu('account'));
    account.addEventListener('click', () => openAccountSecurity());
    const usersBtn = h('button', { type: 'button', class: 'users-admin-open' }, tu('users'));
    usersBtn.addEventListener('click', () => openUsersAdmin(me.id));
    const importCalls = h('button', { type: 'button', class: 'import-calls' }, tp('importCalls'));
    importCalls.addEventListener('click', () => openCallImport());
    const stats = h('button', { type: 'button', class: 'open-stats' }, ts('openStats'));
    stats.addEventListener('click', () => openStatsView());
    const taxonomy = h('button', { type: 'button', class: 'open-taxonomy' }, tt('openTaxonomy'));
    taxonomy.addEventListener('click', () => openTaxonomyAdmin(relabel));
    const templates = h('button', { type: 'button', class: 'templates' }, to('templates'));
    templates.addEventListener('click', () => openTemplateAdmin());
    const reveals = h('button', { type: 'button', class: 'open-reveal-counts' }, tr('revealsOpen'));
    reveals.addEventListener('click', () => void openRevealCounts());
    replace(
      headerEl,
      h(
        'div',
        { class: 'brand' },
        h('span', { class: 'brand-name' }, t('appName')),
        h('span', { class: 'tagline' }, t('appTagline')),
      ),
      h(
        'div',
        { class: 'topbar-tools' },
        phone ? logCall : null,
        phone && canImport ? importCalls : null,
        canImport ? stats : null,
        canImport ? reveals : null,
        myReveals,
        me.role === 'admin' ? taxonomy : null,
        canImport ? templates : null,
        me.role === 'admin' ? usersBtn : null,
        h('span', { class: 'who' }, t('signedInAs', { name: me.name })),
        account,
        langPicker(),
        out,
      ),
    );
    banner.textContent = t('reconnecting');
  };

  const onKey = (ev: KeyboardEvent) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || isTyping(ev.target)) return;
    if (ev.key === 'j' || ev.key === 'k') {
      ev.preventDefault();
      list.moveFocus(ev.key === 'j' ? 1 : -1);
      return;
    }
    if (ev.key === 'Enter') {
      const id = list.focusedId();
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
      const id = caseView.openId ?? list.focusedId();
      if (!id) return;
      ev.preventDefault();
      void api.patchCase(id, { assigneeId: me.id }).then(caseChanged, () => {});
    }
  };

  const stopLang = onLangChange(() => {
    me.language = lang();
    void api.setLanguage(lang()).catch(() => {});
    rerenderKeepingPicker(root, () => {
      renderHeader();
      list.render();
      caseView.render();
      channelHealth.render();
    });
  });

  setUnauthorizedHandler(() => stop('sessionExpired'));
  document.addEventListener('keydown', onKey);
  const slaTick = setInterval(() => tickSlaBadges(root), 30_000);
  renderHeader();
  replace(
    root,
    headerEl,
    banner,
    channelHealth.el,
    urgentAlerts?.el,
    h('main', { class: 'inbox' }, list.el, caseView.el),
  );

  void list.reload();
  void loadCategories().then((ok) => ok && relabel());
  // The phone line's parts show only where its routes answer.
  void api.callbacksAvailable().then((ok) => {
    if (stopped || !ok) return;
    phone = true;
    renderHeader();
    caseView.setPhone(true);
  });
  const initial = CASE_HASH.exec(location.hash)?.[1];
  if (initial) openCase(initial, false);

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
      socket?.emit('presence:all', (all) => list.resetPresence(all));
      void channelHealth.reload();
    },
    onUnauthenticated: () => stop('sessionExpired'),
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
  socket.on('channels:health', (e) => channelHealth.set(e.channels));
  socket.on('presence:update', (p) => {
    list.setPresence(p);
    caseView.setPresence(p);
  });
}
