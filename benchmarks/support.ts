// Helpers shared by the benchmarks.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sampleService } from '../tests/support/deploy-fixture.ts';
import { freePort, startNginx } from '../tests/support/nginx.ts';

/** The median of some numbers (the upper one of the middle two). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * A benchmark's HTTP server in its own process, so the measuring process does not share an event
 * loop with it: the benchmark file calls `serveIfChild(handler)` first, which serves when the
 * file was started with `--serve`, and `startServerProcess(file)` starts that child.
 */
export function serveIfChild(handler: RequestListener): boolean {
  if (!process.argv.includes('--serve')) return false;
  const server = createServer(handler);
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => process.exit(0));
  return true;
}

/** Starts `file --serve` and resolves to its origin once it listens. */
export async function startServerProcess(file: string): Promise<{ origin: string; stop(): void }> {
  const child = spawn(process.execPath, [file, '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

/** A host run the way the hand-written runbooks run it: nginx in front of one service that a symlink flip and a restart change. */
export interface RunbookHost {
  /** nginx's URL, where the load goes. */
  url: string;
  /** `ln -sfn releases/<release> current`, as the runbooks do it (unlink, then symlink). */
  flip(release: string): void;
  /** `systemctl restart app`: stop the service (SIGTERM, wait), start it again from `current`. */
  restart(): Promise<void>;
  /** curl /health until the service answers for `release`. */
  healthy(release: string): Promise<void>;
  stop(): void;
}

/** Sets up a runbook host in `dir` with the sample service behind a real nginx. */
export async function startRunbookHost(dir: string): Promise<RunbookHost> {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  writeFileSync(join(dir, 'upstream.conf'), `upstream app { server 127.0.0.1:${port}; keepalive 16; }\n`);
  const nginx = await startNginx(dir, { upstreamFile: join(dir, 'upstream.conf'), upstreamName: 'app' });
  const releases = join(dir, 'releases');
  const current = join(dir, 'current');
  const pidFile = join(dir, 'app.pid');
  const restartScript = join(dir, 'restart.sh');
  writeFileSync(
    restartScript,
    `#!/usr/bin/env bash
set -euo pipefail
if [ -f ${pidFile} ]; then pid=$(cat ${pidFile}); kill "$pid" 2>/dev/null || true; while kill -0 "$pid" 2>/dev/null; do sleep 0.01; done; fi
release=$(cat ${current}/release)
setsid ${process.execPath} ${sampleService} ${port} "$release" single >/dev/null 2>&1 </dev/null &
echo $! > ${pidFile}
`,
  );
  chmodSync(restartScript, 0o755);
  return {
    url: nginx.url,
    flip(release) {
      mkdirSync(join(releases, release), { recursive: true });
      writeFileSync(join(releases, release, 'release'), release);
      rmSync(current, { force: true });
      symlinkSync(join(releases, release), current);
    },
    restart: () => runScript(restartScript),
    async healthy(release) {
      for (let i = 0; i < 200; i++) {
        try {
          const body = await (await fetch(`http://127.0.0.1:${port}/health`)).text();
          if (body.includes(`"release":"${release}"`)) return;
        } catch {
          // Not up yet: curl retries.
        }
        await sleep(50);
      }
      throw new Error(`runbook: ${release} never became healthy`);
    },
    stop() {
      nginx.stop();
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
      } catch {
        // Already gone.
      }
    },
  };
}

/** Runs a script to completion without blocking the event loop (the load generator keeps running). */
export function runScript(file: string): Promise<void> {
  return new Promise((resolve, reject) => spawn(file, { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${file} exited ${code}`)))));
}
