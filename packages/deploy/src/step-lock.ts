// The lock as a deploy or rollback step holds it: taken for the whole step, recorded for the
// action's post step, and released there if the step was cancelled or killed while holding it.
import type { Logger, PostContext, StepState } from '@deploysafe/action-kit';
import { DeployLock, lockPath, releaseLockIfHeldBy, type LockOwner } from './deploy-lock.ts';
import { openTarget, type OpenTarget } from './open-target.ts';

/** Names of the values a step saves so that its post step can release a lock it left behind. */
export const LOCK_STATE = { target: 'target', lockPath: 'lock-path', lockToken: 'lock-token' } as const;

/** How a step takes the target's lock. */
export interface StepLockOptions {
  /** The target file's path, for the post step to reopen it. */
  targetPath: string;
  owner: LockOwner;
  waitMs: number;
  logger: Logger;
  state: StepState;
}

/** Takes the target's lock for a step, saving what the post step needs to release it if the step dies holding it. */
export async function acquireStepLock(opened: OpenTarget, options: StepLockOptions): Promise<DeployLock> {
  const { target } = opened;
  options.state.save(LOCK_STATE.target, options.targetPath);
  const lock = await DeployLock.acquire(opened.transport, target.stateDir, options.owner, {
    leaseMs: target.lock.leaseMs,
    waitMs: options.waitMs,
    logger: options.logger,
    onAcquired: (info) => {
      options.state.save(LOCK_STATE.lockPath, lockPath(target.stateDir));
      options.state.save(LOCK_STATE.lockToken, info.token);
    },
  });
  options.logger.info(`Holding the deploy lock ${lock.path} (lease ${Math.round(target.lock.leaseMs / 1000)}s, renewed while this step runs).`);
  return lock;
}

/** Releases a step's lock and forgets it, so the post step has nothing left to do. */
export async function releaseStepLock(lock: DeployLock, state: StepState): Promise<void> {
  await lock.release();
  state.save(LOCK_STATE.lockToken, '');
}

/**
 * The post step of deploy-bluegreen and rollback (`post-if: always()`): when the main step was
 * cancelled or killed while holding the target's lock, release it so the next step does not
 * wait for the lease to run out.
 */
export async function releaseLeftoverLock(ctx: PostContext, step: string): Promise<'released' | 'not-held' | 'nothing'> {
  const target = ctx.state(LOCK_STATE.target);
  const path = ctx.state(LOCK_STATE.lockPath);
  const token = ctx.state(LOCK_STATE.lockToken);
  if (!target || !path || !token) return 'nothing';
  const opened = await openTarget(target, { logger: ctx.logger, onSecret: (s) => ctx.secrets.add(s) });
  try {
    const released = await releaseLockIfHeldBy(opened.transport, path, token);
    if (released) ctx.logger.warning(`The ${step} step ended without releasing the target's lock (cancelled or killed); released ${path} now.`);
    else ctx.logger.info(`The lock ${path} is no longer held by this run; nothing to release.`);
    return released ? 'released' : 'not-held';
  } finally {
    await opened.close();
  }
}
