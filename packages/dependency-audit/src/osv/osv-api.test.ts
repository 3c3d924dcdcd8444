import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '@deploysafe/action-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditDependencies } from '../audit.ts';
import { OsvApiSource } from './osv-api-source.ts';
import { OsvClient, OsvUnavailableError } from './osv-client.ts';
import { fixtureRecords, startOsvTestServer, type OsvTestServer } from './osv-test-server.ts';
import { DirectoryVulnerabilityCache } from './vulnerability-cache.ts';

const LOCKFILES = join(import.meta.dirname, '../../fixtures/lockfiles');
const records = fixtureRecords();
// What api.osv.dev answers for these package versions (its own matching, not recomputed here).
const MATCHES: Record<string, string[]> = {
  'npm|lodash|4.17.15': ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'],
  'npm|lodash|4.17.4': ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'],
  'npm|minimist|1.2.5': ['GHSA-xvch-5gv4-984h'],
  'PyPI|jinja2|2.11.2': ['GHSA-g3rq-g295-4j3m', 'PYSEC-2021-66'],
  'Go|golang.org/x/text|0.3.6': ['GO-2021-0113'],
  'Packagist|guzzlehttp/guzzle|7.4.4': ['GHSA-25mq-v84q-4j7r'],
  'RubyGems|rack|2.2.8': ['GHSA-22f2-v57c-j9cx'],
};

let server: OsvTestServer;
const work = mkdtempSync(join(tmpdir(), 'dependency-audit-osv-'));
const fast = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5000 };

beforeAll(async () => {
  server = await startOsvTestServer({ records, matches: MATCHES });
  // A project with an npm lockfile, a pip-compile file and a go.mod: three ecosystems in one run.
  for (const dir of ['npm-v3', 'requirements', 'go']) cpSync(join(LOCKFILES, dir), join(work, 'project', dir), { recursive: true });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});
afterEach(() => {
  server.requests.length = 0;
  server.failures.clear();
});

