import { describe, expect, it } from 'vitest';
import { loadPhoneSettings } from '../../src/channels/phone/phone-settings.ts';
import { bearerToken, createTokenCheck } from '../../src/channels/phone/phone-token-auth.ts';

const TOKEN = 'a-token-of-twenty-four-chars';

describe('phone channel settings', () => {
  it('default to Serbia, a 12-hour window and Belgrade time', () => {
    const s = loadPhoneSettings({}, undefined);
    expect(s).toMatchObject({
      token: null,
      lines: [],
      region: 'RS',
      caseWindowMs: 12 * 3_600_000,
      callbackDueMinutes: 60,
      cdrTimeZone: 'Europe/Belgrade',
      cdrOutboundContexts: ['from-internal'],
      lang: 'sr-Latn',
    });
  });

  it('stop the start naming every bad variable and channels-file entry', () => {
    const bad = () =>
      loadPhoneSettings(
        {
          CALLS_API_TOKEN: 'short',
          PHONE_DEFAULT_REGION: 'XX',
          PHONE_CDR_TIMEZONE: 'Mars/Olympus',
          PHONE_CASE_WINDOW_HOURS: '-1',
        },
        { lines: [{ line: '19833' }], extra: true },
      );
    expect(bad).toThrow(/CALLS_API_TOKEN: at least 24 characters/);
    expect(bad).toThrow(/PHONE_DEFAULT_REGION/);
    expect(bad).toThrow(/PHONE_CDR_TIMEZONE/);
    expect(bad).toThrow(/PHONE_CASE_WINDOW_HOURS/);
    expect(bad).toThrow(/CHANNELS_FILE phone\.lines\.0\.token/);
    expect(() =>
      loadPhoneSettings(
        {},
        {
          lines: [
            { line: '19833', token: TOKEN },
            { line: '19833', token: `${TOKEN}x` },
          ],
        },
      ),
    ).toThrow(/lists line 19833 twice/);
  });
});

describe('PBX bearer tokens', () => {
  const check = createTokenCheck(`${TOKEN}-all`, [{ line: '19833', token: `${TOKEN}-line` }]);

  it('tell which line a token speaks for', () => {
    expect(check(`${TOKEN}-all`)).toEqual({ ok: true, line: null });
    expect(check(`${TOKEN}-line`)).toEqual({ ok: true, line: '19833' });
    expect(check(`${TOKEN}-lin`)).toEqual({ ok: false });
    expect(check(null)).toEqual({ ok: false });
    expect(createTokenCheck(null, [])(TOKEN)).toEqual({ ok: false });
  });

  it('read only the Bearer scheme', () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`bearer  ${TOKEN} `)).toBe(TOKEN);
    expect(bearerToken(`Basic ${TOKEN}`)).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
  });
});
