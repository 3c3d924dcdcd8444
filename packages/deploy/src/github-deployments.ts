import { request as octokitRequest } from '@octokit/request';
import type { GitHubContext, Logger } from '@deploysafe/action-kit';

/** The states a GitHub deployment status can take. */
export type DeploymentState = 'queued' | 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

/** Where and as whom to talk to the GitHub REST API. */
export interface GitHubDeploymentsOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's `/api/v3`. */
  apiUrl: string;
  owner: string;
  repo: string;
  logger: Logger;
  /** Per request; default 10 s. */
  timeoutMs?: number;
}

/** What a new deployment says. */
export interface NewDeployment {
  /** The commit SHA (or ref) being deployed. */
  ref: string;
  environment: string;
  description: string;
  payload: Record<string, unknown>;
  productionEnvironment?: boolean;
}

/** What a status says. */
export interface StatusDetails {
  description?: string;
  /** The URL the environment is served at (shown as "View deployment"). */
  environmentUrl?: string | undefined;
  /** A link to the workflow run. */
  logUrl?: string | undefined;
}

/**
 * Mirrors deploys as GitHub Deployments and statuses. The truth stays in the target's release
 * record, so any API failure is logged as a warning and never fails a deploy.
 */
export class GitHubDeployments {
  readonly #request: typeof octokitRequest;
  readonly #options: GitHubDeploymentsOptions;
  #warned = 0;

  constructor(options: GitHubDeploymentsOptions) {
    this.#options = options;
    this.#request = octokitRequest.defaults({
      baseUrl: options.apiUrl.replace(/\/+$/, ''),
      headers: { authorization: `token ${options.token}`, 'x-github-api-version': '2022-11-28', 'user-agent': 'deploysafe' },
    });
  }

  #warn(what: string, error: unknown): void {
    const status = (error as { status?: number }).status;
    const message = (error as Error).message ?? String(error);
    const hint = status === 403 || status === 404 ? ' (does the workflow have `permissions: deployments: write`?)' : '';
    this.#options.logger.warning(`GitHub Deployments: could not ${what}${status ? ` (HTTP ${status})` : ''}: ${message.split('\n')[0]}${hint}. The deploy itself is not affected.`);
    this.#warned++;
  }

  /** Number of API calls that failed (each was a warning). */
  get failures(): number {
    return this.#warned;
  }

  /** Creates a deployment; its id, or undefined when the API could not be reached. */
  async create(deployment: NewDeployment): Promise<number | undefined> {
    try {
      const response = await this.#request('POST /repos/{owner}/{repo}/deployments', {
        owner: this.#options.owner,
        repo: this.#options.repo,
        ref: deployment.ref,
        environment: deployment.environment,
        description: deployment.description.slice(0, 140),
        payload: deployment.payload,
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        production_environment: deployment.productionEnvironment ?? deployment.environment === 'production',
        request: { signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000) },
      });
      const id = (response.data as { id?: unknown }).id;
      if (typeof id !== 'number') {
        this.#warn('create a deployment', new Error(`the API answered ${response.status} without a deployment id`));
        return undefined;
      }
      return id;
    } catch (error) {
      this.#warn(`create a deployment for ${deployment.environment}`, error);
      return undefined;
    }
  }

  /** Posts a status on a deployment; does nothing for an undefined id. True when it was posted. */
  async status(id: number | undefined, state: DeploymentState, details: StatusDetails = {}): Promise<boolean> {
    if (id === undefined) return false;
    try {
      await this.#request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: this.#options.owner,
        repo: this.#options.repo,
        deployment_id: id,
        state,
        ...(details.description ? { description: details.description.slice(0, 140) } : {}),
        ...(details.environmentUrl ? { environment_url: details.environmentUrl } : {}),
        ...(details.logUrl ? { log_url: details.logUrl } : {}),
        // We mark replaced deployments inactive ourselves, with a description saying why.
        auto_inactive: false,
        request: { signal: AbortSignal.timeout(this.#options.timeoutMs ?? 10_000) },
      });
      return true;
    } catch (error) {
      this.#warn(`set deployment ${id} to ${state}`, error);
      return false;
    }
  }
}

/**
 * The Deployments client for this workflow run, or undefined (with a log line saying why) when
 * there is no token or no repository: GitHub Deployments are a mirror, never a reason to fail.
 */
export function deploymentsForRun(token: string | undefined, github: GitHubContext, logger: Logger, step: string): GitHubDeployments | undefined {
  if (!token) {
    logger.info(`No github-token: GitHub Deployments are skipped (the ${step} is unaffected).`);
    return undefined;
  }
  if (!github.owner || !github.repo) {
    logger.info('GITHUB_REPOSITORY is not set: GitHub Deployments are skipped.');
    return undefined;
  }
  return new GitHubDeployments({ token, apiUrl: github.apiUrl, owner: github.owner, repo: github.repo, logger });
}
