// End to end on a real nginx and the real PostgreSQL under continuous load: deploy v1, back up,
// deploy v2 (whose migration writes to the database), roll back with restore. The load goes
// through nginx to the sample service, which does not use the database: PostgreSQL's in-place
// restore renames databases and ends their sessions for an instant, which a service holding
// connections would see as errors it must reconnect from (not what this test measures).
import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { createBackup, FileStorage, openEngine, parseDatabaseUrl } from '@deploysafe/backup';
import { createPostgresDatabase, postgresFingerprint, type TestDatabase } from '@deploysafe/backup/testing';
import { startLoad, type LoadReport } from '../../../tests/support/load.ts';
import { hasNginx, startNginx, type TestNginx } from '../../../tests/support/nginx.ts';
import { canConnect, hasCommand, requirement } from '../../../tests/support/requirements.ts';
import { definition } from './definition.ts';
import { run } from './run.ts';
import { createTestTarget, withMigration, type TestTarget } from './test-target.ts';

const key = 'e2e rollback passphrase 0123456789';
const ready =
  requirement('nginx', hasNginx()) && requirement('PostgreSQL at 127.0.0.1:5432 with pg_dump', (await canConnect('127.0.0.1', 5432)) && hasCommand('pg_dump'));

// A new connection, as a new visitor: kept-alive connections may finish on an old nginx worker for a moment after a reload.
function servedRelease(url: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    get(`${url}/`, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (c: string) => (text += c)).on('end', () => resolve(/release=(\S+)/.exec(text)?.[1]));
    }).on('error', () => resolve(undefined));
  });
}

/** When (ms after `from`) every request started from then on was answered by `release`. */
function servingFrom(report: LoadReport, from: number, release: string): number | undefined {
  const after = report.samples.filter((s) => s.start >= from).sort((a, b) => a.start - b.start);
  let first: number | undefined;
  for (const s of after) {
    if (s.release === release) first ??= s.start;
    else first = undefined;
  }
  return first === undefined ? undefined : first - from;
}

describe.runIf(ready)('rollback on a real nginx and PostgreSQL under load', () => {
  let db: TestDatabase;
  let nginx: TestNginx;
  let t: TestTarget;

  beforeAll(async () => {
    db = createPostgresDatabase();
    t = await createTestTarget({
      prefix: 'rollback-e2e-',
      deployCommand: (script, dir) =>
        withMigration(script, dir, db.name, 'v2', "CREATE TABLE v2_flags (name text PRIMARY KEY); INSERT INTO v2_flags VALUES ('new-checkout'); UPDATE customers SET balance = balance + 1; INSERT INTO orders (customer_id, total) SELECT id, 9.99 FROM customers LIMIT 50"),
      extra: async (dir) => {
        const upstreamFile = join(dir, 'upstream.conf');
        writeFileSync(upstreamFile, 'upstream app {\n  server 127.0.0.1:9 down;\n}\n');
        nginx = await startNginx(dir, { upstreamFile, upstreamName: 'app' });
        return {
          provider: 'nginx',
          command: undefined,
          'public-url': nginx.url,
          nginx: { 'upstream-file': upstreamFile, 'upstream-name': 'app', 'test-command': nginx.testArgs, 'reload-command': nginx.reloadArgs, 'pid-file': nginx.pidFile },
        };
      },
    });
  });

  afterAll(() => {
    nginx?.stop();
    t?.cleanup();
    db?.drop();
  });

  it('deploy v1, back up, deploy v2 (which migrates), roll back with restore: zero failed requests, v1 serving, the database as before v2, in seconds', async () => {
    const backups = join(t.dir, 'backups');
    await t.deploy('v1');
    expect(await servedRelease(nginx.url)).toBe('v1');
    const load = startLoad(`${nginx.url}/`, { concurrency: 4, maxMs: 90_000, pauseMs: 2 });

    const engine = openEngine(parseDatabaseUrl(db.url), { logger: silentLogger, tempDir: tmpdir() });
    const backup = await createBackup({ engine, storage: new FileStorage(backups), compression: 'zstd', passphrase: key, label: 'pre-deploy', logger: silentLogger });
    const beforeV2 = postgresFingerprint(db.name);
    await t.deploy('v2', { backupId: backup.manifest.id });
    expect(await servedRelease(nginx.url)).toBe('v2');
    expect(postgresFingerprint(db.name)).not.toEqual(beforeV2);

    const c = createTestContext({ env: { GITHUB_WORKSPACE: tmpdir(), GITHUB_RUN_ID: '902', GITHUB_ACTOR: 'oncall' } });
    const inputs = inputsFor(
      definition,
      { target: t.file, reason: 'v2 breaks checkout', 'restore-database': 'true', 'database-url': db.url, destination: `file:${backups}`, 'encryption-key': key, confirm: db.name },
      c,
    );
    const startedAt = load.now();
    const wall = performance.now();
    const result = await run(inputs, c.ctx);
    const wallMs = performance.now() - wall;
    await new Promise((r) => setTimeout(r, 300));
    const report = await load.stop();

    expect(result.failure, c.logger.text()).toBeUndefined();
    expect(result.outputs).toMatchObject({ release: 'v1', 'rolled-back-release': 'v2', 'restored-backup-id': backup.manifest.id });
    expect(await servedRelease(nginx.url)).toBe('v1');
    expect(postgresFingerprint(db.name)).toEqual(beforeV2);
    const v1After = servingFrom(report, startedAt, 'v1');
    const switched = /Traffic is on v1 \(\w+\) (\S+) after the rollback started/.exec(c.logger.text())?.[1];
    console.info(
      `rollback with restore under load: ${report.sent} requests through nginx, ${report.failed} failed (${report.staleConnectionRetries} sent again after a kept-alive connection closed); ` +
        `every new request answered by v1 ${Math.round(v1After ?? Number.NaN)} ms after the action started; traffic switch and public check done at ${switched}; ` +
        `whole rollback including verify + restore + health ${Math.round(wallMs)} ms (duration-ms ${result.outputs['duration-ms']})`,
    );
    expect(report.failures).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.sent).toBeGreaterThan(100);
    expect(v1After).toBeDefined();
    expect(switched).toBeDefined();
    // The runbooks promise under 30 s; this is a bound, not a benchmark.
    expect(wallMs).toBeLessThan(30_000);
    expect(Object.keys(report.byRelease).sort()).toEqual(['v1', 'v2']);
    expect(c.summary.toString()).toMatch(/Rolled back v2 → v1: v1 is live on/);
  });
});
