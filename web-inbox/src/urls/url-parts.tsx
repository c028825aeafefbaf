import { useEffect, useRef, useState } from 'preact/hooks';
import type { UrlItemView } from '../../../src/inbox/contract.ts';
import { fullTime } from '../format.ts';
import { isKey, locale, t } from '../i18n/index.ts';
import { OTHER_PLATFORM } from './url-codes.ts';

/** Names of the workflow's codes; a code the inbox does not know shows as it came. */
const byKey = (key: string, code: string) => (isKey(key) ? t(key) : code);
export const assessmentLabel = (a: string | null) => byKey(`urls.a_${a ?? 'none'}`, a ?? '');
export const statusLabel = (s: string) => byKey(`urls.s_${s}`, s);
export const actionLabel = (k: string) => byKey(`urls.k_${k}`, k);
export const ageLabel = (b: string) => byKey(`urls.age_${b}`, b);

export const platformLabel = (code: string, name: string | null | undefined) =>
  code === OTHER_PLATFORM ? t('urls.other') : (name ?? code);

/** A country's name in the counselor's language beside its code ("NL · Holandija"); the code alone if unknown. */
export function countryLabel(code: string | null): string {
  if (!code || code === 'none') return t('urls.notEntered');
  try {
    const name = new Intl.DisplayNames([locale()], { type: 'region' }).of(code);
    return name && name !== code ? `${code} · ${name}` : code;
  } catch {
    return code;
  }
}

/**
 * A reported link as text, never as a link: no href, no preview, nothing fetched from its host
 * (the server's CSP allows images from itself only, so not even a favicon could load). A button
 * copies it for the platform's report form.
 */
export function UrlText({ url, hostUnicode, host }: { url: string; hostUnicode?: string; host?: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const textRef = useRef<HTMLElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setSaid(t('urls.copied'));
    } catch {
      // No clipboard (an insecure origin, a refusal): the text is selected for the counselor to copy.
      const el = textRef.current;
      if (el) getSelection()?.selectAllChildren(el);
      setSaid(t('urls.copyFailed'));
    }
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(null), 4000);
  };
  return (
    <div class="url-text-row">
      <code class="url-text" ref={textRef} translate={false}>
        {url}
      </code>
      <button type="button" class="small copy-url" onClick={() => void copy()}>
        {t('urls.copy')}
      </button>
      {host && hostUnicode && hostUnicode !== host ? (
        <span class="muted url-idn" translate={false}>
          {hostUnicode}
        </span>
      ) : null}
      <span class="copy-status" role="status">
        {said}
      </span>
    </div>
  );
}

/** The item's state at a glance: status, overdue reminder, known-hash match, restricted. */
export function UrlBadges({ u }: { u: UrlItemView }) {
  return (
    <span class="url-badges">
      <span class={`badge url-status status-${u.status}`} data-status={u.status}>
        {statusLabel(u.status)}
      </span>
      {u.overdue ? (
        <span class="badge url-overdue" data-overdue="">
          {t('urls.overdue')}
        </span>
      ) : null}
      {u.knownHashMatch ? (
        <span class="badge url-known-hash" data-known-hash="">
          {t('urls.knownHash')}
        </span>
      ) : null}
      {u.restricted ? <span class="badge url-restricted">{t('urls.restricted')}</span> : null}
    </span>
  );
}

export const When = ({ iso }: { iso: string }) => <time dateTime={iso}>{fullTime(iso)}</time>;
