import { relative } from 'node:path';
import { ConfigurationError, formatDuration, type RunContext, type RunResult } from '@deploysafe/action-kit';
import type { RestoreResult } from '@deploysafe/backup';
import {
  acquireStepLock,
  addEntry,
  checkColor,
  createHealthGate,
  deployToColor,
  DeployCommandError,
  deploymentsForRun,
  liveUrl,
  markDatabaseRestored,
  markDeployed,
  markRolledBack,
  openTarget,
  otherColor,
  readTargetState,
  releaseOnColor,
  releaseStepLock,
  setStatus,
  switchTraffic,
  type ColorConfig,
  type DeploySession,
  type HealthGate,
  type HealthVerdict,
  type ReleaseEntry,
} from '@deploysafe/deploy';
import { prepareRestore, runRestore, type PreparedRestore } from './database-restore.ts';
import type { Inputs, Output } from './inputs.ts';
import { planRollback, type RollbackPlan } from './plan.ts';
import { writeRollbackSummary, type RestoreReport, type Step } from './summary.ts';

/** Test seams: a health gate and the environment the target file's `env:` references read. */
export interface RunHooks {
  health?: HealthGate;
  env?: NodeJS.ProcessEnv;
}

function verdictText(v: HealthVerdict): string {
  return `${v.healthy ? 'healthy' : 'unhealthy'}: ${v.detail} (${v.attempts} attempt${v.attempts === 1 ? '' : 's'}, ${formatDuration(v.durationMs)})`;
}

/** Rolls a target back with the blue-green steps of @deploysafe/deploy and, when asked, restores the database through @deploysafe/backup. */
export async function run(inputs: Inputs, ctx: RunContext, hooks: RunHooks = {}): Promise<RunResult<Output>> {
  const started = performance.now();
  const { logger, github } = ctx;
  const displayPath = relative(github.workspace, inputs.target) || inputs.target;
  const opened = await openTarget(inputs.target, { logger, displayPath, env: hooks.env, onSecret: (s) => ctx.secrets.add(s) });
  try {
    const { target } = opened;
    logger.info(`Target ${displayPath}: provider ${target.provider} on ${opened.transport.where}, colours ${target.colors.map((c) => c.name).join(' and ')}, state in ${target.stateDir}.`);
    const by = { actor: github.actor, runId: github.runId, runUrl: github.runUrl };
    const lock = await acquireStepLock(opened, { targetPath: inputs.target, owner: { ...by, purpose: `rollback to ${inputs.to}${inputs.from ? ` from ${inputs.from}` : ''}` }, waitMs: inputs.lockWait, logger, state: ctx.state });
    try {
      const state = await readTargetState({ ...opened, logger });
      const plan = planRollback(state, { to: inputs.to, from: inputs.from, target: displayPath });
      const session: DeploySession = {
        ...opened,
        health: hooks.health ?? createHealthGate(),
        lock,
        logger,
        deployments: plan.kind === 'rollback' ? deploymentsForRun(inputs.githubToken, github, logger, 'rollback') : undefined,
        by,
        environment: plan.kind === 'rollback' ? plan.undone.environment : plan.live.environment,
      };
      const base = { inputs, ctx, session, started, displayPath };
      return plan.kind === 'rollback' ? await rollBack(base, plan, state.live as ColorConfig) : await nothingToDo(base, plan, state.live as ColorConfig);
    } finally {
      await releaseStepLock(lock, ctx.state);
    }
  } finally {
    await opened.close();
  }
}

interface Base {
  inputs: Inputs;
  ctx: RunContext;
  session: DeploySession;
  started: number;
  displayPath: string;
}

function outputs(live: { color: string; release: string }, undone: string, restored: string, started: number): Record<Output, string | number> {
  return { 'live-color': live.color, release: live.release, 'rolled-back-release': undone, 'restored-backup-id': restored, 'duration-ms': Math.round(performance.now() - started) };
}

/** The health of what serves traffic, through the public side when the target has a public-url. */
function checkPublic(session: DeploySession, color: ColorConfig, release: string): Promise<HealthVerdict> {
  const base = session.target.publicUrl ?? color.url;
  session.logger.info(`Health check of ${new URL(session.target.health.path, base).href} for ${release}...`);
  return session.health.check(base, session.target.health, { release, logger: session.logger, timeoutMs: session.target.health.postSwitchTimeoutMs });
}

