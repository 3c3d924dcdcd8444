import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { auditDependencies } from '../audit.ts';
import { OfflineOsvSource } from './offline-source.ts';
import { OSV_FIXTURES } from './osv-test-server.ts';

const LOCKFILES = join(import.meta.dirname, '../../fixtures/lockfiles');
const work = mkdtempSync(join(tmpdir(), 'dependency-audit-offline-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('offline mode: a directory of OSV records, matched locally', () => {
  it('finds the same vulnerabilities as the API, across ecosystems, without a network', async () => {
    const source = await OfflineOsvSource.load(OSV_FIXTURES);
    expect(source.description).toBe(`9 offline OSV records in ${OSV_FIXTURES}`);
    const result = await auditDependencies({ root: LOCKFILES, source, files: ['npm-v1/package-lock.json', 'poetry-v2/poetry.lock', 'composer/composer.lock', 'gemfile/Gemfile.lock', 'go/go.mod'] });
    expect(result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.package.name}@${f.package.version} ${f.location.file}:${f.location.line} fix=${f.remediation.fixedVersion}`)).toEqual([
      'critical dependency/GHSA-xvch-5gv4-984h minimist@1.2.5 npm-v1/package-lock.json:63 fix=1.2.6',
      'high dependency/GHSA-25mq-v84q-4j7r guzzlehttp/guzzle@7.4.4 composer/composer.lock:10 fix=7.4.5',
      'high dependency/GO-2021-0113 golang.org/x/text@v0.3.6 go/go.mod:7 fix=0.3.7',
      'high dependency/GHSA-35jh-r3h4-6jhm lodash@4.17.15 npm-v1/package-lock.json:45 fix=4.17.21',
      'high dependency/GHSA-p6mc-m468-83gw lodash@4.17.15 npm-v1/package-lock.json:45 fix=4.17.20',
      'high dependency/GHSA-35jh-r3h4-6jhm lodash@4.17.4 npm-v1/package-lock.json:50 fix=4.17.21',
      'high dependency/GHSA-p6mc-m468-83gw lodash@4.17.4 npm-v1/package-lock.json:50 fix=4.17.20',
      'medium dependency/GHSA-22f2-v57c-j9cx rack@2.2.8 gemfile/Gemfile.lock:21 fix=2.2.8.1',
      'medium dependency/GHSA-g3rq-g295-4j3m jinja2@2.11.2 poetry-v2/poetry.lock:17 fix=2.11.3',
    ]);
  });

  it('rates an unrated advisory through a GHSA alias it holds, or uses the configured default', async () => {
    const dir = join(work, 'alias');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'GO-2021-0113.json'),
      JSON.stringify({ id: 'GO-2021-0113', modified: '0001-01-01T00:00:00Z', aliases: ['CVE-2021-38561', 'GHSA-ppp9-7jff-5vj2'], affected: [{ package: { name: 'golang.org/x/text', ecosystem: 'Go' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.3.7' }] }] }] }),
    );
    const go = { root: LOCKFILES, files: ['go/go.mod'] };
    const unrated = await auditDependencies({ ...go, source: await OfflineOsvSource.load(dir), unratedSeverity: 'critical' });
    expect(unrated.findings.map((f) => `${f.severity} ${f.advisory?.severitySource}`)).toEqual(['critical unrated']);
    // The GHSA twin (not matched to the package itself) carries the database's HIGH rating.
    writeFileSync(join(dir, 'GHSA-ppp9-7jff-5vj2.json'), JSON.stringify({ id: 'GHSA-ppp9-7jff-5vj2', modified: '2022-01-01T00:00:00Z', aliases: ['CVE-2021-38561'], database_specific: { severity: 'HIGH' } }));
    const rated = await auditDependencies({ ...go, source: await OfflineOsvSource.load(dir), unratedSeverity: 'low' });
    expect(rated.findings.map((f) => `${f.severity} ${f.advisory?.severitySource} ${f.ruleId}`)).toEqual(['high alias dependency/GO-2021-0113']);
  });

  it('refuses an empty directory, a missing one and a record that is not OSV', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    await expect(OfflineOsvSource.load(empty)).rejects.toThrow(/holds no OSV records.*every dependency would pass/);
    await expect(OfflineOsvSource.load(join(work, 'missing'))).rejects.toThrow(ConfigurationError);
    const bad = join(work, 'bad');
    mkdirSync(bad);
    writeFileSync(join(bad, 'x.json'), '{"id": "X"');
    await expect(OfflineOsvSource.load(bad)).rejects.toThrow(/x\.json is not valid JSON/);
    writeFileSync(join(bad, 'x.json'), '{"name": "not a vulnerability"}');
    await expect(OfflineOsvSource.load(bad)).rejects.toThrow(/x\.json is not an OSV vulnerability/);
  });
});
