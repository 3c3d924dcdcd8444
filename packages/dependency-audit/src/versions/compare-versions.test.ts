import { describe, expect, it } from 'vitest';
import { osvPackageName, osvVersion, versionComparator } from './compare-versions.ts';

const sorted = (ecosystem: string, versions: string[]) => [...versions].sort(versionComparator(ecosystem));

describe('version order per ecosystem', () => {
  it('npm and crates.io: semver, prereleases first, build metadata ignored', () => {
    expect(sorted('npm', ['4.17.20', '4.17.4', '4.17.15', '4.17.20-beta.1'])).toEqual(['4.17.4', '4.17.15', '4.17.20-beta.1', '4.17.20']);
    expect(versionComparator('crates.io')('0.11.0+wasi-snapshot-preview1', '0.11.0')).toBe(0);
  });

  it('Go: v prefix and pseudo-versions', () => {
    expect(sorted('Go', ['v0.3.7', 'v0.3.6', 'v0.0.0-20210806184541-e5e7981a1069', 'v0.3.10'])).toEqual(['v0.0.0-20210806184541-e5e7981a1069', 'v0.3.6', 'v0.3.7', 'v0.3.10']);
  });

  it('PyPI: PEP 440 (pre, post, dev releases, epochs, missing zeros)', () => {
    expect(sorted('PyPI', ['2.11.3', '2.11.2', '2.11.3rc1', '2.11.3.post1', '2.11.3.dev0', '1!0.1', '2.10'])).toEqual(['2.10', '2.11.2', '2.11.3.dev0', '2.11.3rc1', '2.11.3', '2.11.3.post1', '1!0.1']);
    expect(versionComparator('PyPI')('2.0', '2.0.0')).toBe(0);
  });

  it('RubyGems: four-part versions and letter prereleases', () => {
    expect(sorted('RubyGems', ['2.2.8.1', '2.2.8', '3.0.0.beta1', '3.0.0', '2.2.10'])).toEqual(['2.2.8', '2.2.8.1', '2.2.10', '3.0.0.beta1', '3.0.0']);
  });

  it('Packagist: v prefix and stability suffixes', () => {
    expect(sorted('Packagist', ['v7.4.5', '7.4.4', '7.5.0-RC1', '7.5.0', '7.5.0-beta2', '7.5.0-alpha'])).toEqual(['7.4.4', 'v7.4.5', '7.5.0-alpha', '7.5.0-beta2', '7.5.0-RC1', '7.5.0']);
  });

  it('names and versions as OSV expects them', () => {
    expect(osvPackageName('PyPI', 'Jinja2')).toBe('jinja2');
    expect(osvPackageName('PyPI', 'zope.interface')).toBe('zope-interface');
    expect(osvPackageName('Packagist', 'GuzzleHttp/Guzzle')).toBe('guzzlehttp/guzzle');
    expect(osvPackageName('npm', 'Lodash')).toBe('Lodash');
    expect(osvVersion('Go', 'v0.3.6')).toBe('0.3.6');
    expect(osvVersion('Packagist', 'v2.8.0')).toBe('2.8.0');
    expect(osvVersion('npm', 'v1.0.0')).toBe('v1.0.0');
  });
});
