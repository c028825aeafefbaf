import { DEFAULT_GROUPS } from './triage/default-groups.ts';
import { DEFAULT_URGENCY_RULES } from './triage/default-rules.ts';
import { CompiledRules, type RuleMatch } from './triage/matcher.ts';

export { normalizeForMatching } from './triage/normalize.ts';
export { PatternError } from './triage/pattern.ts';
export { DEFAULT_GROUPS, DEFAULT_URGENCY_RULES };

/**
 * Urgency rules applied on arrival: a report that matches one is made `urgent` and supervisors are
 * alerted. Pure: no I/O, so the rules can be tested word by word and run on every message.
 *
 * A rule is data a supervisor can edit (URGENCY_RULES_FILE; docs/triage.md): patterns of words
 * that must occur within a short window, in any order, each word exact, a stem with Serbian or
 * English endings, or one of a named group. Text and rules are compared in one folded form (Latin,
 * no diacritics, common spellings folded, one typing slip forgiven in long words), so "naudiću
 * sebi", "sebi ću nauditi", "нaудити ћу себи" and "naudicu sebi" are one match.
 */
export interface UrgencyRule {
  name: string;
  /** Words within a window, in the pattern language (triage/pattern.ts). */
  patterns?: string[];
  /** The older format: phrases whose last word may continue ("pornografij"). */
  terms?: string[];
  /** Patterns of harmless phrases ("ubio me ovaj test"): their words are masked first. */
  except?: string[];
  /** Form categories that on their own make the report urgent. */
  categories?: string[];
  /** Message flags (set by a channel or a scanner) that on their own make it urgent. */
  flags?: string[];
}

export type UrgencyGroups = Readonly<Record<string, readonly string[]>>;

export interface UrgencyInput {
  text: string;
  subject?: string | null;
  category?: string | null;
  flags?: readonly string[] | null;
  /** Structured form fields; string values (links, descriptions) are read like the text. */
  fields?: Record<string, unknown> | null;
}

export interface UrgencyRuleSet {
  /** Names of the rules the input matches, in rule order; empty means not urgent. */
  evaluate(input: UrgencyInput): string[];
}

/** Why each rule matched: the category, the flag, or the pattern and the words it found. */
export type UrgencyReason = { rule: string; category: string } | { rule: string; flag: string } | RuleMatch;

export interface CompiledUrgencyRules extends UrgencyRuleSet {
  explain(input: UrgencyInput): UrgencyReason[];
}

/** Throws PatternError naming the rule and the pattern when one cannot be read. */
export function compileUrgencyRules(
  rules: readonly UrgencyRule[],
  groups: UrgencyGroups = DEFAULT_GROUPS,
): CompiledUrgencyRules {
  const compiled = new CompiledRules(rules, new Map(Object.entries(groups)));
  const explain = (input: UrgencyInput): UrgencyReason[] => {
    const fieldText = Object.values(input.fields ?? {})
      .filter((v): v is string => typeof v === 'string')
      .join('\n');
    // A new line between the parts: a window never joins the subject's last word to the text's first.
    const byText = compiled.match([input.subject ?? '', input.text, fieldText].join('\n'));
    return rules.flatMap((r): UrgencyReason[] => {
      const category = input.category != null && r.categories?.includes(input.category) ? input.category : null;
      if (category) return [{ rule: r.name, category }];
      const flag = (input.flags ?? []).find((f) => r.flags?.includes(f));
      if (flag) return [{ rule: r.name, flag }];
      return byText.filter((m) => m.rule === r.name);
    });
  };
  return {
    explain,
    evaluate: (input) => [...new Set(explain(input).map((r) => r.rule))],
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

/** Groups from the rules file replace a default group of the same name or add to them. */
export function mergeUrgencyGroups(
  custom: Record<string, string[]> | undefined,
  defaults: UrgencyGroups = DEFAULT_GROUPS,
): UrgencyGroups {
  return { ...defaults, ...(custom ?? {}) };
}

export const DEFAULT_URGENCY = compileUrgencyRules(DEFAULT_URGENCY_RULES);
