// The secrets scanner: the working tree and the commits `history` selects, through @deploysafe/secret-scanner.
import { realpath } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ByteProgress, ConfigurationError, describeSecret, formatBytes, formatDuration, runCommand } from '@deploysafe/action-kit';
import { ScanPool, scanDirectory, scanHistory, secretRules, worthMasking, type SecretMatch, type SkippedFiles } from '@deploysafe/secret-scanner';
import { fingerprint, type Finding, type RuleInfo } from '../finding.ts';
import { planHistory, type HistoryPlan } from '../history-range.ts';
import type { ScanContext, Scanner, ScannerResult } from '../scanner.ts';

const RULES = new Map(secretRules.map((r) => [r.id, r]));

/** The rule table, as SARIF and the README list it. */
export const secretRuleInfo: RuleInfo[] = secretRules.map((r) => ({ id: r.id, title: r.title, description: r.description, severity: r.severity }));

async function repositoryRoot(dir: string): Promise<string | undefined> {
  const result = await runCommand('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { check: false, timeoutMs: 30_000 }).catch(() => undefined);
  return result?.exitCode === 0 ? result.stdout.trim() : undefined;
}

function toFinding(m: SecretMatch, file: string, workspace: string, base: string, commit?: { sha: string; date: string }): Finding {
  const rule = RULES.get(m.ruleId);
  const path = relative(workspace, join(base, file)).split('\\').join('/');
  const preview = describeSecret(m.secret, 4);
  return {
    scanner: 'secrets',
    ruleId: m.ruleId,
    severity: m.severity,
    message: `${rule?.title ?? m.ruleId} (${preview}) in ${path}:${m.line}${commit ? ` added by commit ${commit.sha.slice(0, 12)}` : ''}. ${rule?.description ?? ''}`.trim(),
    location: { file: path, line: m.line, column: m.column, endLine: m.endLine },
    fingerprint: fingerprint('secrets', m.ruleId, path, m.secret),
    ...(commit ? { commit } : {}),
    secretPreview: preview,
    ...(m.allowedInline ? { allowedInline: true } : {}),
  };
}

function skippedNotes(skipped: SkippedFiles, where: string): string[] {
  return skipped.unread.map((u) => `Not scanned in ${where}: ${u.file} (${u.reason === 'too-large' ? 'larger than the 10 MiB limit' : u.reason}).`);
}

function skippedText(skipped: SkippedFiles): string {
  const parts = Object.entries(skipped.counts).map(([reason, n]) => `${n} ${reason}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** Secrets in the working tree and in git history. */
export const secretsScanner: Scanner = {
  id: 'secrets',
  title: 'Secrets',
  async run(scan: ScanContext): Promise<ScannerResult> {
    const { inputs, ctx } = scan;
    const { logger, secrets } = ctx;
    // git reports real paths; compare like with like so tree and history findings share paths and fingerprints.
    const root = await realpath(inputs.path);
    const workspace = await realpath(scan.workspace).catch(() => scan.workspace);
    const repo = await repositoryRoot(root);
    // Resolve the range first: a range that cannot be resolved fails before any scanning.
    let plan: HistoryPlan | undefined;
    if (inputs.history.kind !== 'none') {
      if (!repo) throw new ConfigurationError(`history: ${inputs.history.kind} needs a git checkout, but ${root} is not inside one. Set history to none to scan only the files.`);
      plan = await logger.group('Resolving the commits to scan', () => planHistory(inputs.history, ctx.github, repo, logger));
    }

    const pool = new ScanPool();
    const findings = new Map<string, Finding>();
    const coverage: [string, string][] = [];
    const notes: string[] = [];
    // Mask what could be a secret; masking a common word (`secret`, `••••`) would garble every log line holding it.
    const register = (m: SecretMatch) => worthMasking(m.secret) && secrets.add(m.secret);
    try {
      const tree = await logger.group(`Scanning files under ${relative(workspace, root) || '.'} on ${pool.workerCount} threads`, async () => {
        const progress = new ByteProgress(logger, 'Scanned');
        const scan = await scanDirectory(root, { pool, onBytes: (n) => progress.add(n) });
        progress.done();
        return scan;
      });
      for (const f of tree.findings) {
        register(f);
        const finding = toFinding(f, f.file, workspace, root);
        findings.set(finding.fingerprint, finding);
      }
      coverage.push(
        ['Files scanned', `${tree.filesScanned} (${formatBytes(tree.bytesScanned)}) in ${formatDuration(tree.durationMs)}`],
        ['Ignored files', tree.ignoredBy === 'git' ? 'as git ignores them (.gitignore, git ls-files)' : 'per the .gitignore files (not a git work tree)'],
        ['Files skipped', skippedText(tree.skipped)],
      );
      notes.push(...skippedNotes(tree.skipped, 'the working tree'));

      if (plan && repo) {
        coverage.push(['History', plan.description]);
        notes.push(...plan.notes);
        if (plan.revisions.length > 0) {
          const history = await logger.group(`Scanning history: ${plan.description}`, async () => {
            const progress = new ByteProgress(logger, 'Scanned history');
            // Only the scanned path's part of the history, like the tree scan.
            const under = relative(repo, root).split('\\').join('/');
            const scan = await scanHistory(repo, plan.revisions, { pool, onBytes: (n) => progress.add(n), ...(under && !under.startsWith('..') ? { paths: [under] } : {}) });
            progress.done();
            return scan;
          });
          for (const f of history.findings) {
            register(f);
            const finding = toFinding(f, f.file, workspace, repo, { sha: f.commit, date: f.commitDate });
            const same = findings.get(finding.fingerprint);
            // Still in the tree: keep the tree's location and add the commit that introduced it.
            if (same) same.commit ??= finding.commit;
            else findings.set(finding.fingerprint, finding);
          }
          coverage.push(['Commits scanned', `${history.commits} (${history.blobsScanned} distinct blobs, ${formatBytes(history.bytesScanned)}) in ${formatDuration(history.durationMs)}`]);
          notes.push(...skippedNotes(history.skipped, 'history'));
        }
      } else {
        coverage.push(['History', 'not scanned (history: none)']);
      }
    } finally {
      await pool.close();
    }
    return { findings: [...findings.values()], rules: secretRuleInfo, coverage, notes };
  },
};
