// smoke-test's latency p95 next to two other tools measuring the same endpoint in the same run:
// curl (a fresh connection per request, as smoke-test does) and autocannon (one kept-alive connection).
// The endpoint answers 90 % of requests after 5 ms and 10 % after 40 ms, so every tool's p95 should
// land near 40 ms plus its own overhead.
// Run: node_modules/.bin/node benchmarks/smoke-test-latency.ts [samples]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { latencyStats, type LatencyStats } from '@deploysafe/http-probe';
import { definition, type SmokeReport } from '../actions/smoke-test/src/run.ts';
import { serveIfChild, startServerProcess } from './support.ts';

const FAST_MS = 5;
const SLOW_MS = 40;
const SLOW_SHARE = 0.1;

const serving = serveIfChild(async (_req, res) => {
  await sleep(Math.random() < SLOW_SHARE ? SLOW_MS : FAST_MS);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"status":"ok"}');
});

async function smokeTest(origin: string, samples: number, dir: string): Promise<LatencyStats> {
  const report = join(dir, 'report.json');
  const test = createTestContext({ env: { GITHUB_WORKSPACE: dir } });
  const values = inputsFor(definition, { url: origin, presets: 'none', wait: '0s', samples, 'latency-p95': '10s', checks: '- { name: work, path: /work }\n', report }, test);
  await definition.run(values, test.ctx);
  const data = JSON.parse(readFileSync(report, 'utf8')) as SmokeReport;
  const stats = data.checks[0]?.latency?.candidate.stats;
  if (!stats) throw new Error('smoke-test took no samples');
  return stats;
}

async function curl(origin: string, samples: number): Promise<LatencyStats> {
  const run = promisify(execFile);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const { stdout } = await run('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total}', `${origin}/work`]);
    times.push(Number(stdout) * 1000);
  }
  return latencyStats(times) as LatencyStats;
}

async function autocannonRun(origin: string, samples: number): Promise<LatencyStats> {
  const times: number[] = [];
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon({ url: `${origin}/work`, connections: 1, pipelining: 1, amount: samples }, (error) => (error ? reject(error) : resolve()));
    // autocannon's summary has p90 and p97.5 but no p95: collect its own per-request times instead.
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  return latencyStats(times) as LatencyStats;
}

function row(tool: string, s: LatencyStats): string {
  const f = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  return `${tool.padEnd(35)} | ${String(s.count).padStart(7)} | ${f(s.p50)} | ${f(s.p95)} | ${f(s.max)}`;
}

async function main(): Promise<void> {
  const samples = Number(process.argv[2] ?? 200);
  const server = await startServerProcess(fileURLToPath(import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'bench-latency-'));
  try {
    await smokeTest(server.origin, 20, dir); // warm-up
    console.log(`latency of one endpoint (${100 - SLOW_SHARE * 100}% at ${FAST_MS} ms, ${SLOW_SHARE * 100}% at ${SLOW_MS} ms), ${samples} sequential requests per tool, node ${process.version}`);
    console.log('');
    console.log(`${'tool'.padEnd(35)} | samples |       p50 |       p95 |       max`);
    console.log(`${'-'.repeat(35)} | ------- | --------- | --------- | ---------`);
    const ours = await smokeTest(server.origin, samples, dir);
    console.log(row('smoke-test (new connection each)', ours));
    const c = await curl(server.origin, samples);
    console.log(row('curl -w time_total (new conn.)', c));
    const a = await autocannonRun(server.origin, samples);
    console.log(row('autocannon (1 kept-alive conn.)', a));
    console.log('');
    console.log(`p95 ratio smoke-test/curl: ${(ours.p95 / c.p95).toFixed(2)}   smoke-test/autocannon: ${(ours.p95 / a.p95).toFixed(2)}`);
    console.log(`p50 ratio smoke-test/curl: ${(ours.p50 / c.p50).toFixed(2)}   smoke-test/autocannon: ${(ours.p50 / a.p50).toFixed(2)}`);
    console.log('All percentiles are nearest-rank over each tool\'s own per-request times.');
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!serving) await main();
