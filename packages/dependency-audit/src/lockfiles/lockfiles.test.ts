import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverLockfiles, readLockfiles } from './discover.ts';
import { LockfileError } from './lockfile-error.ts';
import { parseLockfile } from './parse-lockfile.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/lockfiles');
const all = await readLockfiles(FIXTURES);
const byFile = (file: string) => {
  const found = all.find((l) => l.file === file);
  if (!found) throw new Error(`${file} was not discovered`);
  return found;
};
const pkgs = (file: string) => byFile(file).packages.map((p) => `${p.name}@${p.version}:${p.line}${p.dev ? ':dev' : ''}`);

const NPM_PROJECT = [
  '@sindresorhus/is@4.0.0',
  'axios@0.21.0',
  'debug@2.6.9',
  'follow-redirects@1.16.3',
  'js-tokens@4.0.0',
  'lodash@4.17.15',
  'lodash@4.17.4',
  'loose-envify@1.4.0',
  'minimist@1.2.5',
  'ms@0.7.0',
  'ms@2.0.0',
  'react@18.2.0',
  'use-sync-external-store@1.2.0',
];

describe('real npm-family lockfiles of one project', () => {
  for (const file of ['npm-v1/package-lock.json', 'npm-v2/package-lock.json', 'npm-v3/package-lock.json', 'pnpm-v5/pnpm-lock.yaml', 'pnpm-v6/pnpm-lock.yaml', 'pnpm-v9/pnpm-lock.yaml', 'yarn-classic/yarn.lock', 'yarn-berry/yarn.lock']) {
    it(`${file} pins the same 13 packages, aliases resolved to the real name`, () => {
      const lockfile = byFile(file);
      expect(lockfile.packages.every((p) => p.ecosystem === 'npm' && p.file === file && typeof p.line === 'number')).toBe(true);
      expect(lockfile.packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(NPM_PROJECT);
    });
  }

  it('points at the entry line: nested node_modules, aliases and dev flags', () => {
    expect(pkgs('npm-v3/package-lock.json')).toEqual(expect.arrayContaining(['ms@2.0.0:54', 'lodash@4.17.4:92', 'lodash@4.17.15:86', 'ms@0.7.0:117:dev']));
    expect(pkgs('npm-v1/package-lock.json')).toEqual(expect.arrayContaining(['ms@2.0.0:28', 'lodash@4.17.4:50', 'ms@0.7.0:68:dev']));
    expect(pkgs('pnpm-v5/pnpm-lock.yaml')).toEqual(expect.arrayContaining(['axios@0.21.0:34', 'use-sync-external-store@1.2.0:103', 'ms@0.7.0:88:dev']));
    expect(pkgs('pnpm-v6/pnpm-lock.yaml')).toEqual(expect.arrayContaining(['axios@0.21.0:45', 'use-sync-external-store@1.2.0:114']));
    expect(pkgs('pnpm-v9/pnpm-lock.yaml')).toEqual(expect.arrayContaining(['@sindresorhus/is@4.0.0:42', 'lodash@4.17.4:72']));
    expect(pkgs('yarn-classic/yarn.lock')).toEqual(expect.arrayContaining(['lodash@4.17.4:34', 'js-tokens@4.0.0:29']));
    expect(pkgs('yarn-berry/yarn.lock')).toEqual(expect.arrayContaining(['lodash@4.17.4:66', 'lodash@4.17.15:73']));
    expect(byFile('yarn-berry/yarn.lock').skipped).toEqual([{ name: 'fixture-app', reason: 'not from the registry (fixture-app@workspace:.)', file: 'yarn-berry/yarn.lock', line: 33 }]);
  });
});

describe('other ecosystems', () => {
  it('requirements.txt: pins (== and ===), markers, extras, hashes, includes; unpinned and editable lines reported', () => {
    const lockfile = byFile('requirements/requirements.txt');
    expect(lockfile.packages.map((p) => `${p.file}:${p.line} ${p.name}@${p.version}`)).toEqual([
      'requirements/requirements.txt:7 click@7.1.2',
      'requirements/requirements.txt:11 Jinja2@2.11.2',
      'requirements/requirements.txt:13 starlette@0.13.6',
      'requirements/requirements-dev.txt:1 pytest@7.4.3',
      'requirements/requirements-dev.txt:2 coverage@7.3.2',
    ]);
    expect(lockfile.unpinned.map((u) => `${u.line} ${u.name} ${u.specifier}`)).toEqual(['16 requests >=2.20', '17 flask ']);
    expect(lockfile.skipped.map((s) => s.line)).toEqual([18]);
  });

  it('poetry.lock 1.x and 2.x, Pipfile.lock, uv.lock', () => {
    expect(pkgs('poetry-v1/poetry.lock')).toEqual(['click@7.1.2:1', 'fastapi@0.61.1:9', 'h11@0.11.0:21', 'starlette@0.13.6:29']);
    expect(pkgs('poetry-v2/poetry.lock')).toEqual(['click@8.1.7:3', 'jinja2@2.11.2:17', 'markupsafe@2.0.1:31']);
    expect(byFile('poetry-v2/poetry.lock').skipped.map((s) => `${s.name}: ${s.reason}`)).toEqual(['mytool: a git source, not a registry release']);
    expect(pkgs('pipfile/Pipfile.lock')).toEqual(['click@8.1.7:19', 'jinja2@2.11.2:28', 'pytest@7.4.3:42:dev']);
    expect(byFile('pipfile/Pipfile.lock').skipped.map((s) => s.name)).toEqual(['mylib', 'requests']);
    expect(pkgs('uv/uv.lock')).toEqual(['annotated-doc@0.0.4:9', 'anyio@4.13.0:18', 'click@8.3.3:30', 'colorama@0.4.6:42', 'fastapi@0.136.1:51']);
    expect(byFile('uv/uv.lock').skipped.map((s) => `${s.name}:${s.line}`)).toEqual(['fastapi-playground:74']);
  });

  it('composer.lock, go.mod, Cargo.lock, Gemfile.lock', () => {
    expect(pkgs('composer/composer.lock')).toEqual(['guzzlehttp/guzzle@7.4.4:10', 'guzzlehttp/promises@1.5.1:28', 'monolog/monolog@v2.8.0:37', 'phpunit/phpunit@9.5.20:54:dev']);
    expect(byFile('composer/composer.lock').skipped.map((s) => s.name)).toEqual(['acme/internal-tools']);
    expect(pkgs('go/go.mod')).toEqual(['golang.org/x/text@v0.3.6:7', 'golang.org/x/sys@v0.0.0-20210806184541-e5e7981a1069:11', 'golang.org/x/xerrors@v0.0.0-20191204190536-9bdfabe68543:12']);
    expect(byFile('go/go.mod').skipped.map((s) => s.reason)).toEqual(['replaced by the local path ../forks/errors']);
    expect(pkgs('cargo/Cargo.lock')).toContain('smallvec@1.15.0:39');
    expect(pkgs('cargo/Cargo.lock')).toContain('wasi@0.14.2+wasi-0.2.4:59');
    expect(byFile('cargo/Cargo.lock').skipped.map((s) => s.name)).toEqual(['snake']);
    expect(pkgs('gemfile/Gemfile.lock')).toEqual(['actionpack@7.0.8:11', 'mini_portile2@2.8.5:14', 'nokogiri@1.15.5:15', 'nokogiri@1.15.5:18', 'racc@1.7.3:20', 'rack@2.2.8:21', 'rack-test@2.1.0:22']);
    expect(byFile('gemfile/Gemfile.lock').skipped.map((s) => s.name)).toEqual(['sprockets-rails', 'billing']);
  });

  it('go.mod before Go 1.17 takes the other modules from go.sum', async () => {
    const goMod = 'module example.com/old\n\ngo 1.16\n\nrequire golang.org/x/text v0.3.6\n';
    const goSum = 'golang.org/x/sys v0.0.0-20210806184541-e5e7981a1069 h1:siQdpVirKtzPhKl3lZWozZraCFObP8S1v6PRp0bLrtU=\ngolang.org/x/sys v0.0.0-20210806184541-e5e7981a1069/go.mod h1:oPkhp1MJrh7nUepCBck5+mAzfO9JrbApNNgaTdGDITg=\n';
    const parsed = await parseLockfile('svc/go.mod', goMod, async (path) => (path === 'svc/go.sum' ? goSum : undefined));
    expect(parsed.packages.map((p) => `${p.file}:${p.line} ${p.name}@${p.version}`)).toEqual([
      'svc/go.mod:5 golang.org/x/text@v0.3.6',
      'svc/go.sum:1 golang.org/x/sys@v0.0.0-20210806184541-e5e7981a1069',
    ]);
  });
});

describe('discovery and failures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dependency-audit-discover-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds lockfiles, skipping node_modules, vendor and .git', async () => {
    for (const path of ['app/package-lock.json', 'node_modules/x/package-lock.json', 'vendor/composer.lock', 'api/requirements-prod.txt', 'api/requirements/base.txt', 'api/notes.txt', '.git/yarn.lock', 'svc/go.mod', 'svc/go.sum']) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), '');
    }
    expect(await discoverLockfiles(dir)).toEqual(['api/requirements-prod.txt', 'api/requirements/base.txt', 'app/package-lock.json', 'svc/go.mod']);
    expect(await discoverLockfiles(dir, { skipDirectories: ['api'] })).toEqual(['app/package-lock.json', 'svc/go.mod']);
  });

  it('a broken lockfile is an error naming the file and line, never an empty pass', async () => {
    const read = async () => undefined;
    await expect(parseLockfile('package-lock.json', '{"packages": {', read)).rejects.toThrow(LockfileError);
    await expect(parseLockfile('Cargo.lock', '[[package]]\nname = "x\n', read)).rejects.toThrow(/Cargo\.lock:2: is not valid TOML/);
    await expect(parseLockfile('pnpm-lock.yaml', 'lockfileVersion: 6.0\npackages:\n  - [', read)).rejects.toThrow(/pnpm-lock\.yaml:\d+: is not valid YAML/);
    await expect(parseLockfile('yarn.lock', '# yarn lockfile v1\n\nnot a header\n', read)).rejects.toThrow(/yarn\.lock:3: unexpected line/);
    await expect(parseLockfile('requirements.txt', '-r missing.txt\n', read)).rejects.toThrow(/includes missing\.txt, which does not exist/);
  });
});
