import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFileError, ConfigurationError, InputError } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { createTestCertificate, startTestServer } from '@deploysafe/http-probe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, type SmokeReport } from './run.ts';
import { startTestApp, type TestApp } from './test-app.ts';
import { hasCommand, requirement } from '../../../tests/support/requirements.ts';

let app: TestApp;
let dir: string;

beforeAll(async () => {
  app = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), 'smoke-test-'));
});
afterAll(() => app.close());

let counter = 0;
/** Runs the action on raw inputs; the report goes to a fresh file. */
async function smoke(raw: Record<string, string | number>) {
  const test = createTestContext({ env: { GITHUB_WORKSPACE: dir } });
  const report = join(dir, `report-${++counter}.json`);
  const values = inputsFor(definition, { url: app.origin, wait: '0s', report, ...raw }, test);
  const result = await definition.run(values, test.ctx);
  const json = JSON.parse(readFileSync(report, 'utf8')) as SmokeReport;
  return { result, report: json, summary: test.summary.toString(), log: test.logger.text(), logger: test.logger };
}

function checksFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function failuresOf(report: SmokeReport, name: string): string[] {
  return (report.checks.find((c) => c.name === name)?.failures ?? []).map((f) => `${f.expected} | ${f.actual}`);
}

describe('smoke-test run', () => {
  it('passes the default health preset and reports it', async () => {
    const { result, report, summary } = await smoke({});
    expect(result.failure).toBeUndefined();
    expect(result.outputs).toMatchObject({ passed: true, failed: 0 });
    expect(Number(result.outputs['p95-ms'])).toBeGreaterThanOrEqual(0);
    expect(report.checks.map((c) => [c.name, c.passed, c.result.status])).toEqual([['health', true, 200]]);
    expect(summary).toContain('All 1 check passed');
    expect(summary).toContain('| Check | Result | Status | Latency | Failed expectation | Actual |');
  });

  it('maps every assertion kind of the checks file, passing', async () => {
    const file = checksFile(
      'all-pass.yml',
      `
defaults:
  headers: { accept: application/json }
checks:
  - name: api health
    path: /health
    expect:
      status: 200
      json:
        status: healthy
        database: { one-of: [connected, ok] }
        version: { matches: '^2\\.' }
        uptime: { gte: 60, lt: 100000 }
        workers[0].ok: true
        error: { exists: false }
      headers:
        content-type: application/json
        strict-transport-security: { matches: 'max-age=\\d+' }
        x-powered-by: { absent: true }
        server: { not-matches: '\\d' }
      body: { contains: [healthy], not-contains: Traceback, matches: '"uptime":\\d+' }
      max-latency: 5s
  - name: old home redirects
    path: /old-home
    expect: { status: 301, redirect: / }
  - name: admin is protected
    path: /admin
    expect: { status: [401, 403], headers: { www-authenticate: { present: true } } }
  - name: unknown page
    path: /nope
    expect: { status: 4xx }
  - name: followed
    path: /old-home
    follow-redirects: true
    expect: { status: 200-299, body: Shop }
`,
    );
    const { result, report } = await smoke({ checks: file, presets: 'none' });
    expect(report.checks.filter((c) => !c.passed).map((c) => failuresOf(report, c.name))).toEqual([]);
    expect(result.outputs).toMatchObject({ passed: true, failed: 0 });
    expect(report.checks).toHaveLength(5);
  });

  it('maps every assertion kind of the checks file, failing, and says what was seen', async () => {
    const { result, report, summary, logger } = await smoke({
      checks: `
- name: api health
  path: /health
  expect:
    status: 201
    json:
      status: ok
      database: { one-of: [up] }
      version: { matches: '^3\\.' }
      uptime: { lt: 10 }
      error: { exists: true }
    headers:
      x-frame-options: { present: true }
      strict-transport-security: { matches: preload }
      content-type: text/html
    body: { contains: sunshine, not-contains: healthy }
    max-latency: 0ms
- name: old home redirects
  path: /old-home
  expect: { redirect: https://example.com/ }
`,
      presets: 'none',
    });
    expect(result.outputs).toMatchObject({ passed: false, failed: 2 });
    expect(failuresOf(report, 'api health')).toEqual([
      'status 201 | 200',
      'json status equals "ok" | "healthy"',
      'json database is one of "up" | "connected"',
      'json version matches /^3\\./ | "2.4.1"',
      'json uptime < 10 | 1234',
      'json error exists | missing',
      'header x-frame-options is present | absent',
      'header strict-transport-security matches /preload/ | "max-age=31536000; includeSubDomains"',
      'header content-type equals "text/html" | "application/json"',
      'body contains "sunshine" | not found in "{\\"status\\":\\"healthy\\",\\"database\\":\\"connected\\",\\"version\\":\\"2.4.1\\",\\"uptime\\":1234,\\"workers\\":[{\\"id\\":1,\\"ok\\":true}]}"',
      'body does not contain "healthy" | found at character 11',
      expect.stringMatching(/^latency <= 0ms \| \d+ms$/),
    ]);
    expect(failuresOf(report, 'old home redirects')).toEqual([`redirect to https://example.com/ | ${app.origin}/`]);
    expect(result.failure).toMatch(/^2 of 2 smoke checks failed: api health \(status 201: got 200 \(\+11 more\)\); old home redirects/);
    expect(summary).toContain('2 of 2 checks failed');
    expect(summary).toContain('| `api health` | ❌ failed | 200 |');
    expect(summary).toContain('json status equals "ok"<br>');
    expect(summary).toContain('<br>… 7 more |');
    expect(summary).toContain('Responses of failed checks');
    // One annotation per failed check; inline YAML has no file to point at.
    expect(logger.of('error').map((e) => e.annotation?.title)).toEqual(['smoke-test: api health failed', 'smoke-test: old home redirects failed']);
  });

  it('annotates the line of a failed check in a checks file', async () => {
    const file = checksFile('annotate.yml', 'checks:\n  - name: fine\n    path: /health\n  - name: broken\n    path: /nope\n');
    const { logger } = await smoke({ checks: file, presets: 'none' });
    expect(logger.of('error')).toEqual([
      { level: 'error', message: 'broken: status 200-299: got 404', annotation: { title: 'smoke-test: broken failed', file: 'annotate.yml', startLine: 4 } },
    ]);
  });

  it('writes JUnit XML with a failure per failed check', async () => {
    const junit = join(dir, 'junit.xml');
    await smoke({ checks: '- { name: ok, path: /health }\n- { name: "bad <one>", path: /nope }\n- { name: down, path: /hang, timeout: 200ms }\n', presets: 'none', junit });
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuite name="smoke-test" tests="3" failures="1" errors="1"');
    expect(xml).toMatch(/<testcase name="ok" classname="smoke-test" time="\d+\.\d{3}"\/>/);
    expect(xml).toContain('<testcase name="bad &lt;one&gt;"');
    expect(xml).toContain('<failure message="status 200-299: got 404" type="status">');
    expect(xml).toContain('<error message="an HTTP response: got no complete response within 200ms" type="request">');
  });
});

