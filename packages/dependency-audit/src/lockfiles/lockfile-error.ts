import { ConfigurationError } from '@deploysafe/action-kit';

/** A lockfile could not be read or parsed: its packages cannot be checked, so the audit fails. */
export class LockfileError extends ConfigurationError {
  override name = 'LockfileError';
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, problem: string, line?: number) {
    super(`${file}${line ? `:${line}` : ''}: ${problem}. Fix or regenerate the lockfile; its dependencies cannot be checked until it parses.`);
    this.file = file;
    this.line = line;
  }
}
