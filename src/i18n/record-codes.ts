/**
 * The words for the case record's codes, written once for the server's figures and yearly report
 * (src/i18n/record-labels.ts) and the inbox's catalogs: pure data, shared with the inbox.
 * Serbian is written in Latin; each side derives the Cyrillic with the one transliteration. The keys
 * are the codes of src/domain/case-description.ts (a test holds them equal; this file imports nothing).
 */
export interface CodeText {
  sr: string;
  en: string;
}

export const REPORTER_ROLE_TEXT = {
  child: { sr: 'Dete', en: 'Child' },
  parent_guardian: { sr: 'Roditelj ili staratelj', en: 'Parent or guardian' },
  teacher_school_staff: { sr: 'Nastavnik ili zaposleni u školi', en: 'Teacher or school staff' },
  health_worker: { sr: 'Zdravstveni radnik', en: 'Health worker' },
  other_professional: { sr: 'Drugi stručnjak', en: 'Other professional' },
  citizen: { sr: 'Građanin', en: 'Citizen' },
  unknown: { sr: 'Nepoznato', en: 'Unknown' },
} as const satisfies Record<string, CodeText>;

export const GENDER_TEXT = {
  girl: { sr: 'Devojčica', en: 'Girl' },
  boy: { sr: 'Dečak', en: 'Boy' },
  other: { sr: 'Drugo', en: 'Other' },
  unknown: { sr: 'Nepoznato', en: 'Unknown' },
} as const satisfies Record<string, CodeText>;

export const INTERVENTION_TEXT = {
  advice: { sr: 'Savet', en: 'Advice' },
  information: { sr: 'Informacija', en: 'Information' },
  emotional_support: { sr: 'Emocionalna podrška', en: 'Emotional support' },
  referral_institution: { sr: 'Upućivanje ustanovi', en: 'Referral to an institution' },
  report_platform: { sr: 'Prijava platformi', en: 'Report to a platform' },
  report_police: { sr: 'Prijava policiji', en: 'Report to the police' },
  forwarded_partner_hotline: { sr: 'Prosleđeno partnerskoj liniji', en: 'Forwarded to a partner hotline' },
} as const satisfies Record<string, CodeText>;

/** One language's side of a table: `{ child: 'Child', … }`. */
export function textsIn<K extends string>(
  table: Readonly<Record<K, CodeText>>,
  side: keyof CodeText,
): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(table) as K[]) out[key] = table[key][side];
  return out;
}
