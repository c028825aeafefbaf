import { describe, expect, it } from 'vitest';
import { maskPhone, normalisePhone } from '../../connectors/phone/phone-number.ts';

describe('phone numbers as people dial them in Serbia', () => {
  it.each([
    ['064 123 4567', '+381641234567'],
    ['+381 64 1234567', '+381641234567'],
    ['00381641234567', '+381641234567'],
    ['0641234567', '+381641234567'],
    ['064/123-45-67', '+381641234567'],
    ['381641234567', '+381641234567'],
    ['011/123-4567', '+381111234567'],
    ['011 1234567', '+381111234567'],
    ['+387 65 123 456', '+38765123456'],
  ])('%s → %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([
    [''],
    ['   '],
    ['anonymous'],
    ['Anonymous'],
    ['withheld'],
    ['private'],
    ['unknown'],
    ['19833'],
    ['+38164123'],
    ['not a number'],
  ])('%j is anonymous', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('null and undefined are anonymous too', () => {
    expect(normalisePhone(null)).toBeNull();
    expect(normalisePhone(undefined)).toBeNull();
  });

  it('masks numbers for the logs, keeping enough to tell calls apart', () => {
    expect(maskPhone('+381641234567')).toBe('+3816******67');
    expect(maskPhone('+381111234567')).toBe('+3811******67');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('+381641234567')).not.toContain('1234');
  });
});
