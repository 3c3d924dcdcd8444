import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { ConfigurationError } from './errors.ts';
import type { Logger } from './logger.ts';
import { killProcessGroup, trackProcessGroup } from './process-groups.ts';

/** How to run a program. Arguments are always an array: no shell ever sees them. */
export interface RunCommandOptions {
  cwd?: string;
  /** Variables set (or, when undefined, removed) on top of the inherited environment. */
  env?: Record<string, string | undefined>;
  /** Start from an empty environment instead of this process's (PATH is still kept). */
  cleanEnv?: boolean;
  /** Kill the program's whole process group after this long. */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when the timeout fires. */
  killGraceMs?: number;
  /** Written to the program's standard input, which is then closed. */
  input?: string | Uint8Array;
  /** Streams each output line to `logger.info` as it arrives. */
  logger?: Logger;
  /** Prefix for streamed lines, such as `[deploy] `. */
  logPrefix?: string;
  /** Bytes of stdout and of stderr kept for the result (the tail); default 1 MiB. */
  captureLimit?: number;
  /** Throw CommandFailedError on a non-zero exit, a signal or a timeout (default true). */
  check?: boolean;
  /** Aborting kills the process group. */
  signal?: AbortSignal;
}

/** What a finished program did. */
export interface CommandResult {
  /** The command as a person would type it, for messages. */
  display: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
}

/** The program could not be found or started; the user must install it or fix the path. */
export class CommandNotFoundError extends ConfigurationError {
  override name = 'CommandNotFoundError';
}

/** The program ran and failed; carries its result. Reported as one line: the command is the user's, not our bug. */
export class CommandFailedError extends ConfigurationError {
  override name = 'CommandFailedError';
  readonly result: CommandResult;

  constructor(result: CommandResult) {
    const why = result.timedOut
      ? `timed out after ${result.durationMs}ms`
      : result.signal
        ? `was killed by ${result.signal}`
        : `exited with code ${result.exitCode}`;
    const lastLine = lastNonEmptyLine(result.stderr) ?? lastNonEmptyLine(result.stdout);
    super(`\`${result.display}\` ${why}${lastLine ? `: ${lastLine}` : ''}`);
    this.result = result;
  }
}

function lastNonEmptyLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const line = lines.at(-1);
  return line && line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** Quotes one argument for display only (never executed). */
export function quoteArgument(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

class TailBuffer {
  #chunks: Buffer[] = [];
  #size = 0;
  readonly #limit: number;
  constructor(limit: number) {
    this.#limit = limit;
  }
  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.#limit && this.#chunks.length > 1) {
      this.#size -= (this.#chunks.shift() as Buffer).length;
    }
  }
  toString(): string {
    const all = Buffer.concat(this.#chunks);
    return (all.length > this.#limit ? all.subarray(all.length - this.#limit) : all).toString('utf8');
  }
}

function lineStreamer(emit: (line: string) => void): { write(chunk: Buffer): void; end(): void } {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return {
    write(chunk) {
      pending += decoder.write(chunk);
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        emit(pending.slice(0, nl).replace(/\r$/, ''));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    },
    end() {
      pending += decoder.end();
      if (pending !== '') emit(pending);
      pending = '';
    },
  };
}

/**
 * Runs a program with an argument array (never through a shell), in its own process group
 * so a timeout or cancellation kills everything it started. Output can stream to a logger.
 */
export async function runCommand(file: string, args: readonly string[], options: RunCommandOptions = {}): Promise<CommandResult> {
  const display = [file, ...args].map(quoteArgument).join(' ');
  const base: NodeJS.ProcessEnv = options.cleanEnv ? { PATH: process.env.PATH } : { ...process.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  const started = performance.now();
  const child = spawn(file, [...args], {
    cwd: options.cwd,
    env: base,
    detached: true,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  trackProcessGroup(child);
  const limit = options.captureLimit ?? 1024 * 1024;
  const out = new TailBuffer(limit);
  const err = new TailBuffer(limit);
  const prefix = options.logPrefix ?? '';
  const logger = options.logger;
  const outLines = logger ? lineStreamer((l) => logger.info(`${prefix}${l}`)) : undefined;
  const errLines = logger ? lineStreamer((l) => logger.info(`${prefix}${l}`)) : undefined;
  child.stdout?.on('data', (c: Buffer) => {
    out.push(c);
    outLines?.write(c);
  });
  child.stderr?.on('data', (c: Buffer) => {
    err.push(c);
    errLines?.write(c);
  });
  if (options.input !== undefined && child.stdin) {
    child.stdin.on('error', () => {}); // the program may exit without reading its input
    child.stdin.end(options.input);
  }

  let timedOut = false;
  let killTimer: NodeJS.Timeout | undefined;
  const terminate = () => {
    if (child.exitCode !== null) return;
    killProcessGroup(child, 'SIGTERM');
    killTimer = setTimeout(() => killProcessGroup(child, 'SIGKILL'), options.killGraceMs ?? 5000);
    killTimer.unref();
  };
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        terminate();
      }, options.timeoutMs)
    : undefined;
  const onAbort = () => terminate();
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const outcome = await new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: NodeJS.ErrnoException }>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  if (timer) clearTimeout(timer);
  if (killTimer) clearTimeout(killTimer);
  options.signal?.removeEventListener('abort', onAbort);
  outLines?.end();
  errLines?.end();

  if ('error' in outcome) {
    const code = outcome.error.code;
    if (code === 'ENOENT') throw new CommandNotFoundError(`\`${file}\` was not found${file.includes('/') ? '' : ' on PATH'}: install it or fix the path.`);
    if (code === 'EACCES') throw new CommandNotFoundError(`\`${file}\` is not executable: check its permissions (chmod +x).`);
    throw outcome.error;
  }
  const result: CommandResult = {
    display,
    exitCode: outcome.code,
    signal: outcome.signal,
    stdout: out.toString(),
    stderr: err.toString(),
    durationMs: Math.round(performance.now() - started),
    timedOut,
  };
  if ((options.check ?? true) && (result.exitCode !== 0 || timedOut)) throw new CommandFailedError(result);
  return result;
}

const SHELL_OPERATORS = /[|&;<>()$`\n]/;

/**
 * Splits a command line from a configuration file into an argument array, honouring single
 * and double quotes and backslashes. Shell syntax (pipes, redirects, `$VAR`, `&&`) is refused
 * with a message saying to put it in a script: nothing here is ever run through a shell.
 */
export function parseCommandLine(line: string, what = 'command'): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\'.includes(line[i + 1] as string)) current += line[++i];
      else if (ch === '$' || ch === '`') throw shellSyntax(line, ch, what);
      else current += ch;
      continue;
    }
    if (ch === "'" || ch === '"') {
      quote = ch;
      inArg = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inArg = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else if (SHELL_OPERATORS.test(ch)) {
      throw shellSyntax(line, ch, what);
    } else {
      current += ch;
      inArg = true;
    }
  }
  if (quote) throw new ConfigurationError(`The ${what} \`${line}\` has an unclosed ${quote} quote.`);
  if (inArg) args.push(current);
  if (args.length === 0) throw new ConfigurationError(`The ${what} is empty.`);
  return args;
}

function shellSyntax(line: string, ch: string, what: string): ConfigurationError {
  const shown = ch === '\n' ? 'a newline' : `'${ch}'`;
  return new ConfigurationError(
    `The ${what} \`${line}\` uses shell syntax (${shown}); commands run without a shell. Put the pipeline in a script and name the script instead.`,
  );
}
