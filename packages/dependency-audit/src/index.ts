export type {
  AdvisoryInfo,
  DependencyFinding,
  Ecosystem,
  FileLocation,
  Finding,
  LockedPackage,
  LockfileFormat,
  ParsedLockfile,
  Remediation,
  Severity,
  SeveritySource,
  SkippedEntry,
  UnpinnedRequirement,
  UrlLocation,
} from './types.ts';
/** Severities from the most to the least serious. */
export { SEVERITIES } from './types.ts';
/** Audits every lockfile under a root against an advisory source; the main entry point. */
export { auditDependencies, groupByAliases, type AuditedLockfile, type DependencyAuditOptions, type DependencyAuditResult } from './audit.ts';
/** Finding lockfiles and parsing them without installing anything. */
export { discoverLockfiles, readLockfiles, SKIPPED_DIRECTORIES, type DiscoverOptions } from './lockfiles/discover.ts';
/** Parses one lockfile's text; `lockfileFormat` tells which format a path is. */
export { lockfileFormat, parseLockfile } from './lockfiles/parse-lockfile.ts';
/** Thrown when a lockfile cannot be parsed (a ConfigurationError: the audit fails closed). */
export { LockfileError } from './lockfiles/lockfile-error.ts';
/** Where advisories come from. */
export type { AdvisorySource, AdvisorySourceStats } from './osv/advisory-source.ts';
/** Advisories from the OSV API. */
export { OsvApiSource, type OsvApiSourceOptions } from './osv/osv-api-source.ts';
/** Advisories from a directory of OSV records, matched locally. */
export { OfflineOsvSource } from './osv/offline-source.ts';
/** The OSV API client itself. */
export { DEFAULT_OSV_URL, MAX_BATCH_SIZE, OsvClient, OsvUnavailableError, type OsvClientOptions, type OsvQuery, type OsvVulnerabilityRef } from './osv/osv-client.ts';
/** The OSV record shape. */
export type { OsvAffected, OsvVulnerability } from './osv/osv-schema.ts';
/** Matching versions against OSV `affected` entries. */
export { fixedVersionFor, isAffected, type PackageVersion } from './osv/affected-ranges.ts';
/** Caches of vulnerability details across runs. */
export { DirectoryVulnerabilityCache, noVulnerabilityCache, type VulnerabilityCache } from './osv/vulnerability-cache.ts';
/** The GitHub Actions cache, for vulnerability details across workflow runs. */
export { ActionsVulnerabilityCache, type ActionsCacheBackend, type ActionsVulnerabilityCacheOptions } from './osv/actions-vulnerability-cache.ts';
/** Severity from CVSS vectors and database ratings. */
export { compareSeverity, cvssBaseScore, rateVulnerability, severityFromScore, type RatedSeverity } from './severity.ts';
/** Version order per ecosystem. */
export { osvPackageName, osvVersion, versionComparator, type VersionComparator } from './versions/compare-versions.ts';
/** Reading lockfiles as they were at a git ref, for pull request mode. */
export { introducedSince, readBaseSnapshot, type BaseSnapshot } from './pr-diff.ts';
