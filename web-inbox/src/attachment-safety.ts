import type { MessageView } from '../../src/inbox/contract.ts';
import { h } from './dom.ts';
import { t } from './i18n/index.ts';
import { kindLabel } from './i18n/labels.ts';

type AttachmentView = MessageView['attachments'][number];

/** Who is looking: set once at sign-in; known abuse material is shown to supervisors and admins only. */
let viewerRole = 'counselor';
export const setViewerRole = (role: string): void => {
  viewerRole = role;
};
export const mayOpenKnownMaterial = (): boolean => viewerRole === 'supervisor' || viewerRole === 'admin';

/** What the bytes are (sniffed on arrival) and a warning when the label lies. */
export function typeNotes(a: AttachmentView): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (a.detectedType)
    out.push(h('span', { class: 'detected-kind muted' }, ` ${t('trust.detected', { kind: kindLabel(a.kind) })} `));
  if (a.typeMismatch)
    out.push(
      h(
        'span',
        { class: 'type-mismatch', role: 'note' },
        t('trust.typeMismatch', { declared: a.contentType, detected: a.detectedType ?? kindLabel('unknown') }),
      ),
    );
  return out;
}

/** The placeholder a counselor sees instead of a known file: no name, no button. */
export function knownMaterialPlaceholder(): HTMLElement {
  return h(
    'li',
    { class: 'attachment known-material' },
    h('span', { class: 'known-material-note' }, t('trust.knownMaterial')),
  );
}

export const knownMaterialWarning = (): HTMLElement =>
  h('span', { class: 'known-material-note' }, t('trust.knownMaterialSupervisor'), ' ');
