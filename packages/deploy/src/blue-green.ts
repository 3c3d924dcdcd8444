import { ConfigurationError, formatDuration, type Logger } from '@deploysafe/action-kit';
import { DeployCommandError, deployToColor } from './deploy-command.ts';
import type { DeployLock } from './deploy-lock.ts';
import type { GitHubDeployments } from './github-deployments.ts';
import type { HealthGate, HealthVerdict } from './health-gate.ts';
import type { OpenTarget } from './open-target.ts';
import { SwitchError } from './provider.ts';
import {
  addEntry,
  liveEntry,
  markDeployed,
  markLive,
  releaseOnColor,
  setStatus,
  stagedEntry,
  type Actor,
  type ReleaseEntry,
  type ReleaseRecord,
} from './release-record.ts';
import { colorByName, otherColor, type ColorConfig } from './target-file.ts';

/** Everything a deploy step works with, opened and locked by the caller. */
export interface DeploySession extends OpenTarget {
  health: HealthGate;
  lock: DeployLock;
  logger: Logger;
  /** Undefined when no token is available: GitHub Deployments are then skipped. */
  deployments: GitHubDeployments | undefined;
  by: Actor;
  environment: string;
}

/** Which colour is live, read from the target itself and reconciled with the record. */
export interface TargetState {
  live: ColorConfig | undefined;
  /** The colour a new release goes to. */
  idle: ColorConfig;
  liveEntry: ReleaseEntry | undefined;
  record: ReleaseRecord;
  /** Where the live colour was read. */
  source: string;
}

/** Reads the live colour from the target (the truth) and the record; warns when they disagree. */
export async function readTargetState(session: OpenTarget & { logger: Logger }): Promise<TargetState> {
  const { target, provider, records, logger } = session;
  const reading = await provider.readLiveColor();
  const record = await records.read();
  const recorded = liveEntry(record);
  let liveName = reading.authoritative ? reading.color : recorded?.color;
  if (reading.authoritative && recorded && recorded.color !== reading.color) {
    logger.warning(
      `The release record says ${recorded.release} is live on ${recorded.color}, but the ${reading.source} sends traffic to ${reading.color ?? 'no colour'}; trusting the target.`,
    );
  }
  const live = liveName ? colorByName(target, liveName) : undefined;
  const entry = live && recorded?.color === live.name ? recorded : undefined;
  const idle = live ? otherColor(target, live.name) : (target.colors[0] as ColorConfig);
  return { live, idle, liveEntry: entry, record, source: reading.source };
}

/** The URL the public reaches the live colour at: `public-url`, or the colour's own URL when there is none. */
export function liveUrl(session: OpenTarget, color: ColorConfig | undefined): string | undefined {
  return session.target.publicUrl?.href ?? color?.url.href;
}

/** Checks a colour's health for a release (the staged one before promote, an old one before rollback). */
export function checkColor(session: DeploySession, color: ColorConfig, release: string, timeoutMs?: number): Promise<HealthVerdict> {
  session.logger.info(`Health check of ${color.name} (${new URL(session.target.health.path, color.url).href}) for ${release}...`);
  return session.health.check(color.url, session.target.health, { release, logger: session.logger, ...(timeoutMs ? { timeoutMs } : {}) });
}

function describeVerdict(v: HealthVerdict): string {
  return v.healthy
    ? `healthy (${v.detail}) after ${v.attempts} attempt${v.attempts === 1 ? '' : 's'} in ${formatDuration(v.durationMs)}`
    : `unhealthy after ${v.attempts} attempt${v.attempts === 1 ? '' : 's'} in ${formatDuration(v.durationMs)}: ${v.detail}`;
}

async function failEntry(session: DeploySession, entryId: number, reason: string): Promise<void> {
  const entry = await session.records.update((r) => {
    const e = r.history.find((x) => x.id === entryId);
    if (e) setStatus(e, 'failed', session.by, reason);
    return e;
  });
  await session.deployments?.status(entry?.deploymentId, 'failure', { description: reason, logUrl: session.by.runUrl });
}

/** How a stage went. */
export interface StageOutcome {
  ok: boolean;
  /** True when the release was already live: nothing was deployed. */
  alreadyLive: boolean;
  release: string;
  color: ColorConfig;
  previous: ReleaseEntry | undefined;
  live: ColorConfig | undefined;
  entry: ReleaseEntry | undefined;
  health: HealthVerdict | undefined;
  /** Why it failed. */
  reason: string | undefined;
  durationMs: number;
}

/** What a stage records. */
export interface StageRequest {
  release: string;
  commit: string;
  backupId?: string | undefined;
}

/**
 * Deploys a release to the idle colour through the deploy command and health-gates it; no
 * traffic moves. The release is recorded `staged`, or `failed` with the reason.
 */
