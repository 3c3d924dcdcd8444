// rollback with a database restore against the runbook it replaces, on the same machine, under
// the same load, on the same generated PostgreSQL database:
//   deploysafe: the built rollback action in its own process (as the runner runs it): checks the
//               backup, switches nginx back to the colour still running the old release after a
//               health check, verifies the whole encrypted backup, restores it in place, checks health;
//   runbook:    rollback.sh: flip the `current` symlink back, restart the one service, curl /health,
//               then `gunzip -c backup.sql.gz | psql` of the `pg_dump --clean | gzip` taken before the deploy.
// Each round deploys a release whose migration writes to the database, then rolls it back. For each:
// failed requests, the time from the start until every new request gets the old release, the
// whole rollback's duration, and whether the database is back to its content before the deploy.
// Uses the built dist/ of deploy-bluegreen and rollback (pnpm build). Run:
//   node_modules/.bin/node benchmarks/rollback.ts [rounds] [rows]
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '@deploysafe/action-kit';
import { createBackup, FileStorage, openEngine, parseDatabaseUrl } from '@deploysafe/backup';
import { createPostgresDatabase, psql, type TestDatabase } from '@deploysafe/backup/testing';
import { stringify } from 'yaml';
import { runDist } from '../tests/harness/run-dist.ts';
import { stopServices, writeDeployScript } from '../tests/support/deploy-fixture.ts';
import { startLoad, type LoadReport } from '../tests/support/load.ts';
import { freePort, hasNginx, startNginx } from '../tests/support/nginx.ts';
import { median, runScript, startRunbookHost } from './support.ts';

const ROUNDS = Number(process.argv[2] ?? 3);
const ROWS = Number(process.argv[3] ?? 300_000);
const CONCURRENCY = 8;
const KEY = 'benchmark rollback passphrase 0123456789';
// Idempotent, because the runbook's restore leaves the table behind (a --clean dump drops only what it contains).
const MIGRATION = "CREATE TABLE IF NOT EXISTS v2_flags (name text PRIMARY KEY); INSERT INTO v2_flags VALUES ('new-checkout') ON CONFLICT DO NOTHING; UPDATE events SET payload = upper(payload) WHERE id % 10 = 0; INSERT INTO events (payload) SELECT md5(g::text) FROM generate_series(1, 5000) g";

interface Round {
  failed: number;
  sent: number;
  retries: number;
  failures: string[];
  /** From the start of the rollback until every request started afterwards got the old release. */
  allOldMs: number;
  /** The whole rollback, including the database restore. */
  totalMs: number;
  /** The database holds exactly what it held before the deploy. */
  databaseBack: boolean;
}


/** A cheap fingerprint of the content a migration changes. */
function databaseState(db: TestDatabase): string {
  return psql(db.name, "SELECT count(*) || ':' || md5(string_agg(payload, ',' ORDER BY id)) || ':' || coalesce(to_regclass('v2_flags')::text, '-') FROM events");
}

function measure(report: LoadReport, oldRelease: string, start: number, totalMs: number, databaseBack: boolean): Round {
  const notOld = report.samples.filter((s) => s.start >= start && (s.release !== oldRelease || !s.ok)).map((s) => s.start);
  return {
    failed: report.failed,
    sent: report.sent,
    retries: report.staleConnectionRetries,
    failures: report.failures.slice(0, 3),
    allOldMs: Math.max(start, ...notOld) - start,
    totalMs,
    databaseBack,
  };
}

/** Writes a deploy command that migrates the database for releases named `b*`, then runs `then`. */
function migratingDeploy(dir: string, db: TestDatabase, then: string): string {
  const file = join(dir, 'deploy-migrate.sh');
  writeFileSync(
    file,
    `#!/usr/bin/env bash
set -euo pipefail
case "$DEPLOY_RELEASE" in b*) psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d ${db.name} -c ${JSON.stringify(MIGRATION)};; esac
exec ${then}
`,
  );
  chmodSync(file, 0o755);
  return file;
}

