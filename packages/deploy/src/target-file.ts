import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigurationError, parseCommandLine, parseDuration, readYamlConfig } from '@deploysafe/action-kit';
import { z } from 'zod';

/** A command from the target file, split into an argument array (never run through a shell). */
export interface TargetCommand {
  argv: string[];
  /** Milliseconds before the command's whole process group is killed. */
  timeoutMs: number;
}

/** One colour: where it answers directly (health checks, preview URL) and, for nginx, its upstream server address. */
export interface ColorConfig {
  name: string;
  url: URL;
  /** The `host:port` nginx proxies to for this colour. */
  upstream: string;
}

/** How a colour's health is judged. */
export interface HealthConfig {
  path: string;
  expectStatus: number;
  /** Text the body must contain; `{release}` is replaced by the release being checked. */
  expectBody: string | undefined;
  /** Total time to wait for the first healthy answer. */
  timeoutMs: number;
  /** Time between attempts. */
  intervalMs: number;
  /** Time one request may take. */
  requestTimeoutMs: number;
  /** Consecutive healthy answers needed. */
  healthyCount: number;
  /** How long the public side may take to answer healthily after a switch before traffic is switched back. */
  postSwitchTimeoutMs: number;
}

/** The `ssh:` transport: commands and state run on this host instead of the runner. */
export interface SshConfig {
  /** `user@host` or `host`. */
  host: string;
  port: number | undefined;
  /** known_hosts lines (inline or read from a file); required: host keys are always checked. */
  knownHosts: string;
  /** Private key text (from a file or an environment variable); undefined to use the ssh agent or default keys. */
  key: string | undefined;
  connectTimeoutMs: number;
}

/** The nginx provider's settings. */
export interface NginxConfig {
  upstreamFile: string;
  upstreamName: string;
  testCommand: TargetCommand;
  reloadCommand: TargetCommand;
  /** nginx's pid file: after a reload, the switch waits until the master's old workers have exited. */
  pidFile: string;
  /** How long to wait for old workers to finish their connections. */
  drainTimeoutMs: number;
}

/** The symlink provider's settings. */
export interface SymlinkConfig {
  /** The symlink that selects the live colour, such as /srv/app/current. */
  path: string;
  /** Where each colour's release lives; the symlink points at one of these. */
  targets: Record<string, string>;
  reloadCommand: TargetCommand | undefined;
}

/** The command provider's settings. */
export interface CommandProviderConfig {
  switch: TargetCommand;
  readLiveColor: TargetCommand | undefined;
}

/** A validated target file: everything deploy-bluegreen and rollback need to know about a target. */
export interface Target {
  /** Where the file was read from (for messages). */
  file: string;
  provider: 'nginx' | 'symlink' | 'command' | 'kubernetes';
  stateDir: string;
  health: HealthConfig;
  /** Exactly two colours, in the order of the file; the first is used when nothing is live yet. */
  colors: ColorConfig[];
  /** The public URL through the proxy; used for the post-switch check and `live-url`. */
  publicUrl: URL | undefined;
  deployCommand: TargetCommand | undefined;
  nginx: NginxConfig | undefined;
  symlink: SymlinkConfig | undefined;
  command: CommandProviderConfig | undefined;
  ssh: SshConfig | undefined;
  lock: { leaseMs: number };
}

const DEFAULT_COMMAND_TIMEOUT = 60_000;
const DEFAULT_DEPLOY_TIMEOUT = 10 * 60_000;

const duration = z.union([z.string(), z.number()]).transform((raw, ctx) => {
  const ms = parseDuration(String(raw));
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration such as 500ms, 30s or 5m' });
    return z.NEVER;
  }
  return ms;
});

const COMMAND_SHAPE = 'expected a command line, an array of arguments, or { run, timeout }';

// One schema (not a union) so a bad command reports its own message, such as the shell-syntax advice.
function command(defaultTimeout: number) {
  return z.unknown().transform((raw, ctx): TargetCommand => {
    let run: unknown = raw;
    let timeoutMs = defaultTimeout;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      const { run: r, timeout, ...rest } = raw as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length > 0) ctx.addIssue({ code: 'unrecognized_keys', keys: extra, input: raw as Record<string, unknown> });
      run = r;
      if (timeout !== undefined) {
        const ms = parseDuration(String(timeout));
        if (ms === undefined) ctx.addIssue({ code: 'custom', message: 'timeout: expected a duration such as 30s or 5m' });
        else timeoutMs = ms;
      }
    }
    if (Array.isArray(run) && run.length > 0 && run.every((a) => typeof a === 'string')) return { argv: run as string[], timeoutMs };
    if (typeof run === 'string' && run.trim() !== '') {
      try {
        return { argv: parseCommandLine(run, 'command'), timeoutMs };
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }
    ctx.addIssue({ code: 'custom', message: COMMAND_SHAPE });
    return z.NEVER;
  });
}

