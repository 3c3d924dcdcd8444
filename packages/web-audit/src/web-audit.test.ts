import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConfigurationError, SecretRegistry } from '@deploysafe/action-kit';
import { createTestCertificate, startTestServer, type TestCertificate, type TestServer } from '@deploysafe/http-probe/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCommand, requirement } from '../../../tests/support/requirements.ts';
import { auditWebSecurity } from './web-audit.ts';

const SECRET = 'sk_live_51HxQb2CkTq8v0ExampleSecretValue9f3';
const INDEX = '<!doctype html><html><head><script src="/assets/app.js"></script><script src="https://cdn.example.com/x.js"></script></head><body>app</body></html>';
const SOURCE_MAP = JSON.stringify({ version: 3, file: 'app.js', sources: ['src/main.ts', 'src/api.ts'], sourcesContent: ['export const a = 1;', 'export const b = 2;'], mappings: 'AAAA;AACA' });

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A well-configured site: an SPA that answers index.html (200) for every unknown path. */
const goodSite: Handler = (req, res) => {
  const headers = {
    'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
    'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    server: 'nginx',
  };
  if (req.url === '/assets/app.js') {
    res.writeHead(200, { ...headers, 'content-type': 'application/javascript' });
    res.end('console.log("app");\n//# sourceMappingURL=app.js.map\n');
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'set-cookie': ['session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax', 'theme=dark; Path=/; Secure; SameSite=Strict'] });
  res.end(INDEX);
};

/** Everything a deployment checklist warns about. */
const badSite: Handler = (req, res) => {
  const base = { server: 'nginx/1.25.3', 'x-powered-by': 'PHP/8.1.2' };
  const origin = req.headers.origin;
  const cors = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : {};
  switch (req.url) {
    case '/.env':
      res.writeHead(200, { ...base, 'content-type': 'application/octet-stream' });
      res.end(`APP_ENV=production\n# payments\nSTRIPE_SECRET_KEY=${SECRET}\nDATABASE_URL=postgres://app:hunter2@db/app\n`);
      return;
    case '/.git/config':
      res.writeHead(200, { ...base, 'content-type': 'text/plain' });
      res.end('[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n[remote "origin"]\n\turl = https://deploy:ghp_exampletoken@github.com/acme/shop.git\n');
      return;
    case '/assets/app.js':
      res.writeHead(200, { ...base, 'content-type': 'application/javascript' });
      res.end('console.log("app");\n//# sourceMappingURL=app.js.map\n');
      return;
    case '/assets/app.js.map':
      res.writeHead(200, { ...base, 'content-type': 'application/json' });
      res.end(SOURCE_MAP);
      return;
    default:
      if (req.url !== '/') {
        res.writeHead(404, base);
        res.end('not found');
        return;
      }
      res.writeHead(200, { ...base, ...cors, 'content-type': 'text/html', 'set-cookie': ['PHPSESSID=abc123; path=/', 'prefs=1; SameSite=None'] });
      res.end(INDEX);
  }
};

let cert: TestCertificate | undefined;
const servers: TestServer[] = [];
const runTls = requirement('openssl', hasCommand('openssl', ['version']));

async function serve(handler: Handler, tls = false): Promise<TestServer> {
  const server = await startTestServer(handler, tls && cert ? { tls: cert } : {});
  servers.push(server);
  return server;
}

