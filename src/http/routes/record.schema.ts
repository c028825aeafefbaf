import { z } from 'zod';
import { DESCRIPTION_FIELDS } from '../../domain/case-description.ts';
import { MUNICIPALITY_KINDS } from '../../domain/places.service.ts';
import { latinToCyrillic } from '../../i18n/translit.ts';
import { adminCode, adminLabel } from './admin-names.schema.ts';

const label = adminLabel;
const code = adminCode;

export const codeParam = z.object({ code });

/** sr-Cyrl and en may be left out when adding: Cyrillic is transliterated, English is the Latin name. */
const newNames = z
  .object({ 'sr-Latn': label, 'sr-Cyrl': label.optional(), en: label.optional() })
  .strict()
  .transform((n) => ({
    'sr-Latn': n['sr-Latn'],
    'sr-Cyrl': n['sr-Cyrl'] ?? latinToCyrillic(n['sr-Latn']),
    en: n.en ?? n['sr-Latn'],
  }));
const someNames = z.object({ 'sr-Latn': label, 'sr-Cyrl': label, en: label }).partial().strict();

export const municipalityAddBody = z
  .object({ code, district: code, names: newNames, kind: z.enum(MUNICIPALITY_KINDS).default('municipality') })
  .strict();

export const municipalityPatchBody = z
  .object({
    names: someNames.optional(),
    district: code.optional(),
    kind: z.enum(MUNICIPALITY_KINDS).optional(),
    retired: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change', path: ['names'] });

export const districtPatchBody = z
  .object({ names: someNames.optional(), retired: z.boolean().optional() })
  .strict()
  .refine((b) => b.names !== undefined || b.retired !== undefined, { message: 'nothing to change', path: ['names'] });

export const subcategoryAddBody = z
  .object({
    code,
    category: code,
    labels: z.object({ 'sr-Latn': label, 'sr-Cyrl': label.optional(), en: label }).strict(),
  })
  .strict()
  .transform((b) => ({
    code: b.code,
    category: b.category,
    labels: {
      'sr-Latn': b.labels['sr-Latn'],
      'sr-Cyrl': b.labels['sr-Cyrl'] ?? latinToCyrillic(b.labels['sr-Latn']),
      en: b.labels.en,
    },
  }));

export const subcategoryPatchBody = z
  .object({ labels: someNames.optional(), retired: z.boolean().optional() })
  .strict()
  .refine((b) => b.labels !== undefined || b.retired !== undefined, { message: 'nothing to change', path: ['labels'] });

export const recordSettingsBody = z
  .object({ requiredForClose: z.array(z.enum(DESCRIPTION_FIELDS)).max(DESCRIPTION_FIELDS.length) })
  .strict();
