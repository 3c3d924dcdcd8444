import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck, waitForCheck, type Check, type Expectations } from './check.ts';
import { mapWithConcurrency } from './pool.ts';
import { latencyStats } from './stats.ts';
import { lookupJsonPath, parseJsonPath } from './json-path.ts';
import { redactUrl } from './redact.ts';
import { createTestCertificate, startTestServer, type TestServer } from './testing.ts';
import { hasCommand, requirement } from '../../../tests/support/requirements.ts';

let server: TestServer;
let readyAt = 0;

beforeAll(async () => {
  server = await startTestServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/health') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'strict-transport-security': 'max-age=63072000',
        server: 'nginx/1.25.3',
        'set-cookie': 'session=cookie-secret-value; HttpOnly',
      });
      return void res.end(JSON.stringify({ status: 'healthy', database: 'connected', uptime: 42, version: '2.3.1', checks: [{ name: 'db', ok: true }], note: null }));
    }
    if (url.pathname === '/text') return void res.end('hello plain world');
    if (url.pathname === '/old') {
      res.writeHead(301, { location: '/new' });
      return void res.end();
    }
    if (url.pathname === '/slow') {
      await sleep(250);
      return void res.end('slow');
    }
    if (url.pathname === '/whoami') return void res.end(`you sent ${req.headers.authorization ?? 'nothing'}`);
    if (url.pathname === '/ready') {
      if (Date.now() < readyAt) {
        res.writeHead(503);
        return void res.end('starting');
      }
      return void res.end('ok');
    }
    res.writeHead(404);
    res.end();
  });
});

afterAll(() => server.close());

function check(path: string, expect: Expectations, extra: Partial<Check['request']> = {}): Check {
  return { name: path, request: { url: `${server.origin}${path}`, timeoutMs: 5000, ...extra }, expect };
}

/** The expectation texts that passed and failed, for compact assertions. */
async function outcome(c: Check) {
  const result = await runCheck(c);
  return { passed: result.expectations.filter((e) => e.passed).map((e) => e.expected), failed: result.failures.map((e) => `${e.expected} | ${e.actual}`), result };
}

