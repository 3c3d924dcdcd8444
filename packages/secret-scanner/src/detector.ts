// Finds secrets in text: keyword prefilter, then each candidate rule's regex, then the filters.
import { shannonEntropy } from '@deploysafe/secret-heuristics';
import { ALLOW_MARKERS, insideDataUri, notSecretReason } from './not-secret.ts';
import type { SecretRule, Severity } from './rule.ts';
import { secretRules } from './rules/index.ts';

/** One secret found in a text. */
export interface SecretMatch {
  ruleId: string;
  severity: Severity;
  /** 1-based line and column of the secret's first character. */
  line: number;
  column: number;
  /** 1-based line of the secret's last character (multi-line keys). */
  endLine: number;
  /** The secret itself: register it for masking, never print it. */
  secret: string;
  /** Character offset of the secret in the scanned text. */
  offset: number;
  /** True when a `security-scan:allow` comment on the line (or the one before) accepts it. */
  allowedInline: boolean;
}

interface CompiledRule {
  rule: SecretRule;
  order: number;
  regex: RegExp;
}

/** A rule set compiled once and reused for every text. */
export class SecretDetector {
  readonly rules: readonly SecretRule[];
  readonly #compiled: CompiledRule[];
  readonly #keywords: string[];
  readonly #rulesByKeyword: Map<string, number[]>;

  constructor(rules: readonly SecretRule[] = secretRules) {
    this.rules = rules;
    this.#compiled = rules.map((rule, order) => ({ rule, order, regex: new RegExp(rule.regex.source, `${rule.regex.flags.replace('g', '')}g`) }));
    this.#rulesByKeyword = new Map();
    rules.forEach((rule, i) => {
      for (const keyword of rule.keywords) {
        const list = this.#rulesByKeyword.get(keyword) ?? [];
        list.push(i);
        this.#rulesByKeyword.set(keyword, list);
      }
    });
    this.#keywords = [...this.#rulesByKeyword.keys()];
  }

  /** The secrets in `text`, in order of position, one per span (the most specific rule wins). */
  scan(text: string): SecretMatch[] {
    const candidates = this.#candidateRules(text);
    if (candidates.length === 0) return [];
    const raw: { start: number; end: number; order: number; secret: string; rule: SecretRule }[] = [];
    for (const { rule, order, regex } of candidates) {
      regex.lastIndex = 0;
      for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        const groups = m.groups ?? {};
        const secret = groups.secret ?? groups.secret2 ?? m[0];
        const start = m.index + Math.max(0, m[0].indexOf(secret));
        if (notSecretReason(secret) !== undefined) continue;
        if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
        if (rule.validate && !rule.validate(secret, { text, index: m.index, match: m })) continue;
        if (insideDataUri(text, start)) continue;
        raw.push({ start, end: start + secret.length, order, secret, rule });
      }
    }
    if (raw.length === 0) return [];
    // Where spans overlap, keep the earlier (more specific) rule.
    raw.sort((a, b) => a.order - b.order || a.start - b.start);
    const kept: typeof raw = [];
    for (const r of raw) if (!kept.some((k) => r.start < k.end && k.start < r.end)) kept.push(r);
    kept.sort((a, b) => a.start - b.start);
    const lines = new LineIndex(text);
    return kept.map((k) => {
      const { line, column } = lines.position(k.start);
      return {
        ruleId: k.rule.id,
        severity: k.rule.severity,
        line,
        column,
        endLine: lines.position(k.end - 1).line,
        secret: k.secret,
        offset: k.start,
        allowedInline: lines.allowed(line),
      };
    });
  }

  #candidateRules(text: string): CompiledRule[] {
    const lower = text.toLowerCase();
    const wanted = new Set<number>();
    for (const keyword of this.#keywords) {
      if (lower.includes(keyword)) for (const i of this.#rulesByKeyword.get(keyword) as number[]) wanted.add(i);
    }
    return [...wanted].sort((a, b) => a - b).map((i) => this.#compiled[i] as CompiledRule);
  }
}

class LineIndex {
  readonly #text: string;
  readonly #starts: number[] = [0];

  constructor(text: string) {
    this.#text = text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.#starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.#starts[lo] as number) + 1 };
  }

  #lineText(line: number): string {
    const start = this.#starts[line - 1];
    if (start === undefined) return '';
    const end = this.#starts[line] ?? this.#text.length + 1;
    return this.#text.slice(start, end - 1);
  }

  allowed(line: number): boolean {
    const here = this.#lineText(line);
    const before = line > 1 ? this.#lineText(line - 1) : '';
    return ALLOW_MARKERS.some((marker) => here.includes(marker) || before.includes(marker));
  }
}
