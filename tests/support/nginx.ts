// A real nginx master for tests and benchmarks: its own prefix, config and free port, never the system one.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { hasCommand } from './requirements.ts';

/** True when an nginx binary is installed. */
export function hasNginx(): boolean {
  return hasCommand('nginx', ['-v']);
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A running nginx. */
export interface TestNginx {
  port: number;
  url: string;
  prefix: string;
  conf: string;
  upstreamFile: string;
  upstreamName: string;
  pidFile: string;
  /** `nginx -t` for this instance, as an argument array. */
  testArgs: string[];
  /** `nginx -s reload` for this instance. */
  reloadArgs: string[];
  stop(): void;
}

/**
 * Starts nginx with its own prefix in `dir`, proxying 127.0.0.1:<free port> to `upstreamName`
 * defined in `upstreamFile` (which must exist). Requests carry `X-Via-Proxy: 1`.
 */
export async function startNginx(dir: string, options: { upstreamFile: string; upstreamName: string }): Promise<TestNginx> {
  const prefix = join(dir, 'nginx');
  for (const sub of ['', 'logs', 'tmp']) mkdirSync(join(prefix, sub), { recursive: true });
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  const user = process.getuid?.() === 0 ? 'user root root;\n' : '';
  writeFileSync(
    conf,
    `${user}daemon on;
master_process on;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events {
  worker_connections 1024;
  # Without it, a connection accepted by an old worker during a reload can be reset (see actions/deploy-bluegreen/README.md).
  accept_mutex on;
}
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  include ${options.upstreamFile};
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://${options.upstreamName};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Via-Proxy 1;
    }
  }
}
`,
  );
  const base = ['-p', prefix, '-c', conf, '-e', join(prefix, 'logs', 'error.log')];
  execFileSync('nginx', base, { stdio: 'pipe' });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    prefix,
    conf,
    upstreamFile: options.upstreamFile,
    upstreamName: options.upstreamName,
    pidFile: join(prefix, 'nginx.pid'),
    testArgs: ['nginx', '-t', '-q', ...base],
    reloadArgs: ['nginx', '-s', 'reload', ...base],
    stop() {
      try {
        const pid = Number(readFileSync(join(prefix, 'nginx.pid'), 'utf8').trim());
        if (pid > 0) process.kill(pid, 'SIGTERM');
      } catch {
        spawnSync('nginx', [...base, '-s', 'stop'], { stdio: 'ignore' });
      }
    },
  };
}