async function restoreAndCheck(
  base: Base,
  prepared: PreparedRestore,
  undoneId: number,
  live: { color: ColorConfig; release: string },
  steps: Step[],
): Promise<{ report: RestoreReport; failure: string | undefined }> {
  const { inputs, ctx, session } = base;
  let result: RestoreResult | undefined;
  let failure: string | undefined;
  const restoreStarted = performance.now();
  try {
    // A deploy that took the target over after a lost lease may be migrating this database.
    session.lock.assertHeld();
    result = await runRestore(prepared, inputs, ctx);
  } catch (error) {
    failure = `restoring ${prepared.manifest.id} failed: ${(error as Error).message}`;
    ctx.logger.error(`The database restore failed; ${live.release} stays live on ${live.color.name} with the database as it was. ${(error as Error).message}`);
  }
  const finishedAt = new Date();
  if (result) {
    const counts = result.rowCounts;
    const first = counts.differences[0];
    if (!counts.matches) {
      const detail = `${counts.differences.length} table(s) differ from the backup's row counts (${first?.table}: expected ${first?.expected ?? 'no table'}, found ${first?.actual ?? 'no table'})`;
      if (counts.exact) failure = `the restored database does not match backup ${prepared.manifest.id}: ${detail}`;
      else ctx.logger.warning(`${detail}; the counts were taken just before the dump, so a busy database can differ.`);
    }
    await session.records.update((r) => {
      const undone = r.history.find((e) => e.id === undoneId);
      if (undone) markDatabaseRestored(undone, prepared.manifest.id);
    });
    ctx.logger.info(`Restored ${prepared.manifest.id} into ${prepared.engine.display} in ${formatDuration(result.restoreMs)} (verified in ${formatDuration(result.verification.durationMs)}).`);
  }
  steps.push({
    name: 'Restore database',
    where: prepared.engine.display,
    ok: result !== undefined && failure === undefined,
    detail: result
      ? `${prepared.manifest.id}: verified in ${formatDuration(result.verification.durationMs)}, restored in ${formatDuration(result.restoreMs)}; ${result.rowCounts.matches ? 'row counts match the backup' : 'row counts differ'}`
      : (failure ?? ''),
  });
  const after = await checkPublic(session, live.color, live.release);
  steps.push({ name: 'Health after restore', where: after.url, ok: after.healthy, detail: verdictText(after) });
  if (!after.healthy) failure = [failure, `${live.release} is unhealthy after the restore (${after.url}): ${after.detail}`].filter(Boolean).join('; ');
  return {
    report: {
      backupId: prepared.manifest.id,
      source: prepared.source,
      takenAt: prepared.manifest.startedAt,
      finishedAt: finishedAt.toISOString(),
      restored: result !== undefined,
      dataWindowMs: finishedAt.getTime() - Date.parse(prepared.manifest.startedAt),
      durationMs: performance.now() - restoreStarted,
      storage: prepared.storage.description,
      database: prepared.engine.display,
      rowCounts: result?.rowCounts,
    },
    failure,
  };
}

async function rollBack(base: Base, plan: Extract<RollbackPlan, { kind: 'rollback' }>, liveColor: ColorConfig): Promise<RunResult<Output>> {
  const { inputs, ctx, session } = base;
  const { undone } = plan;
  session.logger.info(`Rolling back ${undone.release} (live on ${liveColor.name}) to ${plan.to.release}${inputs.reason ? `: ${inputs.reason}` : ''}.`);
  // Every check a database restore makes runs now, before traffic moves.
  const prepared = inputs.restoreDatabase ? await prepareRestore(inputs, ctx, undone) : undefined;
  try {
    return await switchAndRestore(base, plan, liveColor, prepared);
  } finally {
    await prepared?.engine.dispose();
  }
}

