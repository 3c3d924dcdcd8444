/** OSV ecosystem names of the registries whose lockfiles are parsed. */
export type Ecosystem = 'npm' | 'PyPI' | 'Packagist' | 'Go' | 'crates.io' | 'RubyGems';

/** The severity scale shared by every deploysafe scanner. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Severities from the most to the least serious. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** The lockfile formats that are recognised, by the file name that identifies them. */
export type LockfileFormat =
  | 'package-lock.json'
  | 'npm-shrinkwrap.json'
  | 'pnpm-lock.yaml'
  | 'yarn.lock'
  | 'requirements.txt'
  | 'poetry.lock'
  | 'Pipfile.lock'
  | 'uv.lock'
  | 'composer.lock'
  | 'go.mod'
  | 'Cargo.lock'
  | 'Gemfile.lock';

/** One package version pinned by a lockfile. */
export interface LockedPackage {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  /** The lockfile, relative to the scanned root, with forward slashes. */
  file: string;
  /** 1-based line of the package's entry in the lockfile, when it could be found. */
  line?: number;
  /** True when the lockfile marks it as a development-only dependency. */
  dev?: boolean;
}

/** A requirement that names no exact version, so it cannot be checked against advisories. */
export interface UnpinnedRequirement {
  name: string;
  /** The specifier as written (`>=2.20`, empty for none, `git+https://...` for a URL). */
  specifier: string;
  ecosystem: Ecosystem;
  file: string;
  line: number;
}

/** An entry that is not from a package registry (a path, git or workspace dependency) and is not checked. */
export interface SkippedEntry {
  name: string;
  reason: string;
  file: string;
  line?: number;
}

/** What one lockfile pins. */
export interface ParsedLockfile {
  file: string;
  format: LockfileFormat;
  packages: LockedPackage[];
  unpinned: UnpinnedRequirement[];
  skipped: SkippedEntry[];
}

/** Where a finding is: a file and line in the repository. */
export interface FileLocation {
  file: string;
  line?: number;
}

/** Where a finding is: a URL of the deployed site. */
export interface UrlLocation {
  url: string;
}

/** How to fix a finding. */
export interface Remediation {
  /** One sentence a person acts on. */
  summary: string;
  /** The version that fixes it, when one is known. */
  fixedVersion?: string;
  /** Advisory and reference URLs. */
  references: string[];
}

/** The shape every deploysafe scanner's findings share. */
export interface Finding {
  /** Stable rule id (`dependency/GHSA-p6mc-m468-83gw`, `dependency/unpinned-requirement`). */
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  location: FileLocation | UrlLocation;
  /** sha256 hex of the stable parts of the finding; contains no personal data. */
  fingerprint: string;
  remediation: Remediation;
}

/** How a severity was decided. */
export type SeveritySource = 'cvss_v4' | 'cvss_v3' | 'cvss_v2' | 'database' | 'alias' | 'unrated';

/** The advisory behind a vulnerability finding. */
export interface AdvisoryInfo {
  /** The id reported (a GHSA id when the group has one). */
  id: string;
  /** Every other id of the same vulnerability: CVE, PYSEC, GO, RUSTSEC... */
  aliases: string[];
  summary?: string;
  /** The best score found, when a CVSS vector was present. */
  cvss?: { version: '2.0' | '3.0' | '3.1' | '4.0'; vector: string; score: number };
  severitySource: SeveritySource;
  published?: string;
  modified?: string;
  url: string;
}

/** A dependency finding: a vulnerable package version, or a requirement that cannot be checked. */
export interface DependencyFinding extends Finding {
  scanner: 'dependencies';
  kind: 'vulnerability' | 'unpinned';
  location: FileLocation;
  package: { name: string; version: string; ecosystem: Ecosystem; dev?: boolean };
  advisory?: AdvisoryInfo;
}
