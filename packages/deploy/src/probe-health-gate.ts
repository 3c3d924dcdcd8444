// The one file that sends health requests. Interim: Node's built-in fetch, until @deploysafe/http-probe lands.
import { setTimeout as sleep } from 'node:timers/promises';
import type { HealthConfig } from './target-file.ts';
import type { HealthCheckOptions, HealthGate, HealthVerdict } from './health-gate.ts';

interface Attempt {
  ok: boolean;
  status: number | undefined;
  detail: string;
}

async function attempt(url: string, health: HealthConfig, release: string, timeoutMs: number): Promise<Attempt> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.round(timeoutMs))), redirect: 'manual', headers: { 'user-agent': 'deploysafe-health-gate' } });
    const body = await response.text();
    if (response.status !== health.expectStatus) return { ok: false, status: response.status, detail: `status ${response.status}, expected ${health.expectStatus}` };
    const expected = health.expectBody?.replaceAll('{release}', release);
    if (expected !== undefined && !body.includes(expected)) return { ok: false, status: response.status, detail: `the body does not contain "${expected}"` };
    return { ok: true, status: response.status, detail: `status ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const name = (error as Error).name;
    return { ok: false, status: undefined, detail: name === 'TimeoutError' ? `no answer within ${timeoutMs}ms` : (cause ?? (error as Error).message) };
  }
}

/** A health gate on HTTP: polls `base + health.path` until it is healthy `healthyCount` times in a row, or the time is up. */
export function createProbeHealthGate(): HealthGate {
  return {
    async check(base: URL, health: HealthConfig, options: HealthCheckOptions): Promise<HealthVerdict> {
      const url = new URL(health.path, base).href;
      const started = performance.now();
      const deadline = started + (options.timeoutMs ?? health.timeoutMs);
      let attempts = 0;
      let streak = 0;
      let last: Attempt = { ok: false, status: undefined, detail: 'not checked' };
      let lastLog = started;
      for (;;) {
        attempts++;
        const left = Math.max(250, deadline - performance.now());
        last = await attempt(url, health, options.release, Math.min(health.requestTimeoutMs, left));
        streak = last.ok ? streak + 1 : 0;
        const now = performance.now();
        if (streak >= health.healthyCount) return { healthy: true, url, attempts, durationMs: Math.round(now - started), status: last.status, detail: last.detail };
        if (now >= deadline) break;
        if (!last.ok && now - lastLog >= 5000) {
          options.logger.info(`  still waiting for ${url}: ${last.detail} (${Math.round((now - started) / 1000)}s)`);
          lastLog = now;
        }
        await sleep(Math.min(health.intervalMs, Math.max(0, deadline - now)));
      }
      return { healthy: false, url, attempts, durationMs: Math.round(performance.now() - started), status: last.status, detail: last.detail };
    },
  };
}
