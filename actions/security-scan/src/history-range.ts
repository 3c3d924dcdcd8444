// Decides which commits the secrets scanner reads, from the input and the event, and makes a
// shallow clone deep enough to read them completely. Anything it cannot resolve is an error, never a skip.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { ConfigurationError, runCommand, type GitHubContext, type Logger } from '@deploysafe/action-kit';
import type { HistoryChoice } from './inputs.ts';

/** The commits to scan: arguments for `git log`, and how they were chosen. */
export interface HistoryPlan {
  /** `git log` revision arguments; empty when the event carries no commits (a deleted branch). */
  revisions: string[];
  description: string;
  notes: string[];
}

const ZERO_SHA = /^0+$/;
const SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/;
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment']);
const MAX_DEEPEN_ROUNDS = 6;

async function git(repo: string, args: string[], check = true) {
  return runCommand('git', ['-C', repo, ...args], { check, timeoutMs: 600_000, captureLimit: 256 * 1024 * 1024 });
}

function field(event: Record<string, unknown>, path: string): string | undefined {
  let node: unknown = event;
  for (const key of path.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'string' && node !== '' ? node : typeof node === 'boolean' ? String(node) : undefined;
}

function need(event: Record<string, unknown>, path: string, eventName: string): string {
  const value = field(event, path);
  if (!value) throw new ConfigurationError(`history: auto cannot resolve the commits of this ${eventName} event: its payload has no ${path}. Set history to none, all or a range such as origin/main..HEAD.`);
  return value;
}

/** Chooses and prepares the commits to scan; undefined for `history: none`. */
export async function planHistory(choice: HistoryChoice, github: GitHubContext, repo: string, logger: Logger): Promise<HistoryPlan | undefined> {
  if (choice.kind === 'none') return undefined;
  const notes: string[] = [];
  if (choice.kind === 'all') {
    if (await isShallow(repo)) {
      logger.info('The clone is shallow: fetching the whole history for history: all');
      await fetchOrFail(repo, ['--unshallow', '--no-tags', 'origin'], 'fetch the whole history (git fetch --unshallow)');
      notes.push('The shallow clone was unshallowed to read every commit.');
    }
    return { revisions: ['--all'], description: 'every commit of every ref', notes };
  }
  if (choice.kind === 'range') {
    const base = await ensureRevision(repo, choice.base, notes, logger);
    const head = await ensureRevision(repo, choice.head, notes, logger);
    await ensureRangeComplete(repo, base, head, notes, logger);
    return { revisions: [`${base}${choice.symmetric ? '...' : '..'}${head}`], description: `${choice.base}${choice.symmetric ? '...' : '..'}${choice.head}`, notes };
  }

  const { eventName, event } = github;
  if (PR_EVENTS.has(eventName)) {
    const base = need(event, 'pull_request.base.sha', eventName);
    const head = need(event, 'pull_request.head.sha', eventName);
    return rangePlan(repo, base, head, `pull request: base ${base.slice(0, 12)}..head ${head.slice(0, 12)}`, notes, logger);
  }
  if (eventName === 'merge_group') {
    const base = need(event, 'merge_group.base_sha', eventName);
    const head = need(event, 'merge_group.head_sha', eventName);
    return rangePlan(repo, base, head, `merge group: ${base.slice(0, 12)}..${head.slice(0, 12)}`, notes, logger);
  }
  if (eventName === 'push') {
    const after = need(event, 'after', eventName);
    if (ZERO_SHA.test(after) || field(event, 'deleted') === 'true') {
      return { revisions: [], description: 'push that deleted a branch: no commits to scan', notes };
    }
    const before = field(event, 'before');
    if (before && !ZERO_SHA.test(before)) {
      if (await ensureCommit(repo, before, logger)) return rangePlan(repo, before, after, `push: ${before.slice(0, 12)}..${after.slice(0, 12)}`, notes, logger);
      notes.push(`The push's previous head ${before.slice(0, 12)} no longer exists (a force push); compared with the default branch instead.`);
    }
    return firstPushPlan(repo, event, after, notes, logger);
  }
  throw new ConfigurationError(
    `history: auto cannot tell which commits to scan for ${eventName ? `a ${eventName} event` : 'a run outside a GitHub event'}: it knows pull_request, push and merge_group. Set history to none (working tree only), all (every commit) or a range such as origin/main..HEAD.`,
  );
}

async function rangePlan(repo: string, base: string, head: string, description: string, notes: string[], logger: Logger): Promise<HistoryPlan> {
  for (const sha of [base, head]) {
    if (!(await ensureCommit(repo, sha, logger))) {
      throw new ConfigurationError(`Commit ${sha} of the range to scan is not in the clone and could not be fetched from origin. Check out the repository with actions/checkout (any fetch-depth) before security-scan.`);
    }
  }
  await ensureRangeComplete(repo, base, head, notes, logger);
  return { revisions: [`${base}..${head}`], description, notes };
}

// The first push of a branch has no "before": scan what it adds over the default branch, or everything for the default branch itself.
async function firstPushPlan(repo: string, event: Record<string, unknown>, after: string, notes: string[], logger: Logger): Promise<HistoryPlan> {
  if (!(await ensureCommit(repo, after, logger))) throw new ConfigurationError(`The pushed commit ${after} is not in the clone and could not be fetched from origin.`);
  const defaultBranch = need(event, 'repository.default_branch', 'push');
  const ref = field(event, 'ref') ?? '';
  if (ref === `refs/heads/${defaultBranch}`) {
    if (await isShallow(repo)) {
      await fetchOrFail(repo, ['--unshallow', '--no-tags', 'origin', after], 'fetch the whole history of the first push');
      notes.push('The shallow clone was unshallowed: the first push of the default branch brings its whole history.');
    }
    return { revisions: [after], description: `first push of ${defaultBranch}: every commit up to ${after.slice(0, 12)}`, notes };
  }
  const tracking = `refs/remotes/origin/${defaultBranch}`;
  const shallow = await isShallow(repo);
  await fetchOrFail(repo, ['--no-tags', ...(shallow ? ['--depth=1'] : []), 'origin', `+refs/heads/${defaultBranch}:${tracking}`], `fetch the default branch ${defaultBranch}`);
  await ensureRangeComplete(repo, tracking, after, notes, logger);
  return { revisions: [after, '--not', tracking], description: `first push of ${ref.replace(/^refs\/(heads|tags)\//, '')}: commits not on ${defaultBranch}`, notes };
}

async function isShallow(repo: string): Promise<boolean> {
  const result = await git(repo, ['rev-parse', '--is-shallow-repository']);
  return result.stdout.trim() === 'true';
}

async function hasCommit(repo: string, revision: string): Promise<boolean> {
  return (await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], false)).exitCode === 0;
}

