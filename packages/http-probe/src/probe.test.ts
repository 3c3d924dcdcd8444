import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probe, ProbeError } from './probe.ts';
import { responseCookies } from './cookies.ts';
import { createTestCertificate, startTestServer, type TestCertificate, type TestServer } from './testing.ts';
import { hasCommand, requirement } from '../../../tests/support/requirements.ts';

const DAY = 86_400_000;
let http: TestServer;
let other: TestServer;
const seen: { path: string; method: string; auth?: string; body: string }[] = [];

beforeAll(async () => {
  other = await startTestServer((req, res) => {
    seen.push({ path: req.url ?? '', method: req.method ?? '', auth: req.headers.authorization, body: '' });
    res.end('other origin');
  });
  http = await startTestServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    seen.push({ path: req.url ?? '', method: req.method ?? '', auth: req.headers.authorization, body });
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/json':
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['sid=abc; HttpOnly; Secure; SameSite=Strict', 'theme=dark'] });
        return void res.end(JSON.stringify({ status: 'healthy' }));
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.end('x'.repeat(100_000));
      case '/redirect':
        res.writeHead(301, { location: '/json' });
        return void res.end();
      case '/post-redirect':
        res.writeHead(302, { location: '/echo' });
        return void res.end();
      case '/keep-method':
        res.writeHead(307, { location: '/echo' });
        return void res.end();
      case '/away':
        res.writeHead(302, { location: `${other.origin}/landing` });
        return void res.end();
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        return void res.end();
      case '/echo':
        return void res.end(`${req.method} ${body}`);
      case '/hang':
        return; // never answers
      default:
        res.writeHead(404);
        res.end('not found');
    }
  });
});

afterAll(async () => {
  await http.close();
  await other.close();
});

