// Runs an action's built dist/ the way the GitHub runner does, and reads back what it left behind.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, readActionYml } from '../../scripts/actions.ts';

/** How to run an action. */
export interface RunDistOptions {
  /** Input values by their action.yml names; unset inputs get their action.yml default, as on the runner. */
  inputs?: Record<string, string | number | boolean>;
  /** The job's working directory and GITHUB_WORKSPACE. */
  workspace?: string;
  /** Extra environment (GITHUB_TOKEN, AWS_*, ...). */
  env?: Record<string, string>;
  eventName?: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  /** `main` (default) or `post`; a post step gets the STATE_* values the main step saved. */
  entry?: 'main' | 'post';
  /** State saved by an earlier main step (pass the `state` of its result). */
  state?: Record<string, string>;
  timeoutMs?: number;
}

/** One workflow command the action printed, such as `::error file=a,line=3::message`. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** An error, warning or notice annotation. */
export interface RunnerAnnotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

/** What the step did, as the runner would see it. */
export interface DistRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The log as a user would read it: stdout and stderr without the `::add-mask::` commands. */
  log: string;
  outputs: Record<string, string>;
  summary: string;
  exportedEnv: Record<string, string>;
  state: Record<string, string>;
  commands: WorkflowCommand[];
  annotations: RunnerAnnotation[];
  /** Values registered with `::add-mask::`. */
  masks: string[];
  durationMs: number;
}

function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

// The runner's escaping of workflow command data and properties, reversed.
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}
function unescapeProperty(s: string): string {
  return unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/** Parses `::cmd k=v,k=v::message` lines. */
export function parseWorkflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',')) {
      const eq = pair.indexOf('=');
      if (eq > 0) properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    commands.push({ command: m[1] as string, properties, message: unescapeData(m[3] ?? '') });
  }
  return commands;
}

/** Parses a GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE file: `name=value` lines and `name<<DELIM` heredocs. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '');
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const delimiter = heredoc[2] as string;
      const body: string[] = [];
      for (i++; i < lines.length && (lines[i] as string).replace(/\r$/, '') !== delimiter; i++) body.push(lines[i] as string);
      if (i >= lines.length) throw new Error(`unterminated heredoc for ${heredoc[1]} (delimiter ${delimiter})`);
      values[heredoc[1] as string] = body.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`malformed file command line: ${line}`);
    values[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return values;
}

function defaultValue(value: string | number | boolean | undefined, env: Record<string, string>): string {
  if (value === undefined) return '';
  // The runner evaluates expressions in defaults; the only one our actions use is the workflow token.
  return String(value).replace(/\$\{\{\s*github\.token\s*\}\}/g, env.GITHUB_TOKEN ?? '');
}

/** Runs `actions/<name>/dist` as the runner would and returns what it produced. */
export async function runDist(name: string, options: RunDistOptions = {}): Promise<DistRun> {
  const yml = readActionYml(name);
  const home = mkdtempSync(join(tmpdir(), `runner-${name}-`));
  const workspace = options.workspace ?? join(home, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const files = {
    output: join(home, 'output'),
    summary: join(home, 'step_summary'),
    env: join(home, 'env'),
    state: join(home, 'state'),
    path: join(home, 'path'),
    event: join(home, 'event.json'),
  };
  for (const file of Object.values(files)) writeFileSync(file, '');
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));
  const runnerTemp = join(home, 'runner_temp');
  mkdirSync(runnerTemp);

  const extra = options.env ?? {};
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_RUN_NUMBER: '17',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_JOB: 'deploy',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_DEBUG: '1',
    ...extra,
  };
  for (const [input, field] of Object.entries(yml.inputs ?? {})) {
    const given = options.inputs?.[input];
    env[inputEnvName(input)] = given === undefined ? defaultValue(field.default, env) : String(given);
  }
  for (const [key, value] of Object.entries(options.state ?? {})) env[`STATE_${key}`] = value;

  const entry = options.entry === 'post' ? yml.runs.post : yml.runs.main;
  if (!entry) throw new Error(`actions/${name}/action.yml has no ${options.entry} entry`);
  const started = performance.now();
  const child = spawn(process.execPath, [join(actionDir(name), entry)], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timeout);

  const commands = parseWorkflowCommands(stdout);
  const annotations: RunnerAnnotation[] = commands
    .filter((c) => c.command === 'error' || c.command === 'warning' || c.command === 'notice')
    .map((c) => ({
      level: c.command as RunnerAnnotation['level'],
      message: c.message,
      ...(c.properties.file ? { file: c.properties.file } : {}),
      ...(c.properties.line ? { line: Number(c.properties.line) } : {}),
      ...(c.properties.col ? { col: Number(c.properties.col) } : {}),
      ...(c.properties.title ? { title: c.properties.title } : {}),
    }));
  const masks = commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
  const log = `${stdout}\n${stderr}`
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
  return {
    exitCode,
    stdout,
    stderr,
    log,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    exportedEnv: parseFileCommands(readFileSync(files.env, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    commands,
    annotations,
    masks,
    durationMs: Math.round(performance.now() - started),
  };
}
