// What one run of the action found, in the shape the summary, annotations and JSON report share.
import type { GateResult } from './gate.ts';
import type { ScannerId } from './inputs.ts';
import type { ScannerResult } from './scanner.ts';

/** One scanner's part of the outcome. */
export interface ScannerOutcome {
  id: ScannerId;
  title: string;
  result: ScannerResult;
}

/** Everything the reports are written from. */
export interface ScanOutcome {
  passed: boolean;
  failOn: string;
  scanners: ScannerOutcome[];
  gate: GateResult;
  /** Results left out of SARIF to stay within GitHub's limits, per scanner. */
  sarifTruncated: Partial<Record<ScannerId, number>>;
  durationMs: number;
}

/** The JSON report: findings with verdicts and redacted secrets, coverage, stale baseline entries. */
export function jsonReport(outcome: ScanOutcome): unknown {
  const { gate } = outcome;
  const count = (verdict: string) => gate.findings.filter((f) => f.verdict === verdict).length;
  return {
    tool: 'deploysafe/security-scan',
    reportVersion: 1,
    passed: outcome.passed,
    failOn: outcome.failOn,
    counts: { blocking: count('blocking'), reported: count('reported'), suppressed: count('suppressed'), staleBaselineEntries: gate.stale.length },
    scanners: outcome.scanners.map((s) => ({ id: s.id, title: s.title, coverage: Object.fromEntries(s.result.coverage), notes: s.result.notes })),
    findings: gate.findings,
    staleBaseline: gate.stale,
    unusedBaseline: gate.unused,
    durationMs: Math.round(outcome.durationMs),
  };
}
