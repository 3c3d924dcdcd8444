// A small web app for the tests: the endpoints a smoke test meets in real deployments.
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestServer, type TestServer } from '@deploysafe/http-probe/testing';

/** The app and the knobs tests turn. */
export interface TestApp extends TestServer {
  /** Requests received, by path. */
  hits: Map<string, number>;
  /** Total requests received. */
  total(): number;
  /** Answer /health with 503 until this time (ms since epoch). */
  readyAt: number;
  /** Extra delay of /slow, in ms. */
  slowMs: number;
}

const GOOD_HEADERS = {
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=()',
  server: 'nginx',
};

/** Starts the app on a free port. */
export async function startTestApp(options: { slowMs?: number } = {}): Promise<TestApp> {
  const hits = new Map<string, number>();
  const state = { readyAt: 0, slowMs: options.slowMs ?? 150 };
  const server = await startTestServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://app');
    const n = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, n);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case '/health':
        if (Date.now() < state.readyAt) return json(503, { status: 'starting' });
        return json(200, { status: 'healthy', database: 'connected', version: '2.4.1', uptime: 1234, workers: [{ id: 1, ok: true }] }, GOOD_HEADERS);
      case '/':
        res.writeHead(200, { 'content-type': 'text/html', ...GOOD_HEADERS });
        return res.end('<h1>Shop</h1>');
      case '/legacy':
        res.writeHead(200, { 'content-type': 'text/html', server: 'nginx/1.18.0', 'x-powered-by': 'PHP/7.4.3', 'strict-transport-security': 'max-age=300' });
        return res.end('<h1>Old shop</h1>');
      case '/old-home':
        res.writeHead(301, { location: '/' });
        return res.end();
      case '/slow':
        await sleep(state.slowMs);
        return json(200, { status: 'ok' });
      case '/login':
        if (n > 5) return json(429, { error: 'slow down' }, { 'retry-after': '30' });
        return json(200, { ok: true });
      case '/search':
        return json(200, { results: [] });
      case '/echo':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`auth=${req.headers.authorization ?? ''} key=${req.headers['x-api-key'] ?? ''}`);
      case '/admin':
        return json(401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer' });
      case '/hang':
        return; // never answers
      default:
        return json(404, { error: 'not found' });
    }
  });
  return {
    ...server,
    hits,
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    get readyAt() {
      return state.readyAt;
    },
    set readyAt(v: number) {
      state.readyAt = v;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(v: number) {
      state.slowMs = v;
    },
  };
}
