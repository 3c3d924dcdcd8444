// Checks one dotenv file's text: syntax, production rules, policy, parity, then suppressions
// and the policy's severity overrides. Pure: no I/O, so every rule is tested on strings.
import { isSecretName } from '@deploysafe/secret-heuristics';
import { parseDotenv, type DotenvEntry } from './dotenv-parser.ts';
import { policyChecks, policySecretKeys, type Policy } from './policy.ts';
import { productionChecks, urlPassword, type RuleHit } from './production-rules.ts';
import { RULES, type Finding, type RuleId } from './rules.ts';
import { collectSuppressions } from './suppressions.ts';

/** How to check a file. */
export interface FileCheckOptions {
  /** The path shown in findings and annotations (workspace-relative). */
  file: string;
  environment: string;
  productionRules: boolean;
  policy?: Policy | undefined;
  /** Keys of the `example` file, for parity. */
  exampleKeys?: ReadonlySet<string> | undefined;
}

/** A finding hidden by a suppression comment, with the reason given. */
export interface SuppressedFinding extends Finding {
  reason: string;
  suppressedAt: number;
}

/** What checking one file found. */
export interface FileCheckResult {
  file: string;
  entries: DotenvEntry[];
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Keys whose values must never be shown. */
  secretKeys: Set<string>;
  /** Secret values found in the file, to be masked before anything prints. */
  secretValues: string[];
}

function toFinding(file: string, hit: RuleHit): Finding {
  const finding: Finding = { file, line: hit.entry?.line ?? null, rule: hit.rule, severity: RULES[hit.rule].severity, message: hit.message };
  if (hit.entry) finding.column = hit.entry.column;
  const key = hit.entry?.key ?? hit.key;
  if (key !== undefined) finding.key = key;
  return finding;
}

/** Checks the text of one dotenv file. */
export function checkDotenv(text: string, options: FileCheckOptions): FileCheckResult {
  const { file, policy } = options;
  const parsed = parseDotenv(text);
  const findings: Finding[] = [];

  for (const issue of parsed.issues) {
    const f: Finding = { file, line: issue.line, column: issue.column, rule: issue.rule, severity: RULES[issue.rule].severity, message: issue.message };
    if (issue.key !== undefined) f.key = issue.key;
    findings.push(f);
  }

  const firstLine = new Map<string, number>();
  for (const entry of parsed.entries) {
    const first = firstLine.get(entry.key);
    if (first === undefined) firstLine.set(entry.key, entry.line);
    else findings.push(toFinding(file, { rule: 'duplicate-key', entry, message: `${entry.key} is assigned again (first on line ${first}); loaders keep only one of them` }));
  }

  const hits: RuleHit[] = [];
  if (options.productionRules) hits.push(...productionChecks(parsed.entries, options.environment));
  if (policy) hits.push(...policyChecks(parsed.entries, policy));
  if (options.exampleKeys) {
    const present = new Set(parsed.entries.map((e) => e.key));
    for (const key of options.exampleKeys) if (!present.has(key)) hits.push({ rule: 'missing-key', key, message: `${key} is in the example file but missing here` });
    for (const entry of parsed.entries) {
      if (!options.exampleKeys.has(entry.key) && firstLine.get(entry.key) === entry.line) hits.push({ rule: 'extra-key', entry, message: `${entry.key} is not in the example file` });
    }
  }
  findings.push(...hits.map((h) => toFinding(file, h)));

  // Suppressions: a reason is required; unused ones are reported so they do not rot.
  const suppressions = collectSuppressions(parsed.entries, parsed.comments);
  const suppressed: SuppressedFinding[] = [];
  const kept: Finding[] = [];
  for (const finding of findings) {
    const s = suppressions.find((x) => x.reason && x.rules.includes(finding.rule) && (x.target === 'file' || x.target === finding.line));
    if (s?.reason) {
      s.used = true;
      suppressed.push({ ...finding, reason: s.reason, suppressedAt: s.line });
    } else kept.push(finding);
  }
  for (const s of suppressions) {
    const meta = (rule: RuleId, message: string) => kept.push({ file, line: s.line, rule, severity: RULES[rule].severity, message });
    if (!s.reason) meta('suppression-without-reason', `This suppression has no \`-- reason\`, so it suppresses nothing`);
    else if (s.unknownRules.length > 0) meta('unused-suppression', `This suppression names unknown rule ${s.unknownRules.join(', ')}`);
    else if (!s.used) meta('unused-suppression', `This suppression of ${s.rules.join(', ') || 'nothing'} matched no finding`);
  }

  // The policy may turn rules off or change their severity.
  const overrides = policy?.rules ?? {};
  const final: Finding[] = [];
  for (const f of kept) {
    const o = overrides[f.rule];
    if (o === 'off') continue;
    final.push(o ? { ...f, severity: o } : f);
  }
  final.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));

  const keys = parsed.entries.map((e) => e.key);
  const secretKeys = new Set(keys.filter((k) => isSecretName(k)));
  if (policy) for (const k of policySecretKeys(policy, keys)) secretKeys.add(k);
  const secretValues: string[] = [];
  for (const e of parsed.entries) {
    if (secretKeys.has(e.key)) secretValues.push(e.value);
    const password = urlPassword(e.value);
    if (password) secretValues.push(password);
  }
  return { file, entries: parsed.entries, findings: final, suppressed, secretKeys, secretValues };
}
