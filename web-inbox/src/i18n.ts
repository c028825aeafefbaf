import { latinToCyrillic as toCyrillic } from '../../src/i18n/translit.ts';

export const LANGS = ['sr-Latn', 'sr-Cyrl', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Each language's name in itself, so a counselor can always find their own. */
export const LANG_NAMES: Readonly<Record<Lang, string>> = {
  'sr-Latn': 'Srpski (latinica)',
  'sr-Cyrl': 'Српски (ћирилица)',
  en: 'English',
};

const srLatn = {
  text: {
    appName: 'Kontakt',
    appTagline: 'Prijemno sanduče savetnika',
    language: 'Jezik',
    signInTitle: 'Prijava',
    email: 'E-pošta',
    password: 'Lozinka',
    signIn: 'Prijavi se',
    signingIn: 'Prijavljivanje…',
    invalidCredentials: 'Pogrešna e-pošta ili lozinka.',
    tooManyAttempts: 'Previše pokušaja prijave. Pokušajte ponovo za nekoliko minuta.',
    sessionExpired: 'Sesija je istekla. Prijavite se ponovo.',
    serverError: 'Greška na serveru. Pokušajte ponovo.',
    networkError: 'Server nije dostupan. Proverite vezu.',
    signOut: 'Odjava',
    signedInAs: 'Prijavljeni ste kao {name}',
    reconnecting: 'Veza je prekinuta, ponovno povezivanje…',
    caseList: 'Predmeti',
    views: 'Prikaz',
    viewOpen: 'Svi otvoreni',
    viewClosed: 'Zatvoreni',
    search: 'Pretraga',
    searchHint: 'Broj predmeta ili tekst',
    loadMore: 'Učitaj još',
    loading: 'Učitavanje…',
    emptyList: 'Nema predmeta u ovom prikazu.',
    listError: 'Lista predmeta nije učitana.',
    retry: 'Pokušaj ponovo',
    anonymous: 'Anonimno',
    unknownContact: 'Nepoznat podnosilac',
    noCategory: 'Bez kategorije',
    keyboardHint: 'Tasteri j i k pomeraju izbor, Enter otvara predmet.',
    selectCase: 'Izaberite predmet sa liste.',
    closeCase: 'Zatvori prikaz predmeta',
    caseLoadError: 'Predmet nije učitan.',
    status: 'Status',
    priority: 'Prioritet',
    category: 'Kategorija',
    assignee: 'Zadužen',
    nobody: 'niko',
    assignToMe: 'Preuzmi predmet',
    unassign: 'Oslobodi predmet',
    contact: 'Podnosilac',
    channel: 'Kanal',
    opened: 'Otvoren',
    messages: 'Poruke',
    inbound: 'Primljena poruka',
    outbound: 'Odgovor',
    note: 'Interna beleška',
    delivery: 'Isporuka',
    formDetails: 'Podaci iz formulara',
    reportKind: 'Vrsta',
    reporterRole: 'Ko prijavljuje',
    ageGroup: 'Uzrast',
    formLanguage: 'Jezik formulara',
    links: 'Prijavljeni linkovi — samo tekst, ne otvarati u pregledaču',
    copy: 'Kopiraj',
    copyLink: 'Kopiraj link {n}',
    copied: 'Kopirano',
    copyFailed: 'Označeno — pritisnite Ctrl+C',
    attachments: 'Prilozi',
    withheld: 'zadržano: {reason}',
    composer: 'Nova poruka',
    composerKind: 'Vrsta poruke',
    kindNote: 'Interna beleška',
    kindReply: 'Odgovor podnosiocu',
    messageText: 'Tekst poruke',
    send: 'Pošalji',
    sending: 'Slanje…',
    refused: 'Izmena nije prihvaćena: {reason}',
    sendFailed: 'Poruka nije poslata: {reason}',
    noMessages: 'Još nema poruka.',
  },
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
  status: { new: 'Novo', open: 'Otvoreno', waiting: 'Na čekanju', referred: 'Upućeno', closed: 'Zatvoreno' },
  priority: { urgent: 'Hitno', high: 'Visok', normal: 'Normalan', low: 'Nizak' },
  channel: {
    web_form: 'Veb formular',
    email: 'E-pošta',
    facebook: 'Facebook',
    instagram: 'Instagram',
    phone: 'Telefon',
  },
  reportKind: { report: 'Prijava sadržaja', help: 'Traženje pomoći' },
  reporterRole: { child: 'Dete', parent: 'Roditelj', teacher: 'Nastavnik', other: 'Drugo' },
  ageGroup: {
    under_9: 'mlađe od 9',
    '9_12': '9–12',
    '13_15': '13–15',
    '16_17': '16–17',
    adult_unknown: 'odrasla osoba / nepoznato',
  },
  delivery: { pending: 'čeka slanje', sent: 'poslato', delivered: 'isporučeno', read: 'pročitano', failed: 'neuspelo' },
  formLanguage: { 'sr-Latn': 'srpski (latinica)', 'sr-Cyrl': 'srpski (ćirilica)', en: 'engleski' },
};

type Dict = { [G in keyof typeof srLatn]: Record<keyof (typeof srLatn)[G], string> };
export type TextKey = keyof Dict['text'];
export type LabelGroup = Exclude<keyof Dict, 'text'>;

const en: Dict = {
  text: {
    appName: 'Kontakt',
    appTagline: 'Counselors’ inbox',
    language: 'Language',
    signInTitle: 'Sign in',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    invalidCredentials: 'Wrong e-mail or password.',
    tooManyAttempts: 'Too many sign-in attempts. Try again in a few minutes.',
    sessionExpired: 'Your session has ended. Please sign in again.',
    serverError: 'Server error. Please try again.',
    networkError: 'The server cannot be reached. Check the connection.',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name}',
    reconnecting: 'Connection lost, reconnecting…',
    caseList: 'Cases',
    views: 'View',
    viewOpen: 'All open',
    viewClosed: 'Closed',
    search: 'Search',
    searchHint: 'Case number or text',
    loadMore: 'Load more',
    loading: 'Loading…',
    emptyList: 'No cases in this view.',
    listError: 'The case list could not be loaded.',
    retry: 'Try again',
    anonymous: 'Anonymous',
    unknownContact: 'Unknown reporter',
    noCategory: 'No category',
    keyboardHint: 'Keys j and k move the selection, Enter opens the case.',
    selectCase: 'Choose a case from the list.',
    closeCase: 'Close case view',
    caseLoadError: 'The case could not be loaded.',
    status: 'Status',
    priority: 'Priority',
    category: 'Category',
    assignee: 'Assignee',
    nobody: 'nobody',
    assignToMe: 'Take this case',
    unassign: 'Release case',
    contact: 'Reporter',
    channel: 'Channel',
    opened: 'Opened',
    messages: 'Messages',
    inbound: 'Received message',
    outbound: 'Reply',
    note: 'Internal note',
    delivery: 'Delivery',
    formDetails: 'Form details',
    reportKind: 'Kind',
    reporterRole: 'Reported by',
    ageGroup: 'Age group',
    formLanguage: 'Form language',
    links: 'Reported links — text only, do not open in a browser',
    copy: 'Copy',
    copyLink: 'Copy link {n}',
    copied: 'Copied',
    copyFailed: 'Selected — press Ctrl+C',
    attachments: 'Attachments',
    withheld: 'withheld: {reason}',
    composer: 'New message',
    composerKind: 'Message kind',
    kindNote: 'Internal note',
    kindReply: 'Reply to reporter',
    messageText: 'Message text',
    send: 'Send',
    sending: 'Sending…',
    refused: 'Change refused: {reason}',
    sendFailed: 'Message not sent: {reason}',
    noMessages: 'No messages yet.',
  },
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
  status: { new: 'New', open: 'Open', waiting: 'Waiting', referred: 'Referred', closed: 'Closed' },
  priority: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
  channel: { web_form: 'Web form', email: 'E-mail', facebook: 'Facebook', instagram: 'Instagram', phone: 'Phone' },
  reportKind: { report: 'Content report', help: 'Request for help' },
  reporterRole: { child: 'Child', parent: 'Parent', teacher: 'Teacher', other: 'Other' },
  ageGroup: {
    under_9: 'under 9',
    '9_12': '9–12',
    '13_15': '13–15',
    '16_17': '16–17',
    adult_unknown: 'adult / unknown',
  },
  delivery: { pending: 'waiting to be sent', sent: 'sent', delivered: 'delivered', read: 'read', failed: 'failed' },
  formLanguage: { 'sr-Latn': 'Serbian (Latin)', 'sr-Cyrl': 'Serbian (Cyrillic)', en: 'English' },
};

