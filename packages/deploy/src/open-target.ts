import { createProvider } from './create-provider.ts';
import type { Logger } from '@deploysafe/action-kit';
import { LocalTransport } from './local-transport.ts';
import type { Provider } from './provider.ts';
import { ReleaseRecordStore } from './release-record.ts';
import { SshTransport } from './ssh-transport.ts';
import { loadTarget, type Target } from './target-file.ts';
import type { Transport } from './transport.ts';

/** A target file opened for work: its provider, its transport and its release record. */
export interface OpenTarget {
  target: Target;
  transport: Transport;
  provider: Provider;
  records: ReleaseRecordStore;
  /** Releases what the transport holds (temporary ssh key files). */
  close(): Promise<void>;
}

/** Creates the transport a target names: ssh when it has an `ssh:` section, this runner otherwise. */
export function createTransport(target: Target): Transport {
  return target.ssh ? new SshTransport(target.ssh) : new LocalTransport();
}

/**
 * Reads and validates a target file and opens it. `onSecret` receives secrets read on the way
 * (the ssh private key) so the caller masks them before anything could print them.
 */
export async function openTarget(
  path: string,
  options: { logger: Logger; displayPath?: string; env?: NodeJS.ProcessEnv; onSecret?: (value: string) => void },
): Promise<OpenTarget> {
  const target = await loadTarget(path, { displayPath: options.displayPath, env: options.env });
  if (target.ssh?.key) options.onSecret?.(target.ssh.key);
  const transport = createTransport(target);
  const provider = createProvider({ target, transport, logger: options.logger });
  return { target, transport, provider, records: new ReleaseRecordStore(transport, target.stateDir), close: () => transport.close() };
}
