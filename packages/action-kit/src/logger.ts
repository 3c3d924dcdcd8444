import * as core from '@actions/core';
import type { SecretRegistry } from './secrets.ts';

/** Where an annotation points: a workspace-relative file and a 1-based line (and column). */
export interface Annotation {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

/** The logging surface shared code uses, so it runs and is tested outside GitHub Actions. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  notice(message: string, annotation?: Annotation): void;
  warning(message: string, annotation?: Annotation): void;
  error(message: string, annotation?: Annotation): void;
  /** Runs `work` inside a collapsible log group. */
  group<T>(name: string, work: () => Promise<T>): Promise<T>;
}

/** A Logger on @actions/core; every message passes through the secret registry first. */
export function createCoreLogger(secrets: SecretRegistry): Logger {
  const clean = (message: string) => secrets.redact(message);
  return {
    debug: (m) => core.debug(clean(m)),
    info: (m) => core.info(clean(m)),
    notice: (m, a) => core.notice(clean(m), a),
    warning: (m, a) => core.warning(clean(m), a),
    error: (m, a) => core.error(clean(m), a),
    group: (name, work) => core.group(clean(name), work),
  };
}

/** One line a MemoryLogger recorded. */
export interface LogEntry {
  level: 'debug' | 'info' | 'notice' | 'warning' | 'error' | 'group';
  message: string;
  annotation?: Annotation;
}

/** A Logger that records everything, for tests and scripts; `echo` also prints to stderr. */
export class MemoryLogger implements Logger {
  readonly entries: LogEntry[] = [];
  readonly #echo: boolean;
  readonly #secrets: SecretRegistry | undefined;

  constructor(options: { echo?: boolean; secrets?: SecretRegistry } = {}) {
    this.#echo = options.echo ?? false;
    this.#secrets = options.secrets;
  }

  #push(level: LogEntry['level'], message: string, annotation?: Annotation): void {
    const clean = this.#secrets ? this.#secrets.redact(message) : message;
    this.entries.push(annotation ? { level, message: clean, annotation } : { level, message: clean });
    if (this.#echo && level !== 'debug') process.stderr.write(`${level === 'info' ? '' : `${level}: `}${clean}\n`);
  }

  debug(message: string): void {
    this.#push('debug', message);
  }
  info(message: string): void {
    this.#push('info', message);
  }
  notice(message: string, annotation?: Annotation): void {
    this.#push('notice', message, annotation);
  }
  warning(message: string, annotation?: Annotation): void {
    this.#push('warning', message, annotation);
  }
  error(message: string, annotation?: Annotation): void {
    this.#push('error', message, annotation);
  }
  async group<T>(name: string, work: () => Promise<T>): Promise<T> {
    this.#push('group', name);
    return work();
  }

  /** Everything logged, one entry per line, as a single string. */
  text(): string {
    return this.entries.map((e) => `${e.level}: ${e.message}`).join('\n');
  }

  /** The entries of one level. */
  of(level: LogEntry['level']): LogEntry[] {
    return this.entries.filter((e) => e.level === level);
  }
}

/** A Logger that discards everything. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  notice() {},
  warning() {},
  error() {},
  group: (_name, work) => work(),
};
