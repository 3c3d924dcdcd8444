// 50 smoke checks against a local server: with a bounded pool the run takes about as long as its
// slowest check, not the sum of all of them. Prints total/slowest and total/sum for several pool sizes.
// Run: node_modules/.bin/node benchmarks/smoke-test-parallel.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { definition, type SmokeReport } from '../actions/smoke-test/src/run.ts';
import { serveIfChild, startServerProcess } from './support.ts';

// The server runs in its own process so its event loop does not share time with the client's.
const serving = serveIfChild(async (req, res) => {
  const delay = Number(/^\/d\/(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
  await sleep(delay);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok', delay }));
});

const CHECKS = 50;
const SLOWEST_MS = 500;

// 49 checks between 20 and 200 ms, plus one of 500 ms: the sum is about 6 s.
function delays(): number[] {
  const out = Array.from({ length: CHECKS - 1 }, (_, i) => 20 + Math.round((180 * i) / (CHECKS - 2)));
  out.splice(CHECKS / 2, 0, SLOWEST_MS);
  return out;
}

async function runOnce(origin: string, concurrency: number, dir: string): Promise<{ totalMs: number; slowestMs: number; sumMs: number; passed: number }> {
  const checks = delays()
    .map((d, i) => `- { name: check-${String(i).padStart(2, '0')}-${d}ms, path: /d/${d} }`)
    .join('\n');
  const report = join(dir, `report-${concurrency}.json`);
  const test = createTestContext({ env: { GITHUB_WORKSPACE: dir } });
  const values = inputsFor(definition, { url: origin, presets: 'none', wait: '0s', concurrency, checks: `${checks}\n`, report }, test);
  const started = performance.now();
  const result = await definition.run(values, test.ctx);
  const totalMs = performance.now() - started;
  const data = JSON.parse(readFileSync(report, 'utf8')) as SmokeReport;
  const latencies = data.checks.map((c) => c.result.latencyMs);
  if (result.failure) throw new Error(`the benchmark checks should all pass: ${result.failure}`);
  return { totalMs, slowestMs: Math.max(...latencies), sumMs: latencies.reduce((a, b) => a + b, 0), passed: data.totals.passed };
}

async function main(): Promise<void> {
  const server = await startServerProcess(fileURLToPath(import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
  try {
    await runOnce(server.origin, 10, dir); // warm-up: JIT, first connections
    console.log(`smoke-test: ${CHECKS} checks against a local server (delays 20-200 ms, one of ${SLOWEST_MS} ms), node ${process.version}`);
    console.log('');
    console.log('concurrency | total    | slowest check | sum of checks | total/slowest | total/sum');
    console.log('----------- | -------- | ------------- | ------------- | ------------- | ---------');
    for (const concurrency of [1, 10, 50]) {
      const r = await runOnce(server.origin, concurrency, dir);
      const row = [
        String(concurrency).padStart(11),
        `${Math.round(r.totalMs)} ms`.padStart(8),
        `${Math.round(r.slowestMs)} ms`.padStart(13),
        `${Math.round(r.sumMs)} ms`.padStart(13),
        (r.totalMs / r.slowestMs).toFixed(2).padStart(13),
        (r.totalMs / r.sumMs).toFixed(3).padStart(9),
      ];
      console.log(row.join(' | '));
    }
    console.log('');
    console.log('concurrency 1 is the sequential baseline (a curl loop): total/sum near 1.');
    console.log('The first check runs alone first (the wait gate), so the best total is that check plus the slowest of the rest.');
  } finally {
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!serving) await main();
