import { setTimeout as sleep } from 'node:timers/promises';

/** How long and how often `waitUntil` retries. */
export interface WaitOptions {
  /** Give up once this long has passed since the first attempt (0: a single attempt). */
  deadlineMs: number;
  /** Pause after the first failed attempt; default 500 ms. */
  initialDelayMs?: number;
  /** Longest pause between attempts; default 5 000 ms. */
  maxDelayMs?: number;
  /** Each pause is the previous one times this; default 2. */
  factor?: number;
  /** Random spread of each pause, 0 to 1 (0.2 = ±20 %); default 0. */
  jitter?: number;
  signal?: AbortSignal;
  /** Called after every attempt that is not done, before the pause (for progress lines). */
  onRetry?(info: { attempt: number; value: unknown; delayMs: number; elapsedMs: number }): void;
}

/** What an attempt is told. */
export interface AttemptInfo {
  /** 1 for the first attempt. */
  attempt: number;
  /** Time left before the deadline (never below `minAttemptMs` of 1 000 ms, so a last attempt can still answer). */
  remainingMs: number;
}

/** The outcome of `waitUntil`. */
export interface WaitResult<T> {
  /** The last attempt's value (the successful one when `done`). */
  value: T;
  done: boolean;
  attempts: number;
  /** Attempts after the first: `passed after N retries`. */
  retries: number;
  elapsedMs: number;
}

const MIN_ATTEMPT_MS = 1_000;

/**
 * Calls `attempt` until `isDone(value)` or the deadline passes, pausing with exponential backoff
 * between attempts. A pause never runs past the deadline; the last attempt is given at least 1 s,
 * so the whole wait ends within the deadline plus that second (if attempts honour `remainingMs`).
 */
export async function waitUntil<T>(attempt: (info: AttemptInfo) => Promise<T>, isDone: (value: T) => boolean, options: WaitOptions): Promise<WaitResult<T>> {
  const started = performance.now();
  const factor = options.factor ?? 2;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0));
  let delay = options.initialDelayMs ?? 500;
  for (let n = 1; ; n++) {
    const elapsed = performance.now() - started;
    const value = await attempt({ attempt: n, remainingMs: Math.max(MIN_ATTEMPT_MS, options.deadlineMs - elapsed) });
    const now = performance.now() - started;
    if (isDone(value)) return { value, done: true, attempts: n, retries: n - 1, elapsedMs: now };
    const remaining = options.deadlineMs - now;
    if (remaining <= 0 || options.signal?.aborted) return { value, done: false, attempts: n, retries: n - 1, elapsedMs: now };
    const spread = jitter > 0 ? 1 + (Math.random() * 2 - 1) * jitter : 1;
    const pause = Math.min(remaining, delay * spread);
    options.onRetry?.({ attempt: n, value, delayMs: pause, elapsedMs: now });
    try {
      await sleep(pause, undefined, options.signal ? { signal: options.signal } : undefined);
    } catch {
      return { value, done: false, attempts: n, retries: n - 1, elapsedMs: performance.now() - started };
    }
    delay = Math.min(maxDelay, delay * factor);
  }
}