export async function stageRelease(session: DeploySession, request: StageRequest): Promise<StageOutcome> {
  const started = performance.now();
  const { logger, target } = session;
  const state = await readTargetState(session);
  logger.info(`Live colour: ${state.live ? `${state.live.name} (${state.liveEntry?.release ?? 'release unknown'})` : 'none yet'}, read from the ${state.source}.`);
  const base = { release: request.release, live: state.live, previous: state.liveEntry };
  if (state.live && state.liveEntry?.release === request.release && releaseOnColor(state.record, state.live.name) === request.release) {
    logger.notice(`${request.release} is already live on ${state.live.name}; nothing to deploy.`);
    return { ...base, ok: true, alreadyLive: true, color: state.live, entry: state.liveEntry, health: undefined, reason: undefined, durationMs: performance.now() - started };
  }
  const color = state.idle;
  session.lock.assertHeld();

  const deploymentId = await session.deployments?.create({
    ref: request.commit,
    environment: session.environment,
    description: `${request.release} to ${color.name}`,
    payload: { release: request.release, color: color.name, target: target.file },
  });
  await session.deployments?.status(deploymentId, 'in_progress', { description: `Deploying ${request.release} to ${color.name}`, logUrl: session.by.runUrl });

  const replacedStaged: ReleaseEntry[] = [];
  const entry = await session.records.update((r) => {
    for (const old of r.history) {
      if (old.status !== 'staged') continue;
      setStatus(old, 'failed', session.by, `replaced on ${old.color} by ${request.release} before it was promoted`);
      replacedStaged.push(old);
    }
    return addEntry(
      r,
      { release: request.release, color: color.name, environment: session.environment, commit: request.commit, backupId: request.backupId, deploymentId },
      session.by,
    );
  });

  for (const old of replacedStaged) {
    await session.deployments?.status(old.deploymentId, 'inactive', { description: `Replaced by ${request.release} before it was promoted`, logUrl: session.by.runUrl });
  }
  try {
    await deployToColor(session, color, request.release, state.liveEntry?.release);
  } catch (error) {
    if (!(error instanceof DeployCommandError)) {
      await failEntry(session, entry.id, `deploy failed: ${(error as Error).message}`);
      throw error;
    }
    await failEntry(session, entry.id, error.message);
    return { ...base, ok: false, alreadyLive: false, color, entry, health: undefined, reason: error.message, durationMs: performance.now() - started };
  }
  await session.records.update((r) => {
    const e = r.history.find((x) => x.id === entry.id);
    if (e) markDeployed(r, e);
  });

  const verdict = await checkColor(session, color, request.release);
  logger.info(`${color.name} is ${describeVerdict(verdict)}.`);
  if (!verdict.healthy) {
    const reason = `${request.release} on ${color.name} failed its health check (${verdict.url}): ${verdict.detail}`;
    await failEntry(session, entry.id, reason);
    return { ...base, ok: false, alreadyLive: false, color, entry, health: verdict, reason, durationMs: performance.now() - started };
  }
  return { ...base, ok: true, alreadyLive: false, color, entry, health: verdict, reason: undefined, durationMs: performance.now() - started };
}

/** How a switch went. */
export interface SwitchOutcome {
  switched: boolean;
  /** When the switch or its check failed: whether traffic is back on the previous colour. */
  switchedBack: boolean;
  reason: string | undefined;
  /** The post-switch check through the public side. */
  postCheck: HealthVerdict | undefined;
  /** From the start of the switch to a healthy answer through the public side. */
  durationMs: number;
}

/**
 * Switches traffic to `to`, then checks the public side (`public-url`, or the colour's own URL)
 * answers healthily for `release`; if not, switches back to `from` at once. Used by promote and
 * by rollback. Does not touch the release record.
 */
export async function switchTraffic(
  session: DeploySession,
  request: { to: ColorConfig; from: ColorConfig | undefined; release: string; fromRelease: string | undefined },
): Promise<SwitchOutcome> {
  const { provider, logger, target } = session;
  session.lock.assertHeld();
  const started = performance.now();
  logger.info(`Switching traffic ${request.from ? `from ${request.from.name} ` : ''}to ${request.to.name} (${request.release})...`);
  try {
    await provider.switchTo({ to: request.to, from: request.from, release: request.release });
  } catch (error) {
    if (error instanceof SwitchError) {
      logger.error(error.message);
      return { switched: false, switchedBack: error.restored, reason: error.message, postCheck: undefined, durationMs: performance.now() - started };
    }
    throw error;
  }
  const publicBase = target.publicUrl ?? request.to.url;
  if (!target.publicUrl) logger.warning(`No public-url in ${target.file}: the post-switch check goes to ${request.to.name} directly, not through the proxy.`);
  logger.info(`Post-switch check through ${new URL(target.health.path, publicBase).href}...`);
  const post = await session.health.check(publicBase, target.health, { release: request.release, logger, timeoutMs: target.health.postSwitchTimeoutMs });
  const durationMs = performance.now() - started;
  if (post.healthy) {
    logger.info(`The public side is ${describeVerdict(post)}.`);
    return { switched: true, switchedBack: false, reason: undefined, postCheck: post, durationMs };
  }
  const reason = `the post-switch check through ${post.url} failed: ${post.detail}`;
  logger.error(`After switching to ${request.to.name}, ${reason}.`);
  if (!request.from) return { switched: true, switchedBack: false, reason, postCheck: post, durationMs };
  logger.info(`Switching back to ${request.from.name} at once...`);
  try {
    await provider.switchTo({ to: request.from, from: request.to, release: request.fromRelease ?? '(previous)' });
    // A reload is asynchronous: wait until the public side answers for the previous release again.
    const back = await session.health.check(publicBase, target.health, { release: request.fromRelease ?? '', logger, timeoutMs: target.health.postSwitchTimeoutMs });
    if (back.healthy) logger.info(`Traffic is back on ${request.from.name}: the public side is ${describeVerdict(back)}.`);
    else logger.error(`Switched back to ${request.from.name}, but the public side is ${describeVerdict(back)}: check the target now.`);
    return { switched: false, switchedBack: true, reason, postCheck: post, durationMs };
  } catch (error) {
    logger.error(`Switching back to ${request.from.name} failed: ${(error as Error).message}`);
    return { switched: true, switchedBack: false, reason: `${reason}; switching back failed: ${(error as Error).message}`, postCheck: post, durationMs };
  }
}

