import { relative } from 'node:path';
import { ConfigurationError, type RunContext, type RunResult } from '@deploysafe/action-kit';
import {
  acquireStepLock,
  createHealthGate,
  deploymentsForRun,
  liveUrl,
  openTarget,
  otherColor,
  promoteRelease,
  readTargetState,
  releaseStepLock,
  stageRelease,
  type DeploySession,
  type HealthGate,
  type PromoteOutcome,
  type StageOutcome,
} from '@deploysafe/deploy';
import type { Inputs, Output } from './inputs.ts';
import { writeDeploySummary } from './summary.ts';

/** Test seams: a health gate and the environment the target file's `env:` references read. */
export interface RunHooks {
  health?: HealthGate;
  env?: NodeJS.ProcessEnv;
}

/** Deploys with the blue-green steps of @deploysafe/deploy; the work itself lives in that package, shared with rollback. */
export async function run(inputs: Inputs, ctx: RunContext, hooks: RunHooks = {}): Promise<RunResult<Output>> {
  const { logger, github } = ctx;
  const release = inputs.release ?? github.sha;
  if (!release) throw new ConfigurationError("Input 'release' is empty and GITHUB_SHA is not set: give a release id.");
  const commit = github.sha || release;
  const displayPath = relative(github.workspace, inputs.target) || inputs.target;
  const opened = await openTarget(inputs.target, { logger, displayPath, env: hooks.env, onSecret: (s) => ctx.secrets.add(s) });
  const started = performance.now();
  try {
    const { target } = opened;
    logger.info(`Target ${displayPath}: provider ${target.provider} on ${opened.transport.where}, colours ${target.colors.map((c) => c.name).join(' and ')}, state in ${target.stateDir}.`);
    const by = { actor: github.actor, runId: github.runId, runUrl: github.runUrl };
    const lock = await acquireStepLock(opened, { targetPath: inputs.target, owner: { ...by, purpose: `deploy-bluegreen ${inputs.step} ${release}` }, waitMs: inputs.lockWait, logger, state: ctx.state });
    try {
      const session: DeploySession = {
        ...opened,
        health: hooks.health ?? createHealthGate(),
        lock,
        logger,
        deployments: deploymentsForRun(inputs.githubToken, github, logger, 'deploy'),
        by,
        environment: inputs.environment,
      };
      let stage: StageOutcome | undefined;
      let promote: PromoteOutcome | undefined;
      if (inputs.step !== 'promote') {
        stage = await stageRelease(session, { release, commit, backupId: inputs.backupId });
      }
      if (inputs.step !== 'stage' && (!stage || (stage.ok && !stage.alreadyLive))) {
        promote = await promoteRelease(session, { release });
      }
      const state = await readTargetState(session);
      const record = state.record;
      const previousRelease = promote?.previous?.release ?? stage?.previous?.release;
      const deployedColor = promote?.color ?? stage?.color;
      const failure = stage && !stage.ok ? stage.reason : promote && !promote.ok ? promote.reason : undefined;
      const switched = Boolean(promote?.ok);
      const outputs: Record<Output, string | boolean> = {
        'live-color': state.live?.name ?? '',
        'idle-color': state.live ? otherColor(target, state.live.name).name : '',
        'live-url': state.live ? (liveUrl(opened, state.live) ?? '') : '',
        'preview-url': deployedColor && !(stage?.alreadyLive ?? false) ? deployedColor.url.href : '',
        release,
        'previous-release': previousRelease ?? '',
        switched,
      };
      writeDeploySummary(ctx.summary, {
        step: inputs.step,
        release,
        environment: inputs.environment,
        target: displayPath,
        provider: target.provider,
        stage,
        promote,
        state,
        record,
        failure,
        durationMs: performance.now() - started,
        runUrl: github.runUrl,
      });
      return { outputs, failure: failure ? `deploy-bluegreen ${inputs.step} of ${release} failed: ${failure}` : undefined };
    } finally {
      await releaseStepLock(lock, ctx.state);
    }
  } finally {
    await opened.close();
  }
}
