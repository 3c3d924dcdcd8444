// Our PostgreSQL backup (pg_dump custom format → zstd → AES-256-GCM chunks → SHA-256 → file) against
// the runbook's `pg_dump | gzip -1 > file`, side by side on a generated database of ≥ 1 GB of dump output.
// Prints wall time, throughput, output size and peak memory of each, and the ratios.
// Ours is the built action (actions/db-backup/dist, as the runner runs it; `pnpm build db-backup` first),
// with verify: none so both sides do one pass (the SHA-256 is computed in the same pass).
// Run: node_modules/.bin/node benchmarks/db-backup-postgres.ts [--rows N] [--rounds N] [--keep]
// Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust), pg_dump, gzip and GNU time.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatBytes, formatDuration } from '@deploysafe/action-kit';

const DATABASE = 'dsb_bench_backup';
const URL_ = `postgresql://postgres@127.0.0.1:5432/${DATABASE}`;

const { values } = parseArgs({ options: { rows: { type: 'string', default: '3600000' }, rounds: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false } } });
const rows = Number(values.rows);
const rounds = Number(values.rounds);

function psql(database: string, sql: string): string {
  const r = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-U', 'postgres', '-d', database, '-c', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

function ensureDatabase(): void {
  const exists = psql('postgres', `SELECT count(*) FROM pg_database WHERE datname = '${DATABASE}'`) === '1';
  if (exists && psql(DATABASE, `SELECT coalesce((SELECT obj_description('events'::regclass)), '')`) === `rows=${rows}`) {
    console.log(`Reusing ${DATABASE} (${rows} rows).`);
    return;
  }
  if (exists) psql('postgres', `DROP DATABASE ${DATABASE} WITH (FORCE)`);
  console.log(`Generating ${DATABASE}: ${rows} rows of mixed text, numbers, timestamps and JSON...`);
  const started = performance.now();
  psql('postgres', `CREATE DATABASE ${DATABASE}`);
  psql(
    DATABASE,
    `CREATE TABLE events (id bigint PRIMARY KEY, account uuid, kind text, amount numeric(14,2), at timestamptz, payload jsonb, note text);
     INSERT INTO events
       SELECT i, md5(i::text)::uuid, (ARRAY['signup','login','purchase','refund','logout'])[1 + i % 5], (i % 100000) / 7.0,
              timestamptz '2024-01-01' + i * interval '7 seconds',
              jsonb_build_object('ip', '10.' || (i % 256) || '.' || (i / 256 % 256) || '.' || (i % 7), 'agent', 'Mozilla/5.0 (X11; Linux x86_64) build ' || (i % 977), 'items', i % 13),
              'order ' || i || ' for ' || substr(md5((i * 31)::text), 1, 12) || ' ' || repeat(substr(md5(i::text), 1 + i % 20, 8), 12)
       FROM generate_series(1, ${rows}) AS i;
     COMMENT ON TABLE events IS 'rows=${rows}';`,
  );
  psql(DATABASE, 'VACUUM ANALYZE events');
  console.log(`Generated in ${formatDuration(performance.now() - started)}; database size ${formatBytes(Number(psql(DATABASE, 'SELECT pg_database_size(current_database())')))}.`);
}

interface Measured {
  ms: number;
  /** User + system CPU seconds of the client side (pg_dump and gzip, or node and pg_dump); the server's are not counted. */
  cpu: number;
  output: number;
  dump: number;
  maxRssKiB: number;
}

function baseline(dir: string): Measured {
  const out = join(dir, 'baseline.sql.gz');
  // GNU time's %M is the largest resident set of any process in the pipeline (pg_dump, gzip, bash).
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', 'bash', '-c', `set -o pipefail; pg_dump -h 127.0.0.1 -U postgres -d ${DATABASE} | gzip -1 > ${out}`], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`baseline failed: ${run.stderr}`);
  const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(run.stderr);
  const output = statSync(out).size;
  const dump = Number(spawnSync('bash', ['-c', `gzip -dc ${out} | wc -c`], { encoding: 'utf8' }).stdout.trim());
  rmSync(out);
  return { ms, cpu: Number(m?.[3] ?? 0) + Number(m?.[4] ?? 0), output, dump, maxRssKiB: Number(m?.[2] ?? 0) };
}

function ours(dir: string): Measured {
  const out = join(dir, 'ours');
  const bundle = join(import.meta.dirname, '..', 'actions', 'db-backup', 'dist', 'index.js');
  const outputs = join(dir, 'github_output');
  writeFileSync(outputs, '');
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    RUNNER_TEMP: dir,
    GITHUB_OUTPUT: outputs,
    'INPUT_OPERATION': 'backup',
    'INPUT_DATABASE-URL': URL_,
    'INPUT_DESTINATION': `file:${out}`,
    'INPUT_ENCRYPTION': 'aes-256-gcm',
    'INPUT_ENCRYPTION-KEY': 'benchmark passphrase, not a secret',
    'INPUT_COMPRESSION': 'zstd',
    'INPUT_VERIFY': 'none',
    'INPUT_RETENTION': 'none',
    'INPUT_RESTORE-MODE': 'empty',
    'INPUT_DRY-RUN': 'false',
    'INPUT_S3-FORCE-PATH-STYLE': 'false',
  };
  const started = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M %U %S', process.execPath, bundle], { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`our backup failed: ${run.stdout}\n${run.stderr}`);
  const manifest = JSON.parse(/^manifest<<(\S+)\n([\s\S]*?)\n\1$/m.exec(readFileSync(outputs, 'utf8'))?.[2] ?? '{}') as { sizes: { dump: number; stored: number } };
  const m = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(run.stderr);
  rmSync(out, { recursive: true, force: true });
  return { ms, cpu: Number(m?.[3] ?? 0) + Number(m?.[4] ?? 0), output: manifest.sizes.stored, dump: manifest.sizes.dump, maxRssKiB: Number(m?.[2] ?? 0) };
}