/** True when the commit is in the clone, fetching it by SHA from origin first when it is not. */
export async function ensureCommit(repo: string, sha: string, logger: Logger): Promise<boolean> {
  if (await hasCommit(repo, sha)) return true;
  if (!SHA.test(sha)) return false;
  logger.info(`Fetching commit ${sha.slice(0, 12)} from origin`);
  const shallow = await isShallow(repo);
  const fetched = await git(repo, ['fetch', '--no-tags', ...(shallow ? ['--depth=1'] : []), 'origin', sha], false);
  return fetched.exitCode === 0 && (await hasCommit(repo, sha));
}

async function ensureRevision(repo: string, revision: string, notes: string[], logger: Logger): Promise<string> {
  if (await ensureCommit(repo, revision, logger)) return revision;
  const remoteBranch = /^(?:refs\/remotes\/)?origin\/(.+)$/.exec(revision)?.[1];
  if (remoteBranch) {
    const shallow = await isShallow(repo);
    await fetchOrFail(repo, ['--no-tags', ...(shallow ? ['--depth=1'] : []), 'origin', `+refs/heads/${remoteBranch}:refs/remotes/origin/${remoteBranch}`], `fetch ${revision}`);
    notes.push(`Fetched ${revision} from origin.`);
    return revision;
  }
  throw new ConfigurationError(`history: ${revision} is not a commit in the clone (and not a branch of origin that could be fetched).`);
}

async function fetchOrFail(repo: string, args: string[], what: string): Promise<void> {
  const result = await git(repo, ['fetch', ...args], false);
  if (result.exitCode !== 0) {
    const why = result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.exitCode}`;
    throw new ConfigurationError(`Could not ${what} from origin: ${why}. The secrets history scan needs the commits it checks.`);
  }
}

async function shallowCommits(repo: string): Promise<Set<string>> {
  const path = (await git(repo, ['rev-parse', '--git-path', 'shallow'])).stdout.trim();
  try {
    const text = await readFile(isAbsolute(path) ? path : join(repo, path), 'utf8');
    return new Set(text.split('\n').filter(Boolean));
  } catch {
    return new Set();
  }
}

// Complete when the clone is not shallow, or when the merge base is present and no commit of the
// range is a shallow boundary (a commit whose parents are missing).
async function rangeComplete(repo: string, base: string, head: string): Promise<boolean> {
  const boundary = await shallowCommits(repo);
  if (boundary.size === 0) return true;
  if ((await git(repo, ['merge-base', base, head], false)).exitCode !== 0) return false;
  const range = (await git(repo, ['rev-list', `${base}..${head}`])).stdout.split('\n').filter(Boolean);
  return !range.some((sha) => boundary.has(sha));
}

async function ensureRangeComplete(repo: string, base: string, head: string, notes: string[], logger: Logger): Promise<void> {
  if (await rangeComplete(repo, base, head)) return;
  const baseTime = Number((await git(repo, ['show', '-s', '--format=%ct', base])).stdout.trim());
  const since = new Date((baseTime - 86_400) * 1000).toISOString();
  const wanted = [base, head].filter((r) => SHA.test(r));
  const steps = [`--shallow-since=${since}`, ...Array.from({ length: MAX_DEEPEN_ROUNDS }, (_, i) => `--deepen=${50 * 2 ** i}`), '--unshallow'];
  for (const step of steps) {
    logger.info(`The shallow clone does not hold the whole range ${base.slice(0, 12)}..${head.slice(0, 12)}: git fetch ${step}`);
    const fetched = await git(repo, ['fetch', '--no-tags', step, 'origin', ...wanted], false);
    if (fetched.exitCode !== 0) {
      logger.info(`git fetch ${step} failed: ${fetched.stderr.trim().split('\n').at(-1) ?? ''}`);
      continue;
    }
    if (await rangeComplete(repo, base, head)) {
      notes.push(`Deepened the shallow clone (git fetch ${step}) to read the whole range.`);
      return;
    }
  }
  throw new ConfigurationError(
    `Could not deepen the shallow clone until it reaches the merge base of ${base} and ${head}, so the commits to scan are unknown. Check that origin is reachable, or check out with fetch-depth: 0.`,
  );
}
