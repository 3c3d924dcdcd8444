import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { posix } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError, formatDuration, type Logger } from '@deploysafe/action-kit';
import type { Transport } from './transport.ts';

/** Who holds a lock, as written in the lock file. */
export interface LockOwner {
  runId: string;
  actor: string;
  runUrl?: string | undefined;
  /** What the holder is doing: `deploy-bluegreen full`, `rollback`. */
  purpose: string;
}

/** The lock file's content. */
export interface LockInfo extends LockOwner {
  token: string;
  host: string;
  pid: number;
  acquiredAt: string;
  /** The holder renews this while it runs; after it, anyone may take the lock over. */
  expiresAt: string;
  leaseMs: number;
}

/** The lock is held by someone else and did not come free within `lock-wait`. */
export class LockBusyError extends ConfigurationError {
  override name = 'LockBusyError';
  readonly holder: LockInfo | undefined;
  constructor(message: string, holder: LockInfo | undefined) {
    super(message);
    this.holder = holder;
  }
}

/** Describes a holder for messages: `run 123 by alice (deploy-bluegreen full, since 12:00:01Z, lease until 12:01:01Z) https://...`. */
export function describeHolder(info: LockInfo): string {
  return `run ${info.runId || '(unknown)'} by ${info.actor || '(unknown)'} (${info.purpose}, since ${info.acquiredAt}, lease until ${info.expiresAt})${info.runUrl ? ` ${info.runUrl}` : ''}`;
}

function parseLock(text: string | undefined): LockInfo | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text) as LockInfo;
    return typeof data.token === 'string' && typeof data.expiresAt === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Where the lock of a state dir lives. */
export function lockPath(stateDir: string): string {
  return posix.join(stateDir, 'deploy.lock');
}

/** Options for acquiring the lock. */
export interface AcquireOptions {
  leaseMs: number;
  /** How long to wait for a busy lock; 0 fails at once. */
  waitMs: number;
  logger: Logger;
  /** Called once the lock is held, before any work (the action saves the token for its post step). */
  onAcquired?(info: LockInfo): void;
}

/**
 * The deploy lock of a target, held for the whole deploy. A lease is renewed in the background
 * while the holder runs; if the runner dies, the lease runs out and the next deploy takes over.
 */
export class DeployLock {
  readonly path: string;
  readonly info: LockInfo;
  readonly #transport: Transport;
  readonly #logger: Logger;
  #timer: NodeJS.Timeout | undefined;
  #renewing: Promise<void> | undefined;
  #lost: string | undefined;

  private constructor(transport: Transport, path: string, info: LockInfo, logger: Logger) {
    this.#transport = transport;
    this.path = path;
    this.info = info;
    this.#logger = logger;
  }

  /** Takes the lock of `stateDir`, waiting up to `waitMs`; throws LockBusyError naming the holder. */
  static async acquire(transport: Transport, stateDir: string, owner: LockOwner, options: AcquireOptions): Promise<DeployLock> {
    const path = lockPath(stateDir);
    const token = randomBytes(12).toString('hex');
    const started = Date.now();
    let lastNotice = 0;
    for (;;) {
      const now = Date.now();
      const info: LockInfo = {
        ...owner,
        token,
        host: hostname(),
        pid: process.pid,
        acquiredAt: new Date(now).toISOString(),
        expiresAt: new Date(now + options.leaseMs).toISOString(),
        leaseMs: options.leaseMs,
      };
      if (await transport.createExclusive(path, `${JSON.stringify(info, null, 2)}\n`)) {
        const lock = new DeployLock(transport, path, info, options.logger);
        lock.#startRenewing();
        options.onAcquired?.(info);
        return lock;
      }
      const text = await transport.readFile(path);
      if (text === undefined) continue; // released meanwhile: try again at once
      const holder = parseLock(text);
      const expired = !holder || Date.parse(holder.expiresAt) < Date.now();
      if (expired) {
        await DeployLock.#takeOver(transport, path, text, token, holder, options.logger);
        continue;
      }
      const waited = Date.now() - started;
      if (waited >= options.waitMs) {
        throw new LockBusyError(
          `The target is locked by another deploy: ${describeHolder(holder)}. ` +
            (options.waitMs > 0 ? `Waited ${formatDuration(waited)} (lock-wait). ` : '') +
            'Wait for it to finish, raise lock-wait, or use a workflow concurrency group so deploys queue.',
          holder,
        );
      }
      if (Date.now() - lastNotice >= 10_000) {
        options.logger.info(`Waiting for the deploy lock held by ${describeHolder(holder)}...`);
        lastNotice = Date.now();
      }
      await sleep(Math.min(500, options.waitMs - waited, Math.max(50, Date.parse(holder.expiresAt) - Date.now() + 10)));
    }
  }

