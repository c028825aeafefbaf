import { api, type CannedResponse } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { type Key, lang, t } from './i18n/index.ts';

const CANNED: { title: Key; text: Key }[] = [
  { title: 'inbox.canned_thanks', text: 'inbox.canned_thanks_text' },
  { title: 'inbox.canned_referred', text: 'inbox.canned_referred_text' },
  { title: 'inbox.canned_more', text: 'inbox.canned_more_text' },
];

/** Searchable canned responses in the counselor's language; {reference} becomes the case number. */
export class CannedPicker {
  readonly el = h('details', { class: 'canned' });
  private readonly searchId = uid('canned-search');
  private readonly search = h('input', { type: 'search', id: this.searchId, autocomplete: 'off' });
  private readonly listEl = h('ul', { class: 'canned-list' });
  private saved: CannedResponse[] | null = null;

  constructor(
    private readonly reference: () => string,
    private readonly onPick: (text: string) => void,
  ) {
    this.search.addEventListener('input', () => this.renderList());
    // The centre's own responses are loaded when the counselor first opens the list.
    this.el.addEventListener('toggle', () => {
      if (!(this.el as HTMLDetailsElement).open || this.saved) return;
      this.saved = [];
      api.canned().then(
        (r) => {
          this.saved = r.items;
          this.renderList();
        },
        () => {},
      );
    });
  }

  render(): void {
    replace(
      this.el,
      h('summary', {}, t('inbox.cannedResponses')),
      h('label', { for: this.searchId, class: 'visually-hidden' }, t('inbox.cannedSearch')),
      this.search,
      this.listEl,
    );
    this.search.placeholder = t('inbox.cannedSearch');
    this.renderList();
  }

  private renderList(): void {
    const needle = this.search.value.trim().toLocaleLowerCase();
    const ref = this.reference();
    const fill = (text: string) => text.replace(/\{reference\}/g, ref);
    const own = (this.saved ?? [])
      .filter((c) => c.language === lang())
      .map((c) => ({ title: c.title, text: fill(c.body) }));
    const builtIn = CANNED.map((c) => ({ title: t(c.title), text: t(c.text, { reference: ref }) }));
    const items = [...own, ...builtIn].filter(
      (c) => !needle || `${c.title} ${c.text}`.toLocaleLowerCase().includes(needle),
    );
    replace(
      this.listEl,
      items.map((c) => {
        const b = h('button', { type: 'button', class: 'small' }, t('inbox.insert'));
        b.addEventListener('click', () => this.onPick(c.text));
        return h('li', {}, h('strong', {}, c.title), ' ', h('span', {}, c.text), ' ', b);
      }),
    );
  }
}
