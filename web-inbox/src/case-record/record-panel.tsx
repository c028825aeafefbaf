import './record.css';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CaseDetail } from '../../../src/inbox/contract.ts';
import type { OpenCase } from '../case-view/open-case.ts';
import { uid } from '../dom.ts';
import { type LabelGroup, lang, t } from '../i18n/index.ts';
import { codesOf, label } from '../i18n/labels.ts';
import { fieldLabel } from './close-refusal.ts';
import {
  type CaseDescription,
  DESCRIPTION_FIELDS,
  type DescriptionField,
  type District,
  loadRecordLists,
  type RecordLists,
  recordLists,
  type Subcategory,
} from './record-api.ts';

interface Option {
  value: string;
  label: string;
  group?: string;
}

interface FieldProps {
  field: DescriptionField | 'district' | 'municipality';
  name: string;
  value: string;
  options: Option[];
  blank: string;
  disabled: boolean;
  required: boolean;
  missing: boolean;
  onPick: (value: string | null) => void;
}

/** One select of the record; `data-field` lets the case view give the focus back after it is saved. */
function RecordSelect(p: FieldProps) {
  const id = useMemo(() => uid(`record-${p.field}`), [p.field]);
  const groups = [...new Set(p.options.map((o) => o.group ?? ''))];
  const options = (group: string) =>
    p.options
      .filter((o) => (o.group ?? '') === group)
      .map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ));
  return (
    <div class={`field record-field${p.missing ? ' record-missing' : ''}`}>
      <label for={id}>
        {p.name}
        {p.required ? <span class="record-required"> ({t('record.required')})</span> : null}
      </label>
      <select
        id={id}
        data-field={`record-${p.field}`}
        value={p.value}
        disabled={p.disabled}
        aria-invalid={p.missing ? 'true' : undefined}
        onChange={(ev) => p.onPick(ev.currentTarget.value || null)}
      >
        <option value="">{p.blank}</option>
        {groups.length > 1
          ? groups.map((g) => (
              <optgroup key={g} label={g}>
                {options(g)}
              </optgroup>
            ))
          : options(groups[0] ?? '')}
      </select>
    </div>
  );
}

/** A list's own choices: the active ones, and the case's value even when it is retired or unknown. */
function choices<T extends { code: string; retired: boolean }>(
  items: T[],
  current: string | null,
  name: (x: T) => string,
  group?: (x: T) => string,
): Option[] {
  const out = items
    .filter((x) => !x.retired || x.code === current)
    .map((x) => ({
      value: x.code,
      label: x.retired ? t('record.retired', { label: name(x) }) : name(x),
      ...(group && { group: group(x) }),
    }));
  if (current && !out.some((o) => o.value === current)) out.push({ value: current, label: current });
  return out;
}

const codeChoices = (group: LabelGroup, current: string | null): Option[] => {
  const out = codesOf(group).map((c) => ({ value: c, label: label(group, c) }));
  if (current && !out.some((o) => o.value === current)) out.push({ value: current, label: current });
  return out;
};

/** Under the case's category only; with no category yet, every one grouped by its category. */
function subcategoryChoices(subs: Subcategory[], category: string | null, current: string | null): Option[] {
  const l = lang();
  const under = category ? subs.filter((s) => s.category === category || s.code === current) : subs;
  return choices(under, current, (s) => s.labels[l], category ? undefined : (s) => label('category', s.category));
}

interface Props {
  model: OpenCase;
  detail: CaseDetail;
}

/**
 * The case record in the side panel: who reported, the child's age group and gender, the place
 * (district, then municipality), the sub-category and the interventions. Each choice is saved at
 * once (PATCH /api/cases/:id) and comes back live to everyone with the case open; the fields admins
 * require before closing are marked, and what is still missing is said.
 */
