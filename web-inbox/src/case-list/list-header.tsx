import { useMemo } from 'preact/hooks';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { codesOf, label } from '../i18n/labels.ts';
import type { CaseListModel } from './case-list-model.ts';
import type { ListFilters } from './list-views.ts';

interface FilterProps {
  model: CaseListModel;
  name: keyof ListFilters;
  any: string;
  options: { value: string; label: string }[];
}

function Filter({ model, name, any, options }: FilterProps) {
  const id = useMemo(() => uid(`filter-${name}`), [name]);
  return (
    <select
      id={id}
      class="filter"
      aria-label={any}
      value={model.filters.value[name] ?? ''}
      onChange={(ev) => model.setFilter(name, ev.currentTarget.value)}
    >
      {[{ value: '', label: any }, ...options].map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

const labelled = (group: 'channel' | 'category' | 'status') =>
  codesOf(group).map((c) => ({ value: c, label: label(group, c) }));

/** Filters and search; the views with their counts are in the navigation rail (shell/nav-rail.tsx). */
export function ListHeader({ model }: { model: CaseListModel }) {
  const searchId = useMemo(() => uid('search'), []);
  return (
    <div class="list-header">
      <h2 class="visually-hidden">{t('app.caseList')}</h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset's border, padding and legend would all be undone; the group is named */}
      <div class="filters" role="group" aria-label={t('inbox.filters')}>
        <Filter model={model} name="channel" any={t('inbox.anyChannel')} options={labelled('channel')} />
        <Filter model={model} name="category" any={t('inbox.anyCategory')} options={labelled('category')} />
        <Filter model={model} name="status" any={t('app.status')} options={labelled('status')} />
        <Filter
          model={model}
          name="assignee"
          any={t('inbox.anyAssignee')}
          options={[
            { value: 'me', label: t('inbox.assigneeMe') },
            { value: 'none', label: t('inbox.assigneeNone') },
          ]}
        />
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: role=search on the form is the same landmark as a <search> around it, one element fewer */}
      <form
        role="search"
        class="search"
        onSubmit={(ev) => {
          ev.preventDefault();
          model.submitSearch();
        }}
      >
        <label for={searchId}>{t('app.search')}</label>
        <input
          type="search"
          id={searchId}
          data-search-box=""
          autocomplete="off"
          maxlength={200}
          placeholder={t('app.searchHint')}
          value={model.searchText.value}
          onInput={(ev) => model.typed(ev.currentTarget.value)}
        />
      </form>
      <p class="hint">{t('inbox.keys')}</p>
    </div>
  );
}
