import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';

/** What PBXs put in the caller-id field when the caller hides the number. */
const WITHHELD = /^(anonymous|anonimno|private|privatno|withheld|restricted|unknown|unavailable|nepoznat|skriven)$/i;

/**
 * A dialled or presented number as E.164 (`+381641234567`), or null when it is withheld, empty or
 * not a valid number: such a caller is anonymous. The default region decides national forms
 * (`064 123 4567`, `011/123-4567`) and the international prefix (`00381…`).
 */
export function normalisePhone(raw: string | null | undefined, region: CountryCode = 'RS'): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed === '' || WITHHELD.test(trimmed)) return null;
  // Some PBXs present the country code without the plus (381641234567).
  const candidates = [trimmed];
  if (/^[1-9]\d{9,14}$/.test(trimmed)) candidates.push(`+${trimmed}`);
  for (const c of candidates) {
    const parsed = parsePhoneNumberFromString(c, region);
    if (parsed?.isValid()) return parsed.number;
  }
  return null;
}

/**
 * A number as it may appear in logs: country code and first digit, then the last two digits
 * (`+3816******67`). Enough to tell two calls apart, not enough to call anyone.
 */
export function maskPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  if (e164.length <= 7) return `${e164.slice(0, 2)}${'*'.repeat(Math.max(e164.length - 2, 0))}`;
  return `${e164.slice(0, 5)}${'*'.repeat(e164.length - 7)}${e164.slice(-2)}`;
}

export const isRegion = (v: string): v is CountryCode => isSupportedCountry(v);
export type { CountryCode };
