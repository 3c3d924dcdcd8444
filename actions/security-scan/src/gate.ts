// The verdict: suppressions (inline comments, baseline), then the fail-on threshold. The SARIF,
// summary, report and exit code all read this one result, so they cannot disagree.
import { isExpired, type BaselineEntry } from './baseline.ts';
import { compareSeverity, reaches, type Finding, type Severity } from './finding.ts';

/** What the gate decided for one finding. */
export type Verdict = 'blocking' | 'reported' | 'suppressed';

/** A finding with its verdict. */
export interface GatedFinding extends Finding {
  verdict: Verdict;
  /** Why it is suppressed. */
  suppression?: { kind: 'inline' | 'baseline'; reason: string; expires?: string };
}

/** The gate's result. */
export interface GateResult {
  findings: GatedFinding[];
  /** Baseline entries past their expiry date: they no longer suppress. */
  stale: BaselineEntry[];
  /** Baseline entries that matched nothing in this run. */
  unused: BaselineEntry[];
  blocking: number;
  /** Unsuppressed findings of any severity. */
  unsuppressed: number;
}

/** Applies suppressions and the threshold; findings come back most severe first. */
export function applyGate(findings: readonly Finding[], failOn: Severity | 'none', baseline: readonly BaselineEntry[], now = new Date()): GateResult {
  const active = new Map<string, BaselineEntry>();
  const stale: BaselineEntry[] = [];
  for (const entry of baseline) {
    if (isExpired(entry, now)) stale.push(entry);
    else active.set(entry.fingerprint, entry);
  }
  const used = new Set<string>();
  const gated = findings.map((f): GatedFinding => {
    if (f.allowedInline) return { ...f, verdict: 'suppressed', suppression: { kind: 'inline', reason: 'security-scan:allow comment' } };
    const entry = active.get(f.fingerprint);
    if (entry) {
      used.add(entry.fingerprint);
      return { ...f, verdict: 'suppressed', suppression: { kind: 'baseline', reason: entry.reason, ...(entry.expires ? { expires: entry.expires } : {}) } };
    }
    return { ...f, verdict: reaches(f.severity, failOn) ? 'blocking' : 'reported' };
  });
  gated.sort((a, b) => compareSeverity(a.severity, b.severity) || a.scanner.localeCompare(b.scanner) || (a.location.file ?? '').localeCompare(b.location.file ?? '') || (a.location.line ?? 0) - (b.location.line ?? 0));
  return {
    findings: gated,
    stale,
    unused: [...active.values()].filter((e) => !used.has(e.fingerprint)),
    blocking: gated.filter((f) => f.verdict === 'blocking').length,
    unsuppressed: gated.filter((f) => f.verdict !== 'suppressed').length,
  };
}
