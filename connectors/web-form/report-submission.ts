import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import type { InboundEnvelope } from '../contract.ts';

export const REPORT_KINDS = ['report', 'help'] as const;
export const REPORTER_ROLES = ['child', 'parent', 'teacher', 'other'] as const;
export const AGE_GROUPS = ['under_9', '9_12', '13_15', '16_17', 'adult_unknown'] as const;
export const FORM_LANGUAGES = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

export const DESCRIPTION_MAX = 20_000;
export const URLS_MAX = 20;
export const URL_MAX_LENGTH = 2048;

/**
 * Field error codes; the HTTP layer turns them into sentences in the reporter's language.
 * Codes, not sentences, so one schema serves every language.
 */
export const FIELD_ERROR_CODES = [
  'required',
  'too_long',
  'invalid_url',
  'too_many',
  'invalid_email',
  'invalid_phone',
  'invalid_choice',
  'invalid_type',
  'contact_needed',
  'consent_needed',
  /** A file was sent: the form takes links only (files of abuse material must never be sent to anyone). */
  'files_not_accepted',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export interface FieldError {
  field: string;
  code: FieldErrorCode;
}

/** Form posts send booleans as "on"/"true"/"1"; JSON sends real booleans. */
const formBool = z.preprocess((v) => {
  if (Array.isArray(v)) v = v[v.length - 1];
  if (typeof v === 'boolean' || v === undefined) return v;
  if (typeof v === 'string') {
    if (v === '') return undefined;
    if (/^(on|true|1|yes)$/i.test(v)) return true;
    if (/^(off|false|0|no)$/i.test(v)) return false;
  }
  return v;
}, z.boolean({ error: 'invalid_type' }).optional());

const optionalText = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string({ error: 'invalid_type' }).trim().max(max, { error: 'too_long' }).optional(),
  );

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.enum(values, { error: 'invalid_choice' }).optional());

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
};

/** A textarea sends links one per line; JSON sends an array; a plain form may repeat the field. */
const urlList = z.preprocess(
  (v) => {
    if (v === undefined || v === null || v === '') return [];
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\r?\n/) : v;
    return Array.isArray(list) ? list.map((s) => (typeof s === 'string' ? s.trim() : s)).filter((s) => s !== '') : list;
  },
  z
    .array(
      z
        .string({ error: 'invalid_url' })
        .max(URL_MAX_LENGTH, { error: 'too_long' })
        .refine(isHttpUrl, { error: 'invalid_url' }),
      { error: 'invalid_type' },
    )
    .max(URLS_MAX, { error: 'too_many' }),
);

const SUBMISSION_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The form's fields as posted (exported for the API reference; parseReportSubmission adds the rest). */
export const baseSchema = z.object({
  kind: z.preprocess(
    (v) => (v === '' || v === undefined ? 'report' : v),
    z.enum(REPORT_KINDS, { error: 'invalid_choice' }),
  ),
  description: z.preprocess(
    (v) => (v === undefined || v === null ? '' : v),
    z
      .string({ error: 'invalid_type' })
      .refine((s) => s.trim().length > 0, { error: 'required' })
      .refine((s) => s.length <= DESCRIPTION_MAX, { error: 'too_long' }),
  ),
  urls: urlList,
  category: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: 'invalid_choice' }).optional()),
  reporterRole: choice(REPORTER_ROLES),
  ageGroup: choice(AGE_GROUPS),
  anonymous: formBool,
  email: optionalText(254),
  phone: optionalText(40),
  consent: formBool,
  /** A BCP 47 tag as the client sends it; mapped to one of FORM_LANGUAGES after the schema. */
  language: z.unknown().optional(),
  /**
   * One key per rendered form (a UUID in a hidden field, or the API's Idempotency-Key): a post
   * repeated after a lost answer is the same report, answered with the same number and receipt.
   */
  submission: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.string({ error: 'invalid_type' }).regex(SUBMISSION_KEY, { error: 'invalid_type' }).optional(),
  ),
});

export interface ReportSubmission {
  kind: (typeof REPORT_KINDS)[number];
  /** Kept exactly as typed (no trimming inside), so what the reporter wrote is what counselors read. */
  description: string;
  urls: string[];
  category?: string;
  reporterRole?: (typeof REPORTER_ROLES)[number];
  ageGroup?: (typeof AGE_GROUPS)[number];
  anonymous: boolean;
  email?: string;
  /** E.164 */
  phone?: string;
  consent: boolean;
  language: FormLanguage;
  submission?: string;
}

export type ParseResult = { ok: true; value: ReportSubmission } | { ok: false; errors: FieldError[] };

const KNOWN_CODES = new Set<string>(FIELD_ERROR_CODES);

export interface ParseOptions {
  categories: readonly string[];
  /** The server's one language-tag reader (BCP 47 → a form language, undefined: not one we speak). */
  language: (tag: unknown) => FormLanguage | undefined;
}

