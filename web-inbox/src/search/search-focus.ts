import { lastList, navigate, route } from '../shell/router.ts';
import type { SearchModel } from './search-model.ts';

/**
 * "/" from anywhere: the search box on screen takes the focus (the search screen's, or the list's,
 * which leads to it); where none shows (a contact page), the search screen opens. Not while a dialog
 * is open: the page behind it is inert.
 */
export function focusSearchBox(search: SearchModel): void {
  if (document.querySelector('dialog[open]')) return;
  const boxes = [...document.querySelectorAll<HTMLInputElement>('input[data-search-box]')];
  const shown = boxes.find((b) => b.getClientRects().length > 0);
  if (shown) {
    shown.focus();
    shown.select();
    return;
  }
  const last = lastList.peek();
  if (route.peek().name !== 'search')
    navigate(last.name === 'search' ? last : { name: 'search', q: '', sort: 'relevance', filters: {} });
  search.focusBox.value++;
}
