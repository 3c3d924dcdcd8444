// deploy-bluegreen against the runbook it replaces, on the same machine, under the same load:
//   deploysafe: stage the new release on the idle colour, then promote (nginx upstream rewrite,
//               nginx -t, graceful reload, post-switch check, wait for old workers to drain);
//   runbook:    flip the `current` symlink, then restart the one service (systemctl restart),
//               then curl /health, as deploy_safe.sh does.
// For each: failed requests, p99 latency of requests around the switch, and the time from the
// start of the switch until every new request gets the new release. Uses the built dist/
// (pnpm build deploy-bluegreen). Run:
//   node_modules/.bin/node benchmarks/deploy-bluegreen.ts [rounds]
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { runDist } from '../tests/harness/run-dist.ts';
import { stopServices, writeDeployScript } from '../tests/support/deploy-fixture.ts';
import { latencyPercentile, startLoad, type LoadReport } from '../tests/support/load.ts';
import { freePort, hasNginx, startNginx } from '../tests/support/nginx.ts';
import { median, startRunbookHost } from './support.ts';

const ROUNDS = Number(process.argv[2] ?? 3);
const CONCURRENCY = 8;

interface Round {
  failed: number;
  /** From the first to the last failed request: how long users saw errors. */
  errorWindowMs: number;
  sent: number;
  /** Requests sent again on a new connection after nginx closed an idle kept-alive one (see tests/support/load.ts). */
  retries: number;
  /** The first few failures. */
  failures: string[];
  /** p99 latency of the successful requests started around the switch (failed ones are fast 502s and would flatter the runbook). */
  p99: number;
  /** From the start of the switch until every request started afterwards got the new release. */
  allNewMs: number;
  switchMs: number;
}

function measure(report: LoadReport, oldRelease: string, switchStart: number, switchEnd: number): Round {
  const around = report.samples.filter((s) => s.ok && s.start >= switchStart - 250 && s.start <= switchEnd + 250);
  const lastOld = Math.max(switchStart, ...report.samples.filter((s) => s.start >= switchStart && (s.release === oldRelease || !s.ok)).map((s) => s.start));
  const failures = report.samples.filter((s) => !s.ok).map((s) => s.start);
  const errorWindowMs = failures.length === 0 ? 0 : Math.max(...failures) - Math.min(...failures);
  return { failed: report.failed, errorWindowMs, sent: report.sent, retries: report.staleConnectionRetries, failures: report.failures.slice(0, 3), p99: latencyPercentile(around, 99), allNewMs: lastOld - switchStart, switchMs: switchEnd - switchStart };
}


async function deploysafe(dir: string): Promise<Round[]> {
  const ports = { blue: await freePort(), green: await freePort() };
  const deployScript = writeDeployScript(dir);
  writeFileSync(join(dir, 'upstream.conf'), `upstream app { server 127.0.0.1:${ports.blue}; keepalive 16; }\n`);
  const nginx = await startNginx(dir, { upstreamFile: join(dir, 'upstream.conf'), upstreamName: 'app' });
  const target = join(dir, 'target.yml');
  writeFileSync(
    target,
    stringify({
      provider: 'nginx',
      'state-dir': join(dir, 'state'),
      'public-url': nginx.url,
      health: { path: '/health', 'expect-body': '"release":"{release}"', timeout: '10s', interval: '100ms' },
      colors: { blue: { url: `http://127.0.0.1:${ports.blue}` }, green: { url: `http://127.0.0.1:${ports.green}` } },
      'deploy-command': deployScript,
      nginx: { 'upstream-file': join(dir, 'upstream.conf'), 'upstream-name': 'app', 'test-command': nginx.testArgs, 'reload-command': nginx.reloadArgs, 'pid-file': nginx.pidFile },
    }),
  );
  // The built action in its own process, as the runner runs it (so it does not share the load generator's event loop).
  const step = async (step: string, release: string) => {
    const result = await runDist('deploy-bluegreen', { inputs: { target, step, release, 'lock-wait': '0s' } });
    if (result.exitCode !== 0) throw new Error(`${step} ${release} failed:\n${result.log}`);
  };
  try {
    await step('full', 'r0');
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      await step('stage', `r${i}`);
      const load = startLoad(`${nginx.url}/`, { concurrency: CONCURRENCY, maxMs: 30_000 });
      await sleep(1000);
      const start = load.now();
      await step('promote', `r${i}`);
      const end = load.now();
      await sleep(1000);
      rounds.push(measure(await load.stop(), `r${i - 1}`, start, end));
    }
    return rounds;
  } finally {
    nginx.stop();
    stopServices(dir);
  }
}

