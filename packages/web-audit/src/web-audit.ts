import { ConfigurationError, silentLogger, type Logger } from '@deploysafe/action-kit';
import { probe, ProbeError, redactUrl, type ProbeResponse, type ProbeTlsOptions, type Redactor } from '@deploysafe/http-probe';
import { checkExposedFiles, type SiteFetcher } from './exposed-files.ts';
import { fingerprint } from './fingerprint.ts';
import { checkCookies, checkCors, checkCsp, checkFraming, checkHsts, checkNosniff, checkPermissionsPolicy, checkReferrerPolicy, checkVersionDisclosure, type RawFinding, type TestResult } from './header-checks.ts';
import { scoreOutcomes } from './scoring.ts';
import type { Grade, Severity, WebCheckOutcome, WebFinding } from './types.ts';

/** The foreign origin sent to see whether CORS reflects any origin. */
export const CORS_PROBE_ORIGIN = 'https://deploysafe-cors-check.invalid';

/** Options for {@link auditWebSecurity}. */
export interface WebAuditOptions {
  /** The deployed page to audit (redirects are followed; the final response is graded). */
  url: string;
  /** Per request; default 10 s. */
  timeoutMs?: number;
  /** Headers sent with every request (a preview environment's access token: register it with the kit's secrets first). */
  headers?: Readonly<Record<string, string>>;
  /** Extra trusted CA, or `rejectUnauthorized: false` for a self-signed staging certificate. */
  tls?: ProbeTlsOptions;
  /** Report a site served over plain HTTP as a finding (default true). */
  requireHttps?: boolean;
  /** Probe /.env, /.env.production, /.git/config and script source maps (default true). */
  exposedFiles?: boolean;
  /** Same-origin scripts of the page whose source maps are looked for; default 5. */
  maxScripts?: number;
  /** Redacts evidence and URLs (the kit's SecretRegistry). */
  redactor?: Redactor;
  logger?: Logger;
}

/** What {@link auditWebSecurity} found. */
export interface WebAuditResult {
  url: string;
  /** The URL that answered after redirects. */
  finalUrl: string;
  status: number;
  /** Observatory-style score (0 and up; 100+ is A+) and its letter. */
  score: number;
  grade: Grade;
  /** Every scored test, passed or not, in a stable order. */
  checks: WebCheckOutcome[];
  /** Findings, most serious first. */
  findings: WebFinding[];
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Audits a live URL: response headers and cookies as Mozilla Observatory grades them, CORS with
 * a foreign Origin, software versions in headers, and files that must never be served. Throws a
 * ConfigurationError when the site (or one of the files probed) gives no HTTP answer: a check
 * that could not run never passes.
 */
export async function auditWebSecurity(options: WebAuditOptions): Promise<WebAuditResult> {
  const logger = options.logger ?? silentLogger;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const shown = (url: string) => redactUrl(url, options.redactor);
  const request = async (url: string, extra: { headers?: Record<string, string>; followRedirects?: boolean; maxBodyBytes?: number } = {}): Promise<ProbeResponse> => {
    try {
      return await probe({
        url,
        timeoutMs,
        headers: { ...(options.headers ?? {}), ...(extra.headers ?? {}) },
        followRedirects: extra.followRedirects ?? false,
        ...(extra.maxBodyBytes ? { maxBodyBytes: extra.maxBodyBytes } : {}),
        ...(options.tls ? { tls: options.tls } : {}),
      });
    } catch (error) {
      if (error instanceof ProbeError) {
        throw new ConfigurationError(`The headers scan could not get an answer from ${shown(url)} (${error.code}: ${options.redactor ? options.redactor.redact(error.message) : error.message}); the site was not checked.`);
      }
      throw error;
    }
  };

  let parsed: URL;
  try {
    parsed = new URL(options.url);
  } catch {
    throw new ConfigurationError(`The URL ${JSON.stringify(options.url)} is not a URL: expected something like https://example.com/.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigurationError(`The URL ${shown(options.url)} must be http(s).`);

  logger.info(`Checking the security headers of ${shown(options.url)}.`);
  const page = await request(parsed.href, { followRedirects: true });
  const cors = await request(page.url, { headers: { origin: CORS_PROBE_ORIGIN } });
  const hsts = checkHsts(page);
  const results: TestResult[] = [
    checkCsp(page),
    checkCookies(page, hsts.outcome.passed),
    checkCors(cors, CORS_PROBE_ORIGIN),
    checkReferrerPolicy(page),
    hsts,
    checkNosniff(page),
    checkFraming(page),
    checkPermissionsPolicy(page),
    checkVersionDisclosure(page),
  ];
  if (options.requireHttps ?? true) results.unshift(checkHttps(page));
  if (options.exposedFiles ?? true) {
    const fetch: SiteFetcher = (url, extra) => request(url, extra?.maxBodyBytes ? { maxBodyBytes: extra.maxBodyBytes } : {});
    results.push(await checkExposedFiles(page, fetch, { maxScripts: options.maxScripts ?? 5 }));
  }

  const origin = new URL(page.url).origin;
  const redact = (text: string) => (options.redactor ? options.redactor.redact(text) : text);
  const findings = results
    .flatMap((r) => r.findings)
    .map((raw: RawFinding): WebFinding => ({
      scanner: 'headers',
      ruleId: raw.ruleId,
      severity: raw.severity,
      title: redact(raw.title),
      message: redact(raw.message),
      location: { url: shown(raw.url ?? page.url) },
      fingerprint: fingerprint('web', raw.ruleId, origin, raw.key ?? ''),
      remediation: raw.remediation,
      ...(raw.evidence ? { evidence: redact(raw.evidence) } : {}),
    }))
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  const checks = results.map((r) => r.outcome);
  const { score, grade } = scoreOutcomes(checks);
  logger.info(`${shown(page.url)}: score ${score} (${grade}), ${findings.length} finding(s).`);
  return { url: shown(options.url), finalUrl: shown(page.url), status: page.status, score, grade, checks, findings };
}

/** The final page must be HTTPS (a redirect from http to https is fine). */
function checkHttps(page: ProbeResponse): TestResult {
  if (page.url.startsWith('https:')) {
    const redirected = page.redirects.length > 0;
    return { outcome: { test: 'redirection', result: redirected ? 'redirection-to-https' : 'redirection-not-needed-https', passed: true, modifier: 0, description: redirected ? 'Redirects to HTTPS.' : 'Served over HTTPS.' }, findings: [] };
  }
  return {
    outcome: { test: 'redirection', result: 'redirection-not-to-https', passed: false, modifier: -20, description: 'The page is served over plain HTTP.' },
    findings: [
      {
        ruleId: 'headers/no-https',
        severity: 'high',
        title: 'The site is served over plain HTTP',
        message: `${page.url} answers over HTTP without redirecting to HTTPS: every request, cookie and password can be read and changed on the network.`,
        remediation: { summary: 'Serve the site over HTTPS and redirect http:// to https:// with a 301, then add HSTS.', references: ['https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring'] },
      },
    ],
  };
}
