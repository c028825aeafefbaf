import { latinToCyrillic } from '../i18n/translit.ts';

/**
 * Urgency rules applied on arrival: a report that matches one is made `urgent` and supervisors are
 * alerted. Pure: no I/O, so the rules can be tested word by word.
 *
 * Terms are written once, in Serbian Latin (or English); a Cyrillic message is read through the
 * same transliteration the inbox uses, and both sides lose their diacritics, so "ubicu se",
 * "ubiću se" and "убићу се" are one term.
 */
export interface UrgencyRule {
  name: string;
  /** Stems or phrases; each must start at a word boundary and may continue (suffixes). */
  terms: string[];
  /** Phrases that are harmless although they contain a term ("roditeljski sastanak"): masked first. */
  except?: string[];
  /** Form categories that on their own make the report urgent. */
  categories?: string[];
  /** Message flags (set by a channel or a scanner) that on their own make it urgent. */
  flags?: string[];
}

export interface UrgencyInput {
  text: string;
  subject?: string | null;
  category?: string | null;
  flags?: readonly string[] | null;
  /** Structured form fields; string values (links, descriptions) are read like the text. */
  fields?: Record<string, unknown> | null;
}

export const DEFAULT_URGENCY_RULES: readonly UrgencyRule[] = [
  {
    name: 'csam',
    categories: ['illegal_content'],
    flags: ['csam'],
    terms: [
      'decja pornografij',
      'deciju pornografij',
      'decje pornografij',
      'deciji porno',
      'pornografija dece',
      'pornografiju dece',
      'gole slike dece',
      'golih slika dece',
      'gole slike deteta',
      'seksualno zlostavljanje dece',
      'seksualnog zlostavljanja dece',
      'pedofil',
      'csam',
      'child porn',
      'child sexual abuse',
      'child abuse material',
      'nude photos of a child',
      'nudes of a child',
      'nude pictures of children',
    ],
  },
  {
    name: 'self_harm',
    terms: [
      'samoubist',
      'samoubic',
      'samoubij',
      'ubicu se',
      'ubiti se',
      'ubijem se',
      'ubije sebe',
      'oduzecu sebi zivot',
      'oduzmem sebi zivot',
      'necu vise da zivim',
      'ne zelim vise da zivim',
      'ne zelim da zivim',
      'hocu da umrem',
      'zelim da umrem',
      'secem se',
      'isecem se',
      'seckam ruk',
      'skocicu sa',
      'kill myself',
      'killing myself',
      'suicid',
      'end my life',
      'want to die',
      'wanna die',
      'self harm',
      'selfharm',
      'cutting myself',
      'hurt myself',
    ],
  },
  {
    name: 'threat',
    terms: [
      'ubicu te',
      'ubicu ga',
      'ubicu je',
      'ubicemo te',
      'prebicu te',
      'zaklacu te',
      'znam gde zivis',
      'naci cu te',
      'nacicu te',
      'pretio da ce me',
      'preti da ce me',
      'prete da ce me',
      'preti mi',
      'prete mi',
      'ill kill you',
      'will kill you',
      'gonna kill you',
      'going to kill you',
      'know where you live',
      'threatened to kill',
      'threatening to kill',
    ],
    except: ['ubicu te od smeha', 'preti mi kazna', 'prete mi kazne'],
  },
  {
    name: 'meeting_adult',
    terms: [
      'da se nadjemo',
      'da se nademo',
      'nadjemo se',
      'nademo se',
      'da se vidimo uzivo',
      'vidimo se uzivo',
      'da se sastanemo',
      'tajni sastanak',
      'sastanak uzivo',
      'sastanak sa odraslim',
      'ne govori roditelj',
      'ne reci roditelj',
      'nemoj reci roditelj',
      'nemoj da kazes roditelj',
      'ne smes da kazes roditelj',
      'to je nasa tajna',
      'nasa mala tajna',
      'dolazim po tebe',
      'meet in person',
      'meet up with',
      'wants to meet me',
      'want to meet me',
      'dont tell your parents',
      'do not tell your parents',
      'our little secret',
    ],
    except: ['roditeljski sastanak'],
  },
  {
    name: 'sextortion',
    terms: [
      'sextortion',
      'seksualna ucena',
      'seksualne ucene',
      'ucenjuje me',
      'ucenjuju me',
      'ucena slikama',
      'objavice moje slike',
      'objavicu tvoje slike',
      'poslace moje slike',
      'posalje moje slike',
      'poslacu tvoje slike',
      'poslace svima',
      'poslacu svima',
      'ako ne platis',
      'ako ne posaljes',
      'trazi gole slike',
      'trazi golisave',
      'is blackmailing me',
      'blackmail',
      'leak your nudes',
      'post your nudes',
      'share your nudes',
      'send more pics or',
    ],
  },
];

