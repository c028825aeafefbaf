import { GENDER_TEXT, INTERVENTION_TEXT, REPORTER_ROLE_TEXT, textsIn } from '../../../../src/i18n/record-codes.ts';
import type { GroupOverrides, Groups } from '../strings.ts';

/** Names of the codes cases and messages carry: one namespace per group (t('status.open')). */
export const en = {
  category: {
    illegal_content: 'Illegal content / child sexual abuse material',
    integrity: 'Harm to a child’s integrity',
    rights: 'Violation of a child’s rights',
    health: 'Health',
    wellbeing: 'Well-being',
    addiction: 'Risk of internet addiction',
    advice: 'Advice for parents and teachers',
    other: 'Other',
  },
  status: {
    new: 'New',
    open: 'Open',
    waiting: 'Waiting',
    referred: 'Referred',
    closed: 'Closed',
  },
  priority: {
    urgent: 'Urgent',
    high: 'High',
    normal: 'Normal',
    low: 'Low',
  },
  channel: {
    web_form: 'Web form',
    email: 'E-mail',
    facebook: 'Facebook',
    instagram: 'Instagram',
    phone: 'Phone',
  },
  reportKind: {
    report: 'Content report',
    help: 'Request for help',
  },
  reporterRole: textsIn(REPORTER_ROLE_TEXT, 'en'),
  gender: textsIn(GENDER_TEXT, 'en'),
  intervention: textsIn(INTERVENTION_TEXT, 'en'),
  ageGroup: {
    under_9: 'under 9',
    '9_12': '9–12',
    '13_15': '13–15',
    '16_17': '16–17',
    adult_unknown: 'adult / unknown',
  },
  delivery: {
    pending: 'waiting to be sent',
    sent: 'sent',
    delivered: 'delivered',
    read: 'read',
    failed: 'failed',
  },
  formLanguage: {
    'sr-Latn': 'Serbian (Latin)',
    'sr-Cyrl': 'Serbian (Cyrillic)',
    en: 'English',
  },
};

export const srLatn: Groups<typeof en> = {
  category: {
    illegal_content: 'Nezakonit sadržaj / seksualno zlostavljanje dece',
    integrity: 'Ugrožavanje integriteta deteta',
    rights: 'Kršenje prava deteta',
    health: 'Zdravlje',
    wellbeing: 'Dobrobit',
    addiction: 'Rizik od zavisnosti od interneta',
    advice: 'Savet roditeljima i nastavnicima',
    other: 'Drugo',
  },
  status: {
    new: 'Novo',
    open: 'Otvoreno',
    waiting: 'Na čekanju',
    referred: 'Upućeno',
    closed: 'Zatvoreno',
  },
  priority: {
    urgent: 'Hitno',
    high: 'Visok',
    normal: 'Normalan',
    low: 'Nizak',
  },
  channel: {
    web_form: 'Veb formular',
    email: 'E-pošta',
    facebook: 'Facebook',
    instagram: 'Instagram',
    phone: 'Telefon',
  },
  reportKind: {
    report: 'Prijava sadržaja',
    help: 'Traženje pomoći',
  },
  reporterRole: textsIn(REPORTER_ROLE_TEXT, 'sr'),
  gender: textsIn(GENDER_TEXT, 'sr'),
  intervention: textsIn(INTERVENTION_TEXT, 'sr'),
  ageGroup: {
    under_9: 'mlađe od 9',
    '9_12': '9–12',
    '13_15': '13–15',
    '16_17': '16–17',
    adult_unknown: 'odrasla osoba / nepoznato',
  },
  delivery: {
    pending: 'čeka slanje',
    sent: 'poslato',
    delivered: 'isporučeno',
    read: 'pročitano',
    failed: 'neuspelo',
  },
  formLanguage: {
    'sr-Latn': 'srpski (latinica)',
    'sr-Cyrl': 'srpski (ćirilica)',
    en: 'engleski',
  },
};

/** Serbian Cyrillic is transliterated from srLatn, except the brands, written as Serbian writes them. */
export const srCyrl: GroupOverrides<typeof en> = {
  channel: {
    facebook: 'Фејсбук',
    instagram: 'Инстаграм',
  },
};
