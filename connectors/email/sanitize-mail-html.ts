import sanitizeHtml from 'sanitize-html';

/**
 * Mail HTML made safe to store and show: no scripts, styles, forms or frames, no remote loads
 * (images are replaced by a text marker; inline cid: images stay available as attachments),
 * links kept as text targets only for http(s) and mailto.
 */
export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'sub',
      'sup',
      'small',
      'blockquote',
      'pre',
      'code',
      'hr',
      'ul',
      'ol',
      'li',
      'dl',
      'dt',
      'dd',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'table',
      'thead',
      'tbody',
      'tfoot',
      'tr',
      'th',
      'td',
      'caption',
      'a',
    ],
    allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
      }),
      img: (_tag, attribs) => ({
        tagName: 'span',
        attribs: { class: 'mail-image' },
        text: attribs.src?.startsWith('cid:')
          ? `[slika u prilogu: ${attribs.alt || attribs.src.slice(4)}]`
          : `[spoljna slika nije učitana: ${attribs.alt || ''}]`,
      }),
    },
    allowedClasses: { span: ['mail-image'] },
  });
}