/** No language given means Serbian Latin; a tag we cannot map is an error, not a guess. */
const languageOf = (body: { language?: unknown }, opts: ParseOptions): FormLanguage | undefined =>
  body.language === undefined || body.language === null || body.language === ''
    ? 'sr-Latn'
    : opts.language(body.language);

/** Validate a web-form or JSON report. Every failing field is reported, not only the first. */
export function parseReportSubmission(input: unknown, opts: ParseOptions): ParseResult {
  const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {};
  const parsed = baseSchema.safeParse(body);
  const errors: FieldError[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'body');
      const code = KNOWN_CODES.has(issue.message) ? (issue.message as FieldErrorCode) : 'invalid_type';
      if (!errors.some((e) => e.field === field)) errors.push({ field, code });
    }
  }
  // The schema passes `language` through as it came: it is read here, for a valid body or not.
  const language = languageOf(body, opts);
  if (language === undefined) errors.push({ field: 'language', code: 'invalid_choice' });
  if (!parsed.success) return { ok: false, errors };
  const v = parsed.data;
  if (v.category !== undefined && !opts.categories.includes(v.category)) {
    errors.push({ field: 'category', code: 'invalid_choice' });
  }
  const anonymous = v.anonymous ?? true;
  let email: string | undefined;
  let phone: string | undefined;
  if (!anonymous) {
    if (v.email !== undefined) {
      if (z.email().safeParse(v.email).success) email = v.email.toLowerCase();
      else errors.push({ field: 'email', code: 'invalid_email' });
    }
    if (v.phone !== undefined) {
      const p = parsePhoneNumberFromString(v.phone, 'RS');
      if (p?.isValid()) phone = p.number;
      else errors.push({ field: 'phone', code: 'invalid_phone' });
    }
    if (v.email === undefined && v.phone === undefined) errors.push({ field: 'email', code: 'contact_needed' });
    if (v.consent !== true) errors.push({ field: 'consent', code: 'consent_needed' });
  }
  if (errors.length > 0 || language === undefined) return { ok: false, errors };
  return {
    ok: true,
    value: {
      kind: v.kind,
      description: v.description,
      urls: v.urls,
      ...(v.category !== undefined && { category: v.category }),
      ...(v.reporterRole !== undefined && { reporterRole: v.reporterRole }),
      ...(v.ageGroup !== undefined && { ageGroup: v.ageGroup }),
      // Contact details given together with "anonymous" are dropped: the reporter chose anonymity.
      anonymous,
      ...(email !== undefined && { email }),
      ...(phone !== undefined && { phone }),
      consent: !anonymous && v.consent === true,
      language,
      ...(v.submission !== undefined && { submission: v.submission }),
    },
  };
}

/**
 * What makes the report, as one stable string: everything of the normalised submission but its
 * key, in a fixed order. Two posts under one key are the same report only when this is equal.
 */
export function submissionContentHash(s: ReportSubmission): string {
  const canonical = [
    s.kind,
    s.description,
    s.urls,
    s.category ?? null,
    s.reporterRole ?? null,
    s.ageGroup ?? null,
    s.anonymous,
    s.email ?? null,
    s.phone ?? null,
    s.consent,
    s.language,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** Turn an accepted submission into the channel-neutral envelope the pipeline applies. */
export function reportToEnvelope(
  s: ReportSubmission,
  meta: { submissionId: string; reference: string; receiptHash: string; receivedAt: Date },
): InboundEnvelope {
  const identities = [
    ...(s.email ? [{ kind: 'email' as const, value: s.email }] : []),
    ...(s.phone ? [{ kind: 'phone' as const, value: s.phone }] : []),
  ];
  const [sender, ...extra] = identities;
  return {
    channel: 'web_form',
    externalId: meta.submissionId,
    receivedAt: meta.receivedAt.toISOString(),
    ...(sender && { sender }),
    ...(extra.length > 0 && { extraIdentities: extra }),
    thread: {
      newCase: {
        reference: meta.reference,
        kind: s.kind,
        ...(s.category !== undefined && { category: s.category }),
        anonymous: s.anonymous,
        consent: s.consent,
        receiptHash: meta.receiptHash,
        ...(s.reporterRole !== undefined && { reporterRole: s.reporterRole }),
        ...(s.ageGroup !== undefined && { ageGroup: s.ageGroup }),
        language: s.language,
      },
      // The form opens its own pre-allocated case; nothing the reporter typed picks one.
      senderAsserted: false,
    },
    message: {
      text: s.description,
      fields: {
        kind: s.kind,
        urls: s.urls,
        ...(s.category !== undefined && { category: s.category }),
        ...(s.reporterRole !== undefined && { reporterRole: s.reporterRole }),
        ...(s.ageGroup !== undefined && { ageGroup: s.ageGroup }),
        language: s.language,
      },
    },
  };
}
