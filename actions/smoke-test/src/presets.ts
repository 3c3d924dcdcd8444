// The built-in checks: what `validate_deployment.sh` did by hand with curl and jq, as http-probe checks.
import type { Check, CustomExpectation, ProbeRequest, ProbeResponse } from '@deploysafe/http-probe';
import type { PresetSettings } from './checks-file.ts';
import { joinUrl } from './urls.ts';

/** The status words the health preset accepts in a JSON `status` field. */
export const HEALTHY_STATUS = /^(healthy|ok|up|pass|green)$/i;

/** Browsers cache HSTS for max-age seconds; under 180 days (Mozilla Observatory's bar) is too short to protect. */
export const DEFAULT_HSTS_MIN_AGE = 15_552_000;

/** Settings every request of a preset shares. */
export interface RequestDefaults {
  timeoutMs: number;
  headers: Record<string, string>;
  tls: ProbeRequest['tls'];
}

function request(url: string, defaults: RequestDefaults, extra: Partial<ProbeRequest> = {}): ProbeRequest {
  return { url, method: 'GET', headers: { ...defaults.headers }, timeoutMs: defaults.timeoutMs, followRedirects: false, ...(defaults.tls ? { tls: defaults.tls } : {}), ...extra };
}

/** GET /health answers 200 and, when the body is JSON, its `status` says healthy/ok/up. */
export function healthPreset(base: URL, settings: PresetSettings['health'], defaults: RequestDefaults): Check & { path: string } {
  const path = settings?.path ?? '/health';
  return {
    name: 'health',
    path,
    request: request(joinUrl(base, path), defaults),
    expect: { status: settings?.status ?? 200, json: [{ path: 'status', matches: HEALTHY_STATUS, onlyIfJson: true }] },
  };
}

function header(response: ProbeResponse, name: string): string | undefined {
  return response.headers[name];
}

function shown(value: string | undefined): string {
  return value === undefined ? 'absent' : JSON.stringify(value);
}

/** The security headers a production web app should send, and no version numbers in Server / X-Powered-By. */
export function securityHeadersPreset(base: URL, settings: PresetSettings['security-headers'], defaults: RequestDefaults): Check & { path: string } {
  const path = settings?.path ?? '/';
  const minAge = settings?.['hsts-min-age'] ?? DEFAULT_HSTS_MIN_AGE;
  const custom: CustomExpectation[] = [
    {
      kind: 'header',
      expected: `header strict-transport-security has max-age >= ${minAge} (${Math.round(minAge / 86_400)} days)`,
      evaluate: (r) => {
        const value = header(r, 'strict-transport-security');
        const age = value ? /max-age\s*=\s*"?(\d+)"?/i.exec(value)?.[1] : undefined;
        return { passed: age !== undefined && Number(age) >= minAge, actual: shown(value) };
      },
    },
    {
      kind: 'header',
      expected: 'header x-frame-options is DENY or SAMEORIGIN, or content-security-policy has frame-ancestors',
      evaluate: (r) => {
        const xfo = header(r, 'x-frame-options');
        const csp = header(r, 'content-security-policy');
        const passed = (xfo !== undefined && /^\s*(deny|sameorigin)\s*$/i.test(xfo)) || (csp !== undefined && /(^|;)\s*frame-ancestors\s/i.test(csp));
        return { passed, actual: `x-frame-options ${shown(xfo)}, content-security-policy ${csp === undefined ? 'absent' : /frame-ancestors/i.test(csp) ? 'with frame-ancestors' : 'without frame-ancestors'}` };
      },
    },
  ];
  return {
    name: 'security-headers',
    path,
    request: request(joinUrl(base, path), defaults),
    expect: {
      // Headers matter on redirects too; a 3xx answer is checked as it is.
      status: { min: 200, max: 399 },
      headers: [
        { name: 'content-security-policy', present: true },
        { name: 'x-content-type-options', matches: /^\s*nosniff\s*$/i },
        { name: 'referrer-policy', present: true },
        { name: 'permissions-policy', present: true },
        { name: 'server', notMatches: /\d/ },
        { name: 'x-powered-by', notMatches: /\d/ },
      ],
      custom,
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The http:// form of the site: a URL given in the settings, the url itself if it is http, else http://host/ on port 80. */
export function httpFormOf(base: URL, settings: PresetSettings['https-redirect']): string {
  if (settings?.url) return settings.url;
  if (base.protocol === 'http:') return base.href;
  return `http://${base.hostname}/`; // an IPv6 hostname keeps its brackets
}

/** The http:// form answers a permanent redirect (301/308) to https:// on the same host. */
export function httpsRedirectPreset(base: URL, settings: PresetSettings['https-redirect'], defaults: RequestDefaults): Check {
  const from = new URL(httpFormOf(base, settings));
  const host = escapeRegExp(from.hostname);
  return {
    name: 'https-redirect',
    request: request(from.href, { ...defaults, tls: undefined }),
    expect: { status: [301, 308], redirect: { matches: new RegExp(`^https://${host}(:\\d+)?(/|$)`) } },
  };
}
