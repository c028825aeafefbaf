import { useMemo, useState } from 'preact/hooks';
import type { PersonCase, PersonNote } from '../../../src/inbox/contract.ts';
import { uid } from '../dom.ts';
import { fullTime, shortTime } from '../format.ts';
import { t } from '../i18n/index.ts';
import { label } from '../i18n/labels.ts';
import { routeClick } from '../shell/router.ts';
import { routeHref } from '../shell/routes.ts';
import type { ContactModel } from './contact-model.ts';

/** A link to a case by its reference (a merged case's reference opens the case it went into). */
export function CaseLink({ reference }: { reference: string }) {
  const to = { name: 'case', ref: reference } as const;
  return (
    <a href={routeHref(to)} class="case-link" onClick={(ev) => routeClick(ev, to)}>
      {reference}
    </a>
  );
}

/** Every case of every contact of the person, newest first, whichever channel it came on. */
export function PersonCases({ cases }: { cases: readonly PersonCase[] }) {
  if (cases.length === 0) return <p class="muted">{t('people.noCases')}</p>;
  return (
    <table class="person-cases">
      <thead>
        <tr>
          <th scope="col">{t('people.reference')}</th>
          <th scope="col">{t('app.status')}</th>
          <th scope="col">{t('app.category')}</th>
          <th scope="col">{t('app.channel')}</th>
          <th scope="col">{t('app.opened')}</th>
          <th scope="col">{t('people.lastActivity')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} data-case-id={c.id} data-reference={c.reference} class={c.mergedInto ? 'merged' : undefined}>
            <th scope="row">
              <CaseLink reference={c.reference} />
              {c.mergedInto && (
                <span class="merged-into"> {t('people.mergedInto', { reference: c.mergedInto.reference })}</span>
              )}
            </th>
            <td>
              <span class={`badge status status-${c.status}`}>{label('status', c.status)}</span>
            </td>
            <td>{c.category ? label('category', c.category) : t('app.noCategory')}</td>
            <td>{label('channel', c.channel)}</td>
            <td>
              <time dateTime={c.createdAt} title={fullTime(c.createdAt)}>
                {shortTime(c.createdAt)}
              </time>
            </td>
            <td>
              <time dateTime={c.lastActivityAt} title={fullTime(c.lastActivityAt)}>
                {shortTime(c.lastActivityAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Notes about the person (not about one case), oldest first, and a form to add one. */
export function PersonNotes({ model, notes }: { model: ContactModel; notes: readonly PersonNote[] }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useMemo(() => uid('person-note'), []);
  return (
    <>
      {notes.length === 0 ? (
        <p class="muted">{t('people.noNotes')}</p>
      ) : (
        <ol class="person-notes">
          {notes.map((n) => (
            <li key={n.id} class="person-note">
              <p class="note-meta">
                <span class="who">{n.authorName ?? '—'}</span>{' '}
                <time dateTime={n.createdAt}>{fullTime(n.createdAt)}</time>
              </p>
              <p class="note-text">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form
        class="person-note-form"
        onSubmit={async (ev) => {
          ev.preventDefault();
          if (!text.trim()) return;
          setBusy(true);
          const refused = await model.addNote(text.trim());
          setBusy(false);
          setError(refused);
          if (!refused) setText('');
        }}
      >
        <label for={id}>{t('people.newNote')}</label>
        <textarea id={id} rows={3} maxlength={5000} value={text} onInput={(ev) => setText(ev.currentTarget.value)} />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !text.trim()}>
          {t('people.addNote')}
        </button>
      </form>
    </>
  );
}