const httpUrl = z.string().refine((s) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol), 'expected an http:// or https:// URL');
// Paths on the target host: absolute, because they mean the same there whatever the runner's working directory.
const hostPath = z.string().refine((s) => s.startsWith('/'), 'expected an absolute path on the target host');
const colorName = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, 'expected a lowercase colour name such as blue or green');

const schema = z.strictObject({
  provider: z.enum(['nginx', 'symlink', 'command', 'kubernetes']),
  'state-dir': hostPath,
  health: z
    .strictObject({
      path: z.string().startsWith('/', 'expected a path starting with /').default('/health'),
      'expect-status': z.number().int().min(100).max(599).default(200),
      'expect-body': z.string().min(1).optional(),
      timeout: duration.default(60_000),
      interval: duration.default(1000),
      'request-timeout': duration.default(5000),
      'healthy-count': z.number().int().min(1).max(100).default(1),
      'post-switch-timeout': duration.default(10_000),
    })
    .default({ path: '/health', 'expect-status': 200, timeout: 60_000, interval: 1000, 'request-timeout': 5000, 'healthy-count': 1, 'post-switch-timeout': 10_000 }),
  colors: z
    .record(colorName, z.strictObject({ url: httpUrl, upstream: z.string().regex(/^[\w.[\]:-]+:\d+$/, 'expected host:port').optional() }))
    .refine((c) => Object.keys(c).length === 2, 'expected exactly two colours, such as blue and green'),
  'public-url': httpUrl.optional(),
  'deploy-command': command(DEFAULT_DEPLOY_TIMEOUT).optional(),
  nginx: z
    .strictObject({
      'upstream-file': hostPath,
      'upstream-name': z.string().regex(/^[\w.-]+$/, 'expected an nginx upstream name'),
      'test-command': command(DEFAULT_COMMAND_TIMEOUT).default({ argv: ['nginx', '-t'], timeoutMs: DEFAULT_COMMAND_TIMEOUT }),
      'reload-command': command(DEFAULT_COMMAND_TIMEOUT).default({ argv: ['nginx', '-s', 'reload'], timeoutMs: DEFAULT_COMMAND_TIMEOUT }),
      'pid-file': hostPath.default('/run/nginx.pid'),
      'drain-timeout': duration.default(30_000),
    })
    .optional(),
  symlink: z
    .strictObject({
      path: hostPath,
      targets: z.record(colorName, hostPath),
      'reload-command': command(DEFAULT_COMMAND_TIMEOUT).optional(),
    })
    .optional(),
  command: z
    .strictObject({
      switch: command(DEFAULT_COMMAND_TIMEOUT),
      'read-live-color': command(DEFAULT_COMMAND_TIMEOUT).optional(),
    })
    .optional(),
  kubernetes: z.record(z.string(), z.unknown()).optional(),
  ssh: z
    .strictObject({
      host: z.string().regex(/^([\w.-]+@)?[\w.-]+$/, 'expected user@host or host'),
      port: z.number().int().min(1).max(65535).optional(),
      'known-hosts': z.string().min(1),
      key: z.string().min(1).optional(),
      'connect-timeout': duration.default(15_000),
    })
    .optional(),
  lock: z.strictObject({ lease: duration.default(60_000) }).default({ lease: 60_000 }),
});

type RawTarget = z.output<typeof schema>;

function problem(file: string, key: string, message: string): ConfigurationError {
  return new ConfigurationError(`Invalid target file: ${file}: ${key}: ${message}`);
}

