import { type Cell, type Summary, formatBytes, formatDuration } from '@deploysafe/action-kit';
import {
  type BackupListing,
  type BackupStorage,
  type DatabaseEngine,
  type Manifest,
  type PruneResult,
  type RestoreResult,
  type RetentionPolicy,
  type RowCountComparison,
  type VerifyResult,
  formatRetention,
} from '@deploysafe/backup';

function rate(bytes: number, ms: number): string {
  return ms > 0 ? `${formatBytes(Math.round((bytes / ms) * 1000))}/s` : '–';
}

function ratio(m: Manifest): string {
  return m.sizes.stored > 0 ? `${(m.sizes.dump / m.sizes.stored).toFixed(2)}×` : '–';
}

function encryptionText(m: Manifest): string {
  return m.encryption.algorithm === 'none' ? 'none ⚠️' : `AES-256-GCM, ${m.encryption.chunkSize / 1024} KiB chunks, scrypt N=2^${m.encryption.kdf.log2N}`;
}

function sourceText(m: Manifest): Cell {
  const parts = [m.source.commit ? m.source.commit.slice(0, 12) : '', m.source.runId ? `run ${m.source.runId}` : ''].filter(Boolean);
  return parts.length ? { code: parts.join(' · ') } : '–';
}

function rowCountTable(summary: Summary, comparison: RowCountComparison | undefined, manifest: Manifest): void {
  if (!comparison) return;
  const tables = Object.keys(manifest.rowCounts.tables).length;
  if (comparison.matches) {
    summary.paragraph(`Row counts of all ${tables} tables match the manifest${comparison.exact ? ' (taken in the dump snapshot)' : ''}.`);
    return;
  }
  summary.table(
    ['Table', 'In the manifest', 'After restore'],
    comparison.differences.slice(0, 50).map((d) => [{ code: d.table }, d.expected ?? 'absent', d.actual ?? 'absent']),
  );
}

/** The summary of a backup. */
export function backupSummary(
  summary: Summary,
  data: {
    manifest: Manifest;
    location: string;
    storage: BackupStorage;
    durationMs: number;
    verification: { mode: 'checksum' | 'restore' | 'none'; ms?: number; restoreMs?: number; rowCounts?: RowCountComparison };
    pruned: PruneResult | undefined;
    retention: RetentionPolicy;
    retentionNote: string | undefined;
  },
): void {
  const { manifest: m, verification: v } = data;
  summary.heading(`db-backup: ${m.database}`);
  const verified =
    v.mode === 'none' ? 'not verified (verify: none)' : v.mode === 'checksum' ? 'checksum and every chunk verified' : 'verified by a scratch restore';
  summary.status(v.mode === 'none' || m.encryption.algorithm === 'none' ? 'warn' : 'pass', `Backup ${m.id} stored`, `${formatBytes(m.sizes.stored)}, ${verified}`);
  summary.paragraph('To restore it:');
  summary.code(
    [
      '- uses: deploysafe/deploysafe/actions/db-backup@v1',
      '  with:',
      '    operation: restore',
      `    backup-id: ${m.id}`,
      `    destination: ${data.storage.description.replace(/ \(run \d+\)$/, '')}`,
      '    database-url: ${{ secrets.DATABASE_URL }}',
      ...(m.encryption.algorithm === 'none' ? ['    encryption: none'] : ['    encryption-key: ${{ secrets.BACKUP_KEY }}']),
      `    confirm: ${m.database}`,
    ].join('\n'),
    'yaml',
  );
  summary.keyValues([
    ['Backup id', { code: m.id }],
    ['Database', `${m.engine} ${m.serverVersion} · ${m.database}`],
    ['Location', { code: data.location }],
    ['Dump size', formatBytes(m.sizes.dump)],
    ['Stored size', `${formatBytes(m.sizes.stored)} (${m.compression.algorithm} level ${m.compression.level}, ratio ${ratio(m)})`],
    ['Duration', `${formatDuration(m.durationMs)} (dump to stored object)`],
    ['Throughput', `${rate(m.sizes.dump, m.durationMs)} of dump`],
    ['Encryption', encryptionText(m)],
    ['SHA-256', { code: m.sha256 }],
    ['Verification', v.ms !== undefined ? `${verified} in ${formatDuration(v.ms)}${v.restoreMs !== undefined ? `; restore took ${formatDuration(v.restoreMs)}` : ''}` : verified],
    ['Tables', `${Object.keys(m.rowCounts.tables).length} (${Object.values(m.rowCounts.tables).reduce((a, b) => a + b, 0)} rows)`],
    ['Label', m.label || '–'],
    ['Source', sourceText(m)],
    ['Retention', data.retentionNote ?? formatRetention(data.retention)],
  ]);
  rowCountTable(summary, v.rowCounts, m);
  if (data.pruned) pruneDetails(summary, data.pruned);
}