async function runbook(dir: string): Promise<Round[]> {
  const host = await startRunbookHost(dir);
  try {
    host.flip('r0');
    await host.restart();
    await host.healthy('r0');
    const rounds: Round[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      const load = startLoad(`${host.url}/`, { concurrency: CONCURRENCY, maxMs: 30_000 });
      await sleep(1000);
      const start = load.now();
      host.flip(`r${i}`);
      await host.restart();
      await host.healthy(`r${i}`);
      const end = load.now();
      await sleep(1000);
      rounds.push(measure(await load.stop(), `r${i - 1}`, start, end));
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
const base = mkdtempSync(join(tmpdir(), 'bench-deploy-'));
try {
  const ours = await deploysafe(join(base, 'deploysafe'));
  const theirs = await runbook(join(base, 'runbook'));
  const row = (name: string, pick: (r: Round) => number, unit: string) => {
    const a = median(ours.map(pick));
    const b = median(theirs.map(pick));
    const ratio = a === 0 ? (b === 0 ? 'equal (both 0)' : `${b.toFixed(0)} vs 0`) : `${(b / a).toFixed(1)}x`;
    return [name, `${a.toFixed(unit === '' ? 0 : 1)}${unit}`, `${b.toFixed(unit === '' ? 0 : 1)}${unit}`, ratio];
  };
  const rows = [
    ['metric (median of rounds)', 'deploysafe', 'runbook', 'runbook / deploysafe'],
    row('failed requests per deploy', (r) => r.failed, ''),
    row('time users saw errors (first to last failure)', (r) => r.errorWindowMs, 'ms'),
    row('p99 latency of successful requests around the switch', (r) => r.p99, 'ms'),
    row('switch start -> all new requests on new release', (r) => r.allNewMs, 'ms'),
    row('switch step duration (incl. checks)', (r) => r.switchMs, 'ms'),
    ['requests sent per round (median)', String(median(ours.map((r) => r.sent))), String(median(theirs.map((r) => r.sent))), ''],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(`deploy-bluegreen vs runbook: ${ROUNDS} rounds each, ${CONCURRENCY} keep-alive clients through nginx, same machine\n`);
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  const perRound = (r: Round) => `${r.failed}/${r.errorWindowMs.toFixed(0)}/${r.p99.toFixed(1)}/${r.allNewMs.toFixed(0)}/${r.switchMs.toFixed(0)}`;
  console.log('\nper round (failed / error window ms / p99 ms / all-new ms / switch ms):');
  console.log(`  deploysafe: ${ours.map(perRound).join('  ')}`);
  console.log(`  runbook:    ${theirs.map(perRound).join('  ')}`);
  const failures = ours.flatMap((r) => r.failures);
  if (failures.length > 0) console.log(`\ndeploysafe failures: ${failures.join('; ')}`);
  console.log(`kept-alive connections closed under a request and retried (not failures): deploysafe ${ours.map((r) => r.retries).join('/')}, runbook ${theirs.map((r) => r.retries).join('/')}`);
  console.log('\nThe runbook fails fast (nginx answers 502 while nothing listens), so its failed count grows with the request rate; the error window does not.');
  const out = join(import.meta.dirname, 'results', 'deploy-bluegreen.json');
  writeFileSync(`${out}.tmp`, `${JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, concurrency: CONCURRENCY, deploysafe: ours, runbook: theirs }, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
} finally {
  rmSync(base, { recursive: true, force: true });
}