beforeAll(async () => {
  if (runTls) cert = await createTestCertificate({ notAfter: new Date(Date.now() + 30 * 86_400_000) });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe.runIf(runTls)('a well-configured HTTPS site', () => {
  it('passes every test, earns the CSP and framing bonuses and grades A+; an SPA fallback is not an exposure', async () => {
    const site = await serve(goodSite, true);
    const result = await auditWebSecurity({ url: `${site.origin}/`, tls: { ca: cert!.cert } });
    expect(result.findings).toEqual([]);
    expect(result.checks.map((c) => `${c.test}: ${c.result} (${c.modifier})`)).toEqual([
      'redirection: redirection-not-needed-https (0)',
      'content-security-policy: csp-implemented-with-no-unsafe-default-src-none (10)',
      'cookies: cookies-secure-with-httponly-sessions-and-samesite (5)',
      'cross-origin-resource-sharing: cross-origin-resource-sharing-not-implemented-or-restricted (0)',
      'referrer-policy: referrer-policy-private (5)',
      'strict-transport-security: hsts-implemented-max-age-at-least-six-months (0)',
      'x-content-type-options: x-content-type-options-nosniff (0)',
      'x-frame-options: x-frame-options-implemented-via-csp (5)',
      'permissions-policy: permissions-policy-implemented (0)',
      'version-disclosure: version-not-disclosed (0)',
      'exposed-files: exposed-files-not-found (0)',
    ]);
    expect(result.score).toBe(125);
    expect(result.grade).toBe('A+');
  });
});

describe('a badly configured site', () => {
  it('reports each problem once, with stable rule ids, severities and locations, and grades F', async () => {
    const site = await serve(badSite);
    const result = await auditWebSecurity({ url: `${site.origin}/` });
    expect(result.findings.map((f) => `${f.severity} ${f.ruleId} ${f.location.url.replace(site.origin, '')}`)).toEqual([
      `critical exposure/env-file /.env`,
      `critical exposure/git-config /.git/config`,
      `high headers/no-https /`,
      `high headers/cookie-without-secure /`,
      `high headers/cors-reflected-origin-with-credentials /`,
      `medium headers/csp-missing /`,
      `medium headers/cookie-without-httponly /`,
      `medium headers/cookie-without-secure /`,
      `medium headers/cookie-samesite-invalid /`,
      `medium headers/frame-protection-missing /`,
      `medium exposure/source-map /assets/app.js.map`,
      `low headers/cookie-without-samesite /`,
      `low headers/referrer-policy-missing /`,
      `low headers/nosniff-missing /`,
      `low headers/permissions-policy-missing /`,
      `low headers/version-disclosure /`,
      `low headers/version-disclosure /`,
    ]);
    expect(result.score).toBe(0);
    expect(result.grade).toBe('F');
    const env = result.findings.find((f) => f.ruleId === 'exposure/env-file')!;
    expect(env.message).toContain('3 variable(s) (APP_ENV, STRIPE_SECRET_KEY, DATABASE_URL)');
    const versions = result.findings.filter((f) => f.ruleId === 'headers/version-disclosure').map((f) => f.evidence);
    expect(versions).toEqual(['Server: nginx/1.25.3', 'X-Powered-By: PHP/8.1.2']);
    const map = result.findings.find((f) => f.ruleId === 'exposure/source-map')!;
    expect(map.message).toContain('2 original source file(s), with their full contents');
    // Values of exposed files and cookies never reach a finding.
    const text = JSON.stringify(result);
    for (const leaked of [SECRET, 'hunter2', 'ghp_exampletoken', 'abc123']) expect(text).not.toContain(leaked);
    // Fingerprints: stable across runs, distinct per finding (two cookies, two version headers).
    const again = await auditWebSecurity({ url: `${site.origin}/` });
    expect(again.findings.map((f) => f.fingerprint)).toEqual(result.findings.map((f) => f.fingerprint));
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(result.findings.length);
  });
});

describe('individual header problems', () => {
  const withHeaders = (headers: Record<string, string | string[]>): Handler => (req, res) => {
    res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html', ...headers });
    res.end(req.url === '/' ? '<html><body>hi</body></html>' : 'nope');
  };
  const audit = async (headers: Record<string, string | string[]>) => {
    const site = await serve(withHeaders(headers));
    return auditWebSecurity({ url: `${site.origin}/`, requireHttps: false });
  };
  const common = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'permissions-policy': 'camera=()', 'x-frame-options': 'SAMEORIGIN' };

  it('CSP with unsafe-inline and unsafe-eval, or broad and http: sources', async () => {
    const inline = await audit({ ...common, 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'" });
    expect(inline.findings.map((f) => f.ruleId)).toEqual(['headers/csp-unsafe-inline', 'headers/csp-unsafe-eval']);
    expect(inline.checks.find((c) => c.test === 'content-security-policy')).toMatchObject({ result: 'csp-implemented-with-unsafe-inline', modifier: -20 });
    const nonce = await audit({ ...common, 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'nonce-r4nd0m'; object-src 'none'" });
    expect(nonce.findings).toEqual([]);
    const evalOnly = await audit({ ...common, 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-eval'" });
    expect(evalOnly.checks.find((c) => c.test === 'content-security-policy')).toMatchObject({ result: 'csp-implemented-with-unsafe-eval', modifier: -10 });
    const broad = await audit({ ...common, 'content-security-policy': "default-src 'self'; script-src https:; img-src http://img.example.com" });
    expect(broad.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['headers/csp-unsafe-inline medium', 'headers/csp-insecure-scheme low']);
    expect(broad.findings[0]!.message).toContain('script sources https: allow any script');
  });

  it('HSTS too short or invalid, X-Frame-Options invalid, unsafe Referrer-Policy, wildcard CORS with credentials', async () => {
    const site = await serve(withHeaders({ ...common, 'x-frame-options': 'ALLOWALL', 'referrer-policy': 'unsafe-url', 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', 'content-security-policy': "default-src 'self'" }));
    const result = await auditWebSecurity({ url: `${site.origin}/`, requireHttps: false });
    expect(result.findings.map((f) => `${f.severity} ${f.ruleId}`)).toEqual(['medium headers/cors-wildcard-with-credentials', 'medium headers/x-frame-options-invalid', 'low headers/referrer-policy-unsafe']);
    // HSTS is judged on HTTPS responses only; over http the site is graded as having none.
    expect(result.checks.find((c) => c.test === 'strict-transport-security')?.result).toBe('hsts-not-implemented-no-https');
  });

  it.runIf(runTls)('HSTS short max-age and missing max-age on HTTPS', async () => {
    for (const [value, rule] of [
      ['max-age=86400', 'headers/hsts-short-max-age'],
      ['includeSubDomains', 'headers/hsts-invalid'],
    ] as const) {
      const site = await serve(withHeaders({ ...common, 'content-security-policy': "default-src 'self'", 'strict-transport-security': value }), true);
      const result = await auditWebSecurity({ url: `${site.origin}/`, tls: { ca: cert!.cert }, exposedFiles: false });
      expect(result.findings.map((f) => f.ruleId)).toEqual([rule]);
    }
  });
});

describe('failing closed', () => {
  it('an unreachable site is a configuration error naming the URL, with secrets redacted', async () => {
    const site = await serve(goodSite);
    const url = `${site.origin}/?token=${SECRET}`;
    await site.close();
    const secrets = new SecretRegistry();
    secrets.add(SECRET);
    const error = await auditWebSecurity({ url, timeoutMs: 2000, redactor: secrets }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/could not get an answer from http:\/\/127\.0\.0\.1:\d+\/\?token=\[redacted\] \(refused/);
    expect((error as Error).message).not.toContain(SECRET);
    await expect(auditWebSecurity({ url: 'not a url' })).rejects.toThrow(/is not a URL/);
    await expect(auditWebSecurity({ url: 'ftp://example.com/' })).rejects.toThrow(/must be http\(s\)/);
  });
});