async function switchAndRestore(base: Base, plan: Extract<RollbackPlan, { kind: 'rollback' }>, liveColor: ColorConfig, prepared: PreparedRestore | undefined): Promise<RunResult<Output>> {
  const { inputs, ctx, session, started } = base;
  const { logger, target } = session;
  const { undone } = plan;
  const release = plan.to.release;
  const reason = inputs.reason ?? `rolled back to ${release} (no reason given)`;
  const steps: Step[] = [];
  const summaryBase = { base, undone, release, reason };
  const fail = async (why: string, live: { color: string; release: string }, entryId?: number, deploymentId?: number): Promise<RunResult<Output>> => {
    if (entryId !== undefined) {
      await session.records.update((r) => {
        const e = r.history.find((x) => x.id === entryId);
        if (e) setStatus(e, 'failed', session.by, why);
      });
    }
    await session.deployments?.status(deploymentId, 'failure', { description: why, logUrl: session.by.runUrl });
    writeRollbackSummary(ctx.summary, await summaryData(summaryBase, { outcome: 'failed', steps, failure: why, live, toColor: undefined }));
    return { outputs: outputs(live, '', '', started), failure: `rollback of ${undone.release} to ${release} failed: ${why}` };
  };

  if (prepared) steps.push({ name: 'Check backup', where: prepared.storage.description, ok: true, detail: `${prepared.manifest.id} (taken ${prepared.manifest.startedAt}) found; engine, key, confirm and restore tool checked` });
  else if (inputs.backupId) logger.warning(`backup-id ${inputs.backupId} is set but restore-database is false: the database is not touched.`);

  const color = otherColor(target, liveColor.name);
  const runsThere = releaseOnColor((await session.records.read()), color.name);
  let why: string | undefined = runsThere === release ? undefined : `${color.name} runs ${runsThere ?? 'nothing known'} now, not ${release}`;
  if (!why) {
    // A colour that still runs the release answers at once; one that was stopped is redeployed rather than waited for.
    const pre = await checkColor(session, color, release, Math.min(target.health.timeoutMs, target.health.postSwitchTimeoutMs));
    steps.push({ name: `Health check of ${color.name}`, where: pre.url, ok: pre.healthy, detail: verdictText(pre) });
    if (!pre.healthy) why = `${color.name} still has ${release} in the record but does not answer healthily (${pre.detail}): it was stopped or crashed`;
  }

  const deploymentId = await session.deployments?.create({
    ref: plan.to.commit,
    environment: session.environment,
    description: `Rollback of ${undone.release} to ${release} on ${color.name}`,
    payload: { release, color: color.name, target: target.file, rollback: { from: undone.release, reason } },
  });
  await session.deployments?.status(deploymentId, 'in_progress', { description: `Rolling back ${undone.release} to ${release}`, logUrl: session.by.runUrl });

  let toEntryId = plan.to.id;
  let redeployedEntry: number | undefined;
  if (why) {
    logger.info(`Redeploying ${release} to ${color.name} through the deploy command: ${why}.`);
    session.lock.assertHeld();
    const entry = await session.records.update((r) =>
      addEntry(r, { release, color: color.name, environment: plan.to.environment, commit: plan.to.commit, backupId: plan.to.backupId, deploymentId }, session.by),
    );
    redeployedEntry = toEntryId = entry.id;
    try {
      await deployToColor(session, color, release, undone.release);
    } catch (error) {
      if (!(error instanceof DeployCommandError)) throw error;
      steps.push({ name: `Redeploy ${release}`, where: color.name, ok: false, detail: error.message });
      return fail(`${error.message}; traffic stays on ${undone.release}`, { color: liveColor.name, release: undone.release }, entry.id, deploymentId);
    }
    await session.records.update((r) => {
      const e = r.history.find((x) => x.id === entry.id);
      if (e) markDeployed(r, e);
    });
    const verdict = await checkColor(session, color, release);
    steps.push({ name: `Redeploy ${release}`, where: color.name, ok: verdict.healthy, detail: `${why}; deploy command succeeded, ${verdictText(verdict)}` });
    if (!verdict.healthy) {
      return fail(`${release} on ${color.name} failed its health check after the redeploy (${verdict.url}): ${verdict.detail}; traffic stays on ${undone.release}`, { color: liveColor.name, release: undone.release }, entry.id, deploymentId);
    }
  }

  const sw = await switchTraffic(session, { to: color, from: liveColor, release, fromRelease: undone.release });
  steps.push({
    name: 'Switch traffic',
    where: `${liveColor.name} → ${color.name}`,
    ok: sw.switched && !sw.reason,
    detail: sw.postCheck ? `public side ${verdictText(sw.postCheck)}${sw.switchedBack ? `; switched back to ${liveColor.name}` : ''}` : (sw.reason ?? ''),
  });
  if (!sw.switched || sw.reason) {
    const liveNow = sw.switched ? { color: color.name, release } : { color: liveColor.name, release: undone.release };
    return fail(sw.reason ?? 'the switch failed', liveNow, redeployedEntry, deploymentId);
  }
  const trafficMs = performance.now() - started;
  logger.info(`Traffic is on ${release} (${color.name}) ${formatDuration(trafficMs)} after the rollback started.`);

  await session.records.update((r) => {
    const to = r.history.find((e) => e.id === toEntryId) as ReleaseEntry;
    if (deploymentId !== undefined) to.deploymentId = deploymentId;
    markRolledBack(r, to, session.by, reason);
  });
  const url = liveUrl(session, color);
  await session.deployments?.status(deploymentId, 'success', { description: `${release} is live again on ${color.name} (rolled back from ${undone.release})`, environmentUrl: url, logUrl: session.by.runUrl });
  await session.deployments?.status(undone.deploymentId, 'failure', { description: `Rolled back to ${release} by ${session.by.actor || 'unknown'}: ${reason}`, logUrl: session.by.runUrl });

  let restore: RestoreReport | undefined;
  let failure: string | undefined;
  if (prepared) {
    const done = await restoreAndCheck(base, prepared, undone.id, { color, release }, steps);
    restore = done.report;
    failure = done.failure;
    if (failure) await session.deployments?.status(deploymentId, 'error', { description: `${release} is live; ${failure}`, environmentUrl: url, logUrl: session.by.runUrl });
  }
  const live = { color: color.name, release };
  writeRollbackSummary(ctx.summary, await summaryData(summaryBase, { outcome: failure ? 'failed' : 'rolled-back', steps, failure, live, toColor: color.name, trafficMs, restore }));
  return {
    outputs: outputs(live, undone.release, restore?.restored ? restore.backupId : '', started),
    failure: failure ? `rolled back ${undone.release} to ${release}, but ${failure}` : undefined,
  };
}

