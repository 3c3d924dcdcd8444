import { describe, expect, it } from 'vitest';
import { fixtureRecords } from './osv-test-server.ts';
import { fixedVersionFor, isAffected, type PackageVersion } from './affected-ranges.ts';

const records = fixtureRecords();
const record = (id: string) => records.get(id)!;
const check = (id: string, pkg: PackageVersion) => ({ affected: isAffected(record(id), pkg), fixed: fixedVersionFor(record(id), pkg) });

describe('matching versions against real OSV records', () => {
  it('lodash 4.17.15 is in GHSA-p6mc-m468-83gw (fixed 4.17.20); 4.17.20 is not', () => {
    expect(check('GHSA-p6mc-m468-83gw', { ecosystem: 'npm', name: 'lodash', version: '4.17.15' })).toEqual({ affected: true, fixed: '4.17.20' });
    expect(check('GHSA-p6mc-m468-83gw', { ecosystem: 'npm', name: 'lodash', version: '4.17.20' }).affected).toBe(false);
    expect(check('GHSA-p6mc-m468-83gw', { ecosystem: 'npm', name: 'underscore', version: '1.0.0' }).affected).toBe(false);
  });

  it('disjoint ranges give the fix of the branch in use (smallvec 0.6.x and 1.x)', () => {
    expect(check('GHSA-43w2-9j62-hq99', { ecosystem: 'crates.io', name: 'smallvec', version: '1.6.0' })).toEqual({ affected: true, fixed: '1.6.1' });
    expect(check('GHSA-43w2-9j62-hq99', { ecosystem: 'crates.io', name: 'smallvec', version: '0.6.10' })).toEqual({ affected: true, fixed: '0.6.14' });
    expect(check('GHSA-43w2-9j62-hq99', { ecosystem: 'crates.io', name: 'smallvec', version: '0.6.2' }).affected).toBe(false);
    expect(check('GHSA-43w2-9j62-hq99', { ecosystem: 'crates.io', name: 'smallvec', version: '1.15.0' }).affected).toBe(false);
    expect(check('GHSA-xvch-5gv4-984h', { ecosystem: 'npm', name: 'minimist', version: '0.2.1' })).toEqual({ affected: true, fixed: '0.2.4' });
    expect(check('GHSA-xvch-5gv4-984h', { ecosystem: 'npm', name: 'minimist', version: '1.2.5' })).toEqual({ affected: true, fixed: '1.2.6' });
  });

  it('PyPI names normalize (Jinja2 = jinja2) and `versions` lists match exactly', () => {
    expect(check('GHSA-g3rq-g295-4j3m', { ecosystem: 'PyPI', name: 'jinja2', version: '2.11.2' })).toEqual({ affected: true, fixed: '2.11.3' });
    expect(check('PYSEC-2021-66', { ecosystem: 'PyPI', name: 'Jinja2', version: '2.0rc1' }).affected).toBe(true);
    expect(check('PYSEC-2021-66', { ecosystem: 'PyPI', name: 'jinja2', version: '2.11.3' }).affected).toBe(false);
  });

  it('RubyGems four-part fixes, Packagist and Go', () => {
    expect(check('GHSA-22f2-v57c-j9cx', { ecosystem: 'RubyGems', name: 'rack', version: '2.2.8' })).toEqual({ affected: true, fixed: '2.2.8.1' });
    expect(check('GHSA-22f2-v57c-j9cx', { ecosystem: 'RubyGems', name: 'rack', version: '2.2.8.1' }).affected).toBe(false);
    expect(check('GHSA-22f2-v57c-j9cx', { ecosystem: 'RubyGems', name: 'rack', version: '0.3' }).affected).toBe(false);
    expect(check('GHSA-25mq-v84q-4j7r', { ecosystem: 'Packagist', name: 'guzzlehttp/guzzle', version: '7.4.4' })).toEqual({ affected: true, fixed: '7.4.5' });
    expect(check('GO-2021-0113', { ecosystem: 'Go', name: 'golang.org/x/text', version: '0.3.6' })).toEqual({ affected: true, fixed: '0.3.7' });
  });

  it('last_affected and limit events', () => {
    const synthetic = {
      id: 'TEST-1',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.2.0' }] }] },
        { package: { ecosystem: 'npm', name: 'y' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { limit: '2.0.0' }] }] },
      ],
    };
    expect(isAffected(synthetic, { ecosystem: 'npm', name: 'x', version: '1.2.0' })).toBe(true);
    expect(fixedVersionFor(synthetic, { ecosystem: 'npm', name: 'x', version: '1.2.0' })).toBeUndefined();
    expect(isAffected(synthetic, { ecosystem: 'npm', name: 'x', version: '1.2.1' })).toBe(false);
    expect(isAffected(synthetic, { ecosystem: 'npm', name: 'y', version: '1.9.0' })).toBe(true);
    expect(isAffected(synthetic, { ecosystem: 'npm', name: 'y', version: '2.0.0' })).toBe(false);
  });
});
