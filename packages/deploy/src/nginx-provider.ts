import { CommandFailedError, ConfigurationError } from '@deploysafe/action-kit';
import { activeServers, parseUpstream, rewriteUpstream } from './nginx-upstream.ts';
import { SwitchError, type LiveColorReading, type Provider, type ProviderContext, type SwitchRequest } from './provider.ts';
import type { NginxConfig } from './target-file.ts';
import { runTargetCommand } from './target-command.ts';

function sameAddress(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/^localhost:/, '127.0.0.1:');
  return norm(a) === norm(b);
}

/**
 * nginx in front of two colours: the live colour is the one server of an upstream block in an
 * include file. A switch rewrites that file atomically, runs `nginx -t`, reloads gracefully
 * (old workers finish their requests), and puts the previous file back if either step fails.
 */
export class NginxProvider implements Provider {
  readonly name = 'nginx';
  readonly #ctx: ProviderContext;
  readonly #nginx: NginxConfig;

  constructor(ctx: ProviderContext) {
    if (!ctx.target.nginx) throw new ConfigurationError(`${ctx.target.file}: provider: nginx needs an nginx section.`);
    this.#ctx = ctx;
    this.#nginx = ctx.target.nginx;
  }

  async readLiveColor(): Promise<LiveColorReading> {
    const { upstreamFile, upstreamName } = this.#nginx;
    const source = `upstream file ${upstreamFile}`;
    const text = await this.#ctx.transport.readFile(upstreamFile);
    if (text === undefined) return { color: undefined, source: `${source} (absent)`, authoritative: true };
    const parsed = parseUpstream(text, upstreamName);
    if (!parsed) {
      throw new ConfigurationError(`${upstreamFile} has no \`upstream ${upstreamName} { ... }\` block: fix nginx.upstream-name in ${this.#ctx.target.file} or the file.`);
    }
    const active = activeServers(parsed);
    const colors = this.#ctx.target.colors;
    const matched = active.map((s) => ({ server: s, color: colors.find((c) => sameAddress(c.upstream, s.address)) }));
    const unknown = matched.filter((m) => !m.color);
    if (unknown.length > 0) {
      const s = unknown[0]!.server;
      throw new ConfigurationError(
        `${upstreamFile}:${s.line}: server ${s.address} is not one of the colours (${colors.map((c) => `${c.name} ${c.upstream}`).join(', ')}): ` +
          `set colors.<name>.upstream in ${this.#ctx.target.file} to the address nginx uses.`,
      );
    }
    const names = [...new Set(matched.map((m) => m.color!.name))];
    if (names.length > 1) {
      throw new ConfigurationError(`${upstreamFile}: upstream ${upstreamName} sends traffic to both colours (${names.join(', ')}); a blue-green target has one live colour.`);
    }
    return { color: names[0], source, authoritative: true };
  }

  async #restore(previous: string | undefined): Promise<void> {
    const { transport } = this.#ctx;
    if (previous === undefined) await transport.remove(this.#nginx.upstreamFile);
    else await transport.writeFileAtomic(this.#nginx.upstreamFile, previous);
  }

  /** The master's pid and its children (the workers), or undefined when the pid file or `ps` is not there. */
  async #processes(): Promise<{ master: number; children: Set<number> } | undefined> {
    const text = await this.#ctx.transport.readFile(this.#nginx.pidFile).catch(() => undefined);
    const master = Number(text?.trim());
    if (!Number.isInteger(master) || master <= 0) return undefined;
    const ps = await this.#ctx.transport.run(['ps', '-o', 'pid=', '--ppid', String(master)], { timeoutMs: 10_000, check: false }).catch(() => undefined);
    if (!ps || (ps.exitCode !== 0 && ps.exitCode !== 1)) return undefined;
    return { master, children: new Set(ps.stdout.split(/\s+/).filter(Boolean).map(Number)) };
  }

  /**
   * nginx -s reload only signals the master; old workers keep serving their open connections
   * with the old upstream until they finish. Wait until they have exited, so the old colour
   * really is idle (the next deploy restarts it).
   */
  async #waitForOldWorkers(before: { master: number; children: Set<number> } | undefined): Promise<void> {
    const { logger } = this.#ctx;
    if (!before) {
      logger.info(`No nginx master found through ${this.#nginx.pidFile}: not waiting for old workers to drain (set nginx.pid-file).`);
      return;
    }
    const started = performance.now();
    for (;;) {
      const now = await this.#processes();
      if (!now || now.master !== before.master) return;
      const left = [...before.children].filter((pid) => now.children.has(pid));
      if (left.length === 0) {
        logger.info(`Old nginx workers finished their connections in ${Math.round(performance.now() - started)}ms; all traffic is on the new upstream.`);
        return;
      }
      if (performance.now() - started > this.#nginx.drainTimeoutMs) {
        logger.warning(`${left.length} old nginx worker(s) still serve open connections after ${Math.round(this.#nginx.drainTimeoutMs / 1000)}s (long requests or websockets); new connections go to the new colour.`);
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async switchTo(request: SwitchRequest): Promise<void> {
    const { transport, logger } = this.#ctx;
    const { upstreamFile, upstreamName, testCommand, reloadCommand } = this.#nginx;
    const previous = await transport.readFile(upstreamFile);
    const note = `live colour ${request.to.name}, release ${request.release}, switched ${new Date().toISOString()}`;
    const next = rewriteUpstream(previous, upstreamName, request.to.upstream, note);
    await transport.writeFileAtomic(upstreamFile, next);
    logger.info(`Wrote ${upstreamFile}: upstream ${upstreamName} -> ${request.to.upstream} (${request.to.name}).`);

    try {
      await runTargetCommand(transport, testCommand, { what: 'Test the nginx configuration', logger });
    } catch (error) {
      await this.#restore(previous);
      throw new SwitchError(`The nginx configuration test failed, so nginx was not reloaded and ${upstreamFile} was restored; traffic is unchanged. ${describe(error)}`, true);
    }
    const before = await this.#processes();
    try {
      await runTargetCommand(transport, reloadCommand, { what: 'Reload nginx', logger });
    } catch (error) {
      await this.#restore(previous);
      // The failed reload may or may not have been applied: reload again with the restored file.
      const again = await runTargetCommand(transport, reloadCommand, { what: 'Reload nginx with the restored file', logger, check: false }).catch(() => undefined);
      const restored = again?.exitCode === 0;
      throw new SwitchError(
        `Reloading nginx failed; ${upstreamFile} was restored${restored ? ' and nginx reloaded with it' : ', but the second reload failed too: check nginx on the host'}. ${describe(error)}`,
        restored || previous === undefined,
      );
    }
    await this.#waitForOldWorkers(before);
  }
}

function describe(error: unknown): string {
  if (error instanceof CommandFailedError || error instanceof ConfigurationError) return error.message;
  return String(error);
}
