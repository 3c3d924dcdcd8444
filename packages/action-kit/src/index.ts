export { ConfigurationError, InputError, isConfigurationError, type InputProblem } from './errors.ts';
export {
  input,
  Input,
  inputKey,
  objectSource,
  readInputs,
  type AnyInput,
  type InputSource,
  type InputSpec,
  type InputsOf,
  type RawSchema,
} from './inputs.ts';
export { parseBoolean, parseDuration, parseList, parseSize, formatBytes, formatDuration } from './parse.ts';
export { SecretRegistry, describeSecret } from './secrets.ts';
export { createCoreLogger, MemoryLogger, silentLogger, type Annotation, type LogEntry, type Logger } from './logger.ts';
export { Summary, badge, escapeMarkdown, inlineCode, type Cell, type Status } from './summary.ts';
export { writeJsonReport } from './report.ts';
export { writeFileAtomic, syncDirectory } from './fs-atomic.ts';
export {
  runCommand,
  parseCommandLine,
  quoteArgument,
  CommandFailedError,
  CommandNotFoundError,
  type CommandResult,
  type RunCommandOptions,
} from './run-command.ts';
export { trackProcessGroup, killProcessGroup } from './process-groups.ts';
export { readGitHubContext, type GitHubContext } from './github-context.ts';
export { parseYamlConfig, readYamlConfig, ConfigFileError, type ConfigProblem } from './yaml-config.ts';
export { ByteProgress } from './progress.ts';
export {
  defineAction,
  runAction,
  resolveInputs,
  outputString,
  type ActionDefinition,
  type OutputValue,
  type PostContext,
  type RunContext,
  type StepState,
  type RunResult,
} from './entry.ts';
