import { CommandFailedError, ConfigurationError } from '@deploysafe/action-kit';
import type { ProviderContext } from './provider.ts';
import type { ColorConfig } from './target-file.ts';
import { runTargetCommand } from './target-command.ts';

/** The deploy command failed or timed out; the colour it was deploying to must not receive traffic. */
export class DeployCommandError extends ConfigurationError {
  override name = 'DeployCommandError';
}

/**
 * Puts `release` on `color` by running the target's deploy-command with DEPLOY_COLOR,
 * DEPLOY_RELEASE, DEPLOY_URL and DEPLOY_PREVIOUS_RELEASE in its environment.
 */
export async function deployToColor(ctx: ProviderContext, color: ColorConfig, release: string, previousRelease: string | undefined): Promise<void> {
  const command = ctx.target.deployCommand;
  if (!command) throw new ConfigurationError(`${ctx.target.file}: deploy-command is required to put a release on a colour.`);
  const env = {
    DEPLOY_COLOR: color.name,
    DEPLOY_RELEASE: release,
    DEPLOY_URL: color.url.href,
    DEPLOY_PREVIOUS_RELEASE: previousRelease ?? '',
  };
  try {
    await runTargetCommand(ctx.transport, command, { what: `Deploy ${release} to ${color.name}`, logger: ctx.logger, env });
  } catch (error) {
    if (error instanceof CommandFailedError) throw new DeployCommandError(`The deploy command failed for ${release} on ${color.name}: ${error.message}`);
    throw error;
  }
}
