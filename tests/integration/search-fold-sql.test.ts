import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FOLD_MULTI,
  FOLD_SINGLE,
  foldText,
  messageSearchText,
  SEARCHED_LENGTH,
  searchDocument,
} from '../../src/domain/search-fold.ts';
import type { Store } from '../../src/store/db.ts';
import { FOLD_PAIRS } from '../helpers/search-fold-pairs.ts';
import { openTestStore } from '../helpers/services.ts';

/** Strings made of every folded letter, ASCII, digits, separators and a few characters outside the tables. */
function mixedStrings(count: number): string[] {
  const alphabet = [
    ...Object.keys(FOLD_MULTI),
    ...Object.keys(FOLD_SINGLE),
    ...'0123456789 .,;:!?-/()+@"\'„”\t\n',
    '😀',
    'Ω',
    '中',
    '\u0301',
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 5 + (next() % 60) }, () => alphabet[next() % alphabet.length]).join(''),
  );
}

const PHONE_TEXTS = [
  'Zovi me na 064 123 4567 ili +381 64/123-45-67, može i 00381641234567.',
  '(011) 123-4567; 011/123-45-67. Rođen 12.05.2010.',
  'Broj: 0641234567 0659876543 i 13 godina',
];

describe.each(['pglite', 'postgres'] as const)('the SQL folding agrees with the TypeScript one, on %s', (engine) => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await openTestStore(engine));
  });
  afterAll(async () => {
    await dispose?.();
  });

  /** One round trip for many inputs: kontakt_<fn>(x) for each. */
  async function inSql(fn: 'kontakt_fold' | 'kontakt_search_doc', inputs: string[]): Promise<string[]> {
    const rows = (await store.db.execute(
      sql`select ${sql.raw(fn)}(x) as out
          from jsonb_array_elements_text(${JSON.stringify(inputs)}::jsonb) with ordinality as u(x, n) order by n`,
    )) as unknown as { rows: { out: string }[] };
    return rows.rows.map((r) => r.out);
  }

  it('on the table of pairs in both scripts', async () => {
    const typed = FOLD_PAIRS.map(([t]) => t);
    expect(await inSql('kontakt_fold', typed)).toEqual(FOLD_PAIRS.map(([, folded]) => folded));
  });

  it('on every letter of the tables, alone and upper- and lower-cased in words', async () => {
    const letters = [...Object.keys(FOLD_MULTI), ...Object.keys(FOLD_SINGLE)];
    const inputs = [...letters, ...letters.map((l) => `x${l}y ${l}${l}.`)];
    expect(await inSql('kontakt_fold', inputs)).toEqual(inputs.map(foldText));
  });

  it('on 500 mixed strings', async () => {
    const inputs = mixedStrings(500);
    expect(await inSql('kontakt_fold', inputs)).toEqual(inputs.map(foldText));
  });

  it('on the searched document: phone numbers joined, cut at the same length', async () => {
    const long = `${'Ђорђе '.repeat(SEARCHED_LENGTH / 6)}064 123 4567 kraj`;
    const inputs = [...PHONE_TEXTS, ...mixedStrings(100), long, ''];
    expect(await inSql('kontakt_search_doc', inputs)).toEqual(inputs.map(searchDocument));
  });

  it("on a message's document: subject, text and the searched fields", async () => {
    const cases = [
      {
        subject: 'Помоћ',
        text: 'Dete 064 123 4567',
        fields: { from: 'A@B.rs', to: ['c@d.rs'], urls: ['https://x.rs/a?č'] },
      },
      { subject: null, text: 'poziv', fields: { transcript: 'рекао је\nнешто', notes: null, messageId: '<x@y>' } },
      { subject: null, text: 'ig', fields: { urls: ['https://cdn.example/s.jpg'] }, channel: 'instagram' },
      {
        subject: 'staff',
        text: 'reply',
        fields: { attachments: [{ url: 'https://x' }] },
        channel: 'instagram',
        authorId: 'u',
      },
      { subject: null, text: '', fields: null },
    ];
    for (const c of cases) {
      const m = { channel: 'email', authorId: null, ...c };
      const rows = (await store.db.execute(
        sql`select kontakt_message_doc(${m.subject}, ${m.text}, ${m.fields === null ? null : JSON.stringify(m.fields)}::jsonb,
              ${m.channel}, ${m.authorId === null ? null : '00000000-0000-4000-8000-000000000001'}::uuid) as d`,
      )) as unknown as { rows: { d: string }[] };
      expect(rows.rows[0]?.d, JSON.stringify(c)).toBe(searchDocument(messageSearchText(m)));
    }
  });
});
