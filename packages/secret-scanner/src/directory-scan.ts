// Scans a working tree: list the files (honouring .gitignore), skip what is not source, scan the rest on the pool.
import { join } from 'node:path';
import type { SecretMatch } from './detector.ts';
import { skipReason } from './file-filter.ts';
import { listFiles } from './file-list.ts';
import { ScanPool, type ScanPoolOptions } from './scan-pool.ts';

/** A secret found in a file of the tree. */
export interface FileSecret extends SecretMatch {
  /** Path relative to the scanned root, with `/` separators. */
  file: string;
}

/** Files left out, by reason, with the paths that matter for a fail-closed verdict. */
export interface SkippedFiles {
  /** Counts by reason: lockfile, vendored, binary, too-large, unreadable. */
  counts: Record<string, number>;
  /** Files that could hold secrets but were not read (too large, unreadable), up to 100. */
  unread: { file: string; reason: string }[];
}

/** What a tree scan found and covered. */
export interface TreeScan {
  findings: FileSecret[];
  filesScanned: number;
  bytesScanned: number;
  skipped: SkippedFiles;
  ignoredBy: 'git' | 'gitignore';
  durationMs: number;
}

/** Options for scanDirectory. */
export interface TreeScanOptions extends ScanPoolOptions {
  /** Reuse a pool (it is not closed); otherwise one is made and closed. */
  pool?: ScanPool;
  /** Called as bytes are scanned, for progress lines. */
  onBytes?: (count: number) => void;
}

/** Records why something was not scanned. */
export function recordSkip(skipped: SkippedFiles, file: string, reason: string): void {
  const key = reason.startsWith('unreadable') ? 'unreadable' : reason;
  skipped.counts[key] = (skipped.counts[key] ?? 0) + 1;
  if ((key === 'too-large' || key === 'unreadable') && skipped.unread.length < 100) skipped.unread.push({ file, reason });
}

/** Scans every file under `root` that git (or the .gitignore files) does not ignore. */
export async function scanDirectory(root: string, options: TreeScanOptions = {}): Promise<TreeScan> {
  const started = performance.now();
  const { files, ignoredBy } = await listFiles(root);
  const pool = options.pool ?? new ScanPool(options);
  const skipped: SkippedFiles = { counts: {}, unread: [] };
  const findings: FileSecret[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;
  try {
    const jobs: Promise<void>[] = [];
    for (const file of files) {
      const reason = skipReason(file);
      if (reason) {
        recordSkip(skipped, file, reason);
        continue;
      }
      jobs.push(
        pool.submit({ path: join(root, file) }).then((outcome) => {
          if (outcome.skipped) {
            // A path listed by git but gone from disk (deleted, not staged) is not content to scan.
            if (outcome.skipped === 'unreadable: ENOENT') return;
            // git lists a submodule as one path; its files belong to another repository's scan.
            if (outcome.skipped === 'unreadable: EISDIR') return recordSkip(skipped, file, 'submodule');
            recordSkip(skipped, file, outcome.skipped);
            return;
          }
          filesScanned++;
          bytesScanned += outcome.bytes;
          options.onBytes?.(outcome.bytes);
          for (const m of outcome.matches) findings.push({ ...m, file });
        }),
      );
    }
    await Promise.all(jobs);
  } finally {
    if (!options.pool) await pool.close();
  }
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return { findings, filesScanned, bytesScanned, skipped, ignoredBy, durationMs: performance.now() - started };
}
