// The built bundle, run the way the GitHub runner runs it: a pull request in a shallow clone.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fakeString } from '@deploysafe/secret-scanner';
import { plantedCorpus } from '@deploysafe/secret-scanner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '@deploysafe/http-probe/testing';
import { fixtureRecords, startOsvTestServer } from '../../../packages/dependency-audit/src/osv/osv-test-server.ts';
import { runDist } from '../../../tests/harness/run-dist.ts';

const corpus = plantedCorpus('dist');
const removedToken = `${['gh', 'p_'].join('')}${fakeString('dist-removed', 36)}`;
const dirs: string[] = [];
let origin: string;
let base: string;
let head: string;

const git = (repo: string, ...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
function shallowCheckout(branch: string): string {
  const dir = join(temp('dist-ws-'), 'shop');
  execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', branch, `file://${origin}`, dir]);
  return dir;
}

beforeAll(() => {
  origin = temp('dist-origin-');
  execFileSync('git', ['init', '-q', '-b', 'main', origin]);
  git(origin, 'config', 'user.email', 'dev@example.test');
  git(origin, 'config', 'user.name', 'Dev');
  writeFileSync(join(origin, 'README.md'), '# shop\n');
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', 'initial');
  base = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '-q', '-b', 'feature');
  for (const [path, content] of corpus.files) {
    mkdirSync(dirname(join(origin, path)), { recursive: true });
    writeFileSync(join(origin, path), content);
  }
  writeFileSync(join(origin, 'deploy.env'), `GITHUB_TOKEN=${removedToken}\n`);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', 'add the app');
  writeFileSync(join(origin, 'deploy.env'), 'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}\n');
  git(origin, 'commit', '-q', '-am', 'use the secret instead');
  head = git(origin, 'rev-parse', 'HEAD');
  git(origin, 'checkout', '-q', 'main');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('security-scan dist', () => {
  it('fails a pull request in a shallow clone, with annotations, SARIF and a report, and leaks no secret', async () => {
    const workspace = shallowCheckout('feature');
    const run = await runDist('security-scan', {
      workspace,
      eventName: 'pull_request',
      event: { pull_request: { number: 7, base: { sha: base, ref: 'main' }, head: { sha: head, ref: 'feature' } } },
      inputs: { scanners: 'secrets' },
    });
    expect(run.exitCode, run.log).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(Number(run.outputs.findings)).toBe(corpus.planted.filter((p) => !p.allowedInline).length + 1);
    expect(run.log).toMatch(/Deepened the shallow clone|git fetch --(shallow-since|deepen)/);

    // The token removed within the PR is found in history, on its file and line.
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as { findings: { location: { file: string }; commit?: { sha: string }; verdict: string }[] };
    const removed = report.findings.find((f) => f.location.file === 'deploy.env');
    expect(removed).toMatchObject({ verdict: 'blocking', commit: { sha: expect.stringMatching(/^[0-9a-f]{40}$/) } });
    expect(run.annotations.find((a) => a.file === 'deploy.env')).toMatchObject({ level: 'error', line: 1 });
    expect(run.annotations.find((a) => a.file === '.env.production' && a.line === 5)?.level).toBe('error');

    const sarifPath = run.outputs.sarif as string;
    expect(sarifPath).toBe(join(workspace, 'security-scan.sarif'));
    const sarif = readFileSync(sarifPath, 'utf8');
    const reportText = readFileSync(run.outputs.report as string, 'utf8');
    expect(run.summary).toContain('### Secrets:');
    expect(run.summary).toMatch(/History.*pull request: base/);

    // No secret anywhere it could be read: log (without the add-mask commands), summary, outputs, report, SARIF.
    const secrets = [...corpus.planted.map((p) => p.secret), removedToken].flatMap((s) => s.split('\n')).filter((l) => l.length > 8);
    const written = [run.log, run.summary, JSON.stringify(run.outputs), reportText, sarif].join('\n');
    for (const secret of secrets) expect(written).not.toContain(secret);
    // ...and each was handed to the runner for masking.
    for (const secret of [removedToken, ...corpus.planted.map((p) => p.secret.split('\n')[0] as string)]) expect(run.masks).toContain(secret);
  });

  it('passes a clean push and reports what it covered', async () => {
    const workspace = shallowCheckout('main');
    const run = await runDist('security-scan', {
      workspace,
      eventName: 'push',
      event: { before: base, after: base, ref: 'refs/heads/main', repository: { default_branch: 'main' } },
      inputs: { scanners: 'secrets' },
    });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', findings: '0' });
    expect(run.summary).toContain('✅ **Passed**');
    expect(run.annotations).toEqual([]);
  });

  it('fails with one clear line when the event names no range or an input is missing', async () => {
    const workspace = shallowCheckout('main');
    const dispatch = await runDist('security-scan', { workspace, eventName: 'workflow_dispatch', event: {}, inputs: { scanners: 'secrets' } });
    expect(dispatch.exitCode).toBe(1);
    expect(dispatch.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(/^history: auto cannot tell which commits to scan for a workflow_dispatch event/)]);
    const noUrl = await runDist('security-scan', { workspace, inputs: { scanners: 'secrets,headers' } });
    expect(noUrl.exitCode).toBe(1);
    expect(noUrl.stdout).toMatch(/::error::Input 'url' is required: expected the URL of the deployed site when scanners includes headers/);
    expect(noUrl.stdout).not.toMatch(/\n\s+at /);
  });

  it('runs the dependencies and headers scanners from the bundle against local OSV and web servers', async () => {
    const osv = await startOsvTestServer({ records: fixtureRecords(), matches: { 'npm|lodash|4.17.15': ['GHSA-35jh-r3h4-6jhm', 'GHSA-p6mc-m468-83gw'] } });
    const site = await startTestServer((req, res) => {
      res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html', 'x-powered-by': 'Express 4.18.2' });
      res.end('<!doctype html><title>shop</title>');
    });
    try {
      const workspace = temp('dist-deps-');
      copyFileSync(join(import.meta.dirname, '../../../packages/dependency-audit/fixtures/lockfiles/npm-v3/package-lock.json'), join(workspace, 'package-lock.json'));
      const run = await runDist('security-scan', { workspace, inputs: { scanners: 'dependencies,headers', history: 'none', 'osv-url': osv.url, url: `${site.origin}/`, 'fail-on': 'critical' } });
      const lodash = run.annotations.find((a) => a.file === 'package-lock.json' && /lodash/.test(a.message));
      expect(lodash, run.log).toBeDefined();
      expect(run.summary).toMatch(/### Dependencies:[\s\S]*### Security headers:/);
      expect(run.summary).toMatch(/grade [A-F]/);
      const sarif = JSON.parse(readFileSync(run.outputs.sarif as string, 'utf8')) as { runs: { automationDetails: { id: string } }[] };
      expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual(['security-scan/dependencies/', 'security-scan/headers/']);
      expect(run.exitCode).toBe(run.outputs.passed === 'true' ? 0 : 1);
    } finally {
      await osv.close();
      await site.close();
    }
  });
});
