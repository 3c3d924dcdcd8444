// Finds secrets in text: keyword prefilter, then each candidate rule's regex, then the filters.
import { shannonEntropy } from '@deploysafe/secret-heuristics';
import { KeywordPrefilter } from './keyword-prefilter.ts';
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

/** What the detector knows about a text besides its characters. */
export interface ScanOptions {
  /** `text` as latin1 bytes, when the caller read a file or blob. */
  bytes?: Uint8Array;
  /** The file's path, for rules whose syntax depends on the file type. */
  path?: string;
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
  readonly #prefilter: KeywordPrefilter;
  readonly #rulesByKeyword: number[][];

  constructor(rules: readonly SecretRule[] = secretRules) {
    this.rules = rules;
    this.#compiled = rules.map((rule, order) => ({ rule, order, regex: new RegExp(rule.regex.source, `${rule.regex.flags.replace(/[gy]/g, '')}g`) }));
    const byKeyword = new Map<string, number[]>();
    rules.forEach((rule, i) => {
      for (const keyword of rule.keywords) byKeyword.set(keyword, [...(byKeyword.get(keyword) ?? []), i]);
    });
    this.#prefilter = new KeywordPrefilter([...byKeyword.keys()]);
    this.#rulesByKeyword = [...byKeyword.values()];
  }

  /**
   * The secrets in `text`, in order of position, one per span (the most specific rule wins).
   * `bytes`, when given, is `text` as latin1 bytes (what the file scanner already holds): offsets
   * are then byte offsets and each secret is decoded from UTF-8. `path` names the file, when known.
   */
  scan(text: string, options: ScanOptions = {}): SecretMatch[] {
    const { bytes, path } = options;
    const candidates = this.#candidateRules(bytes ?? Buffer.from(text, 'latin1'));
    if (candidates.length === 0) return [];
    const raw: { start: number; end: number; order: number; secret: string; rule: SecretRule }[] = [];
    for (const { rule, order, regex } of candidates) {
      for (const m of allMatches(regex, text)) {
        const groups = m.groups ?? {};
        const matched = groups.secret ?? groups.secret2 ?? m[0];
        const start = m.index + Math.max(0, m[0].indexOf(matched));
        // Judge (and report) the characters the file holds, not their latin1 reading.
        const secret = bytes && /[^\x00-\x7f]/.test(matched) ? Buffer.from(matched, 'latin1').toString('utf8') : matched;
        if (notSecretReason(secret) !== undefined) continue;
        if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
        if (rule.validate && !rule.validate(secret, { text, index: m.index, match: m, ...(path ? { path } : {}) })) continue;
        if (insideDataUri(text, start)) continue;
        raw.push({ start, end: start + matched.length, order, secret, rule });
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

  #candidateRules(bytes: Uint8Array): CompiledRule[] {
    const found = this.#prefilter.find(bytes);
    const wanted = new Uint8Array(this.#compiled.length);
    found.forEach((hit, k) => {
      if (hit === 1) for (const i of this.#rulesByKeyword[k] as number[]) wanted[i] = 1;
    });
    const out: CompiledRule[] = [];
    wanted.forEach((w, i) => w === 1 && out.push(this.#compiled[i] as CompiledRule));
    return out;
  }
}

function* allMatches(regex: RegExp, text: string): Generator<RegExpExecArray> {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    else yield m;
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