describe('probe over http', () => {
  it('returns status, headers, cookies, body and a timing breakdown', async () => {
    const res = await probe({ url: `${http.origin}/json` });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.setCookies).toHaveLength(2);
    expect(responseCookies(res).find((c) => c.name === 'sid')).toMatchObject({ value: 'abc', httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(JSON.parse(res.body)).toEqual({ status: 'healthy' });
    expect(res.timing.connectMs).toBeGreaterThanOrEqual(0);
    expect(res.timing.dnsMs).toBeUndefined(); // an IP literal needs no lookup
    expect(res.timing.firstByteMs).toBeGreaterThanOrEqual(res.timing.connectMs ?? 0);
    expect(res.timing.totalMs).toBeGreaterThanOrEqual(res.timing.firstByteMs);
    expect(res.latencyMs).toBeGreaterThanOrEqual(res.timing.totalMs);
    expect(res.tls).toBeUndefined();
    expect(res.remoteAddress).toBe('127.0.0.1');
  });

  it('keeps at most maxBodyBytes of the body and says it cut it', async () => {
    const res = await probe({ url: `${http.origin}/big`, maxBodyBytes: 1000 });
    expect(res.body).toHaveLength(1000);
    expect(res.bodyTruncated).toBe(true);
    const whole = await probe({ url: `${http.origin}/big` });
    expect(whole.body).toHaveLength(100_000);
    expect(whole.bodyTruncated).toBe(false);
  });

  it('does not follow redirects unless asked, and reports the absolute Location', async () => {
    const res = await probe({ url: `${http.origin}/redirect` });
    expect(res.status).toBe(301);
    expect(res.location).toBe(`${http.origin}/json`);
    expect(res.redirects).toEqual([]);
  });

  it('follows redirects when asked and records the chain', async () => {
    const res = await probe({ url: `${http.origin}/redirect`, followRedirects: true });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${http.origin}/json`);
    expect(res.redirects).toMatchObject([{ url: `${http.origin}/redirect`, status: 301, location: `${http.origin}/json` }]);
  });

  it('turns a redirected POST into a GET for 302 and keeps it for 307', async () => {
    const changed = await probe({ url: `${http.origin}/post-redirect`, method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' }, followRedirects: true });
    expect(changed.body).toBe('GET ');
    const kept = await probe({ url: `${http.origin}/keep-method`, method: 'POST', body: 'payload', followRedirects: true });
    expect(kept.body).toBe('POST payload');
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    seen.length = 0;
    const res = await probe({ url: `${http.origin}/away`, headers: { authorization: 'Bearer s3cr3t-token' }, followRedirects: true });
    expect(res.body).toBe('other origin');
    expect(seen.map((s) => s.auth)).toEqual(['Bearer s3cr3t-token', undefined]);
  });

  it('sends credentials in the URL as Basic auth, and not in the request line', async () => {
    seen.length = 0;
    const res = await probe({ url: `http://ops:p%40ss@127.0.0.1:${http.port}/echo` });
    expect(res.url).toBe(`${http.origin}/echo`);
    expect(seen[0]?.auth).toBe(`Basic ${Buffer.from('ops:p@ss').toString('base64')}`);
    expect(seen[0]?.path).toBe('/echo');
  });

  it('fails with too-many-redirects on a loop', async () => {
    const error = await probe({ url: `${http.origin}/loop`, followRedirects: true, maxRedirects: 3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('too-many-redirects');
  });

  it('times out on a server that never answers', async () => {
    const started = performance.now();
    const error = (await probe({ url: `${http.origin}/hang`, timeoutMs: 300 }).catch((e: unknown) => e)) as ProbeError;
    expect(error).toBeInstanceOf(ProbeError);
    expect(error.code).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('times out on a TCP listener that never speaks HTTP', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    const error = (await probe({ url: `http://127.0.0.1:${port}/`, timeoutMs: 300 }).catch((e: unknown) => e)) as ProbeError;
    silent.close();
    expect(error.code).toBe('timeout');
  });

  it('reports a refused connection', async () => {
    const closed = await startTestServer((_, res) => void res.end());
    const url = `${closed.origin}/`;
    await closed.close();
    const error = (await probe({ url }).catch((e: unknown) => e)) as ProbeError;
    expect(error.code).toBe('refused');
  });

  it('refuses URLs it cannot probe', async () => {
    await expect(probe({ url: 'ftp://example.com/' })).rejects.toMatchObject({ code: 'invalid-url' });
    await expect(probe({ url: 'not a url' })).rejects.toMatchObject({ code: 'invalid-url' });
  });
});

// Certificates are generated with the openssl command (.ci/run installs it).
const hasOpenssl = requirement('openssl', hasCommand('openssl', ['version']));

describe.runIf(hasOpenssl)('probe over https', () => {
  let valid: TestCertificate;
  let expired: TestCertificate;
  let https: TestServer;
  let expiredServer: TestServer;

  beforeAll(async () => {
    [valid, expired] = await Promise.all([
      createTestCertificate({ notAfter: new Date(Date.now() + 30 * DAY + 3_600_000) }),
      createTestCertificate({ notBefore: new Date(Date.now() - 60 * DAY), notAfter: new Date(Date.now() - 2 * DAY - 3_600_000) }),
    ]);
    https = await startTestServer((_, res) => void res.end('secure'), { tls: valid });
    expiredServer = await startTestServer((_, res) => void res.end('stale'), { tls: expired });
  });

  afterAll(async () => {
    await https.close();
    await expiredServer.close();
  });

  it('reports the certificate, its days left and the TLS phase', async () => {
    const res = await probe({ url: `${https.origin}/`, tls: { ca: valid.cert } });
    expect(res.body).toBe('secure');
    expect(res.tls).toMatchObject({ authorized: true, daysLeft: 30, subject: 'localhost' });
    expect(res.timing.tlsMs).toBeGreaterThanOrEqual(res.timing.connectMs ?? 0);
  });

  it('rejects an untrusted certificate but still says what it was', async () => {
    const error = (await probe({ url: `${https.origin}/` }).catch((e: unknown) => e)) as ProbeError;
    expect(error.code).toBe('tls');
    expect(error.tls).toMatchObject({ authorized: false, daysLeft: 30 });
  });

  it('rejects an expired certificate with its expiry', async () => {
    const error = (await probe({ url: `${expiredServer.origin}/`, tls: { ca: expired.cert } }).catch((e: unknown) => e)) as ProbeError;
    expect(error.code).toBe('tls');
    expect(error.message).toContain('CERT_HAS_EXPIRED');
    expect(error.tls?.daysLeft).toBe(-3);
  });

  it('connects to an untrusted server when verification is off', async () => {
    const res = await probe({ url: `${expiredServer.origin}/`, tls: { rejectUnauthorized: false } });
    expect(res.body).toBe('stale');
    expect(res.tls?.authorized).toBe(false);
  });
});
