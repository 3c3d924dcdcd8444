// Turns the inputs and the checks file into the list of checks to run, before any request is made.
import { ConfigurationError, type SecretRegistry } from '@deploysafe/action-kit';
import { isSensitiveHeader, type Check, type ProbeRequest } from '@deploysafe/http-probe';
import { isSecretName } from '@deploysafe/secret-heuristics';
import { toExpectations, type ChecksFile } from './checks-file.ts';
import { healthPreset, httpsRedirectPreset, securityHeadersPreset, type RequestDefaults } from './presets.ts';
import type { BurstSettings } from './rate-limit.ts';
import { joinUrl } from './urls.ts';

/** One check to run, with where it came from. */
export interface PlannedCheck {
  name: string;
  check: Check;
  /** `preset` or `checks file`. */
  origin: 'preset' | 'checks file';
  preset?: string;
  /** The path relative to `url`, when known: the baseline gets the same path. */
  path?: string;
  /** The check's own `sample:` setting. */
  sample?: boolean;
  /** Set for the rate-limit burst. */
  burst?: BurstSettings;
  /** Where it is written, for annotations. */
  file?: string;
  line?: number;
}

/** What the plan is made from. */
export interface PlanOptions {
  url: URL;
  presets: readonly string[];
  file: ChecksFile;
  timeoutMs: number;
  tls: ProbeRequest['tls'];
}

const DEFAULT_BURST = 50;
const DEFAULT_BURST_CONCURRENCY = 10;

/** Builds every check; throws ConfigurationError for settings that cannot work (nothing to check, unused preset settings). */
export function planChecks(options: PlanOptions): PlannedCheck[] {
  const { url, file } = options;
  const enabled = new Set(options.presets.filter((p) => p !== 'none'));
  const configured = Object.keys(file.presets).filter((p) => !enabled.has(p));
  if (configured.length > 0) {
    throw new ConfigurationError(
      `The checks file configures the preset${configured.length > 1 ? 's' : ''} ${configured.join(', ')} under presets:, but the presets input does not enable ${configured.length > 1 ? 'them' : 'it'}: add ${configured.join(', ')} to the presets input, or remove the settings.`,
    );
  }
  const defaults: RequestDefaults = { timeoutMs: file.defaults.timeout ?? options.timeoutMs, headers: file.defaults.headers, tls: options.tls };
  const planned: PlannedCheck[] = [];
  if (enabled.has('health')) {
    const c = healthPreset(url, file.presets.health, defaults);
    planned.push({ name: c.name, check: c, origin: 'preset', preset: 'health', path: c.path });
  }
  if (enabled.has('security-headers')) {
    const c = securityHeadersPreset(url, file.presets['security-headers'], defaults);
    planned.push({ name: c.name, check: c, origin: 'preset', preset: 'security-headers', path: c.path });
  }
  if (enabled.has('https-redirect')) {
    const c = httpsRedirectPreset(url, file.presets['https-redirect'], defaults);
    planned.push({ name: c.name, check: c, origin: 'preset', preset: 'https-redirect', sample: false });
  }

  // An absolute url under the base maps onto the baseline like a path does.
  const basePrefix = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  file.checks.forEach((spec, index) => {
    const target = spec.url ?? joinUrl(url, spec.path as string);
    const headers: Record<string, string> = { ...defaults.headers, ...spec.headers };
    let body = spec.body;
    if (spec.json !== undefined) {
      body = JSON.stringify(spec.json);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
    const request: ProbeRequest = {
      url: target,
      method: spec.method ?? (body !== undefined ? 'POST' : 'GET'),
      headers,
      timeoutMs: spec.timeout ?? defaults.timeoutMs,
      followRedirects: spec['follow-redirects'] ?? false,
    };
    if (body !== undefined) request.body = body;
    if (options.tls) request.tls = options.tls;
    const p: PlannedCheck = { name: spec.name, check: { name: spec.name, request, expect: toExpectations(spec.expect) }, origin: 'checks file' };
    const taken = planned.find((c) => c.name === spec.name);
    if (taken) throw new ConfigurationError(`The check name "${spec.name}" in the checks file is also the name of the ${taken.preset} preset: rename the check.`);
    if (spec.path !== undefined) p.path = spec.path;
    else if (spec.url?.startsWith(`${basePrefix}/`)) p.path = spec.url.slice(basePrefix.length);
    if (spec.sample !== undefined) p.sample = spec.sample;
    if (file.file !== undefined) p.file = file.file;
    const line = file.lines[index];
    if (line !== undefined) p.line = line;
    planned.push(p);
  });

  // Last, so its burst cannot get the other checks rate-limited.
  if (enabled.has('rate-limit')) {
    const s = file.presets['rate-limit'];
    const path = s?.path ?? '/';
    const request: ProbeRequest = { url: joinUrl(url, path), method: s?.method ?? 'GET', headers: { ...defaults.headers, ...s?.headers }, timeoutMs: defaults.timeoutMs, followRedirects: false };
    if (s?.body !== undefined) request.body = s.body;
    if (options.tls) request.tls = options.tls;
    const requests = s?.requests ?? DEFAULT_BURST;
    planned.push({
      name: 'rate-limit',
      check: { name: 'rate-limit', request, expect: { status: 429 } },
      origin: 'preset',
      preset: 'rate-limit',
      sample: false,
      burst: { request, requests, concurrency: Math.min(requests, s?.concurrency ?? DEFAULT_BURST_CONCURRENCY) },
    });
  }
  if (planned.length === 0) throw new ConfigurationError("Nothing to check: the presets input is `none` and the checks input gives no checks. Enable a preset (such as health) or write checks.");
  return planned;
}

function registerUrl(url: string | URL, secrets: SecretRegistry): void {
  if (!URL.canParse(String(url))) return;
  const parsed = new URL(url);
  if (parsed.password) {
    const password = decodeURIComponent(parsed.password);
    secrets.add(parsed.password);
    secrets.add(password);
    // The probe sends these as Basic auth; a server that echoes the header must not print them either.
    secrets.add(Buffer.from(`${decodeURIComponent(parsed.username)}:${password}`).toString('base64'));
  }
  for (const [key, value] of parsed.searchParams) if (isSecretName(key) || /^(token|key|code|sig|signature|auth)$/i.test(key)) secrets.add(value);
}

/** Registers every credential the checks carry (auth headers, cookies, API keys, URL passwords) before anything is printed. */
export function registerSecrets(planned: readonly PlannedCheck[], urls: readonly (URL | undefined)[], secrets: SecretRegistry): void {
  for (const url of urls) if (url) registerUrl(url, secrets);
  for (const p of planned) {
    registerUrl(p.check.request.url, secrets);
    for (const [name, value] of Object.entries(p.check.request.headers ?? {})) {
      if (!isSensitiveHeader(name) && !isSecretName(name)) continue;
      secrets.add(value);
      // A server may echo just the credential: `Bearer <token>` -> <token>; Basic -> the decoded user:password.
      const [scheme, credential] = value.trim().split(/\s+/, 2);
      if (credential) {
        secrets.add(credential);
        if (scheme?.toLowerCase() === 'basic') {
          const decoded = Buffer.from(credential, 'base64').toString('utf8');
          secrets.add(decoded);
          secrets.add(decoded.slice(decoded.indexOf(':') + 1));
        }
      }
      if (/^(cookie|set-cookie)$/i.test(name)) for (const part of value.split(';')) secrets.add(part.slice(part.indexOf('=') + 1).trim());
    }
  }
}