/** How a promote went. */
export interface PromoteOutcome {
  ok: boolean;
  release: string;
  color: ColorConfig;
  /** The colour live before, and after the promote (the same one when it failed and traffic went back). */
  previousColor: ColorConfig | undefined;
  liveColor: ColorConfig | undefined;
  previous: ReleaseEntry | undefined;
  preCheck: HealthVerdict | undefined;
  switch: SwitchOutcome | undefined;
  reason: string | undefined;
  durationMs: number;
}

/**
 * Switches traffic to the staged release if its colour is still healthy, then checks the
 * public side; on failure traffic goes back at once. Refuses if nothing is staged or the
 * staged release is not `release`.
 */
export async function promoteRelease(session: DeploySession, request: { release: string }): Promise<PromoteOutcome> {
  const started = performance.now();
  const { logger, target } = session;
  const state = await readTargetState(session);
  const staged = stagedEntry(state.record);
  if (!staged) {
    throw new ConfigurationError(
      `Nothing is staged on ${target.file}${state.liveEntry ? ` (live: ${state.liveEntry.release} on ${state.liveEntry.color})` : ''}: run step: stage first, or use step: full.`,
    );
  }
  if (staged.release !== request.release) {
    throw new ConfigurationError(`The staged release is ${staged.release} (on ${staged.color}), not ${request.release}: promote the release that was staged, or stage ${request.release} first.`);
  }
  const color = colorByName(target, staged.color);
  if (state.live?.name === color.name) {
    throw new ConfigurationError(`${staged.release} is staged on ${color.name}, but ${color.name} is the live colour per the ${state.source}: stage it again.`);
  }
  const onColor = releaseOnColor(state.record, color.name);
  if (onColor !== staged.release) {
    throw new ConfigurationError(`${color.name} runs ${onColor ?? 'nothing known'}, not the staged ${staged.release}: stage it again.`);
  }
  const base = { release: request.release, color, previousColor: state.live, previous: state.liveEntry };
  await session.deployments?.status(staged.deploymentId, 'in_progress', { description: `Switching traffic to ${color.name}`, logUrl: session.by.runUrl });

  const pre = await checkColor(session, color, staged.release);
  logger.info(`${color.name} is ${describeVerdict(pre)}.`);
  if (!pre.healthy) {
    const reason = `${staged.release} on ${color.name} is no longer healthy (${pre.url}): ${pre.detail}; traffic was not switched`;
    await failEntry(session, staged.id, reason);
    return { ...base, ok: false, liveColor: state.live, preCheck: pre, switch: undefined, reason, durationMs: performance.now() - started };
  }

  const outcome = await switchTraffic(session, { to: color, from: state.live, release: staged.release, fromRelease: state.liveEntry?.release });
  if (!outcome.switched || outcome.reason) {
    const reason = outcome.reason ?? 'the switch failed';
    await failEntry(session, staged.id, reason);
    const liveColor = outcome.switched ? color : state.live;
    return { ...base, ok: false, liveColor, preCheck: pre, switch: outcome, reason, durationMs: performance.now() - started };
  }

  const replaced = await session.records.update((r) => {
    const e = r.history.find((x) => x.id === staged.id) as ReleaseEntry;
    return markLive(r, e, session.by);
  });
  const url = liveUrl(session, color);
  await session.deployments?.status(staged.deploymentId, 'success', { description: `${staged.release} is live on ${color.name}`, environmentUrl: url, logUrl: session.by.runUrl });
  if (replaced) await session.deployments?.status(replaced.deploymentId, 'inactive', { description: `Replaced by ${staged.release}`, logUrl: session.by.runUrl });
  return { ...base, ok: true, liveColor: color, preCheck: pre, switch: outcome, reason: undefined, durationMs: performance.now() - started };
}
