// The dependencies and headers scanners inside the action: local OSV API and web servers, real advisory records.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { startTestServer, type TestServer } from '@deploysafe/http-probe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureRecords, OSV_FIXTURES, startOsvTestServer, type OsvTestServer } from '../../../packages/dependency-audit/src/osv/osv-test-server.ts';
import { definition, run } from './run.ts';

const LOCKFILE = join(import.meta.dirname, '../../../packages/dependency-audit/fixtures/lockfiles/npm-v3/package-lock.json');
const MATCHES = {
  'npm|lodash|4.17.15': ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'],
  'npm|lodash|4.17.4': ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'],
  'npm|minimist|1.2.5': ['GHSA-xvch-5gv4-984h'],
};

const dirs: string[] = [];
let osv: OsvTestServer;
let site: TestServer;
let workspace: string;

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

beforeAll(async () => {
  osv = await startOsvTestServer({ records: fixtureRecords(), matches: MATCHES });
  site = await startTestServer((req, res) => {
    if (req.url === '/.env') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('APP_ENV=production\nAPP_KEY=base64:c2VjcmV0LXZhbHVlLW5vdC1zaG93bg==\nDB_HOST=db\n');
      return;
    }
    if (req.url !== '/') {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', server: 'nginx/1.25.3', 'set-cookie': 'session=abc; Path=/' });
    res.end('<!doctype html><title>shop</title>');
  });
  workspace = temp('security-scan-deps-');
  copyFileSync(LOCKFILE, join(workspace, 'package-lock.json'));
  writeFileSync(join(workspace, 'package.json'), readFileSync(join(LOCKFILE, '../../package.json.npm-fixture')));
});
afterAll(async () => {
  await osv.close();
  await site.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function scan(raw: Record<string, string>, env: Record<string, string> = {}) {
  const out = temp('security-scan-out-');
  const test = createTestContext({ env: { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: out, ...env } });
  const values = inputsFor(definition, { path: workspace, history: 'none', sarif: join(out, 'scan.sarif'), report: join(out, 'report.json'), ...raw }, test);
  const result = await run(values, test.ctx);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    findings: { scanner: string; ruleId: string; severity: string; verdict: string; location: { file?: string; line?: number; url?: string }; details?: Record<string, string> }[];
    scanners: { id: string; coverage: Record<string, string> }[];
  };
  const sarif = JSON.parse(readFileSync(join(out, 'scan.sarif'), 'utf8')) as {
    runs: { automationDetails: { id: string }; tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
  };
  return { result, report, sarif, test };
}

describe('the dependencies scanner', () => {
  it('reports vulnerable lockfile entries from the OSV API on the lockfile line, and gates on them', async () => {
    const { result, report, sarif, test } = await scan({ scanners: 'dependencies', 'osv-url': osv.url });
    const lodash = report.findings.filter((f) => f.details?.package === 'lodash');
    expect(lodash.length).toBeGreaterThan(0);
    expect(lodash[0]).toMatchObject({ scanner: 'dependencies', ruleId: expect.stringMatching(/^dependency\/GHSA-/), location: { file: 'package-lock.json', line: expect.any(Number) } });
    expect(result.outputs.passed).toBe(false);
    const run0 = sarif.runs[0];
    expect(run0?.automationDetails.id).toBe('security-scan/dependencies/');
    expect(run0?.results.some((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === 'package-lock.json')).toBe(true);
    for (const r of run0?.results ?? []) expect(run0?.tool.driver.rules.map((x) => x.id)).toContain(r.ruleId);
    expect(test.summary.toString()).toContain('### Dependencies:');
    expect(report.scanners[0]?.coverage['Lockfiles']).toMatch(/package-lock\.json \(package-lock/);
  });

  it('says so when there is no lockfile, rather than passing silently', async () => {
    const empty = temp('security-scan-no-lockfile-');
    writeFileSync(join(empty, 'index.html'), '<!doctype html>\n');
    const { result, report, test } = await scan({ scanners: 'dependencies', 'osv-url': osv.url, path: empty });
    expect(result.outputs).toMatchObject({ passed: true, findings: 0 });
    expect(report.scanners[0]?.coverage['Lockfiles']).toBe('none found');
    expect(test.summary.toString()).toContain('No lockfile was found');
    expect(test.logger.of('warning').map((w) => w.message)).toContainEqual(expect.stringContaining('No lockfile was found'));
  });

  it('reads an offline directory of OSV records instead of the API', async () => {
    const { report } = await scan({ scanners: 'dependencies', offline: OSV_FIXTURES, 'osv-url': 'http://127.0.0.1:9' });
    expect(report.findings.some((f) => f.details?.package === 'lodash')).toBe(true);
  });

  it('fails closed when the OSV API cannot be reached', async () => {
    await expect(scan({ scanners: 'dependencies', 'osv-url': 'http://127.0.0.1:9' })).rejects.toThrow(/OSV API at http:\/\/127\.0\.0\.1:9 could not be used/);
  }, 120_000);

  it('only-new reports nothing a pull request did not add, and refuses an event without a base', async () => {
    const repo = temp('security-scan-only-new-');
    copyFileSync(LOCKFILE, join(repo, 'package-lock.json'));
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['-C', repo, '-c', 'user.email=d@example.test', '-c', 'user.name=D', 'add', '-A']);
    execFileSync('git', ['-C', repo, '-c', 'user.email=d@example.test', '-c', 'user.name=D', 'commit', '-q', '-m', 'lockfile']);
    const base = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    writeFileSync(join(repo, 'README.md'), 'docs only\n');
    execFileSync('git', ['-C', repo, '-c', 'user.email=d@example.test', '-c', 'user.name=D', 'add', '-A']);
    execFileSync('git', ['-C', repo, '-c', 'user.email=d@example.test', '-c', 'user.name=D', 'commit', '-q', '-m', 'docs']);
    const head = execFileSync('git', ['-C', repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const eventFile = join(temp('event-'), 'event.json');
    writeFileSync(eventFile, JSON.stringify({ pull_request: { base: { sha: base }, head: { sha: head } } }));
    const { result } = await scan({ scanners: 'dependencies', 'osv-url': osv.url, path: repo, 'only-new': 'true' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: eventFile });
    expect(result.outputs).toMatchObject({ passed: true, findings: 0 });
    await expect(scan({ scanners: 'dependencies', 'osv-url': osv.url, path: repo, 'only-new': 'true' }, { GITHUB_EVENT_NAME: 'workflow_dispatch' })).rejects.toThrow(/only-new: true compares the lockfiles with the base/);
  });
});

describe('the headers scanner', () => {
  it('grades the live site, reports exposed files and headers by URL, and files them in SARIF under the host', async () => {
    const { report, sarif, test } = await scan({ scanners: 'headers', url: `${site.origin}/` });
    const env = report.findings.find((f) => f.ruleId === 'exposure/env-file');
    expect(env).toMatchObject({ severity: 'critical', verdict: 'blocking', location: { url: expect.stringContaining('/.env') } });
    expect(report.findings.some((f) => f.ruleId === 'headers/version-disclosure')).toBe(true);
    const summary = test.summary.toString();
    expect(summary).toContain('### Security headers:');
    expect(summary).toMatch(/Score.*grade [A-F]/);
    expect(summary).not.toContain('c2VjcmV0LXZhbHVlLW5vdC1zaG93bg');
    const uris = sarif.runs[0]?.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri) ?? [];
    expect(uris.every((u) => u?.startsWith('127.0.0.1_'))).toBe(true);
  });

  it('fails closed when the site does not answer', async () => {
    await expect(scan({ scanners: 'headers', url: 'http://127.0.0.1:9/' })).rejects.toThrow(/could not get an answer from http:\/\/127\.0\.0\.1:9.*the site was not checked/);
  });
});

describe('all three scanners', () => {
  it('write one report and one SARIF file with a run per scanner', async () => {
    const { sarif, report } = await scan({ scanners: 'secrets,dependencies,headers', 'osv-url': osv.url, url: `${site.origin}/`, 'fail-on': 'none' });
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['security-scan/secrets/', 'security-scan/dependencies/', 'security-scan/headers/']);
    expect(report.scanners.map((s) => s.id)).toEqual(['secrets', 'dependencies', 'headers']);
  });
});
