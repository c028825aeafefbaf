/**
 * The keyboard's way through the case list: j and k move the focus from row to row, Enter opens the focused
 * one, and closing a case gives its row the focus back. Works on the rendered rows (their buttons).
 */
export class RowFocus {
  /** The rows' list element, once shown (set by the <CaseList> component). */
  el: HTMLUListElement | null = null;

  constructor(private readonly selectedId: () => string | null) {}

  private buttons(): HTMLButtonElement[] {
    return [...(this.el?.querySelectorAll<HTMLButtonElement>('.case-row') ?? [])];
  }

  /** The focused row's case (for keyboard shortcuts), else the selected one. */
  focusedId(): string | null {
    const el = document.activeElement as HTMLElement | null;
    return el?.closest?.<HTMLElement>('.case-row')?.dataset.caseId ?? this.selectedId();
  }

  move(delta: 1 | -1): void {
    const buttons = this.buttons();
    if (buttons.length === 0) return;
    const active = document.activeElement;
    let i = active instanceof HTMLButtonElement ? buttons.indexOf(active) : -1;
    if (i === -1) i = buttons.findIndex((b) => b.dataset.caseId === this.selectedId());
    const next =
      i === -1 ? (delta === 1 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, i + delta));
    buttons[next]?.focus();
  }

  /** The selected case's row takes the focus (a case was closed). */
  toSelected(): void {
    const id = this.selectedId();
    this.buttons()
      .find((b) => b.dataset.caseId === id)
      ?.focus();
  }
}
