/** A mistake in the user's configuration or environment: reported as one clear line, never with a stack. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

/** One or more action inputs failed validation; the message names each input and what it expected. */
export class InputError extends ConfigurationError {
  override name = 'InputError';
  readonly problems: readonly InputProblem[];

  constructor(problems: readonly InputProblem[]) {
    super(formatInputProblems(problems));
    this.problems = problems;
  }
}

/** What was wrong with one input. */
export interface InputProblem {
  input: string;
  /** What the input held, already redacted when the input is secret; undefined when it was empty. */
  got: string | undefined;
  expected: string;
}

function formatInputProblems(problems: readonly InputProblem[]): string {
  const lines = problems.map((p) =>
    p.got === undefined
      ? `Input '${p.input}' is required: expected ${p.expected}.`
      : `Input '${p.input}' has an invalid value ${p.got}: expected ${p.expected}.`,
  );
  if (lines.length === 1) return lines[0] as string;
  return `${lines.length} inputs are invalid:\n${lines.map((l) => `  - ${l}`).join('\n')}`;
}

/** True for errors the user can fix by changing configuration, as opposed to bugs. */
export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof ConfigurationError;
}
