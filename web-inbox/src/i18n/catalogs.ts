import { latinToCyrillic } from '../../../src/i18n/translit.ts';
import * as app from './catalogs/app.ts';
import * as casework from './catalogs/casework.ts';
import * as codes from './catalogs/codes.ts';
import * as health from './catalogs/health.ts';
import * as inbox from './catalogs/inbox.ts';
import * as outcome from './catalogs/outcome.ts';
import * as outreach from './catalogs/outreach.ts';
import * as partner from './catalogs/partner.ts';
import * as people from './catalogs/people.ts';
import * as phone from './catalogs/phone.ts';
import * as record from './catalogs/record.ts';
import * as referral from './catalogs/referral.ts';
import * as reports from './catalogs/reports.ts';
import * as search from './catalogs/search.ts';
import * as shift from './catalogs/shift.ts';
import * as stats from './catalogs/stats.ts';
import * as taxonomy from './catalogs/taxonomy.ts';
import * as triage from './catalogs/triage.ts';
import * as trust from './catalogs/trust.ts';
import * as urls from './catalogs/urls.ts';
import * as users from './catalogs/users.ts';
import type { Area } from './strings.ts';

export const LANGS = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type CodeGroups = typeof codes.en;
export type LabelGroup = keyof CodeGroups;

function byGroup(): { [G in LabelGroup]: Area<CodeGroups[G]> } {
  const out: Record<string, Area<Record<string, string>>> = {};
  for (const g of Object.keys(codes.en) as LabelGroup[]) {
    out[g] = { en: codes.en[g], srLatn: codes.srLatn[g], srCyrl: codes.srCyrl[g] };
  }
  return out as { [G in LabelGroup]: Area<CodeGroups[G]> };
}

/** Every namespace of the inbox: a key is `namespace.key`, e.g. 'phone.durationShort' or 'status.open'. */
export const AREAS = {
  app,
  casework,
  health,
  inbox,
  outcome,
  outreach,
  partner,
  people,
  phone,
  record,
  referral,
  reports,
  search,
  shift,
  stats,
  taxonomy,
  triage,
  trust,
  urls,
  users,
  ...byGroup(),
};
type Areas = typeof AREAS;

/** The union of every catalog's keys, each behind its namespace. */
export type Key = { [N in keyof Areas]: `${N}.${keyof Areas[N]['en'] & string}` }[keyof Areas];

/** The codes of a group in their catalog order (the built-in choices of a select). */
export const codesIn = (group: LabelGroup): string[] => Object.keys(codes.en[group]);

/** One flat table per language; Serbian Cyrillic is the Latin text transliterated, unless a catalog says otherwise. */
function tables(): Record<Lang, ReadonlyMap<string, string>> {
  const out = {
    'sr-Latn': new Map<string, string>(),
    'sr-Cyrl': new Map<string, string>(),
    en: new Map<string, string>(),
  };
  for (const [ns, area] of Object.entries(AREAS) as [string, Area<Record<string, string>>][]) {
    for (const [k, english] of Object.entries(area.en)) {
      const latin = area.srLatn[k] ?? '';
      out.en.set(`${ns}.${k}`, english);
      out['sr-Latn'].set(`${ns}.${k}`, latin);
      out['sr-Cyrl'].set(`${ns}.${k}`, area.srCyrl?.[k] ?? latinToCyrillic(latin));
    }
  }
  return out;
}

export const TABLES = tables();
