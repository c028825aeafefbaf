import { useMemo, useState } from 'preact/hooks';
import type { Audience, InstitutionKind, OutreachKind } from '../../../src/outreach/outreach.schema.ts';
import { ApiError } from '../api.ts';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { type ActivityBody, correctActivity, createActivity, type OutreachActivity } from './outreach-api.ts';
import {
  AUDIENCE_CODES,
  audienceLabel,
  INSTITUTION_KIND_CODES,
  institutionKindLabel,
  KIND_CODES,
  kindLabel,
} from './outreach-codes.ts';

interface Draft {
  kind: OutreachKind;
  date: string;
  institutionName: string;
  institutionKind: InstitutionKind;
  municipality: string;
  educators: string;
  audience: Record<Audience, string>;
  topics: string;
  notes: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const names = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function draftOf(a: OutreachActivity | null): Draft {
  return {
    kind: a?.kind ?? 'school_presentation',
    date: a?.date ?? today(),
    institutionName: a?.institution?.name ?? '',
    institutionKind: a?.institution?.kind ?? 'primary_school',
    municipality: a?.institution?.municipality ?? '',
    educators: a?.educators.join(', ') ?? '',
    audience: Object.fromEntries(AUDIENCE_CODES.map((k) => [k, a ? String(a.audience[k]) : ''])) as Record<
      Audience,
      string
    >,
    topics: a?.topics.join(', ') ?? '',
    notes: a?.notes ?? '',
  };
}

/** The draft as the API takes it; an empty count is 0, a count that is not a number goes as typed (refused). */
function bodyOf(d: Draft): ActivityBody {
  return {
    kind: d.kind,
    date: d.date,
    institution: d.institutionName.trim()
      ? { name: d.institutionName.trim(), kind: d.institutionKind, municipality: d.municipality.trim() || null }
      : null,
    educators: names(d.educators),
    audience: Object.fromEntries(
      AUDIENCE_CODES.map((k) => [k, d.audience[k].trim() === '' ? 0 : Number(d.audience[k])]),
    ) as ActivityBody['audience'],
    topics: names(d.topics),
    notes: d.notes.trim() || null,
  };
}

export interface ActivityFormProps {
  /** The activity to correct; null records a new one. */
  activity: OutreachActivity | null;
  onSaved(a: OutreachActivity): void;
  onCancel(): void;
}

/** Record or correct one activity; a refused field is named next to it, as the server named it. */
export function ActivityForm({ activity, onSaved, onCancel }: ActivityFormProps) {
  const [d, setD] = useState<Draft>(() => draftOf(activity));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useMemo(() => uid('activity'), []);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));

  const submit = async (ev: Event) => {
    ev.preventDefault();
    setBusy(true);
    setErrors({});
    setFailed(null);
    try {
      const body = bodyOf(d);
      onSaved(activity ? await correctActivity(activity.id, body) : await createActivity(body));
    } catch (err) {
      const fields =
        err instanceof ApiError ? (err.body as { fields?: { field: string; message: string }[] })?.fields : null;
      if (fields?.length) setErrors(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      setFailed(
        t('outreach.saveFailed', {
          reason: err instanceof ApiError ? (err.reason ?? `HTTP ${err.status}`) : String(err),
        }),
      );
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

  return (
    <form class="activity-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{activity ? t('outreach.formEdit') : t('outreach.formNew')}</h3>
      <div class="activity-grid">
        <div class="field">
          <label for={`${id}-kind`}>{t('outreach.kind')}</label>
          <select
            id={`${id}-kind`}
            value={d.kind}
            onChange={(e) => set({ kind: e.currentTarget.value as OutreachKind })}
            {...invalid('kind')}
          >
            {KIND_CODES.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
          {error('kind')}
        </div>
        <div class="field">
          <label for={`${id}-date`}>{t('outreach.date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            required
            value={d.date}
            onInput={(e) => set({ date: e.currentTarget.value })}
            {...invalid('date')}
          />
          {error('date')}
        </div>
        <div class="field">
          <label for={`${id}-inst`}>{t('outreach.institutionName')}</label>
          <input
            id={`${id}-inst`}
            type="text"
            maxLength={200}
            value={d.institutionName}
            aria-describedby={`${id}-inst-hint`}
            onInput={(e) => set({ institutionName: e.currentTarget.value })}
            {...invalid('institution.name')}
          />
          <p class="hint" id={`${id}-inst-hint`}>
            {t('outreach.noInstitution')}
          </p>
          {error('institution.name')}
        </div>
        <div class="field">
          <label for={`${id}-inst-kind`}>{t('outreach.institutionKind')}</label>
          <select
            id={`${id}-inst-kind`}
            value={d.institutionKind}
            disabled={!d.institutionName.trim()}
            onChange={(e) => set({ institutionKind: e.currentTarget.value as InstitutionKind })}
          >
            {INSTITUTION_KIND_CODES.map((k) => (
              <option key={k} value={k}>
                {institutionKindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-muni`}>{t('outreach.municipality')}</label>
          <input
            id={`${id}-muni`}
            type="text"
            maxLength={100}
            value={d.municipality}
            disabled={!d.institutionName.trim()}
            onInput={(e) => set({ municipality: e.currentTarget.value })}
            {...invalid('institution.municipality')}
          />
          {error('institution.municipality')}
        </div>
        <div class="field">
          <label for={`${id}-educators`}>{t('outreach.educators')}</label>
          <input
            id={`${id}-educators`}
            type="text"
            value={d.educators}
            aria-describedby={`${id}-names-hint`}
            onInput={(e) => set({ educators: e.currentTarget.value })}
            {...invalid('educators')}
          />
          <p class="hint" id={`${id}-names-hint`}>
            {t('outreach.namesHint')}
          </p>
          {error('educators')}
        </div>
      </div>
      <fieldset class="audience">
        <legend>{t('outreach.audience')}</legend>
        {AUDIENCE_CODES.map((k) => (
          <div class="field" key={k}>
            <label for={`${id}-${k}`}>{audienceLabel(k)}</label>
            <input
              id={`${id}-${k}`}
              type="number"
              min={0}
              inputMode="numeric"
              value={d.audience[k]}
              onInput={(e) => set({ audience: { ...d.audience, [k]: e.currentTarget.value } })}
              {...invalid(`audience.${k}`)}
            />
            {error(`audience.${k}`)}
          </div>
        ))}
      </fieldset>
      <div class="field">
        <label for={`${id}-topics`}>{t('outreach.topics')}</label>
        <input
          id={`${id}-topics`}
          type="text"
          value={d.topics}
          aria-describedby={`${id}-topics-hint`}
          onInput={(e) => set({ topics: e.currentTarget.value })}
          {...invalid('topics')}
        />
        <p class="hint" id={`${id}-topics-hint`}>
          {t('outreach.namesHint')}
        </p>
        {error('topics')}
      </div>
      <div class="field">
        <label for={`${id}-notes`}>{t('outreach.notes')}</label>
        <textarea
          id={`${id}-notes`}
          rows={3}
          maxLength={5000}
          value={d.notes}
          onInput={(e) => set({ notes: e.currentTarget.value })}
          {...invalid('notes')}
        />
        {error('notes')}
      </div>
      {failed ? (
        <p class="error" role="alert">
          {failed}
        </p>
      ) : null}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {t('outreach.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('outreach.cancel')}
        </button>
      </div>
    </form>
  );
}
