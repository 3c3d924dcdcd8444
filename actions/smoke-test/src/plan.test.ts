import { SecretRegistry } from '@deploysafe/action-kit';
import { describe, expect, it } from 'vitest';
import { loadChecks } from './checks-file.ts';
import { planChecks, registerSecrets } from './plan.ts';
import { httpFormOf } from './presets.ts';
import { joinUrl } from './urls.ts';

const inline = (text: string) => ({ kind: 'inline' as const, text, toJSON: () => 'inline' });

describe('planning', () => {
  it('joins check paths onto the url, keeping its prefix and credentials', () => {
    expect(joinUrl(new URL('https://h.io/app/'), '/health')).toBe('https://h.io/app/health');
    expect(joinUrl(new URL('https://h.io'), '/search?q=a b')).toBe('https://h.io/search?q=a%20b');
    expect(joinUrl(new URL('http://u:p@h.io/x?drop=1'), '/y')).toBe('http://u:p@h.io/x/y');
  });

  it('derives the http:// form for https-redirect', () => {
    expect(httpFormOf(new URL('https://shop.example.com:8443/app'), undefined)).toBe('http://shop.example.com/');
    expect(httpFormOf(new URL('http://127.0.0.1:8080/'), undefined)).toBe('http://127.0.0.1:8080/');
    expect(httpFormOf(new URL('https://[::1]/'), undefined)).toBe('http://[::1]/');
  });

  it('orders presets first, checks next, the rate-limit burst last; applies defaults; POSTs a json body', async () => {
    const file = await loadChecks(
      inline('defaults: { headers: { x-team: shop }, timeout: 2s }\npresets: { rate-limit: { path: /login } }\nchecks:\n  - { name: order, path: /orders, json: { sku: 1 } }\n  - { name: abs, url: "https://h.io/app/v1/x" }\n'),
      '/w',
    );
    const planned = planChecks({ url: new URL('https://h.io/app'), presets: ['rate-limit', 'health'], file, timeoutMs: 10_000, tls: undefined });
    expect(planned.map((p) => p.name)).toEqual(['health', 'order', 'abs', 'rate-limit']);
    const order = planned[1]?.check.request;
    expect(order).toMatchObject({ method: 'POST', body: '{"sku":1}', timeoutMs: 2000, headers: { 'x-team': 'shop', 'content-type': 'application/json' } });
    expect(planned[0]?.check.request.headers).toEqual({ 'x-team': 'shop' });
    expect(planned[2]?.path).toBe('/v1/x');
    expect(planned[3]?.burst).toMatchObject({ requests: 50, concurrency: 10 });
  });

  it('defaults the expected status to 2xx, or 3xx when a redirect is expected', async () => {
    const file = await loadChecks(inline('- { name: a, path: /a }\n- { name: b, path: /b, expect: { redirect: /c } }\n'), '/w');
    const planned = planChecks({ url: new URL('http://h.io'), presets: ['none'], file, timeoutMs: 1000, tls: undefined });
    expect(planned.map((p) => p.check.expect.status)).toEqual([{ min: 200, max: 299 }, { min: 300, max: 399 }]);
  });

  it('registers credentials from headers, cookies and URLs', async () => {
    const file = await loadChecks(
      inline(
        '- name: a\n  path: /a\n  headers: { Authorization: "Basic b3BzOmh1bnRlcjI=", Cookie: "sid=abc123; theme=dark", X-Service-Token: tok-998877, Accept: text/html }\n- { name: b, url: "https://h.io/?token=qq-1234&page=2" }\n',
      ),
      '/w',
    );
    const planned = planChecks({ url: new URL('http://h.io'), presets: ['none'], file, timeoutMs: 1000, tls: undefined });
    const secrets = new SecretRegistry();
    registerSecrets(planned, [new URL('https://deploy:pa%24%24word@h.io/')], secrets);
    const text = 'Basic b3BzOmh1bnRlcjI= ops:hunter2 hunter2 abc123 tok-998877 qq-1234 pa$$word ZGVwbG95OnBhJCR3b3Jk text/html page=2';
    expect(secrets.redact(text)).toBe('*** *** *** *** *** *** *** *** text/html page=2');
  });
});
