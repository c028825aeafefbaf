import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { uid } from '../dom.ts';
import { lang, t } from '../i18n/index.ts';
import { codesOf, label } from '../i18n/labels.ts';
import type { SearchModel } from './search-model.ts';
import { filterCount, type ListFilter } from './search-params.ts';

interface Choice {
  value: string;
  label: string;
}

/** A filter of several values: a checkbox per choice, any of them matches. */
function CheckGroup({
  model,
  name,
  legend,
  choices,
}: {
  model: SearchModel;
  name: ListFilter;
  legend: string;
  choices: Choice[];
}) {
  const chosen = model.params.value.filters[name] ?? [];
  // A value the URL names that is not offered (a retired category) still shows, and can be unticked.
  const all = [
    ...choices,
    ...chosen.filter((v) => !choices.some((c) => c.value === v)).map((v) => ({ value: v, label: v })),
  ];
  return (
    <fieldset class="check-group" data-filter={name}>
      <legend>{legend}</legend>
      {all.map((c) => (
        <label key={c.value} class="check">
          <input
            type="checkbox"
            value={c.value}
            checked={chosen.includes(c.value)}
            onChange={(ev) => {
              const on = ev.currentTarget.checked;
              model.setList(name, on ? [...chosen, c.value] : chosen.filter((v) => v !== c.value));
            }}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

const codes = (group: 'channel' | 'status' | 'priority' | 'category' | 'reporterRole' | 'ageGroup'): Choice[] =>
  codesOf(group).map((c) => ({ value: c, label: label(group, c) }));

/** A labelled control on one line. */
function Field({ id, text, children }: { id: string; text: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{text}</label>
      {children}
    </div>
  );
}

/** Every filter of the search; each change is a new search (and a new URL). */
export function SearchFilters({ model }: { model: SearchModel }) {
  const ids = useMemo(
    () => ({
      from: uid('s-from'),
      to: uid('s-to'),
      tags: uid('s-tags'),
      assignee: uid('s-assignee'),
      files: uid('s-files'),
    }),
    [],
  );
  const f = model.params.value.filters;
  const count = filterCount(f);
  // Closed at first: the results come first; the summary says how many filters are set.
  const [open, setOpen] = useState(false);
  const assignee = f.assignee ?? '';
  const institutions = model.institutions.value.map((i) => ({
    value: i.code,
    label: i.names[lang()] ?? i.names['sr-Latn'] ?? i.code,
  }));
  return (
    <details class="search-filters" open={open} onToggle={(ev) => setOpen(ev.currentTarget.open)}>
      <summary>{count ? t('search.filtersCount', { n: count }) : t('search.filters')}</summary>
      <div class="filter-body">
        <fieldset class="date-range">
          <legend>{t('search.opened')}</legend>
          <Field id={ids.from} text={t('search.from')}>
            <input
              type="date"
              id={ids.from}
              data-filter="from"
              value={f.from ?? ''}
              max={f.to}
              onChange={(ev) => model.setOne('from', ev.currentTarget.value)}
            />
          </Field>
          <Field id={ids.to} text={t('search.to')}>
            <input
              type="date"
              id={ids.to}
              data-filter="to"
              value={f.to ?? ''}
              min={f.from}
              onChange={(ev) => model.setOne('to', ev.currentTarget.value)}
            />
          </Field>
        </fieldset>
        <CheckGroup model={model} name="channel" legend={t('search.channel')} choices={codes('channel')} />
        <CheckGroup model={model} name="status" legend={t('search.status')} choices={codes('status')} />
        <CheckGroup model={model} name="priority" legend={t('search.priority')} choices={codes('priority')} />
        <CheckGroup model={model} name="category" legend={t('search.category')} choices={codes('category')} />
        <CheckGroup
          model={model}
          name="reporterRole"
          legend={t('search.reporterRole')}
          choices={codes('reporterRole')}
        />
        <CheckGroup model={model} name="ageGroup" legend={t('search.ageGroup')} choices={codes('ageGroup')} />
        {institutions.length > 0 && (
          <CheckGroup model={model} name="institution" legend={t('search.institution')} choices={institutions} />
        )}
        <Field id={ids.tags} text={t('search.tags')}>
          <input
            type="text"
            id={ids.tags}
            data-filter="tags"
            maxlength={400}
            autocomplete="off"
            title={t('search.tagsHint')}
            placeholder={t('search.tagsHint')}
            value={(f.tags ?? []).join(', ')}
            onChange={(ev) =>
              model.setList(
                'tags',
                ev.currentTarget.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              )
            }
          />
        </Field>
        <Field id={ids.assignee} text={t('search.assignee')}>
          <select
            id={ids.assignee}
            data-filter="assignee"
            value={assignee}
            onChange={(ev) => model.setOne('assignee', ev.currentTarget.value)}
          >
            <option value="">{t('search.anyone')}</option>
            <option value="me">{t('search.me')}</option>
            <option value="none">{t('search.nobody')}</option>
            {assignee && assignee !== 'me' && assignee !== 'none' && (
              <option value={assignee}>{t('search.someone')}</option>
            )}
          </select>
        </Field>
        <Field id={ids.files} text={t('search.attachments')}>
          <select
            id={ids.files}
            data-filter="hasAttachments"
            value={f.hasAttachments ?? ''}
            onChange={(ev) => model.setOne('hasAttachments', ev.currentTarget.value)}
          >
            <option value="">{t('search.attachmentsAny')}</option>
            <option value="true">{t('search.attachmentsYes')}</option>
            <option value="false">{t('search.attachmentsNo')}</option>
          </select>
        </Field>
        {count > 0 && (
          <button type="button" class="small clear-filters" onClick={() => model.clearFilters()}>
            {t('search.clearFilters')}
          </button>
        )}
      </div>
    </details>
  );
}
