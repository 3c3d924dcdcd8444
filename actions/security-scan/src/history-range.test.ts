import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger, readGitHubContext } from '@deploysafe/action-kit';
import { fakeString, scanHistory } from '@deploysafe/secret-scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planHistory } from './history-range.ts';
import type { HistoryChoice } from './inputs.ts';

const dirs: string[] = [];
let origin: string;
const c: Record<string, string> = {};
const token = `${['gh', 'p_'].join('')}${fakeString('history-range', 36)}`;

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}
function commit(file: string, content: string, message: string): string {
  writeFileSync(join(origin, file), content);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '-m', message);
  return git(origin, 'rev-parse', 'HEAD');
}
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}
/** A shallow clone of one branch, as actions/checkout makes by default. */
function shallowClone(branch: string): string {
  const dir = join(temp('checkout-'), 'repo');
  execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', branch, `file://${origin}`, dir]);
  return dir;
}

beforeAll(() => {
  origin = temp('origin-');
  execFileSync('git', ['init', '-q', '-b', 'main', origin]);
  git(origin, 'config', 'user.email', 'dev@example.test');
  git(origin, 'config', 'user.name', 'Dev');
  c.m1 = commit('README.md', '# shop\n', 'm1');
  for (let i = 2; i <= 8; i++) c[`m${i}`] = commit('app.txt', `version ${i}\n`, `m${i}`);
  git(origin, 'checkout', '-q', '-b', 'feature');
  c.f1 = commit('settings.env', `GITHUB_TOKEN=${token}\n`, 'f1: add a token');
  c.f2 = commit('settings.env', 'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}\n', 'f2: replace it with a reference');
  c.f3 = commit('feature.txt', 'feature\n', 'f3');
  git(origin, 'checkout', '-q', 'main');
  c.m9 = commit('app.txt', 'version 9\n', 'm9');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function github(eventName: string, event: unknown) {
  const file = join(temp('event-'), 'event.json');
  writeFileSync(file, JSON.stringify(event));
  return readGitHubContext({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: file });
}

async function plan(repo: string, eventName: string, event: unknown, choice: HistoryChoice = { kind: 'auto' }) {
  const logger = new MemoryLogger();
  const result = await planHistory(choice, github(eventName, event), repo, logger);
  return { result, logger };
}

async function findings(repo: string, revisions: string[]) {
  const scan = await scanHistory(repo, revisions, { workers: 0 });
  return { files: scan.findings.map((f) => [f.file, f.commit]), commits: scan.commits };
}

describe('history: auto in a shallow clone', () => {
  it('pull_request: deepens until the merge base is reachable and scans base..head, catching a token the PR already removed', async () => {
    const repo = shallowClone('feature');
    const { result, logger } = await plan(repo, 'pull_request', { pull_request: { base: { sha: c.m9 }, head: { sha: c.f3 } } });
    expect(result?.revisions).toEqual([`${c.m9}..${c.f3}`]);
    expect(result?.notes.join('\n')).toMatch(/Deepened the shallow clone/);
    expect(logger.text()).toMatch(/git fetch --shallow-since=|git fetch --deepen=/);
    expect(await findings(repo, result?.revisions ?? [])).toEqual({ files: [['settings.env', c.f1]], commits: 3 });
  });

  it('push: scans before..after', async () => {
    const repo = shallowClone('feature');
    const { result } = await plan(repo, 'push', { before: c.m8, after: c.f3, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
    expect(result?.revisions).toEqual([`${c.m8}..${c.f3}`]);
    expect(await findings(repo, result?.revisions ?? [])).toEqual({ files: [['settings.env', c.f1]], commits: 3 });
  });

  it('push: the first push of a branch scans the commits not on the default branch', async () => {
    const repo = shallowClone('feature');
    const { result } = await plan(repo, 'push', { before: '0'.repeat(40), after: c.f3, created: true, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
    expect(result?.revisions).toEqual([c.f3, '--not', 'refs/remotes/origin/main']);
    expect(result?.description).toMatch(/first push of feature/);
    expect(await findings(repo, result?.revisions ?? [])).toEqual({ files: [['settings.env', c.f1]], commits: 3 });
  });

  it('push: the first push of the default branch scans its whole history', async () => {
    const repo = shallowClone('main');
    const { result } = await plan(repo, 'push', { before: '0'.repeat(40), after: c.m9, created: true, ref: 'refs/heads/main', repository: { default_branch: 'main' } });
    expect(result?.revisions).toEqual([c.m9]);
    expect((await findings(repo, result?.revisions ?? [])).commits).toBe(9);
  });

  it('push: a force push whose old head is gone compares with the default branch and says so', async () => {
    const repo = shallowClone('feature');
    const { result } = await plan(repo, 'push', { before: 'ab'.repeat(20), after: c.f3, forced: true, ref: 'refs/heads/feature', repository: { default_branch: 'main' } });
    expect(result?.notes.join('\n')).toMatch(/no longer exists/);
    expect(await findings(repo, result?.revisions ?? [])).toEqual({ files: [['settings.env', c.f1]], commits: 3 });
  });

  it('push: a deleted branch has no commits to scan', async () => {
    const repo = shallowClone('main');
    const { result } = await plan(repo, 'push', { before: c.f3, after: '0'.repeat(40), deleted: true, ref: 'refs/heads/feature' });
    expect(result).toMatchObject({ revisions: [], description: expect.stringMatching(/deleted a branch/) });
  });

  it('merge_group: scans base_sha..head_sha', async () => {
    const repo = shallowClone('feature');
    const { result } = await plan(repo, 'merge_group', { merge_group: { base_sha: c.m9, head_sha: c.f3, base_ref: 'refs/heads/main' } });
    expect(result?.revisions).toEqual([`${c.m9}..${c.f3}`]);
    expect(await findings(repo, result?.revisions ?? [])).toEqual({ files: [['settings.env', c.f1]], commits: 3 });
  });

  it('fails, never passes silently, when the event names no range', async () => {
    const repo = shallowClone('main');
    await expect(plan(repo, 'workflow_dispatch', {})).rejects.toThrow(/history: auto cannot tell which commits to scan for a workflow_dispatch event.*history to none/);
    await expect(plan(repo, 'pull_request', { pull_request: { head: { sha: c.f3 } } })).rejects.toThrow(/no pull_request\.base\.sha/);
    await expect(plan(repo, 'schedule', {})).rejects.toThrow(/schedule event/);
  });

  it('fails when a commit of the range cannot be fetched', async () => {
    const repo = shallowClone('main');
    await expect(plan(repo, 'pull_request', { pull_request: { base: { sha: c.m9 }, head: { sha: 'cd'.repeat(20) } } })).rejects.toThrow(/could not be fetched from origin/);
  });
});

describe('history: explicit choices', () => {
  it('a range such as origin/main..HEAD fetches and deepens what it needs', async () => {
    const repo = shallowClone('feature');
    const { result } = await plan(repo, 'push', {}, { kind: 'range', base: 'origin/main', head: 'HEAD', symmetric: false });
    expect(result?.revisions).toEqual(['origin/main..HEAD']);
    expect(await findings(repo, result?.revisions ?? [])).toEqual({ files: [['settings.env', c.f1]], commits: 3 });
  });

  it('all unshallows the clone and scans every commit once', async () => {
    const repo = shallowClone('feature');
    const { result } = await plan(repo, 'push', {}, { kind: 'all' });
    expect(result?.revisions).toEqual(['--all']);
    expect(git(repo, 'rev-parse', '--is-shallow-repository')).toBe('false');
    expect((await findings(repo, result?.revisions ?? [])).files).toEqual([['settings.env', c.f1]]);
  });

  it('none scans no history', async () => {
    expect((await plan(shallowClone('main'), 'push', {}, { kind: 'none' })).result).toBeUndefined();
  });
});