/** Where letter-for-letter transliteration would be wrong. */
const cyrillicOverrides: { [G in keyof Dict]?: Partial<Dict[G]> } = {
  text: {
    copyFailed: 'Означено — притисните Ctrl+C',
    keyboardHint: 'Тастери j и k померају избор, Enter отвара предмет.',
  },
  channel: { facebook: 'Фејсбук', instagram: 'Инстаграм' },
};

function transliterate(d: Dict): Dict {
  const out: Record<string, Record<string, string>> = {};
  for (const [group, entries] of Object.entries(d)) {
    const over: Record<string, string | undefined> = cyrillicOverrides[group as keyof Dict] ?? {};
    out[group] = Object.fromEntries(
      Object.entries(entries as Record<string, string>).map(([k, v]) => [k, over[k] ?? toCyrillic(v)]),
    );
  }
  return out as Dict;
}

const DICTS: Record<Lang, Dict> = { 'sr-Latn': srLatn, 'sr-Cyrl': transliterate(srLatn), en };
const STORAGE_KEY = 'kontakt.inbox.lang';

const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLang(v) ? v : 'sr-Latn';
  } catch {
    return 'sr-Latn';
  }
}

let current: Lang = storedLang();
const listeners = new Set<() => void>();

export const lang = (): Lang => current;

