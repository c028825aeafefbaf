import './people.css';
import { useMemo, useState } from 'preact/hooks';
import type { CaseDetail } from '../../../src/inbox/contract.ts';
import type { OpenCase } from '../case-view/open-case.ts';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { label } from '../i18n/labels.ts';
import { navigate, routeClick } from '../shell/router.ts';
import { routeHref } from '../shell/routes.ts';
import { CasePickDialog } from './case-pick-dialog.tsx';
import { CaseLink } from './contact-sections.tsx';
import { peopleApi, refusalText } from './people-api.ts';

/**
 * In the case's side panel: the way to the reporter's contact page, the person's other cases (every
 * linked contact's, whichever channel), and merging this case into another.
 */
export function PersonPanel({ model, detail: d }: { model: OpenCase; detail: CaseDetail }) {
  const [merging, setMerging] = useState(false);
  const ids = useMemo(() => ({ title: uid('person-panel') }), []);
  const contact = d.contactId && !d.anonymous ? ({ name: 'contact', id: d.contactId } as const) : null;
  return (
    <section class="person-panel" aria-labelledby={ids.title}>
      <h3 id={ids.title}>{t('people.person')}</h3>
      {contact && (
        <a class="contact-page-link" href={routeHref(contact)} onClick={(ev) => routeClick(ev, contact)}>
          {t('people.contactPage')}
        </a>
      )}
      {d.personCases.length > 0 ? (
        <details class="other-cases" open>
          <summary>{t('people.otherCases')}</summary>
          <ul class="person-other-cases">
            {d.personCases.map((c) => (
              <li key={c.id} data-case-id={c.id}>
                <CaseLink reference={c.reference} /> · {label('channel', c.channel)} · {label('status', c.status)}
                {c.preview && <span class="muted"> · {c.preview}</span>}
              </li>
            ))}
          </ul>
        </details>
      ) : (
        contact && <p class="muted">{t('people.noOtherCases')}</p>
      )}
      {!d.mergedInto && (
        <button type="button" class="small merge-case" onClick={() => setMerging(true)}>
          {t('people.merge')}
        </button>
      )}
      {merging && (
        <CasePickDialog
          title={t('people.mergeTitle', { reference: d.reference })}
          targetLabel={t('people.targetReference')}
          from={{ id: d.id, reference: d.reference }}
          offered={d.personCases}
          explain={(into) => t('people.mergeExplain', { from: d.reference, into })}
          confirm={(into) => t('people.confirmMerge', { reference: into })}
          onConfirm={async (into) => {
            try {
              const r = await peopleApi.merge(d.id, into.id);
              model.deps.onSummary(r.into);
              // The absorbed case's reference leads to the surviving case now: show that one.
              navigate({ name: 'case', ref: r.into.reference }, { replace: true });
              return null;
            } catch (err) {
              return refusalText(err);
            }
          }}
          onClose={() => setMerging(false)}
        />
      )}
    </section>
  );
}
