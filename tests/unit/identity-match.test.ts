import { describe, expect, it } from 'vitest';
import { matchKey, matchKeys, sameAs } from '../../src/domain/identity-match.ts';

describe('identities that are the same address or number', () => {
  it.each([
    ['+381641234567', '064 123 4567'],
    ['+381641234567', '0641234567'],
    ['+381641234567', '00381 64 123 45 67'],
    ['+381641234567', '+381 (64) 123-4567'],
    ['+381113334444', '011/333-4444'],
  ])('the number %s is %s', (stored, written) => {
    expect(matchKey({ kind: 'phone', value: written })).toBe(`phone:${stored}`);
    expect(sameAs({ kind: 'phone', value: written }, [{ kind: 'phone', value: stored }])).toBeDefined();
  });

  it('an e-mail address in any letter case, trimmed', () => {
    expect(
      sameAs({ kind: 'email', value: ' Marko.P@EXAMPLE.rs ' }, [{ kind: 'email', value: 'marko.p@example.rs' }]),
    ).toEqual({ kind: 'email', value: 'marko.p@example.rs' });
  });

  it('nothing else: other numbers, other kinds, page-scoped ids, a withheld number', () => {
    const mine = [
      { kind: 'phone', value: '+381641234567' },
      { kind: 'email', value: 'marko.p@example.rs' },
      { kind: 'instagram_igsid', value: '17841400000000001' },
    ];
    expect(sameAs({ kind: 'phone', value: '064 123 4568' }, mine)).toBeUndefined();
    expect(sameAs({ kind: 'email', value: 'marko.q@example.rs' }, mine)).toBeUndefined();
    // A number is not an address, and an Instagram id matches nothing (the store keeps each once).
    expect(sameAs({ kind: 'email', value: '+381641234567' }, mine)).toBeUndefined();
    expect(sameAs({ kind: 'instagram_igsid', value: '17841400000000001' }, mine)).toBeUndefined();
    expect(matchKey({ kind: 'phone', value: 'anonymous' })).toBeNull();
  });

  it('looks others up by the lower-cased address and by every stored form of the number, as digits', () => {
    const keys = matchKeys([
      { kind: 'email', value: 'Marko.P@Example.rs' },
      { kind: 'phone', value: '064 123 4567' },
      { kind: 'facebook_psid', value: '24000000000000001' },
    ]);
    expect(keys.lower).toEqual(['marko.p@example.rs']);
    expect(keys.digits.sort()).toEqual(['00381641234567', '0641234567', '381641234567', '641234567']);
  });
});
