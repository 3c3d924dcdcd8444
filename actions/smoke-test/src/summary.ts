// The job summary: one status line and one table a person reads in five seconds, details folded below.
import { escapeMarkdown, formatDuration, type Cell, type Summary } from '@deploysafe/action-kit';
import { truncate } from '@deploysafe/http-probe';
import type { CheckOutcome, SmokeReport } from './run.ts';

function ms(value: number | undefined): string {
  return value === undefined ? '' : formatDuration(value);
}

const MAX_LINES = 5;
const MAX_CELL = 100;

// A table cell of up to five short lines; the JSON report has everything in full.
function cellLines(lines: readonly string[]): Cell {
  const shown = lines.slice(0, MAX_LINES).map((l) => escapeMarkdown(truncate(l, MAX_CELL)));
  if (lines.length > MAX_LINES) shown.push(`… ${lines.length - MAX_LINES} more`);
  return { raw: shown.join('<br>') };
}

function resultCell(o: CheckOutcome): string {
  if (o.notRun) return '❌ not run';
  if (!o.passed) return '❌ failed';
  if (o.wait && o.wait.retries > 0) return `✅ passed after ${o.wait.retries} ${o.wait.retries === 1 ? 'retry' : 'retries'} (${formatDuration(o.wait.waitedMs)})`;
  return '✅ passed';
}

function latencyCell(o: CheckOutcome): string {
  if (o.notRun) return '';
  const p95 = o.latency?.candidate.stats?.p95;
  return p95 !== undefined ? `${ms(o.result.latencyMs)} (p95 ${ms(p95)})` : ms(o.result.latencyMs);
}

/** Writes the smoke test's job summary. */
export function writeSummary(summary: Summary, report: SmokeReport, extra: { durationMs: number; junit?: string | undefined; reportPath: string }): void {
  const { totals } = report;
  summary.heading('Smoke test');
  const p95 = report.latency.p95Ms === undefined ? '' : report.latency.sampled ? ` · p95 ${report.latency.p95Ms}ms` : ` · p95 of single requests ${report.latency.p95Ms}ms`;
  const detail = `${report.url}${report.baselineUrl ? ` vs ${report.baselineUrl}` : ''} · ${formatDuration(extra.durationMs)}${p95}`;
  if (report.passed) summary.status('pass', `All ${totals.checks} check${totals.checks === 1 ? '' : 's'} passed`, detail);
  else summary.status('fail', `${totals.failed} of ${totals.checks} checks failed${totals.notRun > 0 ? ` (${totals.notRun} not run)` : ''}`, detail);

  summary.table(
    ['Check', 'Result', 'Status', 'Latency', 'Failed expectation', 'Actual'],
    report.checks.map((o) => [
      { code: o.name },
      resultCell(o),
      o.notRun ? '' : (o.result.status ?? o.result.error?.code ?? ''),
      latencyCell(o),
      o.notRun ? `not run: ${o.notRun}` : cellLines(o.failures.map((f) => f.expected)),
      cellLines(o.failures.map((f) => f.actual)),
    ]),
  );

  const sampled = report.checks.filter((o) => o.latency);
  if (sampled.length > 0) {
    const budget = report.latency.budgetMs !== undefined ? `, budget p95 ≤ ${ms(report.latency.budgetMs)}` : '';
    const baseline = report.baselineUrl ? `, baseline may be ${report.latency.tolerance}x slower at most (differences under ${ms(report.latency.marginMs)} ignored)` : '';
    summary.heading(`Latency (${report.latency.samples} samples per check${budget}${baseline})`, 3);
    const withBaseline = Boolean(report.baselineUrl);
    const headers = ['Check', 'p50', 'p95', 'max', 'failed samples', ...(withBaseline ? ['baseline p95', 'ratio'] : [])];
    summary.table(
      headers,
      sampled.map((o) => {
        const l = o.latency as NonNullable<CheckOutcome['latency']>;
        const s = l.candidate.stats;
        const row: Cell[] = [{ code: o.name }, ms(s?.p50), ms(s?.p95), ms(s?.max), String(l.candidate.failed)];
        if (withBaseline) row.push(l.baseline?.stats ? ms(l.baseline.stats.p95) : (l.baselineSkipped ? 'not compared' : '—'), l.ratio !== undefined ? `${l.ratio.toFixed(2)}x` : '');
        return row;
      }),
    );
  }

  const failedWithResponse = report.checks.filter((o) => !o.passed && o.result.response);
  if (failedWithResponse.length > 0) {
    summary.details(`Responses of failed checks (${failedWithResponse.length})`, (inner) => {
      for (const o of failedWithResponse) {
        const r = o.result.response as NonNullable<CheckOutcome['result']['response']>;
        const head = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`);
        inner.raw(`**${escapeMarkdown(o.name)}** — ${escapeMarkdown(`${o.result.method} ${o.result.url}`)}`);
        inner.code([`HTTP ${r.status}`, ...head, '', r.body].join('\n'), 'http');
      }
    });
  }
  summary.paragraph(`JSON report: ${extra.reportPath}${extra.junit ? ` · JUnit: ${extra.junit}` : ''}`);
}