describe('expectations', () => {
  it('status: one, a list and a range, passing and failing', async () => {
    const o = await outcome(check('/health', { status: 200 }));
    expect(o.result.passed).toBe(true);
    expect((await outcome(check('/health', { status: [201, 204] }))).failed).toEqual(['status one of 201, 204 | 200']);
    expect((await outcome(check('/health', { status: { min: 200, max: 299 } }))).result.passed).toBe(true);
    expect((await outcome(check('/nope', { status: { min: 200, max: 299 } }))).failed).toEqual(['status 200-299 | 404']);
  });

  it('json: equals, one-of, matches, exists and numeric comparisons', async () => {
    const passing = await outcome(
      check('/health', {
        json: [
          { path: 'status', equals: 'healthy' },
          { path: 'database', oneOf: ['connected', 'ok'] },
          { path: 'version', matches: /^2\.\d+/ },
          { path: 'uptime', gte: 10, lt: 100 },
          { path: 'checks[0].ok', equals: true },
          { path: '$.note', exists: true },
          { path: 'missing', exists: false },
          { path: 'checks' },
        ],
      }),
    );
    expect(passing.failed).toEqual([]);
    expect(passing.passed).toHaveLength(9);

    const failing = await outcome(
      check('/health', {
        json: [
          { path: 'status', equals: 'ok' },
          { path: 'database', oneOf: ['up'] },
          { path: 'version', matches: /^3\./ },
          { path: 'uptime', gt: 100 },
          { path: 'status', lte: 5 },
          { path: 'missing', exists: true },
          { path: 'uptime', exists: false },
        ],
      }),
    );
    expect(failing.failed).toEqual([
      'json status equals "ok" | "healthy"',
      'json database is one of "up" | "connected"',
      'json version matches /^3\\./ | "2.3.1"',
      'json uptime > 100 | 42',
      'json status <= 5 | "healthy" (not a number)',
      'json missing exists | missing',
      'json uptime does not exist | 42',
    ]);
  });

  it('json on a body that is not JSON fails, unless the assertion is only for JSON bodies', async () => {
    expect((await outcome(check('/text', { json: [{ path: 'status', equals: 'ok' }] }))).failed).toEqual(['json status can be read | body is not JSON: "hello plain world"']);
    const soft = await runCheck(check('/text', { json: [{ path: 'status', equals: 'ok', onlyIfJson: true }] }));
    expect(soft.passed).toBe(true);
    expect(soft.expectations[0]?.skipped).toBe(true);
  });

  it('headers: present, absent, equals, matches and does-not-match', async () => {
    expect(
      (
        await outcome(
          check('/health', {
            headers: [
              { name: 'Content-Type', equals: 'application/json' },
              { name: 'strict-transport-security', matches: /max-age=\d+/ },
              { name: 'x-powered-by', present: false },
              { name: 'server' },
            ],
          }),
        )
      ).failed,
    ).toEqual([]);
    expect(
      (
        await outcome(
          check('/health', {
            headers: [
              { name: 'x-frame-options', present: true },
              { name: 'server', notMatches: /\d+\.\d+/ },
              { name: 'content-type', equals: 'text/html' },
              { name: 'strict-transport-security', matches: /preload/ },
              { name: 'server', present: false },
            ],
          }),
        )
      ).failed,
    ).toEqual([
      'header x-frame-options is present | absent',
      'header server does not match /\\d+\\.\\d+/ | "nginx/1.25.3"',
      'header content-type equals "text/html" | "application/json"',
      'header strict-transport-security matches /preload/ | "max-age=63072000"',
      'header server is absent | "nginx/1.25.3"',
    ]);
  });

  it('never shows the value of a credential header', async () => {
    const o = await outcome(check('/health', { headers: [{ name: 'set-cookie', equals: 'nope' }] }));
    expect(o.failed).toEqual(['header set-cookie equals [redacted] | present ([redacted])']);
    expect(JSON.stringify(o.result)).not.toContain('cookie-secret-value');
  });

  it('body: contains, does not contain, matches, does not match', async () => {
    expect((await outcome(check('/text', { body: { contains: ['plain'], notContains: ['error'], matches: /hello \w+/, notMatches: /fatal/ } }))).failed).toEqual([]);
    expect((await outcome(check('/text', { body: { contains: ['bye'], notContains: ['plain'], matches: /^bye/, notMatches: /w.rld/ } }))).failed).toEqual([
      'body contains "bye" | not found in "hello plain world"',
      'body does not contain "plain" | found at character 6',
      'body matches /^bye/ | no match in "hello plain world"',
      'body does not match /w.rld/ | matched "world"',
    ]);
  });

  it('redirect location: exact (relative resolved), prefix and pattern', async () => {
    expect((await outcome(check('/old', { status: 301, redirect: { location: '/new', startsWith: server.origin, matches: /\/new$/ } }))).failed).toEqual([]);
    expect((await outcome(check('/old', { redirect: { location: 'https://example.com/new' } }))).failed).toEqual([`redirect to https://example.com/new | ${server.origin}/new`]);
    expect((await outcome(check('/text', { redirect: {} }))).failed).toEqual(['a redirect with a Location header | no Location header (status 200)']);
  });

  it('max latency against a slow endpoint', async () => {
    expect((await outcome(check('/slow', { maxLatencyMs: 30_000 }))).result.passed).toBe(true);
    const slow = await outcome(check('/slow', { maxLatencyMs: 50 }));
    expect(slow.failed).toHaveLength(1);
    expect(slow.failed[0]).toMatch(/^latency <= 50ms \| \d+ms$/);
  });

  it('custom expectations, including one that throws', async () => {
    const o = await outcome(
      check('/health', {
        custom: [
          { expected: 'a JSON content type', evaluate: (r) => ({ passed: r.headers['content-type']?.includes('json') ?? false, actual: r.headers['content-type'] ?? 'none' }) },
          { expected: 'no crash', evaluate: () => { throw new Error('boom'); } },
        ],
      }),
    );
    expect(o.failed).toEqual(['no crash | could not be evaluated: boom']);
  });

  it('a request that gets no answer is one failed expectation naming the reason', async () => {
    const closed = await startTestServer((_, res) => void res.end());
    await closed.close();
    const result = await runCheck({ name: 'down', request: { url: `${closed.origin}/` }, expect: { status: 200 } });
    expect(result.passed).toBe(false);
    expect(result.error?.code).toBe('refused');
    expect(result.failures).toEqual([{ kind: 'request', expected: 'an HTTP response', actual: 'refused: connection refused', passed: false }]);
  });

  it('redacts registered secrets and credential URL parts from results', async () => {
    const secret = 'Bearer tok-9f8e7d6c5b4a';
    const redactor = { redact: (t: string) => t.split('tok-9f8e7d6c5b4a').join('***') };
    const result = await runCheck(
      { name: 'echo', request: { url: `http://user:pa55word@127.0.0.1:${server.port}/whoami?token=abc123`, headers: { authorization: secret } }, expect: { body: { contains: ['nobody'] } } },
      { redactor },
    );
    const text = JSON.stringify(result);
    expect(result.passed).toBe(false);
    expect(text).not.toContain('tok-9f8e7d6c5b4a');
    expect(text).not.toContain('pa55word');
    expect(text).not.toContain('abc123');
    expect(result.response?.body).toBe('you sent Bearer ***');
    expect(redactUrl('https://u:p@h/x?code=1&page=2')).toBe('https://u:[redacted]@h/x?code=[redacted]&page=2');
  });
});

// Certificates are generated with the openssl command (.ci/run installs it).
const hasOpenssl = requirement('openssl', hasCommand('openssl', ['version']));

