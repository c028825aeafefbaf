import './case-urls.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { routeClick } from '../shell/router.ts';
import { caseUrls, type UrlItemView } from './url-api.ts';
import { mayWorkUrls } from './url-codes.ts';
import { onUrlEvent } from './url-live.ts';
import { statusLabel } from './url-parts.tsx';
import { urlsRouteHref } from './url-routes.ts';

/** Pushes often come in bursts (one message, several links): one fetch for the burst. */
const BURST_MS = 300;

/**
 * The links the open case reported, in its side panel: each as text with its status and a link to
 * the item (/urls/<id>), never to the link itself. Counselors do not see abuse material here either
 * (the server leaves it out).
 */
export function CaseUrls({ caseId, role }: { caseId: string; role: string }) {
  const [items, setItems] = useState<UrlItemView[] | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    if (!mayWorkUrls(role)) return;
    setItems(null);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      const mine = ++seq.current;
      caseUrls(caseId).then(
        (p) => mine === seq.current && setItems(p.items),
        // Without the list the panel stays out of the way; the item screens say what failed.
        () => mine === seq.current && setItems([]),
      );
    };
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, BURST_MS);
    };
    load();
    const stop = onUrlEvent((e) => {
      if (e.type === 'hidden') return setItems((list) => list?.filter((u) => u.id !== e.id) ?? list);
      // A new item, or a new report of one, may be this case's: the push does not say which case.
      if (e.type === 'resync' || e.type === 'created' || e.changed.includes('reports')) return soon();
      setItems((list) => list?.map((u) => (u.id === e.url.id ? e.url : u)) ?? list);
    });
    return () => {
      stop();
      seq.current++;
      if (timer) clearTimeout(timer);
    };
  }, [caseId, role]);

  if (!mayWorkUrls(role) || items === null) return null;
  return (
    <section class="case-urls" aria-labelledby={`case-urls-${caseId}`}>
      <h3 id={`case-urls-${caseId}`}>{t('urls.caseLinks')}</h3>
      {items.length === 0 ? (
        <p class="muted">{t('urls.caseNoLinks')}</p>
      ) : (
        <ul>
          {items.map((u) => {
            const to = { name: 'url', id: u.id } as const;
            return (
              <li key={u.id} data-url-id={u.id}>
                <code class="url-text" translate={false}>
                  {u.url}
                </code>
                <span class={`badge url-status status-${u.status}`}>{statusLabel(u.status)}</span>
                <a
                  class="open-url"
                  href={urlsRouteHref(to)}
                  aria-label={`${t('urls.openItem')}: ${u.hostUnicode}`}
                  onClick={(ev) => routeClick(ev, to)}
                >
                  {t('urls.openItem')}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