/** BCP 47 locale for dates and numbers. */
export const locale = (): string => ({ 'sr-Latn': 'sr-Latn-RS', 'sr-Cyrl': 'sr-Cyrl-RS', en: 'en-GB' })[current];

export function setLang(next: Lang): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = next;
  for (const fn of listeners) fn();
}

export function onLangChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function t(key: TextKey, vars: Record<string, string | number> = {}): string {
  return DICTS[current].text[key].replace(/\{(\w+)\}/g, (m, name: string) =>
    vars[name] === undefined ? m : String(vars[name]),
  );
}

/**
 * Categories are the admins' to edit (GET /api/categories): once loaded, their labels and the
 * active codes come from there (i18n-taxonomy.ts); until then, the built-in defaults.
 */
export interface CategorySource {
  label(code: string, lang: Lang): string | undefined;
  /** Codes offered for classification (retired ones left out). */
  activeCodes(): string[];
}
let categorySource: CategorySource | null = null;
export const setCategorySource = (s: CategorySource | null): void => {
  categorySource = s;
};

/** Label for a code (category, status, …); unknown codes (e.g. a category added later) show as they are. */
export function label(group: LabelGroup, code: string): string {
  const fromServer = group === 'category' ? categorySource?.label(code, current) : undefined;
  const entries: Record<string, string | undefined> = DICTS[current][group];
  return fromServer ?? entries[code] ?? code;
}

export const codesOf = (group: LabelGroup): string[] =>
  group === 'category' && categorySource ? categorySource.activeCodes() : Object.keys(srLatn[group]);
