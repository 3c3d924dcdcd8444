import { describeSecret, type Cell, type Summary } from '@deploysafe/action-kit';
import { shannonEntropy } from '@deploysafe/secret-heuristics';
import type { FileCheckResult } from './check-file.ts';
import { urlPassword } from './production-rules.ts';

const MAX_ROWS = 200;

/** What the summary shows. */
export interface SummaryData {
  results: readonly FileCheckResult[];
  environment: string;
  failOn: string;
  failed: boolean;
  errors: number;
  warnings: number;
  productionRules: boolean;
  reportPath: string;
}

/** A value as the summary may show it: secrets as `••••(N chars)`, passwords in URLs blanked. */
export function displayValue(key: string, value: string, secretKeys: ReadonlySet<string>): Cell {
  if (secretKeys.has(key)) return describeSecret(value);
  if (urlPassword(value) !== undefined) return { code: value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^/?#]*@/i, '$1••••@') };
  // Not named like a secret, but shaped like one: do not show it either.
  if (value.length >= 20 && shannonEntropy(value) >= 3.5 && !/\s/.test(value) && !/^https?:\/\/[^@]*$/.test(value)) return describeSecret(value);
  if (value === '') return '(empty)';
  return { code: value.length > 80 ? `${value.slice(0, 77)}...` : value };
}

/** Writes config-validate's job summary. */
export function writeSummary(summary: Summary, data: SummaryData): void {
  const { results, errors, warnings } = data;
  const fileCount = `${results.length} file${results.length === 1 ? '' : 's'}`;
  summary.heading(`config-validate · ${data.environment}`);
  const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${fileCount}`;
  if (data.failed) summary.status('fail', 'Failed', counts);
  else if (errors + warnings > 0) summary.status('warn', 'Passed with findings', counts);
  else summary.status('pass', 'Passed', `no findings in ${fileCount}`);
  summary.paragraph(`Production rules ${data.productionRules ? 'on' : 'off'} · fail-on: ${data.failOn} · report: ${data.reportPath}`);

  const findings = results.flatMap((r) => r.findings);
  if (findings.length > 0) {
    const rows = findings.slice(0, MAX_ROWS).map((f): Cell[] => [
      { code: f.line === null ? f.file : `${f.file}:${f.line}` },
      f.key ? { code: f.key } : '',
      { code: f.rule },
      f.severity === 'error' ? { raw: '❌ error' } : { raw: '⚠️ warning' },
      f.message,
    ]);
    summary.table(['Where', 'Key', 'Rule', 'Severity', 'Problem'], rows);
    if (findings.length > MAX_ROWS) summary.paragraph(`... and ${findings.length - MAX_ROWS} more in the JSON report.`);
  }

  const suppressed = results.flatMap((r) => r.suppressed);
  if (suppressed.length > 0) {
    summary.details(`Suppressed (${suppressed.length})`, (inner) =>
      inner.table(
        ['Where', 'Rule', 'Reason'],
        suppressed.map((s) => [{ code: `${s.file}:${s.line ?? ''}` }, { code: s.rule }, s.reason]),
      ),
    );
  }

  for (const r of results) {
    summary.details(`Keys in ${r.file} (${r.entries.length})`, (inner) =>
      inner.table(
        ['Line', 'Key', 'Value'],
        r.entries.map((e) => [e.line, { code: e.key }, displayValue(e.key, e.value, r.secretKeys)]),
      ),
    );
  }
}
