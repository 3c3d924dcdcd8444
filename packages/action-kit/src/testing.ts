import { resolveInputs, type ActionDefinition, type RunContext } from './entry.ts';
import { readGitHubContext } from './github-context.ts';
import { objectSource, type InputSpec, type InputsOf } from './inputs.ts';
import { MemoryLogger } from './logger.ts';
import { SecretRegistry } from './secrets.ts';
import { Summary } from './summary.ts';

/** A RunContext for calling an action's `run()` directly, with everything recorded for assertions. */
export interface TestContext {
  ctx: RunContext;
  logger: MemoryLogger;
  summary: Summary;
  secrets: SecretRegistry;
  /** Values passed to the masking hook, as `core.setSecret` would receive them. */
  masked: string[];
  /** Values the run saved for its post step. */
  state: Map<string, string>;
}

/** Creates a RunContext whose logger and summary are in memory. `env` stands in for the runner's environment. */
export function createTestContext(options: { env?: NodeJS.ProcessEnv; echo?: boolean } = {}): TestContext {
  const masked: string[] = [];
  const secrets = new SecretRegistry((v) => masked.push(v));
  const logger = new MemoryLogger({ echo: options.echo ?? false, secrets });
  const summary = new Summary();
  const github = readGitHubContext(options.env ?? { GITHUB_WORKSPACE: process.cwd() });
  const state = new Map<string, string>();
  return { ctx: { logger, summary, secrets, github, state: { save: (name, value) => state.set(name, value) } }, logger, summary, secrets, masked, state };
}

/** Parses raw input strings through an action's definition exactly as the entry wrapper does. */
export function inputsFor<S extends InputSpec, O extends string>(
  definition: ActionDefinition<S, O>,
  values: Record<string, string | number | boolean | undefined>,
  test?: TestContext,
): InputsOf<S> {
  return resolveInputs(definition, objectSource(values), test ? { secrets: test.secrets, logger: test.logger } : {});
}