describe.runIf(hasOpenssl)('TLS days left', () => {
  it('passes with enough days, fails with too few and reports an expired certificate', async () => {
    const DAY = 86_400_000;
    const [fresh, stale] = await Promise.all([
      createTestCertificate({ notAfter: new Date(Date.now() + 10 * DAY + 3_600_000) }),
      createTestCertificate({ notBefore: new Date(Date.now() - 90 * DAY), notAfter: new Date(Date.now() - 5 * DAY - 3_600_000) }),
    ]);
    const a = await startTestServer((_, res) => void res.end('a'), { tls: fresh });
    const b = await startTestServer((_, res) => void res.end('b'), { tls: stale });
    try {
      const ok = await runCheck({ name: 'tls', request: { url: `${a.origin}/`, tls: { ca: fresh.cert } }, expect: { tlsDaysLeft: 7 } });
      expect(ok.passed).toBe(true);
      const few = await runCheck({ name: 'tls', request: { url: `${a.origin}/`, tls: { ca: fresh.cert } }, expect: { tlsDaysLeft: 14 } });
      expect(few.failures.map((f) => f.actual)).toEqual([expect.stringMatching(/^10 days left \(expires \d{4}-\d\d-\d\d\)$/)]);
      const expired = await runCheck({ name: 'tls', request: { url: `${b.origin}/`, tls: { ca: stale.cert } }, expect: { tlsDaysLeft: 14 } });
      expect(expired.error?.code).toBe('tls');
      expect(expired.failures.map((f) => f.actual)).toEqual([expect.stringContaining('CERT_HAS_EXPIRED'), expect.stringMatching(/^expired 6 days ago/)]);
      const plain = await runCheck(check('/text', { tlsDaysLeft: 1 }));
      expect(plain.failures[0]?.actual).toBe('not an https URL');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('waitForCheck', () => {
  it('retries with backoff until a server that starts late answers, and counts the retries', async () => {
    readyAt = Date.now() + 1200;
    const retries: number[] = [];
    const result = await waitForCheck(check('/ready', { status: 200 }), { deadlineMs: 15_000, initialDelayMs: 100, maxDelayMs: 400, onRetry: (i) => retries.push(i.attempt) });
    expect(result.passed).toBe(true);
    expect(result.retries).toBeGreaterThan(0);
    expect(result.attempts).toBe(result.retries + 1);
    expect(retries).toHaveLength(result.retries);
    expect(result.waitedMs).toBeGreaterThanOrEqual(1000);
  });

  it('gives up near the deadline on a server that never answers', async () => {
    const hang = await startTestServer(() => {});
    try {
      const started = performance.now();
      const result = await waitForCheck({ name: 'hang', request: { url: `${hang.origin}/`, timeoutMs: 10_000 }, expect: { status: 200 } }, { deadlineMs: 1500, initialDelayMs: 100 });
      const elapsed = performance.now() - started;
      expect(result.passed).toBe(false);
      expect(result.error?.code).toBe('timeout');
      // Each attempt's timeout is capped by what is left of the deadline (plus the 1 s floor of a last attempt).
      expect(elapsed).toBeLessThan(4_000);
    } finally {
      await hang.close();
    }
  });

  it('with a zero deadline makes exactly one attempt', async () => {
    readyAt = Date.now() + 60_000;
    const result = await waitForCheck(check('/ready', { status: 200 }), { deadlineMs: 0 });
    expect(result).toMatchObject({ passed: false, attempts: 1, retries: 0, status: 503 });
  });
});

describe('helpers', () => {
  it('mapWithConcurrency keeps order and never runs more than the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(n * 5);
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(peak).toBe(2);
    await expect(mapWithConcurrency([1], 0, async (n) => n)).rejects.toThrow(/at least 1/);
    await expect(mapWithConcurrency([1, 2], 2, async (n) => { if (n === 2) throw new Error('two'); return n; })).rejects.toThrow('two');
  });

  it('latencyStats uses nearest-rank percentiles', () => {
    const stats = latencyStats(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(stats).toMatchObject({ count: 20, min: 1, p50: 10, p95: 19, max: 20, mean: 10.5 });
    expect(latencyStats([])).toBeUndefined();
  });

  it('parses and looks up JSON paths', () => {
    expect(parseJsonPath('a.b[0]["x.y"]')).toEqual(['a', 'b', 0, 'x.y']);
    expect(parseJsonPath('$.items.1.id')).toEqual(['items', 1, 'id']);
    expect(parseJsonPath('a..b')).toBeUndefined();
    expect(lookupJsonPath({ a: [{ b: 0 }] }, 'a[0].b')).toEqual({ found: true, value: 0 });
    expect(lookupJsonPath({ a: 1 }, 'a.b')).toEqual({ found: false });
    expect(lookupJsonPath({ a: 1 }, 'toString')).toEqual({ found: false });
  });
});
