// `npm run demo`: the deploy pipeline of ARCHITECTURE.md, run on this machine with nothing but
// Node.js. Every step is an action's built dist/, run the way the GitHub runner runs it:
//   config-validate -> security-scan -> deploy v1 -> smoke-test -> db-backup
//   -> deploy v2 (stage) -> smoke-test the preview colour against the live one -> promote
//   -> smoke-test live (catches v2's data bug) -> rollback with the database restored -> smoke-test
// A load generator sends requests through the router the whole time and counts the failures.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { stringify } from 'yaml';
import { runDist, type DistRun, type RunDistOptions } from '../tests/harness/run-dist.ts';
import { repoRoot } from './actions.ts';

const app = join(repoRoot, 'examples', 'demo-app');
const tty = process.stdout.isTTY;
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[0m` : s);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const workspace = mkdtempSync(join(tmpdir(), 'deploysafe-demo-'));
const token = (n: number) => randomBytes(n).toString('base64url').slice(0, n);
const backupKey = token(32);
const ports = { blue: await freePort(), green: await freePort() };
const routerState = join(workspace, 'router-state');

const { startRouter } = (await import(join(app, 'router.mjs'))) as { startRouter: (state: string, ports: Record<string, number>) => Promise<{ url: string; close(): Promise<void> }> };
const router = await startRouter(routerState, ports);

// The shop's database: five orders.
const db = new DatabaseSync(join(workspace, 'shop.db'));
db.exec("create table orders (id integer primary key, item text not null, total numeric); insert into orders (item, total) values ('café crème', 3.5), ('ボタン', 12), ('tea', 2.8), ('bagel', 4.1), ('juice', 5)");
db.close();

// What a repository would hold: the rendered .env (kept out of git), the target file and the checks.
writeFileSync(join(workspace, '.gitignore'), '.env.production\n*.db\nbackups/\nstate/\nrun/\nrouter-state*\n');
writeFileSync(
  join(workspace, '.env.production'),
  readFileSync(join(repoRoot, 'actions', 'config-validate', 'fixtures', 'handwritten.env.production'), 'utf8')
    .replace('GENERATE_NEW_64_CHAR_KEY_HERE', randomBytes(32).toString('hex'))
    .replace('YOUR_PRODUCTION_JWT_SECRET_KEY', token(43))
    .replace('STRONG_PASSWORD_HERE', token(24))
    .replace('YOUR_PRODUCTION_STRIPE_KEY', `sk_live_${token(24)}`)
    .replace('your_app_password', token(20)),
);
const node = process.execPath;
writeFileSync(
  join(workspace, 'target.yml'),
  stringify({
    provider: 'command',
    'state-dir': join(workspace, 'state'),
    'public-url': router.url,
    health: { path: '/health', 'expect-status': 200, 'expect-body': '"release":"{release}"', timeout: '20s', 'post-switch-timeout': '10s' },
    colors: { blue: { url: `http://127.0.0.1:${ports.blue}` }, green: { url: `http://127.0.0.1:${ports.green}` } },
    'deploy-command': [node, join(app, 'deploy.mjs'), workspace],
    command: { switch: [node, join(app, 'switch.mjs'), routerState], 'read-live-color': [node, join(app, 'live-color.mjs'), routerState] },
  }),
);
const orderChecks = stringify({ checks: [{ name: 'orders are all there', path: '/api/orders', expect: { status: 200, json: { count: { gte: 5 } } } }] });


