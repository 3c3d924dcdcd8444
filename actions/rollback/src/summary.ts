import { formatDuration, type Cell, type Summary } from '@deploysafe/action-kit';
import type { RowCountComparison } from '@deploysafe/backup';
import type { ReleaseRecord } from '@deploysafe/deploy';

/** One thing the rollback did, for the steps table. */
export interface Step {
  name: string;
  where: string;
  ok: boolean;
  detail: string;
}

/** What the database restore did. */
export interface RestoreReport {
  backupId: string;
  /** `record`: the backup recorded with the undone release; `input`: backup-id. */
  source: 'input' | 'record';
  /** When the backup was taken (its dump started): writes after this are lost. */
  takenAt: string;
  finishedAt: string;
  restored: boolean;
  dataWindowMs: number;
  durationMs: number;
  storage: string;
  database: string;
  rowCounts: RowCountComparison | undefined;
}

/** What the job summary shows. */
export interface RollbackSummaryData {
  outcome: 'rolled-back' | 'nothing' | 'failed';
  target: string;
  provider: string;
  environment: string;
  /** The release undone (or, with nothing to do, the one an earlier rollback undid). */
  from: string | undefined;
  /** The release traffic was to go back to. */
  to: string;
  live: { color: string; release: string };
  toColor: string | undefined;
  reason: string | undefined;
  actor: string;
  steps: Step[];
  failure: string | undefined;
  /** From the start of the step until traffic was on the old release. */
  trafficMs?: number | undefined;
  durationMs: number;
  restoreRequested: boolean;
  restore?: RestoreReport | undefined;
  restoreNote?: string | undefined;
  message?: string | undefined;
  record: ReleaseRecord;
  runUrl: string | undefined;
}

function headline(d: RollbackSummaryData): [status: 'pass' | 'fail' | 'info', title: string, detail: string] {
  if (d.outcome === 'nothing') return ['info', `Nothing to roll back: ${d.live.release} is live on ${d.live.color}`, d.message ?? ''];
  if (d.outcome === 'failed') {
    const rolled = d.live.release === d.to && d.from !== undefined && d.live.release !== d.from;
    return ['fail', rolled ? `${d.to} is live again, but the rollback did not finish` : `The rollback of ${d.from} to ${d.to} failed`, `traffic is on ${d.live.release} (${d.live.color})`];
  }
  const db = d.restore?.restored ? `; database restored from ${d.restore.backupId}` : '';
  return ['pass', `Rolled back ${d.from} → ${d.to}: ${d.to} is live on ${d.live.color}`, `traffic back after ${formatDuration(d.trafficMs ?? 0)}, done in ${formatDuration(d.durationMs)}${db}`];
}

function databaseRows(d: RollbackSummaryData): [string, Cell][] {
  if (d.restore) {
    const r = d.restore;
    return [
      ['Database restored', r.restored ? `yes — ${r.database}` : `NO — the restore failed (${r.database} is as it was before)`],
      ['Backup', { code: r.backupId }],
      ['Backup taken at', `${r.takenAt}${r.source === 'record' ? ` (recorded with ${d.from} when it was deployed)` : ' (backup-id input)'}`],
      ...(r.restored
        ? ([['Data window lost', `${formatDuration(r.dataWindowMs)}: everything written between ${r.takenAt} and ${r.finishedAt} is gone from the database`]] as [string, Cell][])
        : []),
      ['Backup storage', { code: r.storage }],
    ];
  }
  if (d.restoreNote) return [['Database', d.restoreNote]];
  return [['Database', d.restoreRequested ? 'not restored' : 'not touched (restore-database: false)']];
}

/** Writes the summary on-call reads: from which release to which, how long, what happened to the database. */
export function writeRollbackSummary(summary: Summary, d: RollbackSummaryData): void {
  const [status, title, detail] = headline(d);
  summary.heading(`rollback: ${d.environment}`).status(status, title, detail);
  if (d.failure) summary.paragraph(`What went wrong: ${d.failure}`);
  summary.keyValues([
    ...((d.outcome === 'nothing'
      ? d.from
        ? [['Earlier rollback', `${d.from} → ${d.to}`]]
        : []
      : [
          ['From', d.from ? { code: d.from } : '—'],
          ['To', { code: d.to }],
        ]) as [string, Cell][]),
    ['Live now', `${d.live.release} on ${d.live.color}`],
    ...(d.trafficMs !== undefined ? ([['Traffic back on the old release after', formatDuration(d.trafficMs)]] as [string, Cell][]) : []),
    ['Duration', formatDuration(d.durationMs)],
    ['Reason', d.reason ?? '(none given)'],
    ['By', d.actor || '—'],
    ...databaseRows(d),
    ['Target', { code: `${d.target} (${d.provider})` }],
    ...(d.runUrl ? ([['Run', { raw: `[${d.runUrl}](${d.runUrl})` }]] as [string, Cell][]) : []),
  ]);
  if (d.steps.length > 0) summary.table(['Step', 'Where', 'Result'], d.steps.map((s) => [s.name, { code: s.where }, `${s.ok ? '✅' : '❌'} ${s.detail}`]));
  if (d.outcome === 'rolled-back' && d.from) {
    summary.paragraph(
      `To undo this rollback, run rollback with to: ${d.from}${d.restore?.restored ? ' (the database keeps the restored content; restore a newer backup with db-backup if you need the lost writes)' : ''}.`,
    );
  }
  const rows = d.restore?.rowCounts?.differences ?? [];
  if (rows.length > 0) {
    summary.details(`Row counts that differ from the backup (${rows.length})`, (inner) =>
      inner.table(['Table', 'In the backup', 'Restored'], rows.map((r) => [{ code: r.table }, r.expected ?? 'no table', r.actual ?? 'no table'])),
    );
  }
  const recent = d.record.history.slice(-8).reverse();
  summary.details(`Release history (last ${recent.length})`, (inner) =>
    inner.table(
      ['Release', 'Colour', 'Status', 'Deployed', 'By', 'Backup', 'Reason'],
      recent.map((e) => [{ code: e.release }, e.color, e.status, e.deployedAt, e.actor || '—', e.backupId ? { code: e.backupId } : '—', e.reason ?? '']),
    ),
  );
}