function pruneDetails(summary: Summary, result: PruneResult): void {
  const removed = result.decisions.filter((d) => !d.keep);
  const title = result.dryRun
    ? `Retention (dry run): ${removed.length} backup(s) would be removed, ${result.decisions.length - removed.length} kept`
    : `Retention: ${removed.length} backup(s) removed, ${result.decisions.length - removed.length} kept`;
  summary.details(title, (inner) => {
    inner.table(
      ['Backup', 'Taken', 'Size', 'Decision', 'Why'],
      result.decisions.map((d) => [
        { code: d.item.id },
        d.item.manifest.startedAt,
        formatBytes(d.item.manifest.sizes.stored),
        d.keep ? 'keep' : result.dryRun ? 'would remove' : 'removed',
        d.reasons.join(', ') || 'no rule keeps it',
      ]),
    );
    if (result.orphansRemoved.length > 0) inner.list(result.orphansRemoved.map((o) => `removed interrupted upload ${o}`));
  });
}

/** The summary of a restore. */
export function restoreSummary(summary: Summary, data: { result: RestoreResult; storage: BackupStorage; engine: DatabaseEngine; mode: string; durationMs: number }): void {
  const { manifest: m, rowCounts } = data.result;
  summary.heading(`db-backup: restore into ${data.engine.name}`);
  const ok = rowCounts.matches;
  summary.status(ok ? 'pass' : rowCounts.exact ? 'fail' : 'warn', `Restored ${m.id} into ${data.engine.name}`, ok ? 'row counts match the backup' : 'row counts differ from the manifest');
  summary.keyValues([
    ['Backup', { code: m.id }],
    ['Taken', `${m.startedAt} from ${m.engine} ${m.serverVersion}`],
    ['Source', sourceText(m)],
    ['Target', { code: data.engine.display }],
    ['Mode', data.mode === 'replace' ? 'replace (the previous database was replaced)' : 'into an empty database'],
    ['Verified before restoring', `SHA-256, size${m.encryption.algorithm === 'none' ? '' : ', every chunk authenticated'} in ${formatDuration(data.result.verification.durationMs)}`],
    ['Restore time', formatDuration(data.result.restoreMs)],
    ['Total', formatDuration(data.durationMs)],
  ]);
  rowCountTable(summary, rowCounts, m);
}

/** The summary of a verification. */
export function verifySummary(summary: Summary, data: { result: VerifyResult; storage: BackupStorage; mode: 'checksum' | 'restore' }): void {
  const { manifest: m, rowCounts } = data.result;
  summary.heading(`db-backup: verify ${m.id}`);
  const ok = !rowCounts || rowCounts.matches;
  summary.status(ok ? 'pass' : rowCounts?.exact ? 'fail' : 'warn', `Backup ${m.id} ${ok ? 'verified' : 'restored with different row counts'}`, data.mode === 'restore' ? `restore took ${formatDuration(data.result.restoreMs ?? 0)}` : 'checksum and authentication');
  summary.keyValues([
    ['Backup', { code: m.id }],
    ['Location', { code: data.storage.locationOf(m.object) }],
    ['Taken', `${m.startedAt} from ${m.engine} ${m.serverVersion} · ${m.database}`],
    ['Stored size', formatBytes(m.sizes.stored)],
    ['Checksum pass', `SHA-256 and size match${m.encryption.algorithm === 'none' ? '' : ', every chunk authenticated'}; read in ${formatDuration(data.result.verification.durationMs)} (${rate(m.sizes.stored, data.result.verification.durationMs)})`],
    ...(data.mode === 'restore'
      ? ([
          ['Scratch database', `${data.result.scratchDatabase ?? '–'} (created and dropped)`],
          ['Measured restore time', formatDuration(data.result.restoreMs ?? 0)],
        ] as [string, Cell][])
      : []),
  ]);
  rowCountTable(summary, rowCounts, m);
}

/** The summary of a listing. */
export function listSummary(summary: Summary, data: { listing: BackupListing; storage: BackupStorage }): void {
  const { backups, problems, orphans } = data.listing;
  summary.heading(`db-backup: backups in ${data.storage.description}`);
  summary.status(backups.length > 0 ? 'info' : 'warn', `${backups.length} complete backup(s)`, backups[0] ? `newest ${backups[0].id}` : 'none found');
  summary.table(
    ['Backup', 'Taken', 'Database', 'Label', 'Stored', 'Ratio', 'Encrypted', 'Source'],
    backups.map((m) => [{ code: m.id }, m.startedAt, `${m.engine}/${m.database}`, m.label || '–', formatBytes(m.sizes.stored), ratio(m), m.encryption.algorithm === 'none' ? 'no ⚠️' : 'yes', sourceText(m)]),
  );
  if (problems.length > 0) summary.details(`${problems.length} manifest(s) skipped`, (inner) => inner.list(problems));
  if (orphans.length > 0) summary.details(`${orphans.length} interrupted upload(s) without a manifest`, (inner) => inner.list(orphans));
}

/** The summary of a prune. */
export function pruneSummary(summary: Summary, data: { result: PruneResult; storage: BackupStorage; retention: RetentionPolicy }): void {
  const removed = data.result.decisions.filter((d) => !d.keep).length;
  summary.heading(`db-backup: prune ${data.storage.description}`);
  summary.status(
    'info',
    data.result.dryRun ? `Dry run: ${removed} backup(s) would be removed` : `${removed} backup(s) removed`,
    `${formatRetention(data.retention)}; ${data.result.decisions.length - removed} kept`,
  );
  pruneDetails(summary, data.result);
}
