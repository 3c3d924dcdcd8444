// The one file that sends health requests: a health gate on @deploysafe/http-probe.
import { runCheck, waitUntil, type Check, type CheckResult } from '@deploysafe/http-probe';
import type { HealthCheckOptions, HealthGate, HealthVerdict } from './health-gate.ts';
import type { HealthConfig } from './target-file.ts';

function checkFor(url: string, health: HealthConfig, release: string): Check {
  const expected = health.expectBody?.replaceAll('{release}', release);
  return {
    name: 'health',
    request: { url, timeoutMs: health.requestTimeoutMs, headers: { 'user-agent': 'deploysafe-health-gate' }, maxBodyBytes: 64 * 1024 },
    expect: { status: health.expectStatus, ...(expected !== undefined ? { body: { contains: [expected] } } : {}) },
  };
}

function describeResult(result: CheckResult): string {
  if (result.passed) return `status ${result.status}`;
  if (result.error) return `${result.error.code}: ${result.error.message}`;
  const failure = result.failures[0];
  return failure ? `expected ${failure.expected}, got ${failure.actual}` : 'failed';
}

/**
 * A health gate on HTTP: probes `base + health.path` (a new connection each time, like curl)
 * until it passes `healthyCount` times in a row or the time is up. No answer is unhealthy.
 */
export function createProbeHealthGate(): HealthGate {
  return {
    async check(base: URL, health: HealthConfig, options: HealthCheckOptions): Promise<HealthVerdict> {
      const url = new URL(health.path, base).href;
      const check = checkFor(url, health, options.release);
      let streak = 0;
      let lastLog = performance.now();
      const waited = await waitUntil(
        async ({ remainingMs }) => {
          const result = await runCheck(check, { timeoutMs: Math.max(1, Math.round(Math.min(health.requestTimeoutMs, remainingMs))) });
          streak = result.passed ? streak + 1 : 0;
          return result;
        },
        () => streak >= health.healthyCount,
        {
          deadlineMs: options.timeoutMs ?? health.timeoutMs,
          // A fixed interval: a colour that is starting up should be seen healthy as soon as it is.
          initialDelayMs: health.intervalMs,
          maxDelayMs: health.intervalMs,
          factor: 1,
          onRetry: ({ value, elapsedMs }) => {
            const result = value as CheckResult;
            if (result.passed || performance.now() - lastLog < 5000) return;
            options.logger.info(`  still waiting for ${url}: ${describeResult(result)} (${Math.round(elapsedMs / 1000)}s)`);
            lastLog = performance.now();
          },
        },
      );
      return {
        healthy: waited.done,
        url,
        attempts: waited.attempts,
        durationMs: Math.round(waited.elapsedMs),
        status: waited.value.status,
        detail: describeResult(waited.value),
      };
    },
  };
}
