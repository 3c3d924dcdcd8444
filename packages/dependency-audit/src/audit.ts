import { silentLogger, type Logger } from '@deploysafe/action-kit';
import { fingerprint } from './fingerprint.ts';
import { readLockfiles } from './lockfiles/discover.ts';
import { fixedVersionFor } from './osv/affected-ranges.ts';
import type { AdvisorySource, AdvisorySourceStats } from './osv/advisory-source.ts';
import type { OsvVulnerability } from './osv/osv-schema.ts';
import { introducedSince, readBaseSnapshot } from './pr-diff.ts';
import { compareSeverity, rateVulnerability, type RatedSeverity } from './severity.ts';
import type { DependencyFinding, LockedPackage, LockfileFormat, ParsedLockfile, Severity, SkippedEntry, UnpinnedRequirement } from './types.ts';
import { osvPackageName, versionComparator } from './versions/compare-versions.ts';

/** Options for {@link auditDependencies}. */
export interface DependencyAuditOptions {
  /** The directory searched for lockfiles; every location is relative to it. */
  root: string;
  /** Where advisories come from: `new OsvApiSource(...)` or `await OfflineOsvSource.load(dir)`. */
  source: AdvisorySource;
  /** Lockfiles to read (root-relative) instead of discovering them. */
  files?: readonly string[];
  /** More directory names to skip while discovering (node_modules, vendor and VCS folders always are). */
  skipDirectories?: readonly string[];
  /** Pull request mode: report only packages and requirements that are not in the lockfiles at this git ref. */
  base?: string;
  /** Severity of an advisory nobody rated (no CVSS, no database rating, no rated alias); default high. */
  unratedSeverity?: Severity;
  /** Severity of an unpinned requirement; default low. */
  unpinnedSeverity?: Severity;
  logger?: Logger;
}

/** One lockfile as the audit saw it. */
export interface AuditedLockfile {
  file: string;
  format: LockfileFormat;
  /** Package versions checked (after PR filtering). */
  packages: number;
  unpinned: number;
  skipped: number;
}

/** What {@link auditDependencies} found and did. */
export interface DependencyAuditResult {
  findings: DependencyFinding[];
  lockfiles: AuditedLockfile[];
  /** Entries that are not registry releases (workspace, path, git) and were not checked. */
  skipped: SkippedEntry[];
  /** Distinct package versions looked up. */
  packagesChecked: number;
  mode: 'all' | 'introduced';
  base?: { ref: string; commit: string };
  source: string;
  stats: AdvisorySourceStats;
}

/**
 * Reads the lockfiles under `root`, looks every pinned package version up in `source`, and returns
 * one finding per vulnerability (aliases such as a GHSA and its PYSEC twin count once) per package
 * version per lockfile, plus one per unpinned requirement. Throws a ConfigurationError when a
 * lockfile cannot be parsed, the advisory source cannot be used, or the PR base cannot be read:
 * a check that could not run never passes.
 */
export async function auditDependencies(options: DependencyAuditOptions): Promise<DependencyAuditResult> {
  const logger = options.logger ?? silentLogger;
  let lockfiles = await readLockfiles(options.root, options.files, { skipDirectories: options.skipDirectories ?? [] });
  logger.info(`Found ${lockfiles.length} lockfile${lockfiles.length === 1 ? '' : 's'}${lockfiles.length ? `: ${lockfiles.map((l) => l.file).join(', ')}` : ''}.`);
  let base: DependencyAuditResult['base'];
  if (options.base !== undefined) {
    const snapshot = await readBaseSnapshot(options.root, lockfiles, options.base);
    base = { ref: snapshot.ref, commit: snapshot.commit };
    lockfiles = introducedSince(lockfiles, snapshot);
    logger.info(`Comparing with ${options.base} (${snapshot.commit.slice(0, 12)}): only what the change introduces is reported.`);
  }

  const packages = uniquePackages(lockfiles);
  const vulnerabilities = packages.length > 0 ? await options.source.findVulnerabilities(packages) : [];
  const findings: DependencyFinding[] = [];
  const aliasRatings = new Map<string, RatedSeverity | undefined>();
  for (const [index, pkg] of packages.entries()) {
    for (const group of groupByAliases(vulnerabilities[index] ?? [])) {
      findings.push(await vulnerabilityFinding(pkg, group, options, aliasRatings));
    }
  }
  for (const lockfile of lockfiles) for (const u of lockfile.unpinned) findings.push(unpinnedFinding(u, options.unpinnedSeverity ?? 'low'));
  findings.sort((a, b) => compareSeverity(a.severity, b.severity) || a.location.file.localeCompare(b.location.file) || (a.location.line ?? 0) - (b.location.line ?? 0));

  return {
    findings,
    lockfiles: lockfiles.map((l) => ({ file: l.file, format: l.format, packages: l.packages.length, unpinned: l.unpinned.length, skipped: l.skipped.length })),
    skipped: lockfiles.flatMap((l) => l.skipped),
    packagesChecked: new Set(packages.map((p) => `${p.ecosystem}|${osvPackageName(p.ecosystem, p.name)}|${p.version}`)).size,
    mode: base ? 'introduced' : 'all',
    ...(base ? { base } : {}),
    source: options.source.description,
    stats: options.source.stats,
  };
}

