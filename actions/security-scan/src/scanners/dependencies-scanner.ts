// The dependencies scanner: lockfiles against OSV through @deploysafe/dependency-audit.
import { join, relative } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';
import type { AdvisorySource, DependencyFinding } from '@deploysafe/dependency-audit';
import { fingerprint, type Finding, type RuleInfo } from '../finding.ts';
import { ensureCommit } from '../history-range.ts';
import type { ScanContext, Scanner, ScannerResult } from '../scanner.ts';

const ZERO_SHA = /^0+$/;

// The commit a change starts from, for only-new: the PR or merge group base, or the push's previous head.
function changeBase({ ctx }: ScanContext): string {
  const { eventName, event } = ctx.github;
  const read = (...path: string[]) => {
    let node: unknown = event;
    for (const key of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    return typeof node === 'string' && node !== '' ? node : undefined;
  };
  const base = eventName.startsWith('pull_request')
    ? read('pull_request', 'base', 'sha')
    : eventName === 'merge_group'
      ? read('merge_group', 'base_sha')
      : eventName === 'push'
        ? read('before')
        : undefined;
  if (!base || ZERO_SHA.test(base)) {
    throw new ConfigurationError(
      `only-new: true compares the lockfiles with the base of the change, but this ${eventName || 'run'} event has none${eventName === 'push' ? ' (the first push of a branch)' : ''}. Use only-new on pull_request, merge_group or push events, or set it to false.`,
    );
  }
  return base;
}

function toFinding(f: DependencyFinding, root: string, workspace: string): Finding {
  const file = relative(workspace, join(root, f.location.file)).split('\\').join('/');
  const fixed = f.remediation.summary;
  return {
    scanner: 'dependencies',
    ruleId: f.ruleId,
    severity: f.severity,
    message: `${f.title} (${file}:${f.location.line}). ${fixed}`,
    location: { file, line: f.location.line },
    fingerprint: fingerprint('dependencies', f.fingerprint),
    details: {
      summary: `${f.package.name} ${f.package.version}${f.advisory ? ` · ${f.advisory.id}` : ''}`,
      package: f.package.name,
      version: f.package.version,
      ecosystem: f.package.ecosystem,
      ...(f.advisory ? { advisory: f.advisory.id, advisoryUrl: f.advisory.url } : {}),
      remediation: fixed,
    },
  };
}

function rulesOf(findings: readonly DependencyFinding[]): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  for (const f of findings) {
    if (rules.has(f.ruleId)) continue;
    rules.set(f.ruleId, {
      id: f.ruleId,
      title: f.advisory?.summary ?? f.title,
      description: f.advisory ? `${f.advisory.summary ?? f.advisory.id} (${[f.advisory.id, ...f.advisory.aliases].join(', ')}).` : f.message,
      severity: f.severity,
      ...(f.advisory ? { helpUri: f.advisory.url } : {}),
    });
  }
  return [...rules.values()];
}

/** Vulnerable dependencies from lockfiles, via the OSV API (or an offline directory of OSV records). */
export const dependenciesScanner: Scanner = {
  id: 'dependencies',
  title: 'Dependencies',
  async run(scan: ScanContext): Promise<ScannerResult> {
    const { inputs, ctx, workspace } = scan;
    const { logger } = ctx;
    const root = inputs.path;
    let base: string | undefined;
    if (inputs.onlyNew) {
      base = changeBase(scan);
      if (!(await ensureCommit(root, base, logger))) throw new ConfigurationError(`only-new: the base commit ${base} is not in the clone and could not be fetched from origin.`);
    }
    // Loaded on demand: the bundle's scanning threads load the bundle too, and need none of this.
    const { ActionsVulnerabilityCache, auditDependencies, OfflineOsvSource, OsvApiSource } = await import('@deploysafe/dependency-audit');
    const source: AdvisorySource & { close?: () => Promise<void> } = inputs.offline
      ? await OfflineOsvSource.load(inputs.offline)
      : new OsvApiSource({ baseUrl: inputs.osvUrl.href, cache: new ActionsVulnerabilityCache({ logger, directory: join(ctx.github.tempDir, 'deploysafe-osv-cache') }), logger });
    let result;
    try {
      result = await logger.group('Auditing dependencies', () => auditDependencies({ root, source, logger, ...(base ? { base } : {}) }));
    } finally {
      await source.close?.();
    }
    const notes: string[] = [];
    if (result.lockfiles.length === 0) {
      notes.push(`No lockfile was found under ${relative(workspace, root) || '.'}: no dependency was checked.`);
      logger.warning(notes[0] as string);
    }
    if (result.skipped.length > 0) notes.push(`${result.skipped.length} dependencies are not registry releases (workspace, path or git) and were not checked.`);
    const lockfiles = result.lockfiles.map((l) => `${relative(workspace, join(root, l.file)) || l.file} (${l.format}, ${l.packages} packages)`);
    return {
      findings: result.findings.map((f) => toFinding(f, root, workspace)),
      rules: rulesOf(result.findings),
      coverage: [
        ['Lockfiles', lockfiles.length > 0 ? lockfiles.join(', ') : 'none found'],
        ['Package versions checked', String(result.packagesChecked)],
        ['Advisories from', `${result.source} (${result.stats.fetched} fetched, ${result.stats.cached} from cache, ${result.stats.requests} requests)`],
        ['Reported', result.mode === 'introduced' && result.base ? `only what the change adds over ${result.base.commit.slice(0, 12)}` : 'every vulnerable version'],
      ],
      notes,
    };
  },
};
