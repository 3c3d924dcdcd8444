import type { Logger } from '@deploysafe/action-kit';
import { openTarget, releaseLockIfHeldBy } from '@deploysafe/deploy';

/**
 * The post step (runs with `post-if: always()`): when the main step was cancelled or killed
 * while holding the target's lock, release it so the next deploy or rollback does not wait for the lease.
 */
export async function releaseLeftoverLock(state: { target: string; lockPath: string; lockToken: string }, logger: Logger, onSecret: (v: string) => void): Promise<'released' | 'not-held' | 'nothing'> {
  if (!state.lockToken || !state.lockPath || !state.target) return 'nothing';
  const opened = await openTarget(state.target, { logger, onSecret });
  try {
    const released = await releaseLockIfHeldBy(opened.transport, state.lockPath, state.lockToken);
    if (released) logger.warning(`The rollback step ended without releasing the target's lock (cancelled or killed); released ${state.lockPath} now.`);
    return released ? 'released' : 'not-held';
  } finally {
    await opened.close();
  }
}