/** One entry per lockfile file, package and version: the first (lowest) line wins. */
function uniquePackages(lockfiles: readonly ParsedLockfile[]): LockedPackage[] {
  const seen = new Map<string, LockedPackage>();
  for (const lockfile of lockfiles) {
    for (const p of lockfile.packages) {
      const key = `${p.file}|${p.ecosystem}|${osvPackageName(p.ecosystem, p.name)}|${p.version}`;
      const current = seen.get(key);
      if (!current || (p.line ?? Infinity) < (current.line ?? Infinity)) seen.set(key, p);
    }
  }
  return [...seen.values()];
}

/** Records that share an id or alias describe one vulnerability. */
export function groupByAliases(records: readonly OsvVulnerability[]): OsvVulnerability[][] {
  const parent = records.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  records.forEach((record, i) => {
    for (const id of [record.id, ...(record.aliases ?? [])]) {
      const other = owner.get(id);
      if (other === undefined) owner.set(id, i);
      else parent[find(i)] = find(other);
    }
  });
  const groups = new Map<number, OsvVulnerability[]>();
  records.forEach((record, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), record]));
  return [...groups.values()];
}

/** The id to report for a group: its GHSA id when it has one, so reports and SARIF rules stay stable across sources. */
function primaryId(group: readonly OsvVulnerability[]): string {
  const ids = group.map((r) => r.id).sort();
  return ids.find((id) => id.startsWith('GHSA-')) ?? (ids[0] as string);
}

async function rateGroup(group: readonly OsvVulnerability[], source: AdvisorySource, cache: Map<string, RatedSeverity | undefined>): Promise<RatedSeverity | undefined> {
  const rated = group.map(rateVulnerability).filter((r): r is RatedSeverity => r !== undefined);
  if (rated.length > 0) return rated.sort((a, b) => compareSeverity(a.severity, b.severity))[0];
  // Go and some PYSEC records carry no rating; their GHSA alias usually does.
  const known = new Set(group.map((r) => r.id));
  for (const alias of group.flatMap((r) => r.aliases ?? []).filter((a) => a.startsWith('GHSA-') && !known.has(a))) {
    if (!cache.has(alias)) {
      const record = await source.getVulnerability(alias);
      cache.set(alias, record ? rateVulnerability(record) : undefined);
    }
    const rating = cache.get(alias);
    if (rating) return { ...rating, source: 'alias' };
  }
  return undefined;
}

