import { readFileSync } from 'node:fs';

/** What the runner tells an action about the workflow run, read once from the environment. */
export interface GitHubContext {
  /** True when running under GitHub Actions (GITHUB_ACTIONS=true). */
  isActions: boolean;
  workspace: string;
  repository: string;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  refName: string;
  eventName: string;
  /** The parsed event payload, or an empty object when there is none. */
  event: Record<string, unknown>;
  runId: string;
  runAttempt: string;
  runNumber: string;
  actor: string;
  workflow: string;
  job: string;
  serverUrl: string;
  apiUrl: string;
  /** Link to this run, when the repository and run id are known. */
  runUrl: string | undefined;
  /** Directory for temporary files that the runner cleans up. */
  tempDir: string;
}

/** Reads the run context from environment variables (the runner's, or a test's). */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner = '', repo = ''] = repository.split('/');
  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runId = env.GITHUB_RUN_ID ?? '';
  let event: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch {
      event = {};
    }
  }
  return {
    isActions: env.GITHUB_ACTIONS === 'true',
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    repository,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    refName: env.GITHUB_REF_NAME ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    event,
    runId,
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '',
    runNumber: env.GITHUB_RUN_NUMBER ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
    serverUrl,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runUrl: repository && runId ? `${serverUrl}/${repository}/actions/runs/${runId}` : undefined,
    tempDir: env.RUNNER_TEMP ?? (env.TMPDIR || '/tmp'),
  };
}
