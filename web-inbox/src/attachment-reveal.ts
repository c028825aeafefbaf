import { ApiError, api } from './api.ts';
import { h } from './dom.ts';
import { t } from './i18n/index.ts';

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : err instanceof Error ? err.message : String(err);

/**
 * A reveal takes two clicks on the same button; the file arrives as a download (the server sends
 * it as an attachment) and is never put into the page; a Meta link is shown as text only.
 */
export async function revealOnClick(ev: Event): Promise<void> {
  const btn = (ev.target as Element).closest<HTMLButtonElement>('button[data-reveal]');
  if (!btn) return;
  // Two clicks: the first only arms the button, so nothing is opened by accident.
  if (btn.dataset.armed !== 'true') {
    btn.dataset.armed = 'true';
    btn.textContent = t('inbox.revealConfirm');
    return;
  }
  btn.disabled = true;
  const slot = btn.closest('.hidden-attachment');
  try {
    const [kind, id, index] = (btn.dataset.reveal ?? '').split(':');
    if (kind === 'file' && id) {
      const { blob, fileName } = await api.revealFile(id);
      const a = document.createElement('a');
      const url = URL.createObjectURL(blob);
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      slot?.replaceChildren(h('span', { class: 'revealed' }, t('inbox.revealed')));
    } else if (kind === 'link' && id) {
      const r = await api.revealLink(id, Number(index));
      slot?.replaceChildren(
        h('span', { class: 'revealed' }, t('inbox.revealedLink'), ' ', h('code', { class: 'url' }, r.url)),
      );
    }
  } catch (err) {
    btn.disabled = false;
    slot?.append(h('span', { class: 'error', role: 'alert' }, ` ${reasonOf(err)}`));
  }
}
