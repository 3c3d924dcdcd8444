import { ConfigurationError } from '@deploysafe/action-kit';
import { SwitchError, type LiveColorReading, type Provider, type ProviderContext, type SwitchRequest } from './provider.ts';
import type { CommandProviderConfig } from './target-file.ts';
import { runTargetCommand } from './target-command.ts';

/**
 * Any other router (haproxy, a cloud load balancer, a service mesh): the user's `switch`
 * command routes traffic, and the optional `read-live-color` command prints the live colour.
 */
export class CommandProvider implements Provider {
  readonly name = 'command';
  readonly #ctx: ProviderContext;
  readonly #command: CommandProviderConfig;

  constructor(ctx: ProviderContext) {
    if (!ctx.target.command) throw new ConfigurationError(`${ctx.target.file}: provider: command needs a command section.`);
    this.#ctx = ctx;
    this.#command = ctx.target.command;
  }

  async readLiveColor(): Promise<LiveColorReading> {
    const read = this.#command.readLiveColor;
    if (!read) return { color: undefined, source: 'the release record (no command.read-live-color)', authoritative: false };
    const result = await runTargetCommand(this.#ctx.transport, read, { what: 'Read the live colour', logger: this.#ctx.logger });
    const answer = result.stdout.trim();
    if (answer === '') return { color: undefined, source: 'command.read-live-color (printed nothing: none live yet)', authoritative: true };
    const names = this.#ctx.target.colors.map((c) => c.name);
    if (!names.includes(answer)) {
      throw new ConfigurationError(`command.read-live-color printed "${answer.slice(0, 60)}", expected one of ${names.join(', ')} or nothing.`);
    }
    return { color: answer, source: 'command.read-live-color', authoritative: true };
  }

  async switchTo(request: SwitchRequest): Promise<void> {
    const { transport, logger } = this.#ctx;
    const env = (to: SwitchRequest['to']) => ({
      DEPLOY_COLOR: to.name,
      DEPLOY_URL: to.url.href,
      DEPLOY_RELEASE: request.release,
      DEPLOY_PREVIOUS_COLOR: request.from?.name ?? '',
    });
    try {
      await runTargetCommand(transport, this.#command.switch, { what: `Switch traffic to ${request.to.name}`, logger, env: env(request.to) });
    } catch (error) {
      if (!request.from) throw new SwitchError(`The switch command failed and there is no previous colour to go back to. ${(error as Error).message}`, false);
      // The command may have half-applied: run it again for the previous colour.
      const back = await runTargetCommand(transport, this.#command.switch, { what: `Switch traffic back to ${request.from.name}`, logger, env: env(request.from), check: false }).catch(
        () => undefined,
      );
      const restored = back?.exitCode === 0;
      throw new SwitchError(
        `The switch command failed; ${restored ? `switched back to ${request.from.name}` : `switching back to ${request.from.name} failed too: check the router`}. ${(error as Error).message}`,
        restored,
      );
    }
  }
}