async function nothingToDo(base: Base, plan: Extract<RollbackPlan, { kind: 'nothing' }>, liveColor: ColorConfig): Promise<RunResult<Output>> {
  const { inputs, ctx, session, started } = base;
  const { logger } = session;
  const { live, earlier } = plan;
  logger.notice(`Nothing to roll back: ${plan.message}`);
  const steps: Step[] = [];
  let restore: RestoreReport | undefined;
  let failure: string | undefined;
  let restoreNote: string | undefined;
  if (inputs.restoreDatabase) {
    const restored = earlier?.rollback?.restoredBackupId;
    if (!earlier) {
      restoreNote = 'restore-database is true, but no release was rolled back, so there is no backup to restore: the database was not touched';
      logger.warning(`${restoreNote}.`);
    } else if (restored) {
      if (inputs.backupId && inputs.backupId !== restored) {
        throw new ConfigurationError(
          `The rollback of ${earlier.release} already restored backup ${restored} at ${earlier.rollback?.restoredAt}; not restoring ${inputs.backupId} over it. Use db-backup with operation: restore if you mean to.`,
        );
      }
      restoreNote = `already restored from ${restored} by the rollback of ${earlier.release} at ${earlier.rollback?.restoredAt}: not restored again`;
      logger.info(`The database was ${restoreNote}.`);
    } else {
      // The earlier rollback switched traffic but its restore did not finish: finish it now.
      logger.info(`The rollback of ${earlier.release} switched traffic but did not restore the database: restoring now.`);
      const prepared = await prepareRestore(inputs, ctx, earlier);
      try {
        steps.push({ name: 'Check backup', where: prepared.storage.description, ok: true, detail: `${prepared.manifest.id} (taken ${prepared.manifest.startedAt}) found; engine, key, confirm and restore tool checked` });
        const done = await restoreAndCheck(base, prepared, earlier.id, { color: liveColor, release: live.release }, steps);
        restore = done.report;
        failure = done.failure;
      } finally {
        await prepared.engine.dispose();
      }
    }
  }
  if (!restore) {
    const verdict = await checkColor(session, liveColor, live.release, session.target.health.postSwitchTimeoutMs);
    steps.push({ name: `Health check of ${liveColor.name}`, where: verdict.url, ok: verdict.healthy, detail: verdictText(verdict) });
    if (!verdict.healthy) failure = `${live.release} is live on ${liveColor.name} but unhealthy (${verdict.url}): ${verdict.detail}`;
  }
  writeRollbackSummary(
    ctx.summary,
    await summaryData(
      { base, undone: earlier, release: live.release, reason: inputs.reason },
      { outcome: failure ? 'failed' : 'nothing', steps, failure, live: { color: liveColor.name, release: live.release }, toColor: liveColor.name, restore, message: plan.message, restoreNote },
    ),
  );
  return {
    outputs: outputs({ color: liveColor.name, release: live.release }, '', restore?.restored ? restore.backupId : '', started),
    failure: failure ? `nothing to roll back (${plan.message}), but ${failure}` : undefined,
  };
}

async function summaryData(
  s: { base: Base; undone: ReleaseEntry | undefined; release: string; reason: string | undefined },
  d: {
    outcome: 'rolled-back' | 'nothing' | 'failed';
    steps: Step[];
    failure: string | undefined;
    live: { color: string; release: string };
    toColor: string | undefined;
    trafficMs?: number;
    restore?: RestoreReport | undefined;
    message?: string;
    restoreNote?: string | undefined;
  },
): Promise<Parameters<typeof writeRollbackSummary>[1]> {
  const { base } = s;
  return {
    ...d,
    target: base.displayPath,
    provider: base.session.target.provider,
    environment: base.session.environment,
    from: s.undone?.release,
    to: s.release,
    reason: s.reason,
    actor: base.session.by.actor,
    restoreRequested: base.inputs.restoreDatabase,
    durationMs: performance.now() - base.started,
    record: await base.session.records.read(),
    runUrl: base.session.by.runUrl,
  };
}
