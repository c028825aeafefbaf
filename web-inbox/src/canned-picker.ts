import { api, type CannedResponse } from './api.ts';
import { h, replace, uid } from './dom.ts';
import { lang } from './i18n.ts';
import { type InboxKey, tx } from './i18n-inbox.ts';

const CANNED: { title: InboxKey; text: InboxKey }[] = [
  { title: 'canned_thanks', text: 'canned_thanks_text' },
  { title: 'canned_referred', text: 'canned_referred_text' },
  { title: 'canned_more', text: 'canned_more_text' },
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
      h('summary', {}, tx('cannedResponses')),
      h('label', { for: this.searchId, class: 'visually-hidden' }, tx('cannedSearch')),
      this.search,
      this.listEl,
    );
    this.search.placeholder = tx('cannedSearch');
    this.renderList();
  }

  private renderList(): void {
    const needle = this.search.value.trim().toLocaleLowerCase();
    const ref = this.reference();
    const fill = (text: string) => text.replace(/\{reference\}/g, ref);
    const own = (this.saved ?? [])
      .filter((c) => c.language === lang())
      .map((c) => ({ title: c.title, text: fill(c.body) }));
    const builtIn = CANNED.map((c) => ({ title: tx(c.title), text: tx(c.text, { reference: ref }) }));
    const items = [...own, ...builtIn].filter(
      (c) => !needle || `${c.title} ${c.text}`.toLocaleLowerCase().includes(needle),
    );
    replace(
      this.listEl,
      items.map((c) => {
        const b = h('button', { type: 'button', class: 'small' }, tx('insert'));
        b.addEventListener('click', () => this.onPick(c.text));
        return h('li', {}, h('strong', {}, c.title), ' ', h('span', {}, c.text), ' ', b);
      }),
    );
  }
}
