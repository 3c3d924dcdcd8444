// Test support for rollback (not bundled): a target on this machine with a real sample service per
// colour, and deploys made through @deploysafe/deploy exactly as deploy-bluegreen makes them.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@deploysafe/action-kit';
import { createHealthGate, DeployLock, openTarget, promoteRelease, ReleaseRecordStore, LocalTransport, stageRelease, type GitHubDeployments, type ReleaseRecord } from '@deploysafe/deploy';
import { stringify } from 'yaml';
import { stopServices, writeCommandRouter, writeDeployScript } from '../../../tests/support/deploy-fixture.ts';
import { freePort } from '../../../tests/support/nginx.ts';

/** A target for tests, with its services and record. */
export interface TestTarget {
  dir: string;
  /** The target file. */
  file: string;
  stateDir: string;
  ports: { blue: number; green: number };
  /** Writes another target file in the same directory with some keys replaced. */
  variant(name: string, overrides: Record<string, unknown>): string;
  /** Deploys a release (stage + promote) as deploy-bluegreen does; throws unless it went live. */
  deploy(release: string, options?: { backupId?: string; actor?: string; runId?: string; file?: string; deployments?: GitHubDeployments }): Promise<void>;
  record(): Promise<ReleaseRecord>;
  /** The release a colour answers with, or undefined when it does not answer. */
  served(color: 'blue' | 'green'): Promise<string | undefined>;
  cleanup(): void;
}

/**
 * A `command`-provider target (the live colour is a file switched by a script); `extra` replaces
 * keys of the target file (an `undefined` value removes one). `deployCommand` wraps the sample deploy script.
 */
export async function createTestTarget(options: { prefix?: string; deployCommand?: (deployScript: string, dir: string) => string; extra?: (dir: string) => Record<string, unknown> | Promise<Record<string, unknown>> } = {}): Promise<TestTarget> {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'rollback-'));
  const ports = { blue: await freePort(), green: await freePort() };
  const deployScript = writeDeployScript(dir);
  const stateDir = join(dir, 'state');
  const content: Record<string, unknown> = {
    provider: 'command',
    'state-dir': stateDir,
    health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '5s', interval: '100ms', 'request-timeout': '2s', 'post-switch-timeout': '2s' },
    colors: { blue: { url: `http://127.0.0.1:${ports.blue}` }, green: { url: `http://127.0.0.1:${ports.green}` } },
    'deploy-command': { run: [options.deployCommand ? options.deployCommand(deployScript, dir) : deployScript], timeout: '20s' },
    command: writeCommandRouter(dir),
    lock: { lease: '5s' },
    ...(await options.extra?.(dir)),
  };
  for (const [k, v] of Object.entries(content)) if (v === undefined) delete content[k];
  const file = join(dir, 'target.yml');
  writeFileSync(file, stringify(content));
  return {
    dir,
    file,
    stateDir,
    ports,
    variant(name, overrides) {
      const path = join(dir, `${name}.yml`);
      writeFileSync(path, stringify({ ...content, ...overrides }));
      return path;
    },
    async deploy(release, o = {}) {
      const opened = await openTarget(o.file ?? file, { logger: silentLogger });
      const by = { actor: o.actor ?? 'deployer', runId: o.runId ?? '500' };
      const lock = await DeployLock.acquire(opened.transport, opened.target.stateDir, { ...by, purpose: `test deploy ${release}` }, { leaseMs: 5000, waitMs: 0, logger: silentLogger });
      try {
        const session = { ...opened, health: createHealthGate(), lock, logger: silentLogger, deployments: o.deployments, by, environment: 'production' };
        const stage = await stageRelease(session, { release, commit: `commit-${release}`, backupId: o.backupId });
        if (!stage.ok) throw new Error(`stage of ${release} failed: ${stage.reason}`);
        if (stage.alreadyLive) return;
        const promote = await promoteRelease(session, { release });
        if (!promote.ok) throw new Error(`promote of ${release} failed: ${promote.reason}`);
      } finally {
        await lock.release();
        await opened.close();
      }
    },
    record: () => new ReleaseRecordStore(new LocalTransport(), stateDir).read(),
    async served(color) {
      try {
        const res = await fetch(`http://127.0.0.1:${ports[color]}/`, { signal: AbortSignal.timeout(2000) });
        return /release=(\S+)/.exec(await res.text())?.[1];
      } catch {
        return undefined;
      }
    },
    cleanup() {
      stopServices(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a deploy command that runs `sql` on a PostgreSQL database (a migration) when the release is `release`, then the sample deploy script. */
export function withMigration(deployScript: string, dir: string, database: string, release: string, sql: string): string {
  const wrapper = join(dir, 'deploy-with-migration.sh');
  writeFileSync(
    wrapper,
    `#!/usr/bin/env bash
set -euo pipefail
if [ "$DEPLOY_RELEASE" = ${JSON.stringify(release)} ]; then
  echo "migrating ${database} for $DEPLOY_RELEASE"
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d ${JSON.stringify(database)} -c ${JSON.stringify(sql)}
fi
exec ${JSON.stringify(deployScript)}
`,
  );
  chmodSync(wrapper, 0o755);
  return wrapper;
}