export function RecordPanel({ model, detail }: Props) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => void loadRecordLists(), []);
  useEffect(() => setError(null), [detail.id]);
  const lists = recordLists.value;
  const d = detail.description;
  const busy = model.patching.value;
  const ready = lists !== null && typeof lists === 'object';
  const required = new Set<DescriptionField>(ready ? lists.requiredForClose : []);
  const missing = new Set<DescriptionField>(detail.missingForClose);
  const save = (change: Partial<CaseDescription>) => {
    setError(null);
    void model.describe(change, setError);
  };
  const common = (field: DescriptionField) => ({
    disabled: busy || !ready,
    required: required.has(field),
    missing: missing.has(field),
  });
  const simple = (field: 'reporterRole' | 'ageGroup' | 'gender', group: LabelGroup) => (
    <RecordSelect
      field={field}
      name={fieldLabel(field)}
      value={d[field] ?? ''}
      options={codeChoices(group, d[field])}
      blank={t('record.notSet')}
      onPick={(v) => save({ [field]: v })}
      {...common(field)}
    />
  );
  return (
    <section class="record-panel" aria-labelledby={`${detail.id}-record`}>
      <h3 id={`${detail.id}-record`}>{t('record.record')}</h3>
      {typeof lists === 'string' ? (
        <p class="error" role="alert">
          {t('record.listsFailed', { reason: lists })}
        </p>
      ) : null}
      <div class="record-fields">
        {simple('reporterRole', 'reporterRole')}
        {simple('ageGroup', 'ageGroup')}
        {simple('gender', 'gender')}
        <PlaceFields lists={ready ? lists : null} d={d} save={save} common={common('place')} />
        <RecordSelect
          field="subcategory"
          name={fieldLabel('subcategory')}
          value={d.subcategory ?? ''}
          options={ready ? subcategoryChoices(lists.subcategories, detail.category, d.subcategory) : []}
          blank={t('record.notSet')}
          onPick={(v) => save({ subcategory: v })}
          {...common('subcategory')}
        />
      </div>
      <Interventions d={d} save={save} common={common('interventions')} />
      <Missing missing={DESCRIPTION_FIELDS.filter((f) => missing.has(f))} any={required.size > 0} />
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

interface PartProps {
  d: CaseDescription;
  save: (change: Partial<CaseDescription>) => void;
  common: { disabled: boolean; required: boolean; missing: boolean };
}

/** District, then its municipality or city; names in the script of the counselor's language. */
function PlaceFields({ lists, d, save, common }: PartProps & { lists: RecordLists | null }) {
  const l = lang();
  const districts: District[] = lists?.districts ?? [];
  const district = districts.find((x) => x.code === d.place?.district) ?? null;
  const municipality = d.place?.municipality ?? null;
  return (
    <fieldset class={`record-place${common.missing ? ' record-missing' : ''}`}>
      <legend>
        {fieldLabel('place')}
        {common.required ? <span class="record-required"> ({t('record.required')})</span> : null}
      </legend>
      <RecordSelect
        field="district"
        name={t('record.district')}
        value={d.place?.district ?? ''}
        options={choices(districts, d.place?.district ?? null, (x) => x.names[l])}
        blank={t('record.notSet')}
        onPick={(v) => save({ place: v ? { district: v, municipality: null } : null })}
        {...common}
        required={false}
      />
      <RecordSelect
        field="municipality"
        name={t('record.municipality')}
        value={municipality ?? ''}
        options={district ? choices(district.municipalities, municipality, (m) => m.names[l]) : []}
        blank={t('record.wholeDistrict')}
        onPick={(v) => d.place && save({ place: { district: d.place.district, municipality: v } })}
        {...common}
        disabled={common.disabled || !d.place}
        required={false}
        missing={false}
      />
    </fieldset>
  );
}

/** Several per case, kept in the server's order. */
function Interventions({ d, save, common }: PartProps) {
  const all = codesOf('intervention');
  // The ticked box stays ticked while its save is on the way (a controlled box would otherwise show
  // the server's older list until the answer); once the save is over, the server's list rules again.
  const [pending, setPending] = useState<string[] | null>(null);
  useEffect(() => {
    if (!common.disabled) setPending(null);
  }, [common.disabled]);
  const given = new Set(pending ?? d.interventions);
  const toggle = (code: string, on: boolean) => {
    const next = new Set(given);
    if (on) next.add(code);
    else next.delete(code);
    const list = all.filter((c) => next.has(c)).concat([...next].filter((c) => !all.includes(c)));
    setPending(list);
    save({ interventions: list });
  };
  return (
    <fieldset class={`record-interventions${common.missing ? ' record-missing' : ''}`}>
      <legend>
        {fieldLabel('interventions')}
        {common.required ? <span class="record-required"> ({t('record.required')})</span> : null}
      </legend>
      {[...all, ...d.interventions.filter((c) => !all.includes(c))].map((code) => (
        <label key={code} class="record-check">
          <input
            type="checkbox"
            data-field={`record-intervention-${code}`}
            checked={given.has(code)}
            disabled={common.disabled}
            onChange={(ev) => toggle(code, ev.currentTarget.checked)}
          />{' '}
          {label('intervention', code)}
        </label>
      ))}
    </fieldset>
  );
}

function Missing({ missing, any }: { missing: DescriptionField[]; any: boolean }) {
  if (missing.length > 0)
    return (
      <p class="record-missing-list" role="status">
        {t('record.missing', { fields: missing.map(fieldLabel).join(', ') })}
      </p>
    );
  return any ? (
    <p class="muted record-complete" role="status">
      {t('record.complete')}
    </p>
  ) : null;
}
