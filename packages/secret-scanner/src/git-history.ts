// Scans what a range of commits added: every blob once, and only secrets its parent versions did not already hold.
import { runCommand } from '@deploysafe/action-kit';
import type { SecretMatch } from './detector.ts';
import { recordSkip, type SkippedFiles } from './directory-scan.ts';
import { skipReason } from './file-filter.ts';
import { readBlobs } from './git-blobs.ts';
import { ScanPool, type ScanPoolOptions } from './scan-pool.ts';

/** A secret found in a blob that a commit in the range added. */
export interface CommitSecret extends SecretMatch {
  file: string;
  /** The first commit (oldest) in the range that added this blob. */
  commit: string;
  /** That commit's committer date, ISO 8601. */
  commitDate: string;
}

/** What a history scan found and covered. */
export interface HistoryScan {
  findings: CommitSecret[];
  commits: number;
  blobsScanned: number;
  bytesScanned: number;
  skipped: SkippedFiles;
  durationMs: number;
}

/** Options for scanHistory. */
export interface HistoryScanOptions extends ScanPoolOptions {
  pool?: ScanPool;
  /** Only changes under these repository-relative paths (git pathspecs); default the whole repository. */
  paths?: string[];
  onBytes?: (count: number) => void;
}

interface BlobChange {
  blob: string;
  file: string;
  commit: string;
  commitDate: string;
  /** The blob in each parent (zeros when the file is new there). */
  parents: string[];
}

const ZERO = /^0+$/;

/** Parses `git log --format=%x01%H %cI --raw -c --no-abbrev -z` output into blob changes (deletions and non-files dropped). */
export function parseRawLog(output: string): { commits: number; changes: BlobChange[] } {
  const tokens = output.split('\0');
  const changes: BlobChange[] = [];
  let commits = 0;
  let commit = '';
  let commitDate = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as string).replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      [commit = '', commitDate = ''] = token.slice(1).split(' ');
      commits++;
      continue;
    }
    if (!token.startsWith(':')) continue;
    const file = tokens[++i] ?? '';
    // ":old new oldblob newblob S" or, for merges, "::m1 m2 new b1 b2 newblob SS".
    const colons = /^:+/.exec(token)?.[0].length ?? 1;
    const fields = token.slice(colons).split(' ');
    const modes = fields.slice(0, colons + 1);
    const blobs = fields.slice(colons + 1, colons * 2 + 2);
    const status = fields[colons * 2 + 2] ?? '';
    const newMode = modes[colons] as string;
    const newBlob = blobs[colons] as string;
    if (status.includes('D') && ZERO.test(newBlob)) continue;
    if (newMode !== '100644' && newMode !== '100755') continue;
    changes.push({ blob: newBlob, file, commit, commitDate, parents: blobs.slice(0, colons).filter((b) => !ZERO.test(b)) });
  }
  return { commits, changes };
}

/** Lists the commits `git log <revisions>` selects (oldest first) and what each added. */
export async function listChanges(repo: string, revisions: readonly string[], paths: readonly string[] = []): Promise<{ commits: number; changes: BlobChange[] }> {
  const result = await runCommand(
    'git',
    ['-C', repo, 'log', '--reverse', '--format=%x01%H %cI', '--raw', '-c', '--no-abbrev', '--no-renames', '--no-color', '--no-ext-diff', '-z', ...revisions, '--', ...paths.map((p) => `:(literal)${p}`)],
    { captureLimit: 2 * 1024 * 1024 * 1024, timeoutMs: 900_000 },
  );
  return parseRawLog(result.stdout);
}

/** Scans the blobs added by the commits that `revisions` select (`base..head`, `--all`, `head --not origin/main`). */
export async function scanHistory(repo: string, revisions: readonly string[], options: HistoryScanOptions = {}): Promise<HistoryScan> {
  const started = performance.now();
  const { commits, changes } = await listChanges(repo, revisions, options.paths);
  const firstSeen = new Map<string, BlobChange>();
  const skipped: SkippedFiles = { counts: {}, unread: [] };
  for (const change of changes) {
    if (firstSeen.has(change.blob)) continue;
    const reason = skipReason(change.file);
    if (reason) {
      recordSkip(skipped, `${change.file}@${change.commit.slice(0, 12)}`, reason);
      continue;
    }
    firstSeen.set(change.blob, change);
  }

  const pool = options.pool ?? new ScanPool(options);
  const found: { change: BlobChange; matches: SecretMatch[] }[] = [];
  let blobsScanned = 0;
  let bytesScanned = 0;
  try {
    const jobs: Promise<void>[] = [];
    for await (const blob of readBlobs(repo, [...firstSeen.keys()])) {
      const change = firstSeen.get(blob.id) as BlobChange;
      if (!blob.bytes) {
        recordSkip(skipped, `${change.file}@${change.commit.slice(0, 12)}`, 'unreadable: missing object');
        continue;
      }
      jobs.push(
        pool.submit({ bytes: blob.bytes, path: change.file }).then((outcome) => {
          if (outcome.skipped) return recordSkip(skipped, `${change.file}@${change.commit.slice(0, 12)}`, outcome.skipped);
          blobsScanned++;
          bytesScanned += outcome.bytes;
          options.onBytes?.(outcome.bytes);
          if (outcome.matches.length > 0) found.push({ change, matches: outcome.matches });
        }),
      );
      // Keep memory bounded: let the threads catch up before reading more blobs.
      await pool.whenBelow(512);
    }
    await Promise.all(jobs);
  } finally {
    if (!options.pool) await pool.close();
  }

  // A secret the parent version already held was not added by this commit.
  const parentIds = [...new Set(found.flatMap((f) => f.change.parents))];
  const parentText = new Map<string, string>();
  for await (const blob of readBlobs(repo, parentIds)) if (blob.bytes) parentText.set(blob.id, Buffer.from(blob.bytes).toString('utf8'));
  const findings: CommitSecret[] = [];
  for (const { change, matches } of found) {
    for (const m of matches) {
      if (change.parents.some((p) => parentText.get(p)?.includes(m.secret))) continue;
      findings.push({ ...m, file: change.file, commit: change.commit, commitDate: change.commitDate });
    }
  }
  findings.sort((a, b) => a.commitDate.localeCompare(b.commitDate) || a.file.localeCompare(b.file) || a.line - b.line);
  return { findings, commits, blobsScanned, bytesScanned, skipped, durationMs: performance.now() - started };
}
