// Database tools whose stdin or stdout is a byte stream (runCommand captures text; a dump is gigabytes).
import { spawn } from 'node:child_process';
import { Readable, type Writable } from 'node:stream';
import { killProcessGroup, trackProcessGroup, type Logger } from '@deploysafe/action-kit';
import { DatabaseToolError } from './errors.ts';

/** A running tool: its byte stream, and `done`, which rejects when it exits non-zero or is killed. */
export interface ToolProcess {
  /** The tool's stdout, ending with an error if the tool fails (so a failed dump never looks complete). */
  stdout: Readable;
  stdin: Writable;
  done: Promise<void>;
  kill(): void;
}

/** Options for startTool. */
export interface StartToolOptions {
  /** Variables added to the environment: credentials go here (PGPASSWORD), never in argv. */
  env?: Record<string, string | undefined>;
  /** Lines the tool writes to stderr are logged here (warnings from pg_dump, mysql). */
  logger?: Logger;
  logPrefix?: string;
  stdin?: 'pipe' | 'ignore';
  stdout?: 'pipe' | 'ignore';
}

/** Starts `file` with an argument array (never a shell), in its own process group. */
export function startTool(file: string, args: readonly string[], options: StartToolOptions = {}): ToolProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(file, [...args], { env, detached: true, stdio: [options.stdin ?? 'ignore', options.stdout ?? 'pipe', 'pipe'] });
  trackProcessGroup(child);
  let stderrTail = '';
  let lineBuffer = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-4000);
    lineBuffer += text;
    const lines = lineBuffer.split('\n');
    lineBuffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) options.logger?.info(`${options.logPrefix ?? `[${file}] `}${line}`);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new DatabaseToolError(`\`${file}\` was not found on PATH: install it (see the db-backup README for the package per engine).`)
          : error,
      );
    });
    child.once('close', (code, signal) => {
      if (lineBuffer.trim()) options.logger?.info(`${options.logPrefix ?? `[${file}] `}${lineBuffer}`);
      if (code === 0) return resolve();
      const last = stderrTail.trim().split('\n').filter(Boolean).slice(-3).join(' / ');
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new DatabaseToolError(`\`${file}\` ${why}${last ? `: ${last}` : ''}`));
    });
  });
  done.catch(() => {}); // observed through `stdout` or by the caller
  const kill = () => {
    killProcessGroup(child, 'SIGTERM');
    setTimeout(() => killProcessGroup(child, 'SIGKILL'), 5000).unref();
  };
  const raw = child.stdout;
  const stdout = raw
    ? Readable.from(
        (async function* () {
          let finished = false;
          try {
            for await (const chunk of raw) yield chunk as Buffer;
            await done;
            finished = true;
          } finally {
            if (!finished) kill();
          }
        })(),
        { objectMode: false },
      )
    : Readable.from([]);
  return { stdout, stdin: child.stdin as Writable, done, kill };
}