async function deploysafe(dir: string, db: TestDatabase): Promise<Round[]> {
  mkdirSync(dir, { recursive: true });
  const ports = { blue: await freePort(), green: await freePort() };
  const deploy = migratingDeploy(dir, db, writeDeployScript(dir));
  writeFileSync(join(dir, 'upstream.conf'), `upstream app { server 127.0.0.1:${ports.blue}; keepalive 16; }\n`);
  const nginx = await startNginx(dir, { upstreamFile: join(dir, 'upstream.conf'), upstreamName: 'app' });
  const target = join(dir, 'target.yml');
  const backups = join(dir, 'backups');
  writeFileSync(
    target,
    stringify({
      provider: 'nginx',
      'state-dir': join(dir, 'state'),
      'public-url': nginx.url,
      health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '10s', interval: '100ms' },
      colors: { blue: { url: `http://127.0.0.1:${ports.blue}` }, green: { url: `http://127.0.0.1:${ports.green}` } },
      'deploy-command': deploy,
      nginx: { 'upstream-file': join(dir, 'upstream.conf'), 'upstream-name': 'app', 'test-command': nginx.testArgs, 'reload-command': nginx.reloadArgs, 'pid-file': nginx.pidFile },
    }),
  );
  const deployStep = async (release: string, backupId?: string) => {
    const result = await runDist('deploy-bluegreen', { inputs: { target, release, 'lock-wait': '0s', ...(backupId ? { 'backup-id': backupId } : {}) } });
    if (result.exitCode !== 0) throw new Error(`deploy ${release} failed:\n${result.log}`);
  };
  const engine = openEngine(parseDatabaseUrl(db.url), { logger: silentLogger, tempDir: tmpdir() });
  try {
    await deployStep('a0');
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      // The pre-deploy backup db-backup takes (zstd, encrypted, checksummed), then the deploy that migrates.
      const backup = await createBackup({ engine, storage: new FileStorage(backups), compression: 'zstd', passphrase: KEY, label: 'pre-deploy', logger: silentLogger });
      const before = databaseState(db);
      await deployStep(`b${i}`, backup.manifest.id);
      const load = startLoad(`${nginx.url}/`, { concurrency: CONCURRENCY, maxMs: 120_000 });
      await sleep(1000);
      const start = load.now();
      const result = await runDist('rollback', {
        inputs: { target, 'restore-database': 'true', 'database-url': db.url, destination: `file:${backups}`, 'encryption-key': KEY, confirm: db.name, reason: 'benchmark', 'lock-wait': '0s' },
      });
      const totalMs = load.now() - start;
      if (result.exitCode !== 0) throw new Error(`rollback of b${i} failed:\n${result.log}`);
      await sleep(1000);
      rounds.push(measure(await load.stop(), 'a0', start, totalMs, databaseState(db) === before));
    }
    return rounds;
  } finally {
    await engine.dispose();
    nginx.stop();
    stopServices(dir);
  }
}

async function runbook(dir: string, db: TestDatabase): Promise<Round[]> {
  const host = await startRunbookHost(dir);
  const dump = join(dir, 'backup.sql.gz');
  // The runbook's restore step: the plain-SQL dump (with DROP statements) piped into psql in one transaction.
  const restore = join(dir, 'restore.sh');
  writeFileSync(restore, `#!/usr/bin/env bash\nset -euo pipefail\ngunzip -c ${dump} | psql -X -q -v ON_ERROR_STOP=1 --single-transaction -h 127.0.0.1 -U postgres -d ${db.name} >/dev/null\n`);
  chmodSync(restore, 0o755);
  try {
    host.flip('a0');
    await host.restart();
    await host.healthy('a0');
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      // backup_database.sh, then deploy_safe.sh's flip + restart + migration.
      execFileSync('bash', ['-c', `set -o pipefail; pg_dump --clean --if-exists -h 127.0.0.1 -U postgres ${db.name} | gzip -1 > ${dump}`]);
      const before = databaseState(db);
      host.flip(`b${i}`);
      await host.restart();
      psql(db.name, MIGRATION);
      await host.healthy(`b${i}`);
      const load = startLoad(`${host.url}/`, { concurrency: CONCURRENCY, maxMs: 120_000 });
      await sleep(1000);
      const start = load.now();
      // rollback.sh
      host.flip('a0');
      await host.restart();
      await host.healthy('a0');
      await runScript(restore);
      const totalMs = load.now() - start;
      await sleep(1000);
      rounds.push(measure(await load.stop(), 'a0', start, totalMs, databaseState(db) === before));
    }
    return rounds;
  } finally {
    host.stop();
  }
}

