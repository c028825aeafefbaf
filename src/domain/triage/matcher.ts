import { type Token, tokenize } from './normalize.ts';
import { type Groups, type Pattern, parsePattern, parseTerm } from './pattern.ts';
import { WordIndex } from './word-index.ts';

/**
 * The rules' patterns compiled against one word index and run over a text: for each rule, its
 * `except` patterns mask the words of harmless phrases first ("ubio me ovaj test"), then any of its
 * patterns that still finds its words within its window makes the rule match.
 */

export interface RuleSource {
  name: string;
  patterns?: readonly string[];
  terms?: readonly string[];
  except?: readonly string[];
}

interface CompiledPattern {
  slots: number[][];
  window: number;
  phrase: boolean;
  source: string;
}

interface CompiledRule {
  name: string;
  patterns: CompiledPattern[];
  except: CompiledPattern[];
}

export interface RuleMatch {
  rule: string;
  /** The pattern (or term) that matched, as written. */
  pattern: string;
  /** The words of the text it matched, in their folded form. */
  words: string[];
}

const NONE = { list: [] as number[], set: new Set<number>() };

/** Which tokens each word spec matches in one text; what a rule's masks took is in `masked`. */
class TextView {
  readonly tokens: Token[];
  private readonly bySpec = new Map<number, number[]>();
  private readonly slotCache = new Map<number[], { list: number[]; set: Set<number> }>();
  masked: Uint8Array;

  constructor(text: string, index: WordIndex) {
    this.tokens = tokenize(text);
    this.tokens.forEach((t, i) => {
      for (const id of index.lookup(t.word)) {
        const list = this.bySpec.get(id);
        if (list) list.push(i);
        else this.bySpec.set(id, [i]);
      }
    });
    this.masked = new Uint8Array(this.tokens.length);
  }

  /** Tokens that can fill a slot (masked or not), in text order; computed once per text. */
  fillers(slot: number[]): { list: number[]; set: Set<number> } {
    let cached = this.slotCache.get(slot);
    if (!cached && !slot.some((id) => this.bySpec.has(id))) cached = NONE;
    if (!cached) {
      const set = new Set<number>();
      for (const id of slot) for (const i of this.bySpec.get(id) ?? []) set.add(i);
      cached = { list: [...set].sort((a, b) => a - b), set };
      this.slotCache.set(slot, cached);
    }
    return cached;
  }

  pos(i: number): number {
    return this.tokens[i]?.pos ?? Number.NaN;
  }
}

/**
 * Successive matches of a pattern, left to right, on tokens not masked: one token index per slot.
 * The caller may mask a match's tokens before asking for the next, so the matches never overlap.
 */
function* matches(p: CompiledPattern, view: TextView): Generator<number[]> {
  const fillers: { list: number[]; set: Set<number> }[] = [];
  for (const slot of p.slots) {
    const f = view.fillers(slot);
    if (f.list.length === 0) return;
    fillers.push(f);
  }
  const free = (i: number) => view.masked[i] === 0;
  if (p.phrase) {
    // In order: from each start the earliest next filler gives the shortest span.
    for (const start of fillers[0]?.list ?? []) {
      if (!free(start)) continue;
      const run = [start];
      for (const next of fillers.slice(1)) {
        const prev = run.at(-1) ?? start;
        const i = next.list.find((x) => x > prev && free(x));
        if (i === undefined || view.pos(i) - view.pos(start) >= p.window) break;
        run.push(i);
      }
      if (run.length === p.slots.length) yield run;
    }
    return;
  }
  const candidates = [...new Set(fillers.flatMap((f) => f.list))].sort((a, b) => a - b);
  let end = 0;
  for (let k = 0; k < candidates.length; k++) {
    const first = candidates[k] ?? 0;
    while (end < candidates.length && view.pos(candidates[end] ?? 0) - view.pos(first) < p.window) end++;
    if (!free(first) || end - k < p.slots.length) continue;
    // The window starts at `first` and uses it (any later start would find the same match again).
    const inWindow = candidates.slice(k + 1, end).filter(free);
    const used: number[] = new Array(p.slots.length).fill(-1);
    const assign = (slot: number): boolean => {
      if (slot === p.slots.length) return true;
      if (used[slot] !== -1) return assign(slot + 1);
      for (const i of inWindow) {
        if (used.includes(i) || !fillers[slot]?.set.has(i)) continue;
        used[slot] = i;
        if (assign(slot + 1)) return true;
        used[slot] = -1;
      }
      return false;
    };
    for (let j = 0; j < p.slots.length; j++) {
      if (!fillers[j]?.set.has(first)) continue;
      used.fill(-1);
      used[j] = first;
      if (assign(0)) {
        yield [...used];
        break;
      }
    }
  }
}

export class CompiledRules {
  private readonly index = new WordIndex();
  private readonly rules: CompiledRule[];

  /** Throws PatternError (naming the rule and the pattern) for a pattern that cannot be read. */
  constructor(sources: readonly RuleSource[], groups: Groups) {
    const compile = (p: Pattern): CompiledPattern => ({
      ...p,
      slots: p.slots.map((slot) => [...new Set(slot.map((spec) => this.index.add(spec)))]),
    });
    const read = (rule: string, text: string, parse: (t: string) => Pattern) => {
      try {
        return compile(parse(text));
      } catch (err) {
        throw Object.assign(err as Error, { message: `rule ${rule}: ${(err as Error).message}` });
      }
    };
    this.rules = sources.map((r) => ({
      name: r.name,
      patterns: [
        ...(r.patterns ?? []).map((t) => read(r.name, t, (x) => parsePattern(x, groups))),
        ...(r.terms ?? []).map((t) => read(r.name, t, parseTerm)),
      ],
      except: (r.except ?? []).map((t) => read(r.name, t, (x) => parsePattern(x, groups))),
    }));
  }

  /** Every rule whose words are in the text, with the first pattern that found them. */
  match(text: string): RuleMatch[] {
    const view = new TextView(text, this.index);
    const out: RuleMatch[] = [];
    for (const rule of this.rules) {
      view.masked = new Uint8Array(view.tokens.length);
      // Every harmless phrase is masked, however often it occurs; masking keeps the other words.
      for (const ex of rule.except) for (const found of matches(ex, view)) for (const i of found) view.masked[i] = 1;
      for (const p of rule.patterns) {
        const found = matches(p, view).next().value;
        if (found) {
          const words = [...found].sort((a, b) => a - b).map((i) => view.tokens[i]?.word ?? '');
          out.push({ rule: rule.name, pattern: p.source, words });
          break;
        }
      }
    }
    return out;
  }
}
