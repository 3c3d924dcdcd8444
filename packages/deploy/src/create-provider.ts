import { ConfigurationError } from '@deploysafe/action-kit';
import { CommandProvider } from './command-provider.ts';
import { NginxProvider } from './nginx-provider.ts';
import type { Provider, ProviderContext } from './provider.ts';
import { SymlinkProvider } from './symlink-provider.ts';

/** Creates the provider the target file names. */
export function createProvider(ctx: ProviderContext): Provider {
  switch (ctx.target.provider) {
    case 'nginx':
      return new NginxProvider(ctx);
    case 'symlink':
      return new SymlinkProvider(ctx);
    case 'command':
      return new CommandProvider(ctx);
    default:
      throw new ConfigurationError(`${ctx.target.file}: provider: ${ctx.target.provider} is not supported yet; use nginx, symlink or command.`);
  }
}
