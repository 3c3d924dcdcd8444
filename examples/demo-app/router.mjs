// The demo's "load balancer": proxies each request to the colour named in a state file, which the
// target's switch command rewrites atomically. Stands in for nginx on machines without it.
import { createServer, request, Agent } from 'node:http';
import { readFileSync } from 'node:fs';

/** Starts the router on a free port; resolves to { url, close }. */
export async function startRouter(stateFile, ports) {
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    let color;
    try {
      color = readFileSync(stateFile, 'utf8').trim();
    } catch {
      color = '';
    }
    const port = ports[color];
    if (!port) {
      res.writeHead(503).end('no live colour yet\n');
      return;
    }
    const upstream = request({ host: '127.0.0.1', port, path: req.url, method: req.method, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.headersSent || res.writeHead(502).end('bad gateway\n'));
    req.pipe(upstream);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}
