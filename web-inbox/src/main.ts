import './styles.css';
import { showSetPassword, takeLinkToken } from './accept-invite.ts';
import { ApiError, api, type User } from './api.ts';
import { showInbox } from './app.tsx';
import { h, replace } from './dom.ts';
import { type Key, lang, t } from './i18n/index.ts';
import { showLogin } from './login.ts';

const root = document.getElementById('app');
if (!root) throw new Error('#app is missing from index.html');
const appRoot: HTMLElement = root;

document.documentElement.lang = lang();

const inbox = (user: User) => showInbox(appRoot, user, (notice) => login(notice));
const login = (notice?: Key) => {
  showLogin(appRoot, inbox, notice);
};

async function start(): Promise<void> {
  // A one-time link (invitation or password reset) opens its own page; no session is involved.
  if (location.hash.startsWith('#set-password=')) {
    showSetPassword(appRoot, takeLinkToken(), () => login());
    return;
  }
  replace(appRoot, h('p', { class: 'muted boot', role: 'status' }, t('app.loading')));
  try {
    // A remembered session goes straight to the inbox.
    const { user } = await api.me();
    inbox(user);
  } catch (err) {
    login(err instanceof ApiError && err.status === 401 ? undefined : 'app.networkError');
  }
}

void start();
