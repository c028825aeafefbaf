/** Names of codes (statuses, categories, outcomes, …) as thin functions over t(); unknown codes show as they are. */
import { batch, signal } from '@preact/signals';
import { FOREIGN_REFERENCE_TAG } from '../../../src/domain/system-tags.ts';
import { codesIn, type LabelGroup, type Lang } from './catalogs.ts';
import { isKey, lang, t } from './index.ts';

/**
 * Categories are the admins' to edit (GET /api/categories): once loaded, their labels and the
 * active codes come from there (../categories.ts); until then, the built-in defaults.
 */
export interface CategorySource {
  label(code: string, lang: Lang): string | undefined;
  /** Codes offered for classification (retired ones left out). */
  activeCodes(): string[];
}
/** A signal, so that components showing a category render again when the admins' categories arrive. */
const categorySource = signal<CategorySource | null>(null);
const generation = signal(0);
export const setCategorySource = (s: CategorySource | null): void => {
  batch(() => {
    categorySource.value = s;
    generation.value++;
  });
};

/** Changes whenever a label may have: the language switched or the categories changed (a memo's dependency). */
export const labelsVersion = (): string => `${lang()}:${generation.value}`;

/** Label for a code (category, status, …); unknown codes (e.g. a category added later) show as they are. */
export function label(group: LabelGroup, code: string): string {
  const fromServer = group === 'category' ? categorySource.value?.label(code, lang()) : undefined;
  return fromServer ?? byKey(`${group}.${code}`, code);
}

export function codesOf(group: LabelGroup): string[] {
  const source = group === 'category' ? categorySource.value : null;
  return source ? source.activeCodes() : codesIn(group);
}

const byKey = (key: string, otherwise: string): string => (isKey(key) ? t(key) : otherwise);

/** A probe of the channel health banner: "smtp:default" → "E-mail (sending) default". */
export function channelLabel(probe: string): string {
  if (probe === 'email') return t('health.channel_email');
  const [kind, ...rest] = probe.split(':');
  const name = rest.join(':');
  if (kind === 'smtp') return t('health.channel_smtp', { name });
  // The brand names stay as the brands write them, in every script.
  if (kind === 'meta') return t('health.channel_meta', { name, brand: 'Facebook/Instagram' });
  return t('health.channel_other', { name: probe });
}

/** Why a channel is down, from the probe's reason code. */
export const reasonLabel = (code: string | null): string =>
  byKey(`health.reason_${code ?? 'failing'}`, t('health.reason_failing'));

/** An urgency rule's name; rules added by file show their own name. */
export const ruleLabel = (rule: string): string => byKey(`casework.rule_${rule}`, rule);

/** An outcome code in the counselor's language. */
export const outcomeLabel = (code: string): string => byKey(`outcome.outcome_${code}`, code);

/** A template language (sr-Latn, sr-Cyrl, en) named in the counselor's language. */
export const languageLabel = (code: string): string => byKey(`outcome.lang_${code.replace('-', '_')}`, code);

/** What an attachment's content was found to be. */
export const kindLabel = (kind: string): string => byKey(`trust.kind_${kind}`, t('trust.kind_unknown'));

/** "7 min 30 s" from seconds. */
export const durationText = (sec: number): string => t('phone.durationShort', { m: Math.floor(sec / 60), s: sec % 60 });

/** A tag as shown: the system's own tags in the counselor's language, the others as typed. */
export const tagLabel = (tag: string): string => (tag === FOREIGN_REFERENCE_TAG ? t('inbox.foreignReference') : tag);

const REASONS = [
  'outside_messaging_window',
  'page_needs_reauthorisation',
  'text_too_long',
  'recipient_unavailable',
  'no_channel_for_contact',
] as const;

/** deliveryError starts with a reason code ("text_too_long: …"): say it in the counselor's language. */
export function deliveryReason(error: string): string {
  const code = REASONS.find((r) => error.startsWith(r));
  return code ? t(`inbox.reason_${code}`) : t('inbox.reason_unknown');
}
