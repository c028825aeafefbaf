import type { Lang } from '../i18n/messages.ts';
import {
  ageGroupLabel,
  channelLabel,
  genderLabel,
  interventionLabel,
  miscLabel,
  outreachLabel,
  reporterRoleLabel,
} from '../i18n/record-labels.ts';
import { type OutreachSentenceFigures, reportSentences, type Sentence } from '../i18n/report-sentences.ts';
import type { Count, LabelSources, Names, ReportFigures, ReportPeriod } from './report-figures.ts';
import { entryOf, UNSET } from './report-figures.ts';
import type { Baseline, OutreachBaseline } from './report-settings.service.ts';

/** The outreach register's totals (src/outreach/outreach.ts), as far as the figures use them. */
export interface OutreachTotalsView {
  activitiesByKind: Record<string, number>;
  distinctSchools: { primary: number; secondary: number };
  distinctHealthCentres: number;
  students: number;
  parents: number;
  teachers: number;
  healthWorkers: number;
  others: number;
}
/** Dates inclusive, either end open; null when the register is not there. */
export type OutreachTotalsPort = (period: { from?: string; to?: string }) => Promise<OutreachTotalsView | null>;

export interface LabelledCount {
  key: string;
  label: string;
  cases: number;
}

export type OutreachFigures = OutreachBaseline & { activitiesByKind: { key: string; label: string; n: number }[] };

export interface ReportSummary {
  period: ReportPeriod;
  lang: Lang;
  communications: {
    period: { channel: string; label: string; cases: number; messages: number; calls: number }[];
    periodTotal: { cases: number; messages: number; calls: number };
    /** Since the establishment of the Centre to the period's end: the baseline plus Kontakt's cases. */
    toDate: {
      channel: string;
      label: string;
      baseline: number;
      cases: number;
      messages: number;
      calls: number;
      communications: number;
    }[];
    toDateTotal: { baseline: number; cases: number; communications: number };
    byYear: { year: number; channel: string; label: string; baseline: number; cases: number; communications: number }[];
  };
  cases: {
    total: number;
    byCategory: LabelledCount[];
    bySubcategory: LabelledCount[];
    byReporterRole: LabelledCount[];
    byAgeGroup: LabelledCount[];
    byGender: LabelledCount[];
    byDistrict: LabelledCount[];
    byChannel: LabelledCount[];
    byMonth: LabelledCount[];
    byIntervention: LabelledCount[];
  };
  referrals: {
    total: number;
    answered: number;
    byInstitution: {
      key: string;
      label: string;
      referrals: number;
      answered: number;
      medianHoursToAnswer: number | null;
    }[];
  };
  outcomeNotices: { recorded: number; sent: number };
  medianFirstResponseMinutes: number | null;
  outreach: { period: OutreachFigures | null; toDate: OutreachFigures | null; baseline: OutreachBaseline };
  sentences: Sentence[];
}

const named = (names: Record<string, Names>, lang: Lang) => (code: string) => names[code]?.[lang] ?? code;

function outreachFigures(t: OutreachTotalsView, plus: OutreachBaseline | null, lang: Lang): OutreachFigures {
  const b = plus ?? {
    presentations: 0,
    primarySchools: 0,
    secondarySchools: 0,
    healthCentres: 0,
    students: 0,
    parents: 0,
    teachers: 0,
    healthWorkers: 0,
    others: 0,
  };
  const kinds = t.activitiesByKind;
  return {
    // Presentations held in schools: to pupils and at parents' meetings (docs/reports.md).
    presentations: b.presentations + (kinds.school_presentation ?? 0) + (kinds.parents_meeting ?? 0),
    primarySchools: b.primarySchools + t.distinctSchools.primary,
    secondarySchools: b.secondarySchools + t.distinctSchools.secondary,
    healthCentres: b.healthCentres + t.distinctHealthCentres,
    students: b.students + t.students,
    parents: b.parents + t.parents,
    teachers: b.teachers + t.teachers,
    healthWorkers: b.healthWorkers + t.healthWorkers,
    others: b.others + t.others,
    activitiesByKind: Object.entries(kinds).map(([key, n]) => ({ key, label: outreachLabel(lang, key), n })),
  };
}

const sentenceOutreach = (o: OutreachFigures | null): OutreachSentenceFigures | null =>
  o && {
    presentations: o.presentations,
    primarySchools: o.primarySchools,
    students: o.students,
    parents: o.parents,
    healthCentres: o.healthCentres,
    healthWorkers: o.healthWorkers,
  };