/** Cyrillic → Latin, derived from the one Latin → Cyrillic table so the two can never disagree. */
const CYRILLIC_TO_LATIN: ReadonlyMap<string, string> = new Map(
  [...'abcčćdđefghijklmnoprsštuvzž', 'lj', 'nj', 'dž'].map((lat) => [latinToCyrillic(lat), lat] as const),
);

/**
 * One comparable form for text and terms: Latin script, lower case, no diacritics (đ → dj, the
 * usual way of typing it without them), apostrophes dropped ("don't" → "dont"), everything that
 * is not a letter or digit a single space.
 */
export function normalizeForMatching(text: string): string {
  const lower = text.toLowerCase().normalize('NFC');
  let latin = '';
  for (const ch of lower) latin += CYRILLIC_TO_LATIN.get(ch) ?? ch;
  return ` ${latin
    .replace(/đ/g, 'dj')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface CompiledRule {
  name: string;
  pattern: RegExp | null;
  except: RegExp | null;
  categories: Set<string>;
  flags: Set<string>;
}

const compileTerms = (terms: readonly string[] | undefined, flags: string): RegExp | null => {
  const parts = (terms ?? []).map((t) => normalizeForMatching(t).trim()).filter((t) => t.length > 0);
  if (parts.length === 0) return null;
  // A space before every term is a word start (the text is padded with spaces).
  return new RegExp(` (?:${parts.map(escapeRegex).join('|')})`, flags);
};

export interface UrgencyRuleSet {
  /** Names of the rules the input matches, in rule order; empty means not urgent. */
  evaluate(input: UrgencyInput): string[];
}

export function compileUrgencyRules(rules: readonly UrgencyRule[]): UrgencyRuleSet {
  const compiled: CompiledRule[] = rules.map((r) => ({
    name: r.name,
    pattern: compileTerms(r.terms, ''),
    except: compileTerms(r.except, 'g'),
    categories: new Set(r.categories ?? []),
    flags: new Set(r.flags ?? []),
  }));
  return {
    evaluate(input) {
      const fieldText = Object.values(input.fields ?? {})
        .filter((v): v is string => typeof v === 'string')
        .join(' \n ');
      const text = normalizeForMatching([input.subject ?? '', input.text, fieldText].join(' \n '));
      const matched: string[] = [];
      for (const r of compiled) {
        const byCategory = input.category != null && r.categories.has(input.category);
        const byFlag = (input.flags ?? []).some((f) => r.flags.has(f));
        let hay = text;
        // Masking keeps the word boundaries, so a real term beside the harmless phrase still counts.
        if (r.except) hay = hay.replace(r.except, (m) => ` ${'_'.repeat(m.length - 1)}`);
        const byText = r.pattern?.test(hay) === true;
        if (byCategory || byFlag || byText) matched.push(r.name);
      }
      return matched;
    },
  };
}

/**
 * Rules from the optional URGENCY_RULES_FILE: rules whose name matches a default replace it,
 * others are added; `replaceDefaults` starts from nothing.
 */
export function mergeUrgencyRules(
  custom: { replaceDefaults?: boolean; rules: UrgencyRule[] } | null,
  defaults: readonly UrgencyRule[] = DEFAULT_URGENCY_RULES,
): UrgencyRule[] {
  if (!custom) return [...defaults];
  const base = custom.replaceDefaults ? [] : defaults.filter((d) => !custom.rules.some((c) => c.name === d.name));
  return [...base, ...custom.rules];
}

export const DEFAULT_URGENCY = compileUrgencyRules(DEFAULT_URGENCY_RULES);
