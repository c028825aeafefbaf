import '../outreach/outreach.css';
import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { lang, locale, t } from '../i18n/index.ts';
import { codesOf, label } from '../i18n/labels.ts';
import { modal } from '../phone-dialog.ts';
import { myReports, type PartnerSubmission, submitReport } from './partner-api.ts';

const reason = (err: unknown) => (err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : String(err));
const statusText = (s: PartnerSubmission['status']) => t(`partner.status_${s}`);

/** The report form: the public form's fields, for someone else; a sent form starts afresh. */
function ReportForm({ onSent }: { onSent(): void }) {
  const id = useMemo(() => uid('partner-report'), []);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [f, setF] = useState({ description: '', urls: '', reporterRole: '', ageGroup: '', email: '', phone: '' });
  const [anonymous, setAnonymous] = useState(true);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) =>
    setF((x) => ({ ...x, [k]: e.currentTarget.value }));

  const send = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setErrors({});
    setResult(null);
    try {
      const r = await submitReport(
        {
          description: f.description,
          urls: f.urls
            .split('\n')
            .map((u) => u.trim())
            .filter(Boolean),
          ...(f.reporterRole && { reporterRole: f.reporterRole }),
          ...(f.ageGroup && { ageGroup: f.ageGroup }),
          anonymous,
          ...(!anonymous && f.email.trim() && { email: f.email.trim() }),
          ...(!anonymous && f.phone.trim() && { phone: f.phone.trim() }),
          consent: !anonymous && consent,
          language: lang(),
        },
        key,
      );
      setResult({ ok: true, text: t('partner.sent', r) });
      setF({ description: '', urls: '', reporterRole: '', ageGroup: '', email: '', phone: '' });
      setKey(crypto.randomUUID());
      onSent();
    } catch (err) {
      const fields =
        err instanceof ApiError ? (err.body as { fields?: { field: string; message: string }[] })?.fields : null;
      if (fields?.length) setErrors(Object.fromEntries(fields.map((x) => [x.field, x.message])));
      setResult({ ok: false, text: t('partner.failed', { reason: reason(err) }) });
    } finally {
      setBusy(false);
    }
  };

  const error = (field: string) =>
    errors[field] ? (
      <p class="error" id={`${id}-${field}-error`} role="alert">
        {errors[field]}
      </p>
    ) : null;
  const invalid = (field: string) =>
    errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${id}-${field}-error` } : {};
  const choice = (field: 'reporterRole' | 'ageGroup') => (
    <div class="field">
      <label for={`${id}-${field}`}>{t(`partner.${field}`)}</label>
      <select id={`${id}-${field}`} value={f[field]} onChange={set(field)} {...invalid(field)}>
        <option value="">{t('partner.unknown')}</option>
        {codesOf(field).map((c) => (
          <option key={c} value={c}>
            {label(field, c)}
          </option>
        ))}
      </select>
      {error(field)}
    </div>
  );

  return (
    <form class="activity-form partner-report" onSubmit={send} noValidate>
      <div class="field">
        <label for={`${id}-description`}>{t('partner.description')}</label>
        <p class="hint" id={`${id}-description-hint`}>
          {t('partner.descriptionHint')}
        </p>
        <textarea
          id={`${id}-description`}
          rows={6}
          maxLength={20000}
          value={f.description}
          onInput={set('description')}
          aria-describedby={`${id}-description-hint`}
          {...invalid('description')}
        />
        {error('description')}
      </div>
      <div class="field">
        <label for={`${id}-urls`}>{t('partner.urls')}</label>
        <textarea id={`${id}-urls`} rows={2} value={f.urls} onInput={set('urls')} {...invalid('urls')} />
        {error('urls')}
      </div>
      <div class="activity-grid">
        {choice('reporterRole')}
        {choice('ageGroup')}
      </div>
      <fieldset class="audience">
        <legend>{t('partner.contactTitle')}</legend>
        <label class="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />{' '}
          {t('partner.anonymous')}
        </label>
        {anonymous ? null : (
          <>
            <div class="field">
              <label for={`${id}-email`}>{t('partner.email')}</label>
              <input id={`${id}-email`} type="email" value={f.email} onInput={set('email')} {...invalid('email')} />
              {error('email')}
            </div>
            <div class="field">
              <label for={`${id}-phone`}>{t('partner.phone')}</label>
              <input id={`${id}-phone`} type="tel" value={f.phone} onInput={set('phone')} {...invalid('phone')} />
              {error('phone')}
            </div>
            <label class="check">
              <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />{' '}
              {t('partner.consent')}
            </label>
            {error('consent')}
          </>
        )}
      </fieldset>
      {result ? (
        <p class={result.ok ? 'notice' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        {t('partner.submit')}
      </button>
    </form>
  );
}

/** The partner's own reports and where each stands; nothing of a case's content. */
function MyReports({ tick }: { tick: number }) {
  const [items, setItems] = useState<PartnerSubmission[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const load = async (before: string | null) => {
    try {
      const page = await myReports(before);
      setItems((x) => (before ? [...x, ...page.items] : page.items));
      setNext(page.next);
      setFailed(null);
    } catch (err) {
      setFailed(t('partner.loadFailed', { reason: reason(err) }));
    }
  };
  useEffect(() => void load(null), [tick]);
  return (
    <section class="partner-mine" aria-labelledby="partner-mine-title">
      <h3 id="partner-mine-title">{t('partner.mine')}</h3>
      {failed ? (
        <p class="error" role="alert">
          {failed}
        </p>
      ) : null}
      {items.length === 0 && !failed ? <p class="muted">{t('partner.none')}</p> : null}
      {items.length > 0 ? (
        <table class="outreach-table">
          <thead>
            <tr>
              <th scope="col">{t('partner.reference')}</th>
              <th scope="col">{t('partner.submittedAt')}</th>
              <th scope="col">{t('partner.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr key={s.reference} data-reference={s.reference}>
                <td>{s.reference}</td>
                <td>{new Date(s.submittedAt).toLocaleString(locale())}</td>
                <td data-status={s.status}>{statusText(s.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {next ? (
        <button type="button" onClick={() => void load(next)}>
          {t('partner.more')}
        </button>
      ) : null}
    </section>
  );
}

export function PartnerScreen({ institution }: { institution: string | null }) {
  const [tick, setTick] = useState(0);
  return (
    <div class="partner-screen">
      <p>{t('partner.intro')}</p>
      {institution ? <p class="muted">{t('partner.institution', { name: institution })}</p> : null}
      <ReportForm onSent={() => setTick((n) => n + 1)} />
      <MyReports tick={tick} />
    </div>
  );
}

/** As the inbox's other screens: a dialog; `institution` from /api/me (a partner's own). */
export function openPartnerScreen(institution: string | null): HTMLDialogElement {
  const { dialog, body } = modal(t('partner.title'), 'outreach-dialog partner-dialog');
  render(<PartnerScreen institution={institution} />, body);
  dialog.addEventListener('close', () => render(null, body));
  return dialog;
}
