import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '@deploysafe/action-kit';
import { startGitHubApi } from '../../../tests/support/github-api.ts';
import { GitHubDeployments } from './github-deployments.ts';

describe('GitHub Deployments', () => {
  let api: Awaited<ReturnType<typeof startGitHubApi>>;
  beforeAll(async () => {
    api = await startGitHubApi();
  });
  afterAll(() => api.server.close());

  it('creates a deployment and posts statuses with the token and the live URL', async () => {
    const logger = new MemoryLogger();
    const gh = new GitHubDeployments({ token: 'ghs_secret', apiUrl: `${api.url}/`, owner: 'acme', repo: 'shop', logger });
    const id = await gh.create({ ref: 'abc123', environment: 'production', description: 'v1 to green', payload: { release: 'v1' } });
    expect(id).toBe(1001);
    expect(await gh.status(id, 'success', { environmentUrl: 'https://shop.example', logUrl: 'https://github.com/acme/shop/actions/runs/1' })).toBe(true);
    expect(api.calls[0]).toMatchObject({
      method: 'POST',
      path: '/repos/acme/shop/deployments',
      auth: 'token ghs_secret',
      body: { ref: 'abc123', environment: 'production', auto_merge: false, required_contexts: [], payload: { release: 'v1' }, production_environment: true },
    });
    expect(api.calls[1]).toMatchObject({ path: '/repos/acme/shop/deployments/1001/statuses', body: { state: 'success', environment_url: 'https://shop.example', auto_inactive: false } });
    expect(logger.of('warning')).toEqual([]);
  });

  it('turns API errors and an unreachable API into warnings, never failures', async () => {
    const failing = await startGitHubApi({ failWith: 403 });
    const logger = new MemoryLogger();
    const gh = new GitHubDeployments({ token: 't', apiUrl: failing.url, owner: 'acme', repo: 'shop', logger });
    expect(await gh.create({ ref: 'abc', environment: 'production', description: 'x', payload: {} })).toBeUndefined();
    failing.server.close();
    const down = new GitHubDeployments({ token: 't', apiUrl: failing.url, owner: 'acme', repo: 'shop', logger, timeoutMs: 2000 });
    expect(await down.status(5, 'failure')).toBe(false);
    const warnings = logger.of('warning').map((e) => e.message);
    expect(warnings[0]).toMatch(/could not create a deployment for production \(HTTP 403\).*permissions: deployments: write/);
    expect(warnings[1]).toMatch(/could not set deployment 5 to failure/);
    expect(warnings.every((w) => w.endsWith('The deploy itself is not affected.'))).toBe(true);
  });
});
