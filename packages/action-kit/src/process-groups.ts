// Programs the actions start run in their own process groups (spawn with detached: true), so a
// timeout kills everything they started. This registry also takes them down with the action.
import type { ChildProcess } from 'node:child_process';

const live = new Set<ChildProcess>();
let hooked = false;

function installHooks(): void {
  if (hooked) return;
  hooked = true;
  // SIGKILL, not SIGTERM: a restore tool must die before it can read end-of-input and commit a partial load.
  const killAll = () => {
    for (const child of live) killProcessGroup(child, 'SIGKILL');
  };
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      // Then die of the same signal, as if nobody had been listening.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

/** Registers a child started with `detached: true`; it is killed if the action exits or is cancelled first. */
export function trackProcessGroup(child: ChildProcess): void {
  installHooks();
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
}

/** Signals a child's whole process group (the child alone if it has none); quiet if it is gone. */
export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}
