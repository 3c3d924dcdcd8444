import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandFailedError, ConfigurationError, runCommand, type CommandResult } from '@deploysafe/action-kit';
import type { SshConfig } from './target-file.ts';
import type { Transport, TransportRunOptions } from './transport.ts';

/** Quotes one argument for the remote POSIX shell that sshd hands the command line to. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

// Fixed scripts; user data only ever reaches them as quoted positional parameters ("$1", "$2").
const SCRIPTS = {
  read: 'if [ -e "$1" ]; then exec cat -- "$1"; else exit 3; fi',
  write: 'd=$(dirname -- "$1") && mkdir -p -- "$d" && t="$d/.$(basename -- "$1").$$.tmp" && cat > "$t" && mv -f -- "$t" "$1"',
  exclusive:
    'd=$(dirname -- "$1") && mkdir -p -- "$d" && t="$d/.$(basename -- "$1").$$.tmp" && cat > "$t" || exit 1; if ln -- "$t" "$1" 2>/dev/null; then rm -f -- "$t"; exit 0; fi; rm -f -- "$t"; exit 3',
  rename: '[ -e "$1" ] || [ -L "$1" ] || exit 3; mv -f -- "$1" "$2"',
  remove: 'rm -f -- "$1"',
  readLink: '[ -L "$1" ] || exit 3; exec readlink -- "$1"',
  symlink: 't="$1.$$.tmp" && ln -sfn -- "$2" "$t" && mv -Tf -- "$t" "$1"',
} as const;

const ABSENT = 3;
const SSH_ERROR = 255;

/** The target is a host reached with the system `ssh`, host keys always checked against `known-hosts`. */
export class SshTransport implements Transport {
  readonly where: string;
  readonly #config: SshConfig;
  #dir: string | undefined;
  #baseArgs: string[] | undefined;

  constructor(config: SshConfig) {
    this.#config = config;
    this.where = `ssh ${config.host}${config.port ? `:${config.port}` : ''}`;
  }

  async #args(): Promise<string[]> {
    if (this.#baseArgs) return this.#baseArgs;
    this.#dir = await mkdtemp(join(tmpdir(), 'deploysafe-ssh-'));
    const knownHosts = join(this.#dir, 'known_hosts');
    await writeFile(knownHosts, `${this.#config.knownHosts.trim()}\n`, { mode: 0o600 });
    const args = [
      '-o', 'BatchMode=yes',
      '-o', 'StrictHostKeyChecking=yes',
      '-o', `UserKnownHostsFile=${knownHosts}`,
      '-o', 'GlobalKnownHostsFile=/dev/null',
      '-o', `ConnectTimeout=${Math.max(1, Math.round(this.#config.connectTimeoutMs / 1000))}`,
      '-o', 'LogLevel=ERROR',
      '-F', '/dev/null',
      // One connection for the whole step: a deploy makes dozens of small calls.
      '-o', 'ControlMaster=auto',
      '-o', `ControlPath=${join(this.#dir, 'cm')}`,
      '-o', 'ControlPersist=120',
    ];
    if (this.#config.key) {
      const keyFile = join(this.#dir, 'id');
      await writeFile(keyFile, `${this.#config.key.trim()}\n`, { mode: 0o600 });
      args.push('-i', keyFile, '-o', 'IdentitiesOnly=yes');
    }
    if (this.#config.port) args.push('-p', String(this.#config.port));
    this.#baseArgs = args;
    return args;
  }

  async #ssh(remote: readonly string[], options: TransportRunOptions): Promise<CommandResult> {
    const line = remote.map(shellQuote).join(' ');
    const result = await runCommand('ssh', [...(await this.#args()), '--', this.#config.host, line], {
      timeoutMs: options.timeoutMs,
      logger: options.logger,
      logPrefix: options.logPrefix,
      input: options.input,
      check: false,
    });
    if (result.exitCode === SSH_ERROR) {
      const why = result.stderr.trim().split('\n').at(-1) ?? 'no message';
      throw new ConfigurationError(`Cannot reach the target host over ${this.where}: ${why}. Check ssh.host, ssh.key and ssh.known-hosts.`);
    }
    const shown = { ...result, display: remote.join(' ') };
    if ((options.check ?? true) && (result.exitCode !== 0 || result.timedOut)) throw new CommandFailedError(shown);
    return shown;
  }

  run(argv: readonly string[], options: TransportRunOptions): Promise<CommandResult> {
    const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    return this.#ssh(env.length > 0 ? ['env', ...env, ...argv] : argv, options);
  }

  async #script(name: keyof typeof SCRIPTS, args: string[], input?: string): Promise<CommandResult> {
    return this.#ssh(['sh', '-c', SCRIPTS[name], 'sh', ...args], { timeoutMs: 60_000, input, check: false });
  }

  #fail(what: string, result: CommandResult): never {
    throw new ConfigurationError(`Could not ${what} on ${this.where}: ${result.stderr.trim() || `exit code ${result.exitCode}`}`);
  }

  async readFile(path: string): Promise<string | undefined> {
    const r = await this.#script('read', [path]);
    if (r.exitCode === ABSENT) return undefined;
    if (r.exitCode !== 0) this.#fail(`read ${path}`, r);
    return r.stdout;
  }

  async writeFileAtomic(path: string, data: string): Promise<void> {
    const r = await this.#script('write', [path], data);
    if (r.exitCode !== 0) this.#fail(`write ${path}`, r);
  }

  async createExclusive(path: string, data: string): Promise<boolean> {
    const r = await this.#script('exclusive', [path], data);
    if (r.exitCode === ABSENT) return false;
    if (r.exitCode !== 0) this.#fail(`create ${path}`, r);
    return true;
  }

  async rename(from: string, to: string): Promise<boolean> {
    const r = await this.#script('rename', [from, to]);
    if (r.exitCode === ABSENT) return false;
    if (r.exitCode !== 0) this.#fail(`rename ${from}`, r);
    return true;
  }

  async remove(path: string): Promise<void> {
    const r = await this.#script('remove', [path]);
    if (r.exitCode !== 0) this.#fail(`remove ${path}`, r);
  }

  async readLink(path: string): Promise<string | undefined> {
    const r = await this.#script('readLink', [path]);
    if (r.exitCode === ABSENT) return undefined;
    if (r.exitCode !== 0) this.#fail(`read the symlink ${path}`, r);
    return r.stdout.replace(/\n$/, '');
  }

  async replaceSymlink(path: string, target: string): Promise<void> {
    const r = await this.#script('symlink', [path, target]);
    if (r.exitCode !== 0) this.#fail(`point ${path} at ${target}`, r);
  }

  async close(): Promise<void> {
    if (this.#baseArgs) {
      await runCommand('ssh', [...this.#baseArgs, '-O', 'exit', this.#config.host], { timeoutMs: 10_000, check: false }).catch(() => undefined);
    }
    if (this.#dir) await rm(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
    this.#baseArgs = undefined;
  }
}