describe('bad input fails before any request', () => {
  it('rejects malformed inputs naming each one', () => {
    const test = createTestContext();
    let error: unknown;
    try {
      inputsFor(definition, { url: 'not a url', wait: 'banana', presets: 'health,smoke', timeout: '0s', samples: 'x' }, test);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain("Input 'url' has an invalid value \"not a url\"");
    expect(message).toContain("Input 'wait' has an invalid value \"banana\": expected a duration");
    expect(message).toContain("Input 'presets' has an invalid value \"health,smoke\": expected a comma-separated list of health, security-headers, https-redirect, rate-limit, none (unknown: smoke)");
    expect(message).toContain("Input 'timeout'");
    expect(message).toContain("Input 'samples'");
  });

  it('rejects a one-line checks value that names no file', () => {
    expect(() => inputsFor(definition, { url: app.origin, checks: 'smoke-checks.yml' })).toThrow(/Input 'checks' has an invalid value "smoke-checks.yml": expected .*no file exists at that path/);
  });

  it('rejects an invalid checks file naming the check, the field and the line, with no request made', async () => {
    const before = app.total();
    const file = checksFile(
      'bad.yml',
      `checks:
  - name: api
    path: /health
    expect:
      status: 2xxx
  - name: login
    url: /relative
    metod: POST
`,
    );
    const error = (await smoke({ checks: file }).catch((e: unknown) => e)) as ConfigFileError;
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toContain('bad.yml:5: checks[0] (check "api").expect.status: expected a status (200), a list ([200, 204]), a range (200-299) or a class (2xx), got "2xxx"');
    expect(error.message).toContain('bad.yml:7: checks[1] (check "login").url: expected an absolute http or https URL');
    expect(error.message).toContain('bad.yml:8: checks[1] (check "login").metod: unknown key');
    expect(app.total()).toBe(before);
  });

  it('rejects duplicate names, bad regular expressions and presets configured but not enabled', async () => {
    await expect(smoke({ checks: '- { name: a, path: /x }\n- { name: a, path: /y }\n' })).rejects.toThrow(/checks\[1\]\.name: "a" is already the name of checks\[0\]/);
    await expect(smoke({ checks: "- { name: a, path: /x, expect: { body: { matches: '(' } } }\n" })).rejects.toThrow(/expect\.body\.matches: not a valid regular expression/);
    await expect(smoke({ checks: 'presets:\n  rate-limit: { path: /login }\n' })).rejects.toThrow(/configures the preset rate-limit under presets:, but the presets input does not enable it/);
    await expect(smoke({ presets: 'none' })).rejects.toThrow(ConfigurationError);
    expect(() => inputsFor(definition, { url: app.origin, presets: 'none,health' })).toThrow(/Input 'presets'.*`none` alone/);
  });
});

describe('waiting for the service', () => {
  it('retries the first check until a service that starts late is up, and says so', async () => {
    app.readyAt = Date.now() + 1500;
    const { result, report, summary, log } = await smoke({ wait: '20s', checks: '- { name: home, path: / }\n' });
    expect(result.outputs.passed).toBe(true);
    const health = report.checks[0];
    expect(health?.wait?.retries).toBeGreaterThan(0);
    expect(summary).toMatch(/✅ passed after \d+ retr(y|ies)/);
    expect(log).toMatch(/attempt 1: status 200: got 503 \(\+1 more\); retrying in/);
    expect(log).toMatch(/health passed after \d+ retr/);
  });

  it('fails a service that never answers within the wait, without running the other checks', async () => {
    const started = performance.now();
    const { result, report, summary } = await smoke({ wait: '1s', timeout: '300ms', presets: 'none', checks: '- { name: hangs, path: /hang }\n- { name: home, path: / }\n' });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.outputs).toMatchObject({ passed: false, failed: 2 });
    expect(failuresOf(report, 'hangs')).toEqual(['passes within 1.00s | ' + `still failing after ${report.checks[0]?.result.attempts} attempts`, expect.stringMatching(/^an HTTP response \| no complete response within \d+ms$/)]);
    expect(report.checks[1]).toMatchObject({ name: 'home', notRun: 'hangs got no answer', passed: false });
    expect(summary).toContain('not run: hangs got no answer');
    expect(report.totals).toEqual({ checks: 2, passed: 0, failed: 2, notRun: 1 });
  });
});

