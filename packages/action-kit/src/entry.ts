import { isMainThread } from 'node:worker_threads';
import * as core from '@actions/core';
import { InputError, type InputProblem, isConfigurationError } from './errors.ts';
import { readGitHubContext, type GitHubContext } from './github-context.ts';
import { type InputSpec, type InputsOf, readInputs } from './inputs.ts';
import { createCoreLogger, type Logger } from './logger.ts';
import { SecretRegistry } from './secrets.ts';
import { Summary } from './summary.ts';

/** Values the main step keeps for the action's post step (GITHUB_STATE on the runner). */
export interface StepState {
  save(name: string, value: string): void;
}

/** Everything `run()` gets besides its typed inputs. */
export interface RunContext {
  logger: Logger;
  summary: Summary;
  secrets: SecretRegistry;
  github: GitHubContext;
  /** Saves values for the post step; only actions with a `post` read them back. */
  state: StepState;
}

/** What an action's post step gets: the values its main step saved, and a logger. */
export interface PostContext {
  /** A value the main step saved, or '' when it saved none (it may have been killed first). */
  state(name: string): string;
  logger: Logger;
  secrets: SecretRegistry;
}

/** An output value; the wrapper turns it into the string GitHub stores. */
export type OutputValue = string | number | boolean;

/** What `run()` returns: every declared output, and a failure message when the verdict is negative. */
export interface RunResult<O extends string> {
  outputs: Record<O, OutputValue>;
  /** Set when the work was done but its verdict fails the step (a gate that did not pass). */
  failure?: string | undefined;
}

/** One action: its name, its inputs and outputs (defined once, here) and the work. */
export interface ActionDefinition<S extends InputSpec, O extends string> {
  /** The action's name as users see it, such as `config-validate`. */
  name: string;
  inputs: S;
  outputs: readonly O[];
  /** Rules that span several inputs; problems are reported with the per-input ones, before any work. */
  check?(inputs: InputsOf<S>): InputProblem[];
  run(inputs: InputsOf<S>, ctx: RunContext): Promise<RunResult<O>>;
  /**
   * Cleanup after the job step, whatever happened to it (action.yml: `post:` on the same bundle,
   * `post-if: always()`). It must not fail the job: errors become a warning.
   */
  post?(ctx: PostContext): Promise<void>;
}

/** Declares an action with full type inference for its inputs and outputs. */
export function defineAction<S extends InputSpec, const O extends string>(definition: ActionDefinition<S, O>): ActionDefinition<S, O> {
  return definition;
}

/** Validates inputs against a definition, including its cross-input `check`; throws InputError. */
export function resolveInputs<S extends InputSpec, O extends string>(
  definition: ActionDefinition<S, O>,
  source: (name: string) => string,
  options: { secrets?: SecretRegistry; logger?: Logger } = {},
): InputsOf<S> {
  const inputs = readInputs(definition.inputs, source, options);
  const problems = definition.check?.(inputs) ?? [];
  if (problems.length > 0) throw new InputError(problems);
  return inputs;
}

/** Converts an output for GitHub, redacting anything that carries a secret. */
export function outputString(value: OutputValue, secrets: SecretRegistry): string {
  const text = String(value);
  return secrets.leaks(text) ? secrets.redact(text) : text;
}

/**
 * The entry point of every action's main.ts: reads and validates all inputs (masking secrets
 * first), runs the work, sets outputs, reports a configuration error as one line and a bug
 * with its stack in the debug log, sets the exit code, and always writes the job summary.
 * Does nothing inside a worker thread: a bundle that starts its own file as a worker loads main.ts there too.
 */
export async function runAction<S extends InputSpec, O extends string>(definition: ActionDefinition<S, O>): Promise<void> {
  if (!isMainThread) return;
  const secrets = new SecretRegistry((value) => core.setSecret(value));
  const logger = createCoreLogger(secrets);
  // action.yml runs the same bundle as main and as post; the main step leaves a mark for the post step.
  if (definition.post && core.getState(PHASE) === 'main') {
    await runPost(definition.name, definition.post, { state: (name) => core.getState(name), logger, secrets });
    return;
  }
  if (definition.post) core.saveState(PHASE, 'main');
  const summary = new Summary();
  const ctx: RunContext = { logger, summary, secrets, github: readGitHubContext(), state: { save: (name, value) => core.saveState(name, value) } };
  try {
    const inputs = resolveInputs(definition, (name) => core.getInput(name), { secrets, logger });
    const result = await definition.run(inputs, ctx);
    for (const name of definition.outputs) {
      const value = result.outputs[name];
      if (value === undefined) continue;
      core.setOutput(name, outputString(value, secrets));
    }
    if (result.failure) core.setFailed(secrets.redact(result.failure));
  } catch (error) {
    const message = secrets.redact(error instanceof Error ? error.message : String(error));
    if (isConfigurationError(error)) {
      core.setFailed(message);
      summary.status('fail', `${definition.name} could not run`, 'fix the configuration below and re-run').code(message);
    } else {
      core.debug(secrets.redact(error instanceof Error ? (error.stack ?? message) : message));
      core.setFailed(`${definition.name} failed unexpectedly: ${message}. This is a bug; the stack trace is in the debug log (re-run with debug logging on).`);
      summary.status('fail', `${definition.name} failed unexpectedly`).code(message);
    }
  } finally {
    await writeSummary(summary, secrets, definition.name);
  }
}

const PHASE = 'deploysafe-phase';

async function runPost(name: string, post: NonNullable<ActionDefinition<InputSpec, string>['post']>, ctx: PostContext): Promise<void> {
  try {
    await post(ctx);
  } catch (error) {
    ctx.logger.warning(`${name}: the post step could not finish: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function writeSummary(summary: Summary, secrets: SecretRegistry, name: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  const text = summary.isEmpty ? `### ${name}\n\nNo summary was produced.\n` : summary.toString();
  try {
    await core.summary.addRaw(secrets.redact(text)).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}