ensureDatabase();
const dir = mkdtempSync(join(tmpdir(), 'dsb-bench-'));
const results: { baseline: Measured[]; ours: Measured[] } = { baseline: [], ours: [] };
try {
  for (let round = 1; round <= rounds; round++) {
    // Alternate the order so neither side always runs with the warmer cache.
    const order = round % 2 ? (['baseline', 'ours'] as const) : (['ours', 'baseline'] as const);
    for (const side of order) {
      const m = side === 'baseline' ? baseline(dir) : ours(dir);
      results[side].push(m);
      console.log(`round ${round} ${side.padEnd(8)} ${formatDuration(m.ms).padStart(8)}  cpu ${m.cpu.toFixed(1)}s  dump ${formatBytes(m.dump).padStart(10)}  output ${formatBytes(m.output).padStart(10)}  peak RSS ${formatBytes(m.maxRssKiB * 1024)}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  if (!values.keep) psql('postgres', `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
}

const best = (xs: Measured[]) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
const peak = (xs: Measured[]) => Math.max(...xs.map((x) => x.maxRssKiB));
const b = best(results.baseline);
const o = best(results.ours);
const rate = (m: Measured) => `${formatBytes(Math.round((m.dump / m.ms) * 1000))}/s`;
console.log('\n| | pg_dump \\| gzip -1 > file | db-backup (zstd + AES-256-GCM + SHA-256) | ratio (ours / baseline) |');
console.log('| --- | --- | --- | --- |');
console.log(`| wall time (best of ${rounds}) | ${formatDuration(b.ms)} | ${formatDuration(o.ms)} | ${(o.ms / b.ms).toFixed(2)} |`);
const cpuBest = (xs: Measured[]) => Math.min(...xs.map((x) => x.cpu));
console.log(`| client CPU (user+sys, least of ${rounds}) | ${cpuBest(results.baseline).toFixed(1)}s | ${cpuBest(results.ours).toFixed(1)}s | ${(cpuBest(results.ours) / cpuBest(results.baseline)).toFixed(2)} |`);
console.log(`| dump bytes | ${formatBytes(b.dump)} (plain SQL) | ${formatBytes(o.dump)} (custom format, uncompressed) | ${(o.dump / b.dump).toFixed(2)} |`);
console.log(`| throughput of dump | ${rate(b)} | ${rate(o)} | ${((o.dump / o.ms) / (b.dump / b.ms)).toFixed(2)} |`);
console.log(`| output size | ${formatBytes(b.output)} | ${formatBytes(o.output)} | ${(o.output / b.output).toFixed(2)} |`);
console.log(`| peak RSS (largest process) | ${formatBytes(peak(results.baseline) * 1024)} | ${formatBytes(peak(results.ours) * 1024)} | ${(peak(results.ours) / peak(results.baseline)).toFixed(2)} |`);
console.log(`\nLoad average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (wall times on a shared machine are noisy; CPU seconds are not).`);
const verdicts = [
  o.ms <= b.ms ? `PASS: no slower than the baseline (${(o.ms / b.ms).toFixed(2)}×)` : `MISS: ${(o.ms / b.ms).toFixed(2)}× the baseline's time`,
  peak(results.ours) * 1024 < 200 * 1024 * 1024 ? `PASS: peak RSS ${formatBytes(peak(results.ours) * 1024)} < 200 MiB` : `MISS: peak RSS ${formatBytes(peak(results.ours) * 1024)} ≥ 200 MiB`,
  o.dump >= 1e9 || b.dump >= 1e9 ? 'dump output ≥ 1 GB' : `NOTE: dump output under 1 GB (${formatBytes(Math.max(o.dump, b.dump))}); raise --rows`,
];
console.log(`\n${verdicts.join('\n')}`);
