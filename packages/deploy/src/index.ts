/** The target file: schema, loading and colour helpers. */
export { loadTarget, targetFileSchema, otherColor, colorByName, type Target, type ColorConfig, type HealthConfig, type TargetCommand, type SshConfig } from './target-file.ts';
/** Transports: where a target's commands and files live. */
export { type Transport, type TransportRunOptions } from './transport.ts';
export { LocalTransport } from './local-transport.ts';
export { SshTransport, shellQuote } from './ssh-transport.ts';
/** Providers: how traffic is routed between colours. */
export { SwitchError, type Provider, type ProviderContext, type LiveColorReading, type SwitchRequest } from './provider.ts';
export { createProvider } from './create-provider.ts';
export { deployToColor, DeployCommandError } from './deploy-command.ts';
export { runTargetCommand, displayCommand } from './target-command.ts';
export { openTarget, createTransport, type OpenTarget } from './open-target.ts';
/** Health gating. */
export { createHealthGate, type HealthGate, type HealthVerdict, type HealthCheckOptions } from './health-gate.ts';
/** The release record. */
export {
  ReleaseRecordStore,
  emptyRecord,
  liveEntry,
  stagedEntry,
  previousLiveEntry,
  findRelease,
  releaseOnColor,
  addEntry,
  markDeployed,
  markLive,
  setStatus,
  markRolledBack,
  markDatabaseRestored,
  rollbackToLive,
  type RollbackInfo,
  type Actor,
  type ReleaseRecord,
  type ReleaseEntry,
  type ReleaseEvent,
  type ReleaseStatus,
  type ColorState,
  type NewEntry,
} from './release-record.ts';
/** The deploy lock. */
export { DeployLock, LockBusyError, releaseLockIfHeldBy, readLock, lockPath, describeHolder, type LockInfo, type LockOwner, type AcquireOptions } from './deploy-lock.ts';
/** The lock as a step holds it, and the post step that releases a lock a killed step left. */
export { acquireStepLock, releaseStepLock, releaseLeftoverLock, LOCK_STATE, type StepLockOptions } from './step-lock.ts';
/** GitHub Deployments. */
export { GitHubDeployments, deploymentsForRun, type DeploymentState, type NewDeployment, type StatusDetails, type GitHubDeploymentsOptions } from './github-deployments.ts';
/** The blue-green steps, shared by deploy-bluegreen and rollback. */
export {
  readTargetState,
  stageRelease,
  promoteRelease,
  switchTraffic,
  checkColor,
  liveUrl,
  type DeploySession,
  type TargetState,
  type StageOutcome,
  type StageRequest,
  type SwitchOutcome,
  type PromoteOutcome,
} from './blue-green.ts';