// Load through the router for the whole pipeline, once v1 is live.
const load = { sent: 0, failed: 0, byRelease: new Map<string, number>(), running: false };
async function generateLoad(): Promise<void> {
  load.running = true;
  while (load.running) {
    load.sent++;
    try {
      const res = await fetch(`${router.url}/`);
      const body = (await res.json()) as { release?: string };
      if (!res.ok) load.failed++;
      else load.byRelease.set(body.release ?? '?', (load.byRelease.get(body.release ?? '?') ?? 0) + 1);
    } catch {
      load.failed++;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
}

let step = 0;
async function action(name: string, what: string, options: RunDistOptions, expectFailure = false): Promise<DistRun> {
  step++;
  const run = await runDist(name, { workspace, ...options });
  const ok = run.exitCode === 0;
  const mark = ok ? '✅' : expectFailure ? '🛑' : '❌';
  console.log(`${mark} ${bold(`${String(step).padStart(2)}. ${name}`)} ${what} ${dim(`(${(run.durationMs / 1000).toFixed(1)}s)`)}`);
  for (const a of run.annotations.filter((x) => x.level !== 'notice').slice(0, 6)) console.log(dim(`      ${a.level}: ${a.file ? `${a.file}:${a.line ?? ''} ` : ''}${a.message.split('\n')[0]}`));
  if (!ok && !expectFailure) {
    console.log(run.log.split('\n').slice(-30).join('\n'));
    throw new Error(`${name} failed unexpectedly; the demo stops here (workspace: ${workspace})`);
  }
  return run;
}

const out = (run: DistRun, ...names: string[]) => dim(names.map((n) => `${n}=${run.outputs[n]}`).join('  '));
let loadDone: Promise<void> | undefined;
try {
  console.log(`${bold('deploysafe demo')} — workspace ${workspace}\n  router ${router.url} → blue :${ports.blue} / green :${ports.green}\n`);
  const cv = await action('config-validate', '.env.production (secrets filled in)', { inputs: { files: '.env.production' } });
  console.log(`      ${out(cv, 'valid', 'errors', 'warnings')}`);
  const scan = await action('security-scan', 'secrets in the working tree', { inputs: { scanners: 'secrets', history: 'none' } });
  console.log(`      ${out(scan, 'passed', 'findings')}`);
  const v1 = await action('deploy-bluegreen', 'v1, full (stage + promote)', { inputs: { target: 'target.yml', release: 'v1' } });
  console.log(`      ${out(v1, 'live-color', 'live-url', 'switched')}`);
  loadDone = generateLoad();
  const smoke1 = await action('smoke-test', 'live URL: health + orders', { inputs: { url: router.url, checks: orderChecks, wait: '10s', samples: 10 } });
  console.log(`      ${out(smoke1, 'passed', 'p95-ms')}`);
  const backup = await action('db-backup', 'shop.db before deploying v2', { inputs: { 'database-url': 'shop.db', 'encryption-key': backupKey, label: 'pre-deploy' } });
  console.log(`      ${out(backup, 'backup-id', 'size', 'duration-ms')}`);
  const stage = await action('deploy-bluegreen', 'v2, stage (runs its migration)', { inputs: { target: 'target.yml', release: 'v2', step: 'stage', 'backup-id': backup.outputs['backup-id'] as string } });
  console.log(`      ${out(stage, 'preview-url', 'live-color', 'idle-color')}`);
  const preview = await action('smoke-test', 'preview colour vs the live one (health, latency)', {
    inputs: { url: stage.outputs['preview-url'] as string, 'baseline-url': stage.outputs['live-url'] as string, samples: 10, 'baseline-tolerance': 3 },
  });
  console.log(`      ${out(preview, 'passed', 'p95-ms')}`);
  const promote = await action('deploy-bluegreen', 'v2, promote', { inputs: { target: 'target.yml', release: 'v2', step: 'promote' } });
  console.log(`      ${out(promote, 'live-color', 'previous-release', 'switched')}`);
  await action('smoke-test', 'live URL after the switch', { inputs: { url: router.url, checks: orderChecks } }, true);
  const rollback = await action('rollback', 'to v1, restoring the backup taken for v2', {
    inputs: { target: 'target.yml', 'restore-database': true, 'database-url': 'shop.db', destination: 'file:./backups', 'encryption-key': backupKey, confirm: 'shop.db', reason: 'orders missing after v2 (smoke-test failed)' },
  });
  console.log(`      ${out(rollback, 'live-color', 'release', 'restored-backup-id', 'duration-ms')}`);
  const smoke2 = await action('smoke-test', 'live URL after the rollback', { inputs: { url: router.url, checks: orderChecks } });
  console.log(`      ${out(smoke2, 'passed', 'failed')}`);
  load.running = false;
  await loadDone;

  const served = [...load.byRelease].map(([release, n]) => `${release}: ${n}`).join(', ');
  console.log(`\n${bold('Load through the router during the pipeline')}: ${load.sent} requests, ${load.failed} failed (${served})`);
  console.log(`\n${bold('What on-call reads: the rollback job summary')}`);
  console.log(rollback.summary.replace(/<details>[\s\S]*?<\/details>/g, '').replace(/\n{3,}/g, '\n\n').replace(/^/gm, '  │ '));
  if (load.failed > 0) process.exitCode = 1;
} finally {
  load.running = false;
  await loadDone;
  const runDir = join(workspace, 'run');
  for (const color of ['blue', 'green']) {
    const pidFile = join(runDir, `${color}.pid`);
    if (!existsSync(pidFile)) continue;
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      // Already stopped.
    }
  }
  await router.close();
  if (process.exitCode !== 1 && !process.argv.includes('--keep')) rmSync(workspace, { recursive: true, force: true });
  else mkdirSync(workspace, { recursive: true });
}
