import type { CommandResult, Logger } from '@deploysafe/action-kit';
import { quoteArgument } from '@deploysafe/action-kit';
import type { TargetCommand } from './target-file.ts';
import type { Transport } from './transport.ts';

/** The command as a person would type it, for logs and messages. */
export function displayCommand(command: TargetCommand): string {
  return command.argv.map(quoteArgument).join(' ');
}

/**
 * Runs a command from the target file on the target host, bounded by its timeout, with its
 * output streamed into a collapsible log group. Throws CommandFailedError when it fails.
 */
export async function runTargetCommand(
  transport: Transport,
  command: TargetCommand,
  options: { what: string; logger: Logger; env?: Record<string, string>; check?: boolean },
): Promise<CommandResult> {
  const where = transport.where === 'this runner' ? '' : ` (on ${transport.where})`;
  return options.logger.group(`${options.what}: ${displayCommand(command)}${where}`, () =>
    transport.run(command.argv, {
      env: options.env,
      timeoutMs: command.timeoutMs,
      logger: options.logger,
      logPrefix: '  ',
      check: options.check ?? true,
    }),
  );
}