/** The figures with the baseline added, every code labelled in `lang`, and the centre's sentences. */
export function buildSummary(input: {
  period: ReportPeriod;
  lang: Lang;
  figures: ReportFigures;
  baseline: Baseline;
  labels: LabelSources;
  outreachPeriod: OutreachTotalsView | null;
  outreachToDate: OutreachTotalsView | null;
}): ReportSummary {
  const { period, lang, figures: f, baseline, labels } = input;
  const none = miscLabel(lang, 'none');
  const labelled =
    (label: (code: string) => string) =>
    (rows: Count[]): LabelledCount[] =>
      rows.map((r) => ({ key: r.key, label: r.key === UNSET ? none : label(r.key), cases: r.n }));
  const category = named(labels.categories, lang);
  const subcategory = named(labels.subcategories, lang);
  const endYear = Number(period.to.slice(0, 4));
  const baselineRows = baseline.channels.filter((r) => r.year <= endYear);

  const toDate = new Map<string, ReportSummary['communications']['toDate'][number]>();
  const toDateRow = (channel: string) =>
    entryOf(toDate, channel, () => ({
      channel,
      label: channelLabel(lang, channel),
      baseline: 0,
      cases: 0,
      messages: 0,
      calls: 0,
      communications: 0,
    }));
  for (const c of f.channelsToDate)
    Object.assign(toDateRow(c.channel), { cases: c.cases, messages: c.messages, calls: c.calls });
  for (const b of baselineRows) toDateRow(b.channel).baseline += b.communications;
  for (const r of toDate.values()) r.communications = r.baseline + r.cases;
  const toDateList = [...toDate.values()].sort(
    (a, b) => b.communications - a.communications || a.channel.localeCompare(b.channel),
  );

  const years = new Map<string, ReportSummary['communications']['byYear'][number]>();
  const yearRow = (year: number, channel: string) =>
    entryOf(years, `${year}:${channel}`, () => ({
      year,
      channel,
      label: channelLabel(lang, channel),
      baseline: 0,
      cases: 0,
      communications: 0,
    }));
  for (const b of baselineRows) yearRow(b.year, b.channel).baseline += b.communications;
  for (const c of f.casesByYear) yearRow(c.year, c.channel).cases += c.n;
  for (const r of years.values()) r.communications = r.baseline + r.cases;

  const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const casesOn = (...channels: string[]) =>
    sum(
      f.byChannel.filter((r) => channels.includes(r.key)),
      (r) => r.n,
    );
  const outreachPeriod = input.outreachPeriod && outreachFigures(input.outreachPeriod, null, lang);
  const outreachToDate = input.outreachToDate && outreachFigures(input.outreachToDate, baseline.outreach, lang);
  const answered = sum(f.referrals, (r) => r.answered);
  const referrals = sum(f.referrals, (r) => r.referrals);
  const toDateTotal = {
    baseline: sum(toDateList, (r) => r.baseline),
    cases: sum(toDateList, (r) => r.cases),
    communications: sum(toDateList, (r) => r.communications),
  };
  return {
    period,
    lang,
    communications: {
      period: f.channels.map((c) => ({ ...c, label: channelLabel(lang, c.channel) })),
      periodTotal: {
        cases: sum(f.channels, (c) => c.cases),
        messages: sum(f.channels, (c) => c.messages),
        calls: sum(f.channels, (c) => c.calls),
      },
      toDate: toDateList,
      toDateTotal,
      byYear: [...years.values()].sort((a, b) => a.year - b.year || a.channel.localeCompare(b.channel)),
    },
    cases: {
      total: f.totalCases,
      byCategory: labelled(category)(f.byCategory),
      bySubcategory: labelled((k) => `${category(k.split('/')[0] ?? '')} / ${subcategory(k.split('/')[1] ?? '')}`)(
        f.bySubcategory,
      ),
      byReporterRole: labelled((k) => reporterRoleLabel(lang, k))(f.byReporterRole),
      byAgeGroup: labelled((k) => ageGroupLabel(lang, k))(f.byAgeGroup),
      byGender: labelled((k) => genderLabel(lang, k))(f.byGender),
      byDistrict: labelled(named(labels.districts, lang))(f.byDistrict),
      byChannel: labelled((k) => channelLabel(lang, k))(f.byChannel),
      byMonth: labelled((k) => k)(f.byMonth),
      byIntervention: labelled((k) => interventionLabel(lang, k))(f.byIntervention),
    },
    referrals: {
      total: referrals,
      answered,
      byInstitution: f.referrals.map((r) => ({
        key: r.institution,
        label: named(labels.institutions, lang)(r.institution),
        referrals: r.referrals,
        answered: r.answered,
        medianHoursToAnswer: r.medianHoursToAnswer,
      })),
    },
    outcomeNotices: f.outcomeNotices,
    medianFirstResponseMinutes: f.medianFirstResponseMinutes,
    outreach: { period: outreachPeriod, toDate: outreachToDate, baseline: baseline.outreach },
    sentences: reportSentences(lang, {
      period,
      communicationsToDate: toDateTotal.communications,
      casesInPeriod: f.totalCases,
      casesBy: {
        website: casesOn('web_form'),
        email: casesOn('email'),
        phone: casesOn('phone'),
        social: casesOn('facebook', 'instagram'),
      },
      outreachToDate: sentenceOutreach(outreachToDate),
      outreachInPeriod: sentenceOutreach(outreachPeriod),
      referrals,
      referralsAnswered: answered,
      outcomeNoticesSent: f.outcomeNotices.sent,
      medianFirstResponseMinutes: f.medianFirstResponseMinutes,
    }),
  };
}
