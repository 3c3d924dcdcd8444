import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeString, join as joinParts } from './fake-credentials.ts';
import { parseRawLog, scanHistory } from './git-history.ts';

const token = (seed: string) => `${joinParts('gh', 'p_')}${fakeString(seed, 36)}`;
let repo: string;
const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8' }).trim();
const write = (path: string, content: string) => {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), content);
};
const commit = (message: string) => {
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
};
const shas: Record<string, string> = {};

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'secret-history-'));
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  git('config', 'user.email', 'dev@example.test');
  git('config', 'user.name', 'Dev');
  write('config.txt', `old=${token('old')}\n`);
  shas.base = commit('base with an old secret');
  git('checkout', '-q', '-b', 'feature');
  write('config.txt', `old=${token('old')}\nplain=1\n`);
  write('added.txt', `new=${token('added')}\n`);
  shas.add = commit('edit config, add a secret');
  write('added.txt', 'new=${{ secrets.TOKEN }}\n');
  shas.remove = commit('remove the secret again');
  write('same.txt', `new=${token('added')}\n`);
  shas.copy = commit('the same blob content under another name');
  git('checkout', '-q', 'main');
  write('main.txt', 'main side\n');
  shas.mainSide = commit('main moves on');
  git('merge', '-q', '--no-ff', '--no-commit', 'feature');
  write('merge-fix.txt', `fix=${token('evil-merge')}\n`);
  shas.merge = commit('merge with a secret added while resolving');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('scanHistory', () => {
  it('reports secrets a range added, even when a later commit removed them, and not those its parents held', async () => {
    const scan = await scanHistory(repo, [`${shas.base}..${shas.remove}`], { workers: 1 });
    expect(scan.commits).toBe(2);
    expect(scan.findings.map((f) => [f.file, f.commit, f.line])).toEqual([['added.txt', shas.add, 1]]);
  });

  it('scans each blob once (the first commit that added it) across the whole history', async () => {
    const scan = await scanHistory(repo, ['--all'], { workers: 0 });
    const byFile = scan.findings.map((f) => [f.file, f.commit]);
    expect(byFile).toContainEqual(['config.txt', shas.base]);
    expect(byFile).toContainEqual(['added.txt', shas.add]);
    expect(byFile).toContainEqual(['merge-fix.txt', shas.merge]);
    // same.txt holds the same blob as added.txt did: scanned once, reported at its first commit.
    expect(byFile.filter(([file]) => file === 'same.txt')).toEqual([]);
    expect(scan.commits).toBe(6);
  });

  it('limits the scan to paths when asked', async () => {
    const scan = await scanHistory(repo, ['--all'], { workers: 0, paths: ['merge-fix.txt'] });
    expect(scan.findings.map((f) => f.file)).toEqual(['merge-fix.txt']);
  });

  it('finds a secret added while resolving a merge', async () => {
    const scan = await scanHistory(repo, [`${shas.mainSide}..${shas.merge}`], { workers: 0 });
    expect(scan.findings.map((f) => f.file).sort()).toEqual(['added.txt', 'merge-fix.txt']);
  });
});

describe('parseRawLog', () => {
  it('reads plain and combined (merge) raw lines and drops deletions and submodules', () => {
    const z = '0'.repeat(40);
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const c = 'c'.repeat(40);
    const out = [
      `\x01${a} 2024-01-01T00:00:00Z`,
      `\n:000000 100644 ${z} ${a} A`, 'new file.txt',
      `:100644 000000 ${a} ${z} D`, 'gone.txt',
      `:000000 160000 ${z} ${b} A`, 'submodule',
      `\x01${b} 2024-01-02T00:00:00Z`,
      `\n::100644 100644 100644 ${a} ${b} ${c} MM`, 'merged.txt',
      '',
    ].join('\0');
    expect(parseRawLog(out)).toEqual({
      commits: 2,
      changes: [
        { blob: a, file: 'new file.txt', commit: a, commitDate: '2024-01-01T00:00:00Z', parents: [] },
        { blob: c, file: 'merged.txt', commit: b, commitDate: '2024-01-02T00:00:00Z', parents: [a, b] },
      ],
    });
  });
});
