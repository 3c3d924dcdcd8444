// Tests that need a tool or a server skip locally when it is missing, and fail under CI=true,
// where a skip would hide a check that never ran.
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';

/** True when running in CI, where missing requirements are failures, not skips. */
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

/** True when `command` can be run (it is on PATH and answers `args`). */
export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 });
  return result.error === undefined && result.status !== null;
}

/** True when something accepts TCP connections at host:port. */
export async function canConnect(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Decides whether a suite that needs `what` runs. Returns true to run; false to skip (locally);
 * throws under CI so the run fails instead of skipping silently.
 */
export function requirement(what: string, available: boolean): boolean {
  if (available) return true;
  if (inCI) throw new Error(`${what} is required under CI=true but is not available on this machine (.ci/run installs it).`);
  console.warn(`skipping: ${what} is not available (it would be a failure under CI=true)`);
  return false;
}