async function vulnerabilityFinding(
  pkg: LockedPackage,
  group: readonly OsvVulnerability[],
  options: DependencyAuditOptions,
  aliasRatings: Map<string, RatedSeverity | undefined>,
): Promise<DependencyFinding> {
  const id = primaryId(group);
  const primary = group.find((r) => r.id === id) as OsvVulnerability;
  const aliases = [...new Set(group.flatMap((r) => [r.id, ...(r.aliases ?? [])]))].filter((a) => a !== id).sort();
  const rating = await rateGroup(group, options.source, aliasRatings);
  const severity = rating?.severity ?? options.unratedSeverity ?? 'high';
  const compare = versionComparator(pkg.ecosystem);
  const fixes = group.map((r) => fixedVersionFor(r, pkg)).filter((v): v is string => v !== undefined);
  const fixedVersion = fixes.sort(compare).at(-1);
  const summary = group.map((r) => r.summary).find(Boolean) ?? firstSentence(group.map((r) => r.details).find(Boolean));
  const cve = aliases.filter((a) => a.startsWith('CVE-'));
  const rated = rating?.cvss
    ? `CVSS ${rating.cvss.version} base score ${rating.cvss.score.toFixed(1)}`
    : rating
      ? rating.source === 'alias' ? 'rated through its GHSA alias' : "the advisory database's rating"
      : 'no rating published; treated as the configured default';
  const references = [
    `https://osv.dev/vulnerability/${id}`,
    ...group.flatMap((r) => (r.references ?? []).filter((ref) => ref.type === 'ADVISORY').map((ref) => ref.url)),
    ...group.flatMap((r) => (r.references ?? []).filter((ref) => ref.type === 'FIX' || ref.type === 'PACKAGE').map((ref) => ref.url)),
  ];
  const finding: DependencyFinding = {
    scanner: 'dependencies',
    kind: 'vulnerability',
    ruleId: `dependency/${id}`,
    severity,
    title: `${pkg.name} ${pkg.version}: ${summary ?? id}`,
    message:
      `${pkg.name} ${pkg.version} (${pkg.ecosystem}) is affected by ${id}${cve.length ? ` (${cve.join(', ')})` : ''}` +
      `${summary ? `: ${summary}` : ''}. Severity ${severity} (${rated}).` +
      (fixedVersion ? ` Fixed in ${fixedVersion}.` : ' No fixed version is known.'),
    location: { file: pkg.file, ...(pkg.line !== undefined ? { line: pkg.line } : {}) },
    fingerprint: fingerprint('dependency-vulnerability', pkg.file, pkg.ecosystem, osvPackageName(pkg.ecosystem, pkg.name), pkg.version, id),
    remediation: {
      summary: fixedVersion
        ? `Upgrade ${pkg.name} to ${fixedVersion} or later${pkg.file.endsWith('.lock') || pkg.file.endsWith('.json') || pkg.file.endsWith('.yaml') ? ' and regenerate the lockfile' : ''}.`
        : `No fixed release of ${pkg.name} is known: remove or replace it, or accept the risk in the baseline with a reason.`,
      ...(fixedVersion ? { fixedVersion } : {}),
      references: [...new Set(references)],
    },
    package: { name: pkg.name, version: pkg.version, ecosystem: pkg.ecosystem, ...(pkg.dev ? { dev: true } : {}) },
    advisory: {
      id,
      aliases,
      ...(summary ? { summary } : {}),
      ...(rating?.cvss ? { cvss: rating.cvss } : {}),
      severitySource: rating?.source ?? 'unrated',
      ...(primary.published ? { published: primary.published } : {}),
      modified: primary.modified,
      url: `https://osv.dev/vulnerability/${id}`,
    },
  };
  return finding;
}

function unpinnedFinding(u: UnpinnedRequirement, severity: Severity): DependencyFinding {
  const spec = u.specifier ? ` ${u.specifier}` : ' (no version)';
  return {
    scanner: 'dependencies',
    kind: 'unpinned',
    ruleId: 'dependency/unpinned-requirement',
    severity,
    title: `${u.name} is not pinned`,
    message: `${u.name}${spec} in ${u.file} names no exact version, so it cannot be checked against advisories and installs may differ between runs.`,
    location: { file: u.file, line: u.line },
    fingerprint: fingerprint('dependency-unpinned', u.file, u.ecosystem, osvPackageName(u.ecosystem, u.name), u.specifier),
    remediation: {
      summary: `Pin ${u.name} with == (pip-compile or uv pip compile write a fully pinned file).`,
      references: ['https://pip.pypa.io/en/stable/topics/repeatable-installs/'],
    },
    package: { name: u.name, version: u.specifier, ecosystem: u.ecosystem },
  };
}

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const sentence = text.replace(/\s+/g, ' ').trim().match(/^(.{1,200}?[.!?])(\s|$)/)?.[1] ?? text.slice(0, 200);
  return sentence;
}
