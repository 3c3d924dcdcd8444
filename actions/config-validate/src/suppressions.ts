// Inline suppressions: `# config-validate: ignore <rule>[,<rule>] -- <reason>` on the line above an
// assignment or after its value, and `ignore-file` anywhere for findings about the whole file.
import type { DotenvComment, DotenvEntry } from './dotenv-parser.ts';
import { RULES, type RuleId } from './rules.ts';

/** One suppression comment. */
export interface Suppression {
  /** Line of the comment. */
  line: number;
  /** The line whose findings it suppresses, or 'file'. */
  target: number | 'file';
  rules: RuleId[];
  unknownRules: string[];
  reason: string | undefined;
  used: boolean;
}

const DIRECTIVE = /^config-validate:\s*(ignore|ignore-file)\s+([^\s-][^\s]*(?:\s*,\s*[^\s,]+)*)?\s*(?:--\s*(.*))?$/;

function parseDirective(text: string, line: number, target: number | 'file'): Suppression | undefined {
  const m = DIRECTIVE.exec(text.trim());
  if (!m) return undefined;
  const ids = (m[2] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const rules = ids.filter((id): id is RuleId => id in RULES);
  const unknownRules = ids.filter((id) => !(id in RULES));
  const reason = m[3]?.trim() || undefined;
  return { line, target: m[1] === 'ignore-file' ? 'file' : target, rules, unknownRules, reason, used: false };
}

/** Finds every suppression in a file. */
export function collectSuppressions(entries: readonly DotenvEntry[], comments: readonly DotenvComment[]): Suppression[] {
  const out: Suppression[] = [];
  const sortedEntries = [...entries].sort((a, b) => a.line - b.line);
  const commentLines = new Set(comments.map((c) => c.line));
  for (const comment of comments) {
    // A comment applies to the next assignment, across other comment lines but not blank lines.
    let next = comment.line + 1;
    while (commentLines.has(next)) next++;
    const target = sortedEntries.find((e) => e.line === next)?.line ?? -1;
    const s = parseDirective(comment.text, comment.line, target);
    if (s) out.push(s);
  }
  for (const entry of entries) {
    if (entry.comment === undefined) continue;
    const s = parseDirective(entry.comment, entry.endLine, entry.line);
    if (s) out.push(s);
  }
  return out;
}
