import { FOREIGN_REFERENCE_FLAG } from '../../src/domain/system-tags.ts';
import type { MessageView } from '../../src/inbox/contract.ts';
import {
  knownMaterialPlaceholder,
  knownMaterialWarning,
  mayOpenKnownMaterial,
  typeNotes,
} from './attachment-safety.ts';
import { h } from './dom.ts';
import { fileSize, fullTime } from './format.ts';
import { type Key, t } from './i18n/index.ts';
import { deliveryReason } from './i18n/labels.ts';

/**
 * Everything attached to a message is hidden: only its type, name and size show until a
 * counselor reveals it on purpose (audited on the server). Nothing is ever fetched to preview it.
 */
export function hiddenFiles(m: MessageView): HTMLElement | null {
  const links = metaLinks(m.fields);
  if (m.attachments.length === 0 && links.length === 0) return null;
  // Known abuse material: counselors get a placeholder (no name, no button); the server refuses them too.
  const files = m.attachments.map((a) =>
    a.knownMaterial && !mayOpenKnownMaterial()
      ? knownMaterialPlaceholder()
      : h(
          'li',
          { class: 'attachment', 'data-attachment-id': a.id },
          h('span', { class: 'file-name' }, a.fileName),
          ` (${a.contentType}, ${fileSize(a.size)}) `,
          typeNotes(a),
          a.knownMaterial ? knownMaterialWarning() : null,
          a.withheldReason
            ? h('span', { class: 'withheld' }, a.withheldReason)
            : h(
                'span',
                { class: 'hidden-attachment' },
                h('span', { class: 'muted' }, t('inbox.hiddenAttachment')),
                ' ',
                h('button', { type: 'button', class: 'small', 'data-reveal': `file:${a.id}` }, t('inbox.reveal')),
              ),
        ),
  );
  const linkItems = links.map((l, i) =>
    h(
      'li',
      { class: 'attachment' },
      h('span', { class: 'file-name' }, l.type),
      ' ',
      h(
        'span',
        { class: 'hidden-attachment' },
        h('span', { class: 'muted' }, t('inbox.hiddenAttachment')),
        ' ',
        h('button', { type: 'button', class: 'small', 'data-reveal': `link:${m.id}:${i}` }, t('inbox.reveal')),
      ),
    ),
  );
  return h('ul', { class: 'attachment-list' }, files, linkItems);
}

function metaLinks(fields: Record<string, unknown> | null): { type: string }[] {
  const list = fields?.attachments;
  if (!Array.isArray(list)) return [];
  return list.map((a) => ({ type: typeof (a as { type?: unknown })?.type === 'string' ? String(a.type) : 'file' }));
}

/** The message flags shown as a badge, and the text each shows (a Map: a flag is any string); others show nothing. */
const FLAG_LABELS = new Map<string, Key>([
  ['auto_reply', 'inbox.autoReply'],
  ['bounce', 'inbox.bounce'],
  [FOREIGN_REFERENCE_FLAG, 'inbox.foreignReference'],
  ['public_comment', 'inbox.publicComment'],
  ['too_large', 'inbox.tooLarge'],
]);

/** Reactions, edits, unsends and flags: what Messenger/Instagram and e-mail add to a message. */
export function messageExtras(m: MessageView): HTMLElement[] {
  const out: HTMLElement[] = [];
  const flags = m.flags.flatMap((f) => {
    const label = FLAG_LABELS.get(f);
    return label ? [t(label)] : [];
  });
  if (flags.length)
    out.push(
      h(
        'p',
        { class: 'flags' },
        flags.map((f) => h('span', { class: 'badge flag' }, f)),
      ),
    );
  if (m.reactions.length)
    out.push(h('p', { class: 'reactions' }, `${t('inbox.reactions')}: `, m.reactions.map((r) => r.reaction).join(' ')));
  if (m.editedAt || m.unsentAt || m.history.length) {
    out.push(
      h(
        'details',
        { class: 'history' },
        h(
          'summary',
          {},
          [m.editedAt ? t('inbox.edited') : null, m.unsentAt ? t('inbox.unsent') : null].filter(Boolean).join(', ') ||
            t('inbox.earlier'),
        ),
        h(
          'ol',
          {},
          m.history.map((v) => h('li', {}, h('time', { datetime: v.at }, fullTime(v.at)), ' ', v.previousText)),
        ),
      ),
    );
  }
  // A call's duration, notes and the rest are shown by callBlock (call-message.ts).
  return out;
}

/** E-mail: lines quoted from earlier mail are folded away; the new words stay in front. */
export function bodyText(m: MessageView): HTMLElement {
  if (m.channel !== 'email') return h('p', { class: 'message-text' }, m.text);
  const lines = m.text.split('\n');
  const first = lines.findIndex(
    (l, i) => l.startsWith('>') || (/^On .+wrote:$|^.+ je napisao:$/.test(l) && lines[i + 1]?.startsWith('>')),
  );
  if (first <= 0) return h('p', { class: 'message-text' }, m.text);
  return h(
    'div',
    {},
    h('p', { class: 'message-text' }, lines.slice(0, first).join('\n')),
    h(
      'details',
      { class: 'quoted' },
      h('summary', {}, t('inbox.quoted')),
      h('p', { class: 'quoted-text' }, lines.slice(first).join('\n')),
    ),
  );
}

export const translatedDeliveryError = (error: string) => deliveryReason(error);