describe('auditing through the OSV API', () => {
  it('reports each vulnerability once per package version, with severity, fix, location and a stable fingerprint', async () => {
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    const result = await auditDependencies({ root: join(work, 'project'), source });
    await source.close();
    const summary = result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.package.name}@${f.package.version} ${f.location.file}:${f.location.line} fix=${f.remediation.fixedVersion}`);
    expect(summary).toEqual([
      'critical dependency/GHSA-xvch-5gv4-984h minimist@1.2.5 npm-v3/package-lock.json:111 fix=1.2.6',
      'high dependency/GO-2021-0113 golang.org/x/text@v0.3.6 go/go.mod:7 fix=0.3.7',
      'high dependency/GHSA-35jh-r3h4-6jhm lodash@4.17.15 npm-v3/package-lock.json:86 fix=4.17.21',
      'high dependency/GHSA-p6mc-m468-83gw lodash@4.17.15 npm-v3/package-lock.json:86 fix=4.17.20',
      'high dependency/GHSA-35jh-r3h4-6jhm lodash@4.17.4 npm-v3/package-lock.json:92 fix=4.17.21',
      'high dependency/GHSA-p6mc-m468-83gw lodash@4.17.4 npm-v3/package-lock.json:92 fix=4.17.20',
      'medium dependency/GHSA-g3rq-g295-4j3m Jinja2@2.11.2 requirements/requirements.txt:11 fix=2.11.3',
      'low dependency/unpinned-requirement requests@>=2.20 requirements/requirements.txt:16 fix=undefined',
      'low dependency/unpinned-requirement flask@ requirements/requirements.txt:17 fix=undefined',
    ]);
    const lodash = result.findings.find((f) => f.ruleId === 'dependency/GHSA-p6mc-m468-83gw')!;
    expect(lodash.advisory).toMatchObject({ id: 'GHSA-p6mc-m468-83gw', aliases: ['CVE-2020-8203'], severitySource: 'cvss_v3', cvss: { version: '3.1', score: 7.4 } });
    expect(lodash.title).toBe('lodash 4.17.15: Prototype Pollution in lodash');
    expect(lodash.remediation.references[0]).toBe('https://osv.dev/vulnerability/GHSA-p6mc-m468-83gw');
    expect(lodash.remediation.references).toContain('https://nvd.nist.gov/vuln/detail/CVE-2020-8203');
    expect(lodash.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    // The PYSEC record and the GHSA share CVE-2020-28493: one finding, reported under the GHSA id.
    const jinja = result.findings.find((f) => f.package.name === 'Jinja2')!;
    expect(jinja.advisory?.aliases).toEqual(['CVE-2020-28493', 'PYSEC-2021-66', 'SNYK-PYTHON-JINJA2-1012994']);
    // GO-2021-0113 has no rating; its GHSA alias is unknown to this server, so the unrated default applies.
    expect(result.findings.find((f) => f.ruleId === 'dependency/GO-2021-0113')?.advisory?.severitySource).toBe('unrated');
    expect(result.packagesChecked).toBe(21);
    expect(result.mode).toBe('all');
    expect(result.source).toBe(`the OSV API at ${server.url}`);

    const again = await auditDependencies({ root: join(work, 'project'), source: new OsvApiSource({ baseUrl: server.url, ...fast }) });
    expect(again.findings.map((f) => f.fingerprint)).toEqual(result.findings.map((f) => f.fingerprint));
  });

  it('sends Go and Packagist versions without the v prefix and PyPI names normalized', async () => {
    const client = new OsvClient({ baseUrl: server.url, ...fast });
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    const found = await source.findVulnerabilities([
      { ecosystem: 'Packagist', name: 'GuzzleHttp/Guzzle', version: 'v7.4.4' },
      { ecosystem: 'RubyGems', name: 'rack', version: '2.2.8' },
      { ecosystem: 'PyPI', name: 'Jinja2', version: '2.11.2' },
    ]);
    expect(found.map((list) => list.map((r) => r.id))).toEqual([['GHSA-25mq-v84q-4j7r'], ['GHSA-22f2-v57c-j9cx'], ['GHSA-g3rq-g295-4j3m', 'PYSEC-2021-66']]);
    await Promise.all([client.close(), source.close()]);
  });

  it('splits queries into batches and follows next_page_token', async () => {
    const paged = await startOsvTestServer({ records, matches: MATCHES, pageSize: 1 });
    const client = new OsvClient({ baseUrl: paged.url, batchSize: 2, ...fast });
    const refs = await client.queryBatch([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.15' },
      { ecosystem: 'npm', name: 'minimist', version: '1.2.5' },
      { ecosystem: 'npm', name: 'react', version: '18.2.0' },
    ]);
    await client.close();
    await paged.close();
    expect(refs.map((list) => list.map((r) => r.id))).toEqual([['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'], ['GHSA-xvch-5gv4-984h'], []]);
    // Two batches of at most 2, then one follow-up page for lodash carrying its page token.
    expect(paged.requests.map((r) => `${r.queries} ${r.pageTokens?.join(',') ?? ''}`)).toEqual(['2 ', '1 ', '1 page-1']);
    expect(() => new OsvClient({ batchSize: 1001 })).toThrow(/between 1 and 1000/);
  });

  it('a real batch of 2500 package versions goes out as 1000 + 1000 + 500', async () => {
    const client = new OsvClient({ baseUrl: server.url, ...fast });
    const queries = Array.from({ length: 2500 }, (_, i) => ({ ecosystem: 'npm' as const, name: `pkg-${i}`, version: '1.0.0' }));
    const refs = await client.queryBatch(queries);
    await client.close();
    expect(refs).toHaveLength(2500);
    expect(server.requests.map((r) => r.queries)).toEqual([1000, 1000, 500]);
  });

  it('retries 429 and 5xx answers with backoff, then succeeds', async () => {
    server.failures.set('POST /v1/querybatch', [429, 503]);
    server.failures.set('GET /v1/vulns/GHSA-xvch-5gv4-984h', [500]);
    const logger = new MemoryLogger();
    const source = new OsvApiSource({ baseUrl: server.url, logger, ...fast });
    const found = await source.findVulnerabilities([{ ecosystem: 'npm', name: 'minimist', version: '1.2.5' }]);
    await source.close();
    expect(found[0]!.map((r) => r.id)).toEqual(['GHSA-xvch-5gv4-984h']);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/querybatch', 'POST /v1/querybatch', 'POST /v1/querybatch', 'GET /v1/vulns/GHSA-xvch-5gv4-984h', 'GET /v1/vulns/GHSA-xvch-5gv4-984h']);
    expect(logger.text()).toMatch(/failed \(HTTP 429\); retrying/);
    expect(source.stats).toMatchObject({ fetched: 1, cached: 0, requests: 5 });
  });

  it('fails closed when 500s never stop', async () => {
    server.failures.set('POST /v1/querybatch', [500, 500, 500]);
    const source = new OsvApiSource({ baseUrl: server.url, ...fast });
    await expect(auditDependencies({ root: join(work, 'project'), source })).rejects.toThrow(OsvUnavailableError);
    await source.close();
    expect(server.requests).toHaveLength(3);
  });

  it('fails closed with a clear message when the API is unreachable', async () => {
    const port = await closedPort();
    const source = new OsvApiSource({ baseUrl: `http://127.0.0.1:${port}`, ...fast });
    const error = await auditDependencies({ root: join(work, 'project'), source }).catch((e: unknown) => e);
    await source.close();
    expect(error).toBeInstanceOf(OsvUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`The OSV API at http://127.0.0.1:${port} could not be used \\(ECONNREFUSED.*after 3 tries, so dependencies were not checked`));
  });

  it('a wrong base URL is a configuration error, not retried', async () => {
    const source = new OsvApiSource({ baseUrl: `${server.url}/not-osv`, ...fast });
    await expect(source.findVulnerabilities([{ ecosystem: 'npm', name: 'lodash', version: '4.17.15' }])).rejects.toThrow(/answered 404 to POST \/v1\/querybatch/);
    await source.close();
    expect(server.requests).toHaveLength(1);
    expect(() => new OsvClient({ baseUrl: 'api.osv.dev' })).toThrow(/is not a URL/);
  });

  it('caches details by id and modified time across runs', async () => {
    const dir = join(work, 'cache');
    mkdirSync(dir, { recursive: true });
    const packages = [{ ecosystem: 'npm' as const, name: 'lodash', version: '4.17.15' }];
    const first = new OsvApiSource({ baseUrl: server.url, cache: new DirectoryVulnerabilityCache(dir), ...fast });
    await first.findVulnerabilities(packages);
    expect(first.stats).toMatchObject({ fetched: 2, cached: 0 });
    server.requests.length = 0;
    const second = new OsvApiSource({ baseUrl: server.url, cache: new DirectoryVulnerabilityCache(dir), ...fast });
    const found = await second.findVulnerabilities(packages);
    expect(found[0]!.map((r) => r.id)).toEqual(['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw']);
    expect(second.stats).toMatchObject({ fetched: 0, cached: 2 });
    expect(server.requests.filter((r) => r.method === 'GET')).toHaveLength(0);
    // The record changed upstream: the cached copy no longer matches its modified time.
    const changed = new Map(records);
    changed.set('GHSA-p6mc-m468-83gw', { ...records.get('GHSA-p6mc-m468-83gw')!, modified: '2025-01-01T00:00:00Z' });
    const updated = await startOsvTestServer({ records: changed, matches: MATCHES });
    const third = new OsvApiSource({ baseUrl: updated.url, cache: new DirectoryVulnerabilityCache(dir), ...fast });
    await third.findVulnerabilities(packages);
    expect(third.stats).toMatchObject({ fetched: 1, cached: 1 });
    expect(updated.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/v1/vulns/GHSA-p6mc-m468-83gw']);
    await Promise.all([first.close(), second.close(), third.close(), updated.close()]);
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
