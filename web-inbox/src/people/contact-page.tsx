import './people.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LinkSuggestion, PersonPage } from '../../../src/inbox/contract.ts';
import { uid } from '../dom.ts';
import { isKey, t } from '../i18n/index.ts';
import { lastList, navigate } from '../shell/router.ts';
import type { ContactModel } from './contact-model.ts';
import { PersonCases, PersonNotes } from './contact-sections.tsx';
import { ReasonDialog } from './reason-dialog.tsx';

/** An identity's kind in words ("E-pošta", "Instagram"); a kind the inbox does not know shows as it came. */
export const kindLabel = (kind: string): string => {
  const key = `people.kind_${kind}`;
  return isKey(key) ? t(key) : kind;
};

const nameOf = (name: string | null | undefined) => name ?? t('people.unnamed');

/** The person's identities, whose each is, and a way to split chosen ones off again. */
function Identities({ model, page }: { model: ContactModel; page: PersonPage }) {
  const [splitting, setSplitting] = useState(false);
  const chosen = model.chosen.value;
  // A split needs at least one chosen identity and leaves at least one.
  const canSplit = page.identities.length > 1;
  const contactName = (id: string) => nameOf(page.contacts.find((c) => c.id === id)?.displayName);
  return (
    <>
      <table class="person-identities">
        <thead>
          <tr>
            {canSplit && (
              <th scope="col">
                <span class="visually-hidden">{t('people.split')}</span>
              </th>
            )}
            <th scope="col">{t('people.kind')}</th>
            <th scope="col">{t('people.value')}</th>
            {page.contacts.length > 1 && <th scope="col">{t('people.contactOf')}</th>}
          </tr>
        </thead>
        <tbody>
          {page.identities.map((i) => (
            <tr key={i.id} data-identity-id={i.id} data-kind={i.kind}>
              {canSplit && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('people.choose', { value: i.value })}
                    checked={chosen.has(i.id)}
                    onChange={(ev) => model.toggle(i.id, ev.currentTarget.checked)}
                  />
                </td>
              )}
              <td>{kindLabel(i.kind)}</td>
              <td class="identity-value">
                {i.value}
                {i.displayName && <span class="muted"> · {i.displayName}</span>}
              </td>
              {page.contacts.length > 1 && <td>{contactName(i.contactId)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {canSplit && (
        <button
          type="button"
          class="small split-identities"
          disabled={chosen.size === 0 || chosen.size >= page.identities.length}
          onClick={() => setSplitting(true)}
        >
          {t('people.split')}
        </button>
      )}
      {splitting && (
        <ReasonDialog
          title={t('people.splitTitle')}
          explain={t('people.splitExplain')}
          label={t('people.splitReason')}
          required={false}
          confirm={t('people.confirmSplit')}
          onConfirm={(reason) => model.split(reason)}
          onClose={() => setSplitting(false)}
        />
      )}
    </>
  );
}

/** Contacts that share an address or number with the person, each with "link as one person". */
function Suggestions({ model, page }: { model: ContactModel; page: PersonPage }) {
  const [linking, setLinking] = useState<LinkSuggestion | null>(null);
  // One contact may match on several identities: offer it once.
  const byContact = [...new Map(page.suggestions.map((s) => [s.contactId, s])).values()];
  if (byContact.length === 0) return <p class="muted">{t('people.noSuggestions')}</p>;
  return (
    <>
      <ul class="person-suggestions">
        {byContact.map((s) => (
          <li key={s.contactId} data-contact-id={s.contactId}>
            <span class="suggested-name">{nameOf(s.displayName)}</span>{' '}
            <span class="muted">
              {kindLabel(s.identity.kind)}: {t('people.sharesWith', { value: s.identity.value, same: s.sameAs.value })}
            </span>{' '}
            <button type="button" class="small link-person" onClick={() => setLinking(s)}>
              {t('people.link')}
            </button>
          </li>
        ))}
      </ul>
      {linking && (
        <ReasonDialog
          title={t('people.linkTitle', { name: nameOf(linking.displayName) })}
          explain={t('people.linkExplain')}
          label={t('people.reason')}
          hint={t('people.reasonHint')}
          required={true}
          confirm={t('people.confirmLink')}
          onConfirm={(reason) => model.link(linking.contactId, reason)}
          onClose={() => setLinking(null)}
        />
      )}
    </>
  );
}

/**
 * /contacts/:id: one person across channels. Identities (and a split), every case of every linked
 * contact, notes about the person, and contacts that may be the same person (link, with a reason).
 */
export function ContactScreen({ model }: { model: ContactModel }) {
  const ids = useMemo(
    () => ({
      title: uid('person-title'),
      ident: uid('ident'),
      cases: uid('pcases'),
      notes: uid('pnotes'),
      sugg: uid('sugg'),
    }),
    [],
  );
  const title = useRef<HTMLHeadingElement>(null);
  const id = model.id.value;
  // A new contact page takes the focus to its title, as a new page would.
  useLayoutEffect(() => title.current?.focus(), [id]);
  const state = model.state.value;
  const page = model.page.value;
  const back = () => navigate(lastList.value);
  const names = page ? [...new Set(page.contacts.map((c) => c.displayName).filter(Boolean))].join(' · ') : '';
  return (
    <section class="contact-screen" aria-labelledby={ids.title}>
      <header class="contact-head">
        <button type="button" class="small back-to-list" onClick={back}>
          ← {t('people.backToList')}
        </button>
        <h2 id={ids.title} ref={title} tabindex={-1}>
          {t('people.person')}: {page ? names || t('people.unnamed') : '…'}
        </h2>
      </header>
      {state === 'loading' && !page && (
        <p class="muted" role="status">
          {t('app.loading')}
        </p>
      )}
      {(state === 'missing' || state === 'error') && (
        <p class="error" role="alert">
          {t(state === 'missing' ? 'people.notFound' : 'people.loadFailed')}
        </p>
      )}
      {page && (
        <div class="contact-body">
          <section class="contact-section" aria-labelledby={ids.ident}>
            <h3 id={ids.ident}>{t('people.identities')}</h3>
            <Identities model={model} page={page} />
          </section>
          <section class="contact-section" aria-labelledby={ids.cases}>
            <h3 id={ids.cases}>{t('people.cases')}</h3>
            <PersonCases cases={page.cases} />
          </section>
          <section class="contact-section" aria-labelledby={ids.notes}>
            <h3 id={ids.notes}>{t('people.notes')}</h3>
            <PersonNotes model={model} notes={page.notes} />
          </section>
          <section class="contact-section" aria-labelledby={ids.sugg}>
            <h3 id={ids.sugg}>{t('people.suggestions')}</h3>
            <Suggestions model={model} page={page} />
          </section>
        </div>
      )}
    </section>
  );
}
