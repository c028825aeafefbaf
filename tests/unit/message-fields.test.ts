import { describe, expect, it } from 'vitest';
import { presentedFields } from '../../src/domain/message-fields.ts';

describe('message fields as views carry them', () => {
  it('Meta payload links are gone wherever they sit; attachment slots and other fields stay', () => {
    const fields = {
      pageId: '1',
      attachments: [
        { type: 'image', url: 'https://cdn.example/a.jpg', hidden: true },
        { type: 'fallback', url: 'HTTP://example.com/x', title: 'see hxxp' },
      ],
      storyReply: { id: '9', url: 'https://lookaside.example/s' },
      permalink: 'https://www.facebook.com/p/1',
      nested: ['ok', 'ftp://x.example/y'],
    };
    for (const channel of ['facebook', 'instagram']) {
      const out = presentedFields({ channel, authorId: null, fields });
      expect(JSON.stringify(out)).not.toMatch(/:\/\//);
      expect(out).toEqual({
        pageId: '1',
        attachments: [
          { type: 'image', hidden: true },
          { type: 'fallback', title: 'see hxxp' },
        ],
        storyReply: { id: '9' },
        nested: ['ok', null],
      });
    }
    // The store's copy is untouched.
    expect(fields.attachments[0]?.url).toBe('https://cdn.example/a.jpg');
  });

  it('a counselor’s own reply keeps the links they chose; other channels are left as they are', () => {
    const reply = { attachments: [{ type: 'file', url: 'https://centar.example/brosura.pdf' }] };
    expect(presentedFields({ channel: 'facebook', authorId: 'u1', fields: reply })).toBe(reply);
    const form = { urls: ['https://example.com/reported'] };
    expect(presentedFields({ channel: 'web_form', authorId: null, fields: form })).toBe(form);
    expect(presentedFields({ channel: 'instagram', authorId: null, fields: null })).toBeNull();
  });
});