  static async #takeOver(transport: Transport, path: string, text: string, token: string, holder: LockInfo | undefined, logger: Logger): Promise<void> {
    // Move the stale lock aside (only one contender's rename can succeed), then check it was the stale one we read.
    const aside = `${path}.stale-${token}`;
    if (!(await transport.rename(path, aside))) return;
    const moved = await transport.readFile(aside);
    if (moved !== undefined && moved !== text) {
      // A live lock was taken between our read and the rename: put it back.
      await transport.createExclusive(path, moved);
      await transport.remove(aside);
      return;
    }
    await transport.remove(aside);
    logger.warning(
      holder
        ? `Took over a stale deploy lock: ${describeHolder(holder)} stopped renewing it (the runner was probably killed or cancelled).`
        : `Took over an unreadable deploy lock file at ${path}.`,
    );
  }

  /** Set when a renewal found the lock taken by someone else; the holder must stop before changing anything. */
  get lost(): string | undefined {
    return this.#lost;
  }

  /** Throws if the lock was lost (the lease ran out and another deploy took over). */
  assertHeld(): void {
    if (this.#lost) throw new ConfigurationError(`The deploy lock was lost: ${this.#lost}. Stopping before changing anything else.`);
  }

  #startRenewing(): void {
    const every = Math.max(200, Math.floor(this.info.leaseMs / 3));
    this.#timer = setInterval(() => {
      this.#renewing ??= this.renew().finally(() => (this.#renewing = undefined));
    }, every);
    this.#timer.unref();
  }

  /** Extends the lease by another lease period, if the lock is still ours. */
  async renew(): Promise<void> {
    if (this.#lost) return;
    try {
      const current = parseLock(await this.#transport.readFile(this.path));
      if (current?.token !== this.info.token) {
        this.#lost = current ? `now held by ${describeHolder(current)}` : 'the lock file disappeared';
        this.#logger.error(`The deploy lock was lost: ${this.#lost}.`);
        return;
      }
      this.info.expiresAt = new Date(Date.now() + this.info.leaseMs).toISOString();
      await this.#transport.writeFileAtomic(this.path, `${JSON.stringify(this.info, null, 2)}\n`);
    } catch (error) {
      this.#logger.warning(`Could not renew the deploy lock (will retry): ${(error as Error).message}`);
    }
  }

  /** Stops renewing and removes the lock if it is still ours. */
  async release(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#renewing;
    await releaseLockIfHeldBy(this.#transport, this.path, this.info.token);
  }
}

/** Removes the lock at `path` only if `token` holds it (the post step after a cancelled job). True when it was removed. */
export async function releaseLockIfHeldBy(transport: Transport, path: string, token: string): Promise<boolean> {
  const current = parseLock(await transport.readFile(path));
  if (current?.token !== token) return false;
  await transport.remove(path);
  return true;
}

/** The current holder of a state dir's lock, if any (for status displays). */
export async function readLock(transport: Transport, stateDir: string): Promise<LockInfo | undefined> {
  return parseLock(await transport.readFile(lockPath(stateDir)));
}