describe('latency', () => {
  it('samples latency-bound checks and fails a slow endpoint over the p95 budget', async () => {
    // 300 ms against a 200 ms budget fails whatever the machine's load; the instant endpoint has 200 ms of room.
    app.slowMs = 300;
    const { result, report, summary } = await smoke({ presets: 'none', checks: '- { name: fast, path: /search }\n- { name: slow, path: /slow }\n', 'latency-p95': '200ms', samples: 3 });
    app.slowMs = 150;
    expect(result.outputs.passed).toBe(false);
    expect(Number(result.outputs['p95-ms'])).toBeGreaterThanOrEqual(300);
    const slow = report.checks.find((c) => c.name === 'slow');
    expect(slow?.latency?.candidate.stats?.count).toBe(3);
    expect(failuresOf(report, 'slow')).toEqual([expect.stringMatching(/^p95 latency <= 200ms over 3 samples \| \d+ms \(p50 \d+ms, max \d+ms\)$/)]);
    expect(report.checks.find((c) => c.name === 'fast')?.passed).toBe(true);
    expect(summary).toContain('### Latency (3 samples per check, budget p95 ≤ 200ms)');
  });

  it('compares with a baseline and fails a candidate slower than the tolerance allows', async () => {
    // 300 ms against 5 ms: only a 200 ms stall of the baseline could blur a difference this wide.
    app.slowMs = 300;
    const baseline = await startTestApp({ slowMs: 5 });
    try {
      const { result, report, summary } = await smoke({ presets: 'none', checks: '- { name: slow, path: /slow }\n', 'baseline-url': baseline.origin, samples: 4 });
      expect(result.outputs.passed).toBe(false);
      const slow = report.checks[0];
      expect(slow?.latency?.baseline?.stats?.count).toBe(4);
      expect(baseline.hits.get('/slow')).toBe(4);
      expect(slow?.latency?.ratio).toBeGreaterThan(1.5);
      expect(failuresOf(report, 'slow')).toEqual([expect.stringMatching(/^p95 <= 1\.5x the baseline's p95 \(\d+ms\) \| \d+ms \(\d+\.\dx\)$/)]);
      expect(summary).toContain('| Check | p50 | p95 | max | failed samples | baseline p95 | ratio |');

      // The same speed on both sides passes (the margin absorbs a loaded machine's stalls).
      app.slowMs = 5;
      const same = await smoke({ presets: 'none', checks: '- { name: slow, path: /slow }\n', 'baseline-url': baseline.origin, samples: 4, 'baseline-margin': '2s' });
      expect(same.result.outputs.passed).toBe(true);
    } finally {
      await baseline.close();
      app.slowMs = 150;
    }
  });

  it('refuses latency gates that would measure nothing', async () => {
    await expect(smoke({ presets: 'none', checks: '- { name: post, method: POST, path: /search }\n', 'latency-p95': '1s' })).rejects.toThrow(/latency-p95 is set but no check is sampled/);
    await expect(smoke({ presets: 'none', checks: '- { name: abs, url: "http://127.0.0.2:1/x" }\n', 'baseline-url': 'http://127.0.0.1:9/' })).rejects.toThrow(/baseline-url is set but no sampled check can be compared/);
  });

  it('fails closed when the baseline does not answer', async () => {
    const gone = await startTestServer(() => undefined);
    const url = gone.origin;
    await gone.close();
    const { result, report } = await smoke({ 'baseline-url': url, samples: 2 });
    expect(result.outputs.passed).toBe(false);
    expect(failuresOf(report, 'health')).toEqual(['the baseline answers all 2 samples | 2 of 2 failed (refused×2)']);
  });

  it('runs checks in parallel: ten 500 ms checks take far less than 5 s', async () => {
    app.slowMs = 500;
    try {
      const checks = Array.from({ length: 10 }, (_, i) => `- { name: c${i}, path: /slow }`).join('\n');
      const started = performance.now();
      const { result } = await smoke({ presets: 'none', checks: `${checks}\n` });
      expect(result.outputs.passed).toBe(true);
      // Sequential would be 5 s; the gate check runs first, then nine in parallel: about 1 s.
      expect(performance.now() - started).toBeLessThan(3_500);
    } finally {
      app.slowMs = 150;
    }
  });
});

describe('presets', () => {
  it('security-headers passes a hardened page and names each missing or leaky header', async () => {
    const good = await smoke({ presets: 'security-headers' });
    expect(good.result.outputs.passed).toBe(true);
    const bad = await smoke({ presets: 'security-headers', checks: 'presets:\n  security-headers: { path: /legacy }\n' });
    expect(failuresOf(bad.report, 'security-headers')).toEqual([
      'header content-security-policy is present | absent',
      'header x-content-type-options matches /^\\s*nosniff\\s*$/i | absent',
      'header referrer-policy is present | absent',
      'header permissions-policy is present | absent',
      'header server does not match /\\d/ | "nginx/1.18.0"',
      'header x-powered-by does not match /\\d/ | "PHP/7.4.3"',
      'header strict-transport-security has max-age >= 15552000 (180 days) | "max-age=300"',
      'header x-frame-options is DENY or SAMEORIGIN, or content-security-policy has frame-ancestors | x-frame-options absent, content-security-policy absent',
    ]);
  });

  it('https-redirect wants a permanent redirect to https on the same host', async () => {
    const redirector = await startTestServer((req, res) => {
      const to = req.url === '/temporary' ? 302 : 301;
      const target = req.url === '/elsewhere' ? 'https://evil.example/' : `https://127.0.0.1:8443${req.url === '/temporary' ? '/' : req.url}`;
      res.writeHead(to, { location: target });
      res.end();
    });
    try {
      const ok = await smoke({ url: redirector.origin, presets: 'https-redirect' });
      expect(ok.result.outputs.passed).toBe(true);
      const temporary = await smoke({ url: `${redirector.origin}/temporary`, presets: 'https-redirect' });
      expect(failuresOf(temporary.report, 'https-redirect')).toEqual(['status one of 301, 308 | 302']);
      const away = await smoke({ url: redirector.origin, presets: 'https-redirect', checks: `presets:\n  https-redirect: { url: "${redirector.origin}/elsewhere" }\n` });
      expect(failuresOf(away.report, 'https-redirect')).toEqual(['redirect to a URL matching /^https:\\/\\/127\\.0\\.0\\.1(:\\d+)?(\\/|$)/ | https://evil.example/']);
      const plain = await smoke({ presets: 'https-redirect' });
      expect(failuresOf(plain.report, 'https-redirect')[0]).toBe('status one of 301, 308 | 200');
    } finally {
      await redirector.close();
    }
  });

  it('rate-limit wants a 429 with Retry-After from a bounded burst, and runs after the other checks', async () => {
    app.hits.delete('/login');
    const limited = await smoke({ presets: 'health,rate-limit', checks: 'presets:\n  rate-limit: { path: /login, requests: 20, concurrency: 2 }\n' });
    expect(limited.result.outputs.passed).toBe(true);
    expect(limited.report.checks.map((c) => c.name)).toEqual(['health', 'rate-limit']);
    expect(limited.report.checks[1]?.result.expectations.map((e) => e.actual)).toEqual([expect.stringMatching(/^429 at request [6-9] of \d+ sent/), '"30"']);
    expect(app.hits.get('/login')).toBeLessThan(20);

    const unlimited = await smoke({ presets: 'rate-limit', checks: 'presets:\n  rate-limit: { path: /search, requests: 8 }\n' });
    expect(failuresOf(unlimited.report, 'rate-limit')).toEqual(['a 429 within 8 requests | no 429 after 8 requests (200×8)']);
  });
});

// Certificates are generated with the openssl command (.ci/run installs it).
const hasOpenssl = requirement('openssl', hasCommand('openssl', ['version']));

describe.runIf(hasOpenssl)('TLS', () => {
  it('checks days left on a local https server with a generated certificate', async () => {
    const DAY = 86_400_000;
    const cert = await createTestCertificate({ notAfter: new Date(Date.now() + 5 * DAY + 3_600_000) });
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, cert.cert);
    const https = await startTestServer((_, res) => void res.end('{"status":"ok"}'), { tls: cert });
    try {
      const enough = await smoke({ url: https.origin, 'ca-cert': caFile, checks: '- { name: cert, path: /, expect: { tls-days-left: 3 } }\n' });
      expect(enough.result.outputs.passed).toBe(true);
      const soon = await smoke({ url: https.origin, 'ca-cert': caFile, presets: 'none', checks: '- { name: cert, path: /, expect: { tls-days-left: 14 } }\n' });
      expect(failuresOf(soon.report, 'cert')).toEqual([expect.stringMatching(/^TLS certificate valid for >= 14 more days \| 5 days left \(expires \d{4}-\d\d-\d\d\)$/)]);
      expect(soon.report.checks[0]?.result.tls?.daysLeft).toBe(5);
      // Without the CA the certificate is not trusted: a failure, never a silent pass.
      const untrusted = await smoke({ url: https.origin, presets: 'health' });
      expect(untrusted.report.checks[0]?.result.error?.code).toBe('tls');
      // Without a tls-days-left expectation, a certificate close to expiry is a warning.
      const unasked = await smoke({ url: https.origin, 'ca-cert': caFile });
      expect(unasked.result.outputs.passed).toBe(true);
      expect(unasked.logger.of('warning').map((w) => w.message)).toEqual([expect.stringMatching(/^The TLS certificate of 127\.0\.0\.1:\d+ expires in 5 days/)]);
    } finally {
      await https.close();
    }
  });
});

describe('secrets', () => {
  it('registers credentials from the checks and keeps them out of the report, summary and log', async () => {
    const token = 'tok_live_8f3k2j9d8s7a6q5w';
    const { report, summary, log, result } = await smoke({
      presets: 'none',
      checks: `- name: echo\n  path: /echo\n  headers: { Authorization: "Bearer ${token}", X-Api-Key: key-2b9c8d7e6f5a }\n  expect: { body: nothing-like-this }\n`,
    });
    expect(result.outputs.passed).toBe(false);
    const all = `${JSON.stringify(report)}\n${summary}\n${log}\n${result.failure}`;
    expect(all).not.toContain(token);
    expect(all).not.toContain('key-2b9c8d7e6f5a');
    expect(report.checks[0]?.result.response?.body).toBe('auth=*** key=***');
  });
});
