// The job summary (grouped by scanner) and the file/line annotations.
import { formatDuration, type Logger, type Summary } from '@deploysafe/action-kit';
import { describeLocation } from './finding.ts';
import type { GatedFinding } from './gate.ts';
import type { ScanOutcome } from './scan-outcome.ts';

const MAX_ROWS = 100;
const MAX_ANNOTATIONS = 200;
const SEVERITY_BADGE: Record<string, string> = { critical: '🟥 critical', high: '🟧 high', medium: '🟨 medium', low: '⬜ low' };
const VERDICT: Record<string, string> = { blocking: '❌ fails the gate', reported: 'reported', suppressed: 'suppressed' };

function rows(findings: readonly GatedFinding[]) {
  return findings.slice(0, MAX_ROWS).map((f) => [
    SEVERITY_BADGE[f.severity] ?? f.severity,
    { code: f.ruleId },
    f.location.file ? { code: describeLocation(f.location) } : describeLocation(f.location),
    f.secretPreview ? { code: f.secretPreview } : (f.details?.summary ?? ''),
    f.commit ? { code: f.commit.sha.slice(0, 12) } : '',
    f.verdict === 'suppressed' ? `suppressed: ${f.suppression?.reason ?? ''}` : (VERDICT[f.verdict] ?? f.verdict),
  ] as const);
}

/** Writes the job summary: the verdict first, then one section per scanner, then the baseline's state. */
export function writeSummary(summary: Summary, outcome: ScanOutcome): void {
  const { gate } = outcome;
  const threshold = outcome.failOn === 'none' ? 'fail-on: none (findings never fail)' : `fail-on: ${outcome.failOn}`;
  summary.heading('Security scan');
  if (outcome.passed) {
    summary.status('pass', 'Passed', `${gate.unsuppressed} finding(s) below the threshold, ${gate.findings.length - gate.unsuppressed} suppressed; ${threshold}; ${formatDuration(outcome.durationMs)}`);
  } else {
    summary.status('fail', 'Failed', `${gate.blocking} finding(s) at or above the threshold; ${threshold}`);
  }
  for (const scanner of outcome.scanners) {
    const mine = gate.findings.filter((f) => f.scanner === scanner.id);
    const blocking = mine.filter((f) => f.verdict === 'blocking').length;
    const suppressedCount = mine.filter((f) => f.verdict === 'suppressed').length;
    summary.heading(`${scanner.title}: ${mine.length === 0 ? 'nothing found' : `${mine.length - suppressedCount} finding(s), ${blocking} blocking, ${suppressedCount} suppressed`}`, 3);
    summary.keyValues(scanner.result.coverage);
    const open = mine.filter((f) => f.verdict !== 'suppressed');
    summary.table(['Severity', 'Rule', 'Location', 'Secret / detail', 'Commit', 'Verdict'], rows(open));
    if (open.length > MAX_ROWS) summary.paragraph(`… and ${open.length - MAX_ROWS} more in the JSON report.`);
    const suppressed = mine.filter((f) => f.verdict === 'suppressed');
    if (suppressed.length > 0) summary.details(`${suppressed.length} suppressed finding(s)`, (inner) => inner.table(['Severity', 'Rule', 'Location', 'Secret / detail', 'Commit', 'Why'], rows(suppressed)));
    const truncated = outcome.sarifTruncated[scanner.id];
    const notes = [...scanner.result.notes, ...(truncated ? [`${truncated} lower-severity result(s) left out of SARIF (GitHub shows ${'5000'} per run); all are in the JSON report.`] : [])];
    if (notes.length > 0) summary.list(notes);
  }
  if (gate.stale.length > 0) {
    summary.heading('Stale baseline entries', 3);
    summary.paragraph('These entries have expired and no longer suppress anything: fix the findings or renew the entries with a new reason.');
    summary.table(['Fingerprint', 'Expired', 'Reason'], gate.stale.map((e) => [{ code: e.fingerprint }, e.expires ?? '', e.reason]));
  }
  if (gate.unused.length > 0) {
    summary.details(`${gate.unused.length} baseline entr${gate.unused.length === 1 ? 'y' : 'ies'} matched nothing (safe to remove)`, (inner) =>
      inner.table(['Fingerprint', 'Reason'], gate.unused.map((e) => [{ code: e.fingerprint }, e.reason])),
    );
  }
  const open = gate.findings.filter((f) => f.verdict !== 'suppressed');
  if (open.length > 0) {
    summary.details('Accept a finding on purpose', (inner) =>
      inner
        .paragraph('Add its fingerprint to the baseline file with a reason (and an expiry date), or put a security-scan:allow comment on its line:')
        .code(['version: 1', 'findings:', ...open.slice(0, 3).flatMap((f) => [`  - fingerprint: ${f.fingerprint}`, `    reason: ${f.ruleId} in ${describeLocation(f.location)} is ...`, '    expires: 2030-01-31'])].join('\n'), 'yaml'),
    );
  }
}

/** One annotation per unsuppressed finding, on its file and line: errors for blocking ones, warnings otherwise. */
export function annotate(logger: Logger, outcome: ScanOutcome): void {
  const open = outcome.gate.findings.filter((f) => f.verdict !== 'suppressed');
  for (const f of open.slice(0, MAX_ANNOTATIONS)) {
    const where = f.location.file ? { file: f.location.file, startLine: f.location.line ?? 1, ...(f.location.endLine ? { endLine: f.location.endLine } : {}), title: `security-scan: ${f.ruleId}` } : { title: `security-scan: ${f.ruleId}` };
    if (f.verdict === 'blocking') logger.error(f.message, where);
    else logger.warning(f.message, where);
  }
  if (open.length > MAX_ANNOTATIONS) logger.warning(`${open.length - MAX_ANNOTATIONS} more finding(s) are not annotated; see the job summary and the JSON report.`);
}
