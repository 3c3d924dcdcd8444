import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditDependencies } from './audit.ts';
import { OfflineOsvSource } from './osv/offline-source.ts';
import { OSV_FIXTURES } from './osv/osv-test-server.ts';

const repo = mkdtempSync(join(tmpdir(), 'dependency-audit-pr-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
afterAll(() => rmSync(repo, { recursive: true, force: true }));

git('init', '-q', '-b', 'main');
mkdirSync(join(repo, 'api'));
// The base already had a vulnerable lodash and an unpinned requirement; the change adds minimist, Jinja2 and one more unpinned line.
writeFileSync(join(repo, 'api/requirements.txt'), 'click==7.1.2\nrequests>=2.20\n');
writeFileSync(join(repo, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/lodash': { version: '4.17.15' } } }, null, 2));
git('add', '.');
git('commit', '-qm', 'base');
const base = git('rev-parse', 'HEAD');
writeFileSync(join(repo, 'api/requirements.txt'), 'click==7.1.2\nrequests>=2.20\nJinja2==2.11.2\nflask\n');
writeFileSync(join(repo, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/lodash': { version: '4.17.15' }, 'node_modules/minimist': { version: '1.2.5' } } }, null, 2));
mkdirSync(join(repo, 'worker'));
writeFileSync(join(repo, 'worker/Gemfile.lock'), 'GEM\n  remote: https://rubygems.org/\n  specs:\n    rack (2.2.8)\n\nPLATFORMS\n  ruby\n');
git('add', '.');
git('commit', '-qm', 'head');

describe('pull request mode: only what the change introduces', () => {
  it('compares each lockfile with its version at the base commit, locally', async () => {
    const source = await OfflineOsvSource.load(OSV_FIXTURES);
    const all = await auditDependencies({ root: repo, source });
    const introduced = await auditDependencies({ root: repo, source, base });
    expect(all.findings.map((f) => `${f.ruleId} ${f.package.name}`)).toEqual(expect.arrayContaining(['dependency/GHSA-p6mc-m468-83gw lodash', 'dependency/unpinned-requirement requests']));
    expect(introduced.mode).toBe('introduced');
    expect(introduced.base).toEqual({ ref: base, commit: base });
    expect(introduced.findings.map((f) => `${f.ruleId} ${f.package.name} ${f.location.file}:${f.location.line}`)).toEqual([
      'dependency/GHSA-xvch-5gv4-984h minimist package-lock.json:8',
      'dependency/GHSA-g3rq-g295-4j3m Jinja2 api/requirements.txt:3',
      'dependency/GHSA-22f2-v57c-j9cx rack worker/Gemfile.lock:4',
      'dependency/unpinned-requirement flask api/requirements.txt:4',
    ]);
  });

  it('works from a subdirectory of the repository and with a ref name', async () => {
    const source = await OfflineOsvSource.load(OSV_FIXTURES);
    const result = await auditDependencies({ root: join(repo, 'api'), source, base: 'HEAD~1' });
    expect(result.findings.map((f) => `${f.package.name} ${f.location.file}`)).toEqual(['Jinja2 requirements.txt', 'flask requirements.txt']);
  });

  it('refuses a base that is not in the clone, or that is the commit being scanned', async () => {
    const source = await OfflineOsvSource.load(OSV_FIXTURES);
    await expect(auditDependencies({ root: repo, source, base: 'origin/main' })).rejects.toThrow(/The base origin\/main is not in this clone.*fetch-depth: 0/);
    await expect(auditDependencies({ root: repo, source, base: 'HEAD' })).rejects.toThrow(/is the commit being scanned .*comparing a commit with itself would report nothing/);
    const outside = mkdtempSync(join(tmpdir(), 'dependency-audit-nogit-'));
    writeFileSync(join(outside, 'requirements.txt'), 'click==7.1.2\n');
    await expect(auditDependencies({ root: outside, source, base: 'main' })).rejects.toThrow(/needs a git repository/);
    rmSync(outside, { recursive: true, force: true });
  });
});
