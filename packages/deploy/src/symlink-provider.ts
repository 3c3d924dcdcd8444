import { ConfigurationError } from '@deploysafe/action-kit';
import { posix } from 'node:path';
import { SwitchError, type LiveColorReading, type Provider, type ProviderContext, type SwitchRequest } from './provider.ts';
import type { SymlinkConfig } from './target-file.ts';
import { runTargetCommand } from './target-command.ts';

/**
 * A symlink (such as /srv/app/current) selects the live colour's directory; a switch replaces
 * the link atomically and runs the optional reload command, putting the old link back if the
 * reload fails.
 */
export class SymlinkProvider implements Provider {
  readonly name = 'symlink';
  readonly #ctx: ProviderContext;
  readonly #symlink: SymlinkConfig;

  constructor(ctx: ProviderContext) {
    if (!ctx.target.symlink) throw new ConfigurationError(`${ctx.target.file}: provider: symlink needs a symlink section.`);
    this.#ctx = ctx;
    this.#symlink = ctx.target.symlink;
  }

  async readLiveColor(): Promise<LiveColorReading> {
    const { path, targets } = this.#symlink;
    const source = `symlink ${path}`;
    const link = await this.#ctx.transport.readLink(path);
    if (link === undefined) return { color: undefined, source: `${source} (absent)`, authoritative: true };
    const resolved = posix.resolve(posix.dirname(path), link).replace(/\/+$/, '');
    const found = Object.entries(targets).find(([, dir]) => posix.resolve(dir) === resolved);
    if (!found) {
      throw new ConfigurationError(`${path} points at ${link}, which is none of symlink.targets (${Object.values(targets).join(', ')}) in ${this.#ctx.target.file}.`);
    }
    return { color: found[0], source, authoritative: true };
  }

  async switchTo(request: SwitchRequest): Promise<void> {
    const { transport, logger } = this.#ctx;
    const { path, targets, reloadCommand } = this.#symlink;
    const previous = await transport.readLink(path);
    const dir = targets[request.to.name];
    if (!dir) throw new ConfigurationError(`${this.#ctx.target.file}: symlink.targets has no entry for ${request.to.name}.`);
    await transport.replaceSymlink(path, dir);
    logger.info(`Pointed ${path} at ${dir} (${request.to.name}).`);
    if (!reloadCommand) return;
    try {
      await runTargetCommand(transport, reloadCommand, { what: 'Reload', logger, env: { DEPLOY_COLOR: request.to.name, DEPLOY_RELEASE: request.release } });
    } catch (error) {
      if (previous === undefined) await transport.remove(path);
      else await transport.replaceSymlink(path, previous);
      const again = await runTargetCommand(transport, reloadCommand, { what: 'Reload with the restored link', logger, check: false }).catch(() => undefined);
      throw new SwitchError(
        `The reload command failed; ${path} points at ${previous ?? 'nothing'} again${again?.exitCode === 0 ? ' and was reloaded' : ', but reloading it failed too'}. ${(error as Error).message}`,
        again?.exitCode === 0,
      );
    }
  }
}