function upstreamOf(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`;
}

/** Where to read a secret or a file named in the target file: `env:NAME` reads an environment variable, anything else is a path. */
function readReference(value: string, base: string, env: NodeJS.ProcessEnv, what: string, file: string, read: (path: string) => string): string {
  if (value.startsWith('env:')) {
    const name = value.slice(4);
    const text = env[name];
    if (!text) throw problem(file, what, `the environment variable ${name} is empty or not set`);
    return text;
  }
  const path = isAbsolute(value) ? value : resolve(base, value);
  try {
    return read(path);
  } catch {
    throw problem(file, what, `cannot read ${path}`);
  }
}

/** Rules that span several keys, checked after the schema. */
function crossCheck(raw: RawTarget, file: string): void {
  const colors = Object.keys(raw.colors);
  if (raw.provider === 'kubernetes') {
    throw new ConfigurationError(
      `${file}: provider: kubernetes is not supported yet by this version of deploysafe; use nginx, symlink or command (a command provider can drive kubectl).`,
    );
  }
  if (raw.kubernetes) throw problem(file, 'kubernetes', 'the kubernetes provider is not supported yet; remove this section');
  for (const name of ['nginx', 'symlink', 'command'] as const) {
    if (raw.provider !== name && raw[name]) throw problem(file, name, `this section is for provider: ${name}, but provider is ${raw.provider}`);
  }
  if (raw.provider === 'nginx' && !raw.nginx) throw problem(file, 'nginx', 'provider: nginx needs an nginx section with upstream-file and upstream-name');
  if (raw.provider === 'symlink') {
    if (!raw.symlink) throw problem(file, 'symlink', 'provider: symlink needs a symlink section with path and targets');
    const targets = Object.keys(raw.symlink.targets).sort();
    if (targets.join() !== [...colors].sort().join()) throw problem(file, 'symlink.targets', `expected one entry per colour (${colors.join(', ')})`);
  }
  if (raw.provider === 'command' && !raw.command) throw problem(file, 'command', 'provider: command needs a command section with at least switch');
  if (!raw['deploy-command']) throw problem(file, 'deploy-command', 'is required: the command that puts a release on a colour');
}

/** Validates parsed target-file data (already checked against the schema) into a Target. */
function toTarget(raw: RawTarget, file: string, env: NodeJS.ProcessEnv, read: (path: string) => string): Target {
  crossCheck(raw, file);
  const base = dirname(resolve(file));
  const colors = Object.entries(raw.colors).map(([name, c]) => {
    const url = new URL(c.url);
    return { name, url, upstream: c.upstream ?? upstreamOf(url) };
  });
  const ssh = raw.ssh
    ? {
        host: raw.ssh.host,
        port: raw.ssh.port,
        knownHosts: /\s/.test(raw.ssh['known-hosts'].trim())
          ? raw.ssh['known-hosts']
          : readReference(raw.ssh['known-hosts'], base, env, 'ssh.known-hosts', file, read),
        key: raw.ssh.key === undefined ? undefined : readReference(raw.ssh.key, base, env, 'ssh.key', file, read),
        connectTimeoutMs: raw.ssh['connect-timeout'],
      }
    : undefined;
  const h = raw.health;
  return {
    file,
    provider: raw.provider,
    stateDir: raw['state-dir'],
    health: {
      path: h.path,
      expectStatus: h['expect-status'],
      expectBody: h['expect-body'],
      timeoutMs: h.timeout,
      intervalMs: h.interval,
      requestTimeoutMs: h['request-timeout'],
      healthyCount: h['healthy-count'],
      postSwitchTimeoutMs: h['post-switch-timeout'],
    },
    colors,
    publicUrl: raw['public-url'] ? new URL(raw['public-url']) : undefined,
    deployCommand: raw['deploy-command'],
    nginx: raw.nginx && {
      upstreamFile: raw.nginx['upstream-file'],
      upstreamName: raw.nginx['upstream-name'],
      testCommand: raw.nginx['test-command'],
      reloadCommand: raw.nginx['reload-command'],
      pidFile: raw.nginx['pid-file'],
      drainTimeoutMs: raw.nginx['drain-timeout'],
    },
    symlink: raw.symlink && { path: raw.symlink.path, targets: raw.symlink.targets, reloadCommand: raw.symlink['reload-command'] },
    command: raw.command && { switch: raw.command.switch, readLiveColor: raw.command['read-live-color'] },
    ssh,
    lock: { leaseMs: raw.lock.lease },
  };
}

/** The zod schema of the target file, for tools that validate it (config-validate, editors). */
export const targetFileSchema = schema;

/**
 * Reads and validates a target file. Unknown keys are errors; every problem names its key and
 * line. `ssh.key` and `ssh.known-hosts` may be `env:NAME` (read from the environment) or paths
 * relative to the target file.
 */
export async function loadTarget(path: string, options: { displayPath?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Target> {
  const file = options.displayPath ?? path;
  const raw = await readYamlConfig(path, schema, { what: 'target file', displayPath: file });
  return toTarget(raw, file, options.env ?? process.env, (p) => readFileSync(p, 'utf8'));
}

/** The colour that is not `color`. */
export function otherColor(target: Target, color: string): ColorConfig {
  const other = target.colors.find((c) => c.name !== color);
  if (!other) throw new ConfigurationError(`${target.file}: no colour other than ${color}`);
  return other;
}

/** The colour called `name`, or a ConfigurationError naming the known ones. */
export function colorByName(target: Target, name: string): ColorConfig {
  const color = target.colors.find((c) => c.name === name);
  if (!color) throw new ConfigurationError(`${target.file}: unknown colour "${name}" (the target has ${target.colors.map((c) => c.name).join(' and ')})`);
  return color;
}
