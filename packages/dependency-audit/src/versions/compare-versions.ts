import { compare as comparePep440, valid as validPep440 } from '@renovatebot/pep440';
import semver from 'semver';
import type { Ecosystem } from '../types.ts';
import { compareComposerVersions } from './composer-version.ts';
import { compareGenericVersions } from './generic-version.ts';
import { compareRubyVersions } from './ruby-version.ts';

/** Compares two versions of one ecosystem: negative, zero or positive like a sort comparator. */
export type VersionComparator = (a: string, b: string) => number;

function compareSemver(a: string, b: string): number {
  const x = semver.valid(a.replace(/^v/, ''), { loose: true });
  const y = semver.valid(b.replace(/^v/, ''), { loose: true });
  return x && y ? semver.compare(x, y, { loose: true }) : compareGenericVersions(a, b);
}

function comparePypi(a: string, b: string): number {
  return validPep440(a) && validPep440(b) ? comparePep440(a, b) : compareGenericVersions(a, b);
}

/**
 * The order of versions in `ecosystem`: semver for npm, crates.io and Go (`v` prefix and
 * pseudo-versions included), PEP 440 for PyPI, Gem::Version for RubyGems, Composer's normalization
 * for Packagist. `rangeType` SEMVER forces semver whatever the ecosystem, as OSV specifies.
 */
export function versionComparator(ecosystem: Ecosystem | string, rangeType: string = 'ECOSYSTEM'): VersionComparator {
  if (rangeType === 'SEMVER') return compareSemver;
  switch (ecosystem) {
    case 'npm':
    case 'crates.io':
    case 'Go':
      return compareSemver;
    case 'PyPI':
      return comparePypi;
    case 'RubyGems':
      return compareRubyVersions;
    case 'Packagist':
      return compareComposerVersions;
    default:
      return compareGenericVersions;
  }
}

/** The version as OSV knows it: Go and Packagist versions without their `v` prefix. */
export function osvVersion(ecosystem: Ecosystem, version: string): string {
  return (ecosystem === 'Go' || ecosystem === 'Packagist') && /^v\d/.test(version) ? version.slice(1) : version;
}

/** A package name as OSV matches it: PEP 503 normalization for PyPI, lower case for Packagist. */
export function osvPackageName(ecosystem: Ecosystem | string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (ecosystem === 'Packagist') return name.toLowerCase();
  return name;
}
