import { latinToCyrillic } from '../i18n/translit.ts';

/** What the proposed summary is made of; read from the case, never from the request. */
export interface DraftSource {
  reference: string;
  category: string | null;
  categoryLabel: string | null;
  priority: string;
  createdAt: Date;
  lastActivityAt: Date;
  channel: string;
  reporterRole: string | null;
  ageGroup: string | null;
  contact: {
    displayName: string | null;
    identities: { kind: string; value: string; displayName: string | null }[];
  } | null;
  /** The reporter's messages, oldest first. */
  messages: { at: Date; text: string }[];
}

export const REDACTED = '[uklonjeno / redacted]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Digits with the separators people write phone numbers with; checked further below.
const PHONE = /(?:\+|00)?\d[\d\s./()-]{5,}\d/g;
const DATE_LIKE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}\.?|\d{1,2}\/\d{1,2}\/\d{4})$/;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Remove the reporter's contact details from a text: e-mail addresses, phone numbers, their
 * identities' values and their names (in both scripts). Case references and dates stay.
 */
export function redactContact(text: string, contact: DraftSource['contact']): string {
  let out = text.replace(EMAIL, REDACTED);
  out = out.replace(PHONE, (m, offset: number, whole: string) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 6 || digits.length > 15) return m;
    if (DATE_LIKE.test(m.trim())) return m;
    // KC-2026-000123: a case reference, not a phone number.
    if (/KC-$/i.test(whole.slice(Math.max(0, offset - 3), offset))) return m;
    return REDACTED;
  });
  if (!contact) return out;
  const words = new Set<string>();
  for (const i of contact.identities) if (i.value.length >= 3) words.add(i.value);
  const names = [contact.displayName, ...contact.identities.map((i) => i.displayName)].filter(
    (n): n is string => !!n?.trim(),
  );
  for (const n of names) {
    words.add(n.trim());
    for (const part of n.split(/\s+/)) if (part.length >= 3) words.add(part);
  }
  for (const w of [...words]) words.add(latinToCyrillic(w));
  // Longest first, so a full name goes as one piece.
  for (const w of [...words].sort((a, b) => b.length - a.length)) {
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}(?![\\p{L}\\p{N}])`, 'giu'), REDACTED);
  }
  return out;
}

const fmt = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The summary the counselor starts from (Serbian Latin, with English field names for clarity). */
export function proposeSummary(src: DraftSource, includeContact: boolean): string {
  const clean = (s: string) => (includeContact ? s : redactContact(s, src.contact));
  const lines = [
    `Kontakt centar — upućivanje predmeta / case referral ${src.reference}`,
    '',
    `Broj predmeta / Case reference: ${src.reference}`,
    `Kategorija / Category: ${src.categoryLabel ?? src.category ?? '—'}`,
    `Prioritet / Priority: ${src.priority}`,
    `Kanal / Channel: ${src.channel}`,
    `Primljeno / Received: ${fmt(src.createdAt)}`,
    `Poslednja aktivnost / Last activity: ${fmt(src.lastActivityAt)}`,
  ];
  if (src.reporterRole) lines.push(`Prijavilac / Reporter: ${src.reporterRole}`);
  if (src.ageGroup) lines.push(`Uzrast / Age group: ${src.ageGroup}`);
  if (includeContact && src.contact) {
    lines.push('', 'Kontakt prijavioca / Reporter contact:');
    if (src.contact.displayName) lines.push(`  ${src.contact.displayName}`);
    for (const i of src.contact.identities) lines.push(`  ${i.kind}: ${i.value}`);
  }
  lines.push('', 'Poruke prijavioca / Reporter messages:');
  if (src.messages.length === 0) lines.push('  —');
  for (const m of src.messages) {
    lines.push('', `[${fmt(m.at)}]`, clean(m.text.trim()));
  }
  return lines.join('\n');
}