if (!hasNginx()) {
  console.error('nginx is not installed (apt-get install nginx).');
  process.exit(1);
}
const base = mkdtempSync(join(tmpdir(), 'bench-rollback-'));
const db = createPostgresDatabase();
try {
  psql(db.name, `CREATE TABLE events (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now()); INSERT INTO events (payload) SELECT md5(g::text) || md5((g * 7)::text) FROM generate_series(1, ${ROWS}) g`);
  const size = psql(db.name, `SELECT pg_size_pretty(pg_database_size(current_database()))`);
  const ours = await deploysafe(join(base, 'deploysafe'), db);
  const theirs = await runbook(join(base, 'runbook'), db);
  const row = (name: string, pick: (r: Round) => number, unit: string) => {
    const a = median(ours.map(pick));
    const b = median(theirs.map(pick));
    const ratio = a === 0 ? (b === 0 ? 'equal (both 0)' : `${b.toFixed(0)} vs 0`) : `${(b / a).toFixed(2)}x`;
    return [name, `${a.toFixed(0)}${unit}`, `${b.toFixed(0)}${unit}`, ratio];
  };
  const rows = [
    ['metric (median of rounds)', 'deploysafe', 'runbook', 'runbook / deploysafe'],
    row('failed requests per rollback', (r) => r.failed, ''),
    row('start -> every new request on the old release', (r) => r.allOldMs, 'ms'),
    row('whole rollback incl. database restore', (r) => r.totalMs, 'ms'),
    ['database back to its pre-deploy content', `${ours.filter((r) => r.databaseBack).length}/${ours.length}`, `${theirs.filter((r) => r.databaseBack).length}/${theirs.length}`, ''],
    ['requests sent per round (median)', String(median(ours.map((r) => r.sent))), String(median(theirs.map((r) => r.sent))), ''],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`rollback with restore vs runbook: ${ROUNDS} rounds each, ${CONCURRENCY} keep-alive clients through nginx, database ${size} (${ROWS} event rows), same machine\n`);
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  const perRound = (r: Round) => `${r.failed}/${r.allOldMs.toFixed(0)}/${r.totalMs.toFixed(0)}/${r.databaseBack ? 'db ok' : 'db WRONG'}`;
  console.log('\nper round (failed / all-old ms / total ms / database):');
  console.log(`  deploysafe: ${ours.map(perRound).join('  ')}`);
  console.log(`  runbook:    ${theirs.map(perRound).join('  ')}`);
  const failures = ours.flatMap((r) => r.failures);
  if (failures.length > 0) console.log(`\ndeploysafe failures: ${failures.join('; ')}`);
  console.log(
    "\nThe runbook's restore (a pg_dump --clean script into psql) drops and recreates only what the dump holds: a table the migration created stays, so the database is not back to its pre-deploy content (in later rounds the table was already there before the deploy, so they compare equal).",
  );
  console.log(
    '\ndeploysafe also: checks the backup and the key before traffic moves, verifies every encrypted chunk before the restore, restores into a new database and swaps names, and records the rollback; the runbook does none of that.',
  );
  const out = join(import.meta.dirname, 'results', 'rollback.json');
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(`${out}.tmp`, `${JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, rows: ROWS, databaseSize: size, concurrency: CONCURRENCY, deploysafe: ours, runbook: theirs }, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
} finally {
  db.drop();
  rmSync(base, { recursive: true, force: true });
}
