import type { Logger } from './logger.ts';
import { formatBytes, formatDuration } from './parse.ts';

/** Logs the progress of long byte-streaming work at most every `intervalMs`: size, rate, elapsed. */
export class ByteProgress {
  readonly #logger: Logger;
  readonly #label: string;
  readonly #intervalMs: number;
  readonly #started = performance.now();
  #lastLog = performance.now();
  #bytes = 0;

  constructor(logger: Logger, label: string, intervalMs = 5000) {
    this.#logger = logger;
    this.#label = label;
    this.#intervalMs = intervalMs;
  }

  /** Bytes counted so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Milliseconds since the work started. */
  get elapsedMs(): number {
    return performance.now() - this.#started;
  }

  add(count: number): void {
    this.#bytes += count;
    const now = performance.now();
    if (now - this.#lastLog >= this.#intervalMs) {
      this.#lastLog = now;
      this.#logger.info(this.#line());
    }
  }

  /** Logs the final line and returns the elapsed milliseconds. */
  done(): number {
    this.#logger.info(`${this.#line()} (done)`);
    return this.elapsedMs;
  }

  #line(): string {
    const seconds = Math.max(this.elapsedMs / 1000, 0.001);
    return `${this.#label}: ${formatBytes(this.#bytes)} in ${formatDuration(this.elapsedMs)} (${formatBytes(Math.round(this.#bytes / seconds))}/s)`;
  }
}
