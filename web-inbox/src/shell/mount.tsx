import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Puts a DOM-built part (the composer and the case's other panels, the callback list, the language picker)
 * inside a Preact tree. The wrapper is `display: contents`, so the part lays out as if it were the wrapper's parent's child.
 */
export function Mount({ el, class: cls }: { el: Node; class?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.replaceChildren(el);
  }, [el]);
  return <div class={cls ? `mount ${cls}` : 'mount'} ref={ref} />;
}
