import { ConfigurationError, type Logger } from '@deploysafe/action-kit';
import type { ColorConfig, Target } from './target-file.ts';
import type { Transport } from './transport.ts';

/** Which colour the target says is live, and where that was read. */
export interface LiveColorReading {
  /** The live colour, or undefined when the target has none yet (first deploy) or cannot tell. */
  color: string | undefined;
  /** Where the answer came from, for the log: `upstream file /etc/nginx/conf.d/app.conf`. */
  source: string;
  /** False when the provider cannot read the live colour and the release record must be trusted. */
  authoritative: boolean;
}

/** What a provider needs to do its work. */
export interface ProviderContext {
  target: Target;
  transport: Transport;
  logger: Logger;
}

/** A request to send all traffic to one colour. */
export interface SwitchRequest {
  to: ColorConfig;
  /** The colour live before the switch, if any. */
  from: ColorConfig | undefined;
  release: string;
}

/** The switch failed; the provider restored the previous routing (or says it could not). */
export class SwitchError extends ConfigurationError {
  override name = 'SwitchError';
  /** True when the previous routing is known to be back in place. */
  readonly restored: boolean;
  constructor(message: string, restored: boolean) {
    super(message);
    this.restored = restored;
  }
}

/**
 * How traffic is routed between the two colours of a target. One implementation per file:
 * nginx-provider.ts, symlink-provider.ts, command-provider.ts. Deploying a release to a colour
 * is the same for all of them (the target's deploy-command, see deploy-command.ts).
 */
export interface Provider {
  readonly name: string;
  /** Reads the live colour from the target itself (the upstream file, the symlink, a command). */
  readLiveColor(): Promise<LiveColorReading>;
  /**
   * Sends all traffic to `request.to`. If any step fails, puts the previous routing back and
   * throws SwitchError; it never leaves a half-switched target without saying so.
   */
  switchTo(request: SwitchRequest): Promise<void>;
}
