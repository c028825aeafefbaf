import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalisePhone } from '../../connectors/phone/phone-number.ts';

/**
 * When two identities are the same person's address or number, though stored apart: an e-mail
 * address in any letter case, a phone number in any written form (E.164, national with the
 * trunk 0, 00-prefixed, spaces and dashes). Page-scoped Facebook/Instagram ids match nothing but
 * themselves, and the store keeps each (kind, value) once, so they never suggest a link.
 */
export interface IdentityLike {
  kind: string;
  value: string;
}

/** What the store compares on: the value lower-cased, or its digits (each written form of a number). */
export interface MatchKeys {
  lower: string[];
  digits: string[];
}

/** One comparable form of an identity, or null when it has none worth suggesting on. */
export function matchKey(i: IdentityLike): string | null {
  if (i.kind === 'email') {
    const v = i.value.trim().toLowerCase();
    return v.includes('@') ? `email:${v}` : null;
  }
  if (i.kind === 'phone') {
    const e164 = normalisePhone(i.value);
    return e164 ? `phone:${e164}` : null;
  }
  return null;
}

/** The stored forms a number may have been written in, as digits only. */
function phoneDigitForms(value: string): string[] {
  const e164 = normalisePhone(value);
  if (!e164) return [];
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [];
  const national = String(parsed.nationalNumber);
  const cc = String(parsed.countryCallingCode);
  return [...new Set([`${cc}${national}`, `00${cc}${national}`, `0${national}`, national])];
}

/** The keys to look up other contacts' identities by, for these identities. */
export function matchKeys(identities: IdentityLike[]): MatchKeys {
  const lower = new Set<string>();
  const digits = new Set<string>();
  for (const i of identities) {
    if (i.kind === 'email' && matchKey(i)) lower.add(i.value.trim().toLowerCase());
    if (i.kind === 'phone') for (const d of phoneDigitForms(i.value)) digits.add(d);
  }
  return { lower: [...lower], digits: [...digits] };
}

/** The identity of `mine` that `other` is the same address or number as, if any. */
export function sameAs<T extends IdentityLike>(other: IdentityLike, mine: T[]): T | undefined {
  const key = matchKey(other);
  return key === null ? undefined : mine.find((m) => matchKey(m) === key);
}
