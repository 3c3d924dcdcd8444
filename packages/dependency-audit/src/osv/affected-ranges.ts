import type { Ecosystem } from '../types.ts';
import { osvPackageName, versionComparator } from '../versions/compare-versions.ts';
import type { OsvAffected, OsvVulnerability } from './osv-schema.ts';

/** A package version to match against OSV records. */
export interface PackageVersion {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

type Event = NonNullable<NonNullable<OsvAffected['ranges']>[number]['events']>[number];

/** The `affected` entries of a record that are about this package (ecosystem suffixes like `Debian:12` never match). */
export function affectedEntriesFor(vulnerability: OsvVulnerability, pkg: PackageVersion): OsvAffected[] {
  const name = osvPackageName(pkg.ecosystem, pkg.name);
  return (vulnerability.affected ?? []).filter(
    (a) => a.package?.ecosystem === pkg.ecosystem && osvPackageName(pkg.ecosystem, a.package.name) === name,
  );
}

function eventVersion(e: Event): string {
  return e.introduced ?? e.fixed ?? e.last_affected ?? e.limit ?? '';
}

function sortedEvents(events: Event[], compare: (a: string, b: string) => number): Event[] {
  return [...events].sort((a, b) => {
    const va = eventVersion(a);
    const vb = eventVersion(b);
    if (va === vb) return 0;
    if (a.introduced === '0') return -1;
    if (b.introduced === '0') return 1;
    return compare(va, vb);
  });
}

/** Walks one range's events (OSV's evaluation) and returns whether `version` is affected and the fix that ends its span. */
function evaluateRange(events: Event[], version: string, compare: (a: string, b: string) => number): { affected: boolean; fixed?: string } {
  let affected = false;
  const limits = events.filter((e) => e.limit !== undefined);
  if (limits.some((e) => e.limit !== '*' && compare(version, e.limit as string) >= 0)) return { affected: false };
  for (const e of sortedEvents(events.filter((ev) => ev.limit === undefined), compare)) {
    if (e.introduced !== undefined) {
      if (e.introduced === '0' || compare(version, e.introduced) >= 0) affected = true;
    } else if (e.fixed !== undefined) {
      if (compare(version, e.fixed) >= 0) affected = false;
      else if (affected) return { affected: true, fixed: e.fixed };
    } else if (e.last_affected !== undefined) {
      if (compare(version, e.last_affected) > 0) affected = false;
      else if (affected) return { affected: true };
    }
  }
  return { affected };
}

/**
 * Whether `pkg` is affected by the record: listed in `versions`, or inside a SEMVER or ECOSYSTEM
 * range. GIT ranges name commits, which lockfiles do not give, and are not evaluated.
 */
export function isAffected(vulnerability: OsvVulnerability, pkg: PackageVersion): boolean {
  return affectedEntriesFor(vulnerability, pkg).some((entry) => {
    if (entry.versions?.includes(pkg.version)) return true;
    return (entry.ranges ?? []).some(
      (range) => (range.type === 'SEMVER' || range.type === 'ECOSYSTEM') && evaluateRange(range.events, pkg.version, versionComparator(pkg.ecosystem, range.type)).affected,
    );
  });
}

/**
 * The version that fixes `pkg` according to the record: the `fixed` event closing the range that
 * contains its version (so a 1.x user is told 1.6.1, not the 0.x branch's 0.6.14). Undefined when no
 * fix is known.
 */
export function fixedVersionFor(vulnerability: OsvVulnerability, pkg: PackageVersion): string | undefined {
  for (const entry of affectedEntriesFor(vulnerability, pkg)) {
    for (const range of entry.ranges ?? []) {
      if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
      const result = evaluateRange(range.events, pkg.version, versionComparator(pkg.ecosystem, range.type));
      if (result.affected && result.fixed) return result.fixed;
    }
  }
  return undefined;
}
