import '../phone.css';
import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { uid } from '../dom.ts';
import { t } from '../i18n/index.ts';

export interface ModalProps {
  title: string;
  class: string;
  /** The dialog closed (Escape, ×, Cancel, or done): the owner stops rendering it. */
  onClose: () => void;
  children: (ids: { title: string }) => ComponentChildren;
}

/**
 * A modal <dialog> as a Preact component: shown when it mounts (the browser keeps the focus inside
 * and Escape closes it), gone when its owner stops rendering it.
 */
export function Modal(p: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useMemo(() => ({ title: uid('dialog-title') }), []);
  const onClose = useRef(p.onClose);
  onClose.current = p.onClose;
  useLayoutEffect(() => {
    const d = ref.current;
    if (!d) return;
    const closed = () => onClose.current();
    d.addEventListener('close', closed);
    if (!d.open) d.showModal();
    return () => {
      d.removeEventListener('close', closed);
      if (d.open) d.close();
    };
  }, []);
  return (
    <dialog ref={ref} class={`phone-dialog ${p.class}`} aria-labelledby={ids.title}>
      <div class="dialog-title-row">
        <h2 id={ids.title}>{p.title}</h2>
        <button
          type="button"
          class="close"
          aria-label={t('phone.close')}
          title={t('phone.close')}
          onClick={() => ref.current?.close()}
        >
          ×
        </button>
      </div>
      <div class="dialog-body">{p.children(ids)}</div>
    </dialog>
  );
}

/** Close the dialog an element is in (a Cancel button, or after the change was made). */
export const closeDialogOf = (el: Element | null): void => el?.closest('dialog')?.close();
