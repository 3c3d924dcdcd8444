import type { Logger } from '@deploysafe/action-kit';
import type { HealthConfig } from './target-file.ts';

/** The verdict of a health gate on one URL. */
export interface HealthVerdict {
  healthy: boolean;
  /** The URL that was checked (base URL + health path). */
  url: string;
  attempts: number;
  durationMs: number;
  /** The last status code seen, if any answer came. */
  status: number | undefined;
  /** One line: why it is unhealthy, or what the healthy answer was. */
  detail: string;
}

/** How long and how hard to check. */
export interface HealthCheckOptions {
  /** Replaces `{release}` in `health.expect-body`. */
  release: string;
  /** Overrides `health.timeout` (a quick re-check before promote uses less). */
  timeoutMs?: number;
  logger: Logger;
}

/**
 * Decides whether a colour (or the public side) is healthy: waits for `healthyCount`
 * consecutive answers with the expected status (and body) within the timeout. Fails closed:
 * no answer is unhealthy.
 */
export interface HealthGate {
  check(base: URL, health: HealthConfig, options: HealthCheckOptions): Promise<HealthVerdict>;
}

/** The health gate the actions use. */
export { createProbeHealthGate as createHealthGate } from './probe-health-gate.ts';
