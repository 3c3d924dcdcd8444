import { responseCookies, truncate, type ProbeResponse } from '@deploysafe/http-probe';
import { analyzeCsp, parseCsp } from './csp.ts';
import type { Severity, WebCheckOutcome } from './types.ts';

/** A finding before it is given its location and fingerprint. */
export interface RawFinding {
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  remediation: { summary: string; references: string[] };
  evidence?: string;
  /** Extra stable part of the fingerprint (a cookie name, a file path). */
  key?: string;
  /** Where it was seen, when not the audited page. */
  url?: string;
}

/** A scored test and what it found. */
export interface TestResult {
  outcome: WebCheckOutcome;
  findings: RawFinding[];
}

const MDN = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/';
const OBSERVATORY = 'https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring';
const SIX_MONTHS = 15_768_000;

function outcome(test: string, result: string, passed: boolean, modifier: number, description: string): WebCheckOutcome {
  return { test, result, passed, modifier, description };
}

/** Strict-Transport-Security: present, parseable, max-age of at least six months; meaningless over plain http. */
export function checkHsts(response: ProbeResponse): TestResult {
  const refs = [`${MDN}Strict-Transport-Security`, OBSERVATORY];
  if (!response.url.startsWith('https:')) {
    return {
      outcome: outcome('strict-transport-security', 'hsts-not-implemented-no-https', false, -20, 'The site is not served over HTTPS, so HSTS cannot apply.'),
      findings: [],
    };
  }
  const value = response.headers['strict-transport-security'];
  if (value === undefined) {
    return {
      outcome: outcome('strict-transport-security', 'hsts-not-implemented', false, -20, 'Strict-Transport-Security header is missing.'),
      findings: [
        {
          ruleId: 'headers/hsts-missing',
          severity: 'medium',
          title: 'Strict-Transport-Security is missing',
          message: 'The site does not send Strict-Transport-Security, so a browser can be downgraded to plain HTTP on the next visit.',
          remediation: { summary: 'Send `Strict-Transport-Security: max-age=63072000; includeSubDomains` on every HTTPS response.', references: refs },
        },
      ],
    };
  }
  const maxAge = value.match(/(?:^|;)\s*max-age\s*=\s*"?(\d+)"?\s*(?:;|$)/i);
  if (!maxAge) {
    return {
      outcome: outcome('strict-transport-security', 'hsts-header-invalid', false, -20, 'Strict-Transport-Security has no valid max-age.'),
      findings: [
        {
          ruleId: 'headers/hsts-invalid',
          severity: 'medium',
          title: 'Strict-Transport-Security cannot be parsed',
          message: 'Strict-Transport-Security has no valid max-age directive, so browsers ignore it.',
          evidence: truncate(value, 200),
          remediation: { summary: 'Use `Strict-Transport-Security: max-age=63072000; includeSubDomains`.', references: refs },
        },
      ],
    };
  }
  const seconds = Number(maxAge[1]);
  if (seconds < SIX_MONTHS) {
    return {
      outcome: outcome('strict-transport-security', 'hsts-implemented-max-age-less-than-six-months', false, -10, `HSTS max-age is ${seconds} seconds, under six months.`),
      findings: [
        {
          ruleId: 'headers/hsts-short-max-age',
          severity: 'low',
          title: 'HSTS max-age is shorter than six months',
          message: `Strict-Transport-Security max-age is ${seconds} seconds; browsers forget the HTTPS-only rule after that.`,
          evidence: truncate(value, 200),
          remediation: { summary: 'Raise max-age to at least 15768000 (six months); two years (63072000) is usual.', references: refs },
        },
      ],
    };
  }
  return { outcome: outcome('strict-transport-security', 'hsts-implemented-max-age-at-least-six-months', true, 0, `HSTS is set with max-age ${seconds}.`), findings: [] };
}

/** Content-Security-Policy: present, parseable, no unsafe-inline or unsafe-eval scripts, no http: sources. */
export function checkCsp(response: ProbeResponse): TestResult {
  const refs = [`${MDN}Content-Security-Policy`, OBSERVATORY];
  const value = response.headers['content-security-policy'];
  if (value === undefined) {
    return {
      outcome: outcome('content-security-policy', 'csp-not-implemented', false, -25, 'Content-Security-Policy header is missing.'),
      findings: [
        {
          ruleId: 'headers/csp-missing',
          severity: 'medium',
          title: 'Content-Security-Policy is missing',
          message: 'Without a Content-Security-Policy, any injected script runs with the full rights of the page.',
          remediation: { summary: "Start from `Content-Security-Policy: default-src 'self'; object-src 'none'; frame-ancestors 'none'` and widen it where the site needs to.", references: refs },
        },
      ],
    };
  }
  const policies = parseCsp(value);
  const evidence = truncate(value, 300);
  if (!policies) {
    return {
      outcome: outcome('content-security-policy', 'csp-header-invalid', false, -25, 'Content-Security-Policy cannot be parsed.'),
      findings: [
        { ruleId: 'headers/csp-invalid', severity: 'medium', title: 'Content-Security-Policy cannot be parsed', message: 'The Content-Security-Policy header does not parse, so it protects nothing.', evidence, remediation: { summary: 'Write the policy as `directive source source; directive source`.', references: refs } },
      ],
    };
  }
  const csp = analyzeCsp(policies);
  const findings: RawFinding[] = [];
  if (csp.unsafeInlineScripts || csp.broadScriptSources.length > 0) {
    const why = csp.broadScriptSources.length > 0 ? `script sources ${csp.broadScriptSources.join(' ')} allow any script` : "scripts may be inline ('unsafe-inline' without a nonce or hash, or no script-src/default-src)";
    findings.push({
      ruleId: 'headers/csp-unsafe-inline',
      severity: 'medium',
      title: 'Content-Security-Policy allows inline or arbitrary scripts',
      message: `The policy does not stop injected scripts: ${why}.`,
      evidence,
      remediation: { summary: "Remove 'unsafe-inline' (and broad sources) from script-src; use nonces or hashes for the inline scripts you need.", references: refs },
    });
  }
  if (csp.unsafeEval) {
    findings.push({
      ruleId: 'headers/csp-unsafe-eval',
      severity: 'medium',
      title: "Content-Security-Policy allows 'unsafe-eval'",
      message: "script-src allows 'unsafe-eval' (or nothing restricts scripts), so strings can be run as code with eval().",
      evidence,
      remediation: { summary: "Remove 'unsafe-eval' from script-src and replace eval-based code.", references: refs },
    });
  }
  if (csp.insecureActive.length > 0 || csp.insecurePassive.length > 0) {
    const active = csp.insecureActive.length > 0;
    findings.push({
      ruleId: 'headers/csp-insecure-scheme',
      severity: active ? 'medium' : 'low',
      title: 'Content-Security-Policy allows plain-HTTP sources',
      message: `${[...csp.insecureActive, ...csp.insecurePassive].join(', ')} allow http: sources, which a network attacker can replace.`,
      evidence,
      remediation: { summary: 'Use https: sources only.', references: refs },
    });
  }
  let result: string;
  let modifier: number;
  if (csp.unsafeInlineScripts || csp.broadScriptSources.length > 0) [result, modifier] = ['csp-implemented-with-unsafe-inline', -20];
  else if (csp.insecureActive.length > 0) [result, modifier] = ['csp-implemented-with-insecure-scheme', -20];
  else if (csp.unsafeEval) [result, modifier] = ['csp-implemented-with-unsafe-eval', -10];
  else if (csp.insecurePassive.length > 0) [result, modifier] = ['csp-implemented-with-insecure-scheme-in-passive-content-only', -10];
  else if (csp.unsafeInlineStyles) [result, modifier] = ['csp-implemented-with-unsafe-inline-in-style-src-only', 0];
  else if (csp.defaultSrcNone) [result, modifier] = ['csp-implemented-with-no-unsafe-default-src-none', 10];
  else [result, modifier] = ['csp-implemented-with-no-unsafe', 5];
  const passed = modifier >= 0;
  return { outcome: outcome('content-security-policy', result, passed, modifier, passed ? 'Content-Security-Policy blocks inline and eval scripts.' : findings.map((f) => f.title).join('; ') + '.'), findings };
}

/** Clickjacking protection: CSP frame-ancestors, or X-Frame-Options DENY/SAMEORIGIN. */
export function checkFraming(response: ProbeResponse): TestResult {
  const refs = [`${MDN}X-Frame-Options`, `${MDN}Content-Security-Policy/frame-ancestors`, OBSERVATORY];
  const csp = response.headers['content-security-policy'];
  const policies = csp ? parseCsp(csp) : undefined;
  if (policies && analyzeCsp(policies).frameAncestors) {
    return { outcome: outcome('x-frame-options', 'x-frame-options-implemented-via-csp', true, 5, 'Framing is controlled by CSP frame-ancestors.'), findings: [] };
  }
  const xfo = response.headers['x-frame-options'];
  if (xfo === undefined) {
    return {
      outcome: outcome('x-frame-options', 'x-frame-options-not-implemented', false, -20, 'Neither X-Frame-Options nor CSP frame-ancestors is set.'),
      findings: [
        {
          ruleId: 'headers/frame-protection-missing',
          severity: 'medium',
          title: 'The page can be framed by any site (clickjacking)',
          message: 'Neither X-Frame-Options nor Content-Security-Policy frame-ancestors is set, so another site can load this page in a frame and trick users into clicking it.',
          remediation: { summary: "Send `Content-Security-Policy: frame-ancestors 'none'` (or 'self'), and `X-Frame-Options: DENY` for old browsers.", references: refs },
        },
      ],
    };
  }
  const normalized = xfo.trim().toLowerCase();
  if (normalized === 'deny' || normalized === 'sameorigin') {
    return { outcome: outcome('x-frame-options', 'x-frame-options-sameorigin-or-deny', true, 0, `X-Frame-Options is ${xfo.trim()}.`), findings: [] };
  }
  if (normalized.startsWith('allow-from')) {
    return { outcome: outcome('x-frame-options', 'x-frame-options-allow-from-origin', true, 0, 'X-Frame-Options uses ALLOW-FROM, which current browsers ignore.'), findings: [] };
  }
  return {
    outcome: outcome('x-frame-options', 'x-frame-options-header-invalid', false, -20, `X-Frame-Options has the invalid value ${JSON.stringify(truncate(xfo, 60))}.`),
    findings: [
      {
        ruleId: 'headers/x-frame-options-invalid',
        severity: 'medium',
        title: 'X-Frame-Options is invalid',
        message: 'X-Frame-Options must be DENY or SAMEORIGIN; browsers ignore any other value, so the page can be framed.',
        evidence: truncate(xfo, 100),
        remediation: { summary: "Use `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`.", references: refs },
      },
    ],
  };
}

/** X-Content-Type-Options: nosniff. */
export function checkNosniff(response: ProbeResponse): TestResult {
  const refs = [`${MDN}X-Content-Type-Options`, OBSERVATORY];
  const value = response.headers['x-content-type-options'];
  if (value !== undefined && value.trim().toLowerCase() === 'nosniff') {
    return { outcome: outcome('x-content-type-options', 'x-content-type-options-nosniff', true, 0, 'X-Content-Type-Options is nosniff.'), findings: [] };
  }
  const invalid = value !== undefined;
  return {
    outcome: outcome('x-content-type-options', invalid ? 'x-content-type-options-header-invalid' : 'x-content-type-options-not-implemented', false, -5, invalid ? 'X-Content-Type-Options is not nosniff.' : 'X-Content-Type-Options header is missing.'),
    findings: [
      {
        ruleId: 'headers/nosniff-missing',
        severity: 'low',
        title: invalid ? 'X-Content-Type-Options is not nosniff' : 'X-Content-Type-Options is missing',
        message: 'Without `X-Content-Type-Options: nosniff`, browsers may guess content types and run an uploaded file as a script or stylesheet.',
        ...(invalid ? { evidence: truncate(value, 100) } : {}),
        remediation: { summary: 'Send `X-Content-Type-Options: nosniff` on every response.', references: refs },
      },
    ],
  };
}

const PRIVATE_REFERRER = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const UNSAFE_REFERRER = new Set(['unsafe-url', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin']);

/** Referrer-Policy: the last policy browsers recognize wins. */
export function checkReferrerPolicy(response: ProbeResponse): TestResult {
  const refs = [`${MDN}Referrer-Policy`, OBSERVATORY];
  const value = response.headers['referrer-policy'];
  if (value === undefined) {
    return {
      outcome: outcome('referrer-policy', 'referrer-policy-not-implemented', false, 0, 'Referrer-Policy header is missing (browsers default to strict-origin-when-cross-origin).'),
      findings: [
        {
          ruleId: 'headers/referrer-policy-missing',
          severity: 'low',
          title: 'Referrer-Policy is missing',
          message: 'No Referrer-Policy is set; the browser default applies, and older browsers send full URLs (with any tokens in them) to other sites.',
          remediation: { summary: 'Send `Referrer-Policy: strict-origin-when-cross-origin` (or no-referrer).', references: refs },
        },
      ],
    };
  }
  const known = value.split(',').map((v) => v.trim().toLowerCase()).filter((v) => PRIVATE_REFERRER.has(v) || UNSAFE_REFERRER.has(v));
  const effective = known.at(-1);
  if (effective && PRIVATE_REFERRER.has(effective)) {
    return { outcome: outcome('referrer-policy', 'referrer-policy-private', true, 5, `Referrer-Policy is ${effective}.`), findings: [] };
  }
  const unsafe = effective !== undefined;
  return {
    outcome: outcome('referrer-policy', unsafe ? 'referrer-policy-unsafe' : 'referrer-policy-header-invalid', false, -5, unsafe ? `Referrer-Policy ${effective} leaks URLs to other sites.` : 'Referrer-Policy has no recognized value.'),
    findings: [
      {
        ruleId: unsafe ? 'headers/referrer-policy-unsafe' : 'headers/referrer-policy-invalid',
        severity: 'low',
        title: unsafe ? `Referrer-Policy ${effective} leaks URLs` : 'Referrer-Policy is invalid',
        message: unsafe ? `Referrer-Policy ${effective} sends page URLs (paths and query strings) to other origins.` : 'Referrer-Policy has no value browsers recognize, so it is ignored.',
        evidence: truncate(value, 100),
        remediation: { summary: 'Use `Referrer-Policy: strict-origin-when-cross-origin` (or no-referrer / same-origin).', references: refs },
      },
    ],
  };
}

/** Permissions-Policy: present (Observatory does not score it; deployment checklists require it). */
export function checkPermissionsPolicy(response: ProbeResponse): TestResult {
  const value = response.headers['permissions-policy'];
  if (value !== undefined && /^\s*[a-z-]+\s*=/.test(value)) {
    return { outcome: outcome('permissions-policy', 'permissions-policy-implemented', true, 0, 'Permissions-Policy is set.'), findings: [] };
  }
  const invalid = value !== undefined;
  return {
    outcome: outcome('permissions-policy', invalid ? 'permissions-policy-header-invalid' : 'permissions-policy-not-implemented', false, 0, invalid ? 'Permissions-Policy does not parse.' : 'Permissions-Policy header is missing.'),
    findings: [
      {
        ruleId: 'headers/permissions-policy-missing',
        severity: 'low',
        title: invalid ? 'Permissions-Policy is invalid' : 'Permissions-Policy is missing',
        message: 'No valid Permissions-Policy limits which browser features (camera, microphone, geolocation...) the page and its frames may use.',
        ...(invalid ? { evidence: truncate(value, 100) } : {}),
        remediation: { summary: 'Send for example `Permissions-Policy: camera=(), microphone=(), geolocation=()`, allowing only what the site uses.', references: [`${MDN}Permissions-Policy`] },
      },
    ],
  };
}

const SESSION_COOKIE = /sess|sid|token|auth|login|jwt|remember/i;

/** Cookies: Secure, HttpOnly on session cookies, a valid SameSite; Observatory's worst outcome is the score. Values are never read into findings. */
export function checkCookies(response: ProbeResponse, hsts: boolean): TestResult {
  const refs = [`${MDN}Set-Cookie`, OBSERVATORY];
  const cookies = response.setCookies.length > 0 ? responseCookies(response) : [];
  if (cookies.length === 0) return { outcome: outcome('cookies', 'cookies-not-found', true, 0, 'No cookies are set.'), findings: [] };
  const findings: RawFinding[] = [];
  let worst = { result: 'cookies-secure-with-httponly-sessions-and-samesite', modifier: 5 };
  const worsen = (result: string, modifier: number) => {
    if (modifier < worst.modifier) worst = { result, modifier };
  };
  for (const cookie of cookies) {
    const session = SESSION_COOKIE.test(cookie.name);
    const flags = `${cookie.secure ? 'Secure' : 'no Secure'}, ${cookie.httpOnly ? 'HttpOnly' : 'no HttpOnly'}, ${cookie.sameSite ? `SameSite=${cookie.sameSite}` : 'no SameSite'}`;
    const base = { key: cookie.name, evidence: `cookie ${cookie.name}: ${flags}` };
    if (!cookie.secure) {
      if (session) worsen('cookies-session-without-secure-flag', -40);
      else if (hsts) worsen('cookies-without-secure-flag-but-protected-by-hsts', -5);
      else worsen('cookies-without-secure-flag', -20);
      findings.push({
        ...base,
        ruleId: 'headers/cookie-without-secure',
        severity: session ? 'high' : 'medium',
        title: `Cookie ${cookie.name} is not Secure`,
        message: `The ${session ? 'session ' : ''}cookie ${cookie.name} lacks the Secure attribute, so the browser also sends it over plain HTTP.`,
        remediation: { summary: `Set ${cookie.name} with Secure.`, references: refs },
      });
    }
    if (!cookie.httpOnly && session) {
      worsen('cookies-session-without-httponly-flag', -30);
      findings.push({
        ...base,
        ruleId: 'headers/cookie-without-httponly',
        severity: 'medium',
        title: `Session cookie ${cookie.name} is not HttpOnly`,
        message: `The session cookie ${cookie.name} lacks HttpOnly, so any injected script can read and steal it.`,
        remediation: { summary: `Set ${cookie.name} with HttpOnly.`, references: refs },
      });
    }
    if (cookie.sameSite === 'None' && !cookie.secure) {
      worsen('cookies-samesite-flag-invalid', -20);
      findings.push({
        ...base,
        ruleId: 'headers/cookie-samesite-invalid',
        severity: 'medium',
        title: `Cookie ${cookie.name} has SameSite=None without Secure`,
        message: `Browsers reject SameSite=None on a cookie that is not Secure; ${cookie.name} is dropped or treated inconsistently.`,
        remediation: { summary: `Set ${cookie.name} with SameSite=Lax (or Strict); SameSite=None needs Secure.`, references: refs },
      });
    } else if (!cookie.sameSite) {
      worsen('cookies-without-samesite-flag', 0);
      findings.push({
        ...base,
        ruleId: 'headers/cookie-without-samesite',
        severity: 'low',
        title: `Cookie ${cookie.name} has no SameSite attribute`,
        message: `${cookie.name} does not say SameSite, so its cross-site behaviour depends on the browser's default.`,
        remediation: { summary: `Set ${cookie.name} with SameSite=Lax (or Strict).`, references: refs },
      });
    }
  }
  const passed = worst.modifier >= 0 && findings.every((f) => f.severity === 'low');
  const description = findings.length === 0 ? `${cookies.length} cookie(s), all Secure, HttpOnly where it matters, with SameSite.` : `${findings.length} problem(s) with ${cookies.length} cookie(s).`;
  return { outcome: outcome('cookies', worst.result, passed, worst.modifier, description), findings };
}

/** CORS: a reflected arbitrary Origin, or `*`, together with Access-Control-Allow-Credentials: true. */
export function checkCors(response: ProbeResponse, probeOrigin: string): TestResult {
  const refs = [`${MDN}Access-Control-Allow-Origin`, OBSERVATORY];
  const allowOrigin = response.headers['access-control-allow-origin']?.trim();
  const credentials = response.headers['access-control-allow-credentials']?.trim().toLowerCase() === 'true';
  if (allowOrigin === probeOrigin && credentials) {
    return {
      outcome: outcome('cross-origin-resource-sharing', 'cross-origin-resource-sharing-implemented-with-universal-access', false, -50, 'Any origin is reflected in Access-Control-Allow-Origin with credentials allowed.'),
      findings: [
        {
          ruleId: 'headers/cors-reflected-origin-with-credentials',
          severity: 'high',
          title: 'CORS trusts every origin, with credentials',
          message: `A request from ${probeOrigin} was answered with that origin in Access-Control-Allow-Origin and Access-Control-Allow-Credentials: true: any website can read this site's responses with the user's cookies.`,
          evidence: `Access-Control-Allow-Origin: ${allowOrigin}; Access-Control-Allow-Credentials: true`,
          remediation: { summary: 'Answer only an explicit allow-list of origins, and allow credentials only for those.', references: refs },
        },
      ],
    };
  }
  if (allowOrigin === '*' && credentials) {
    return {
      outcome: outcome('cross-origin-resource-sharing', 'cross-origin-resource-sharing-implemented-with-universal-access', false, -50, 'Access-Control-Allow-Origin: * is combined with credentials.'),
      findings: [
        {
          ruleId: 'headers/cors-wildcard-with-credentials',
          severity: 'medium',
          title: 'CORS allows every origin and credentials',
          message: 'Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: true. Browsers refuse that combination today, but it shows the intent to share credentialed responses with any site; one change to reflect the Origin makes it exploitable.',
          evidence: 'Access-Control-Allow-Origin: *; Access-Control-Allow-Credentials: true',
          remediation: { summary: 'Drop Access-Control-Allow-Credentials, or answer only an explicit allow-list of origins.', references: refs },
        },
      ],
    };
  }
  const description = allowOrigin === undefined ? 'No CORS headers for a foreign origin.' : allowOrigin === '*' ? 'Public CORS (*) without credentials.' : `CORS answers ${allowOrigin === probeOrigin ? 'the foreign origin, without credentials' : 'a fixed origin'}.`;
  return { outcome: outcome('cross-origin-resource-sharing', 'cross-origin-resource-sharing-not-implemented-or-restricted', true, 0, description), findings: [] };
}

/** Version numbers in Server, X-Powered-By, X-AspNet-Version and X-AspNetMvc-Version. */
export function checkVersionDisclosure(response: ProbeResponse): TestResult {
  const findings: RawFinding[] = [];
  for (const header of ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version']) {
    const value = response.headers[header];
    if (value === undefined || !/\d+\.\d+/.test(value)) continue;
    const name = header.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`).replace('Aspnet', 'AspNet').replace('Aspnetmvc', 'AspNetMvc');
    findings.push({
      ruleId: 'headers/version-disclosure',
      severity: 'low',
      key: header,
      title: `${name} reveals a version`,
      message: `${name}: ${truncate(value, 80)} tells an attacker exactly which software version to look up exploits for.`,
      evidence: `${name}: ${truncate(value, 80)}`,
      remediation: {
        summary: header === 'server' ? 'Hide the version (nginx: `server_tokens off;`, Apache: `ServerTokens Prod`).' : `Remove the ${name} header (PHP: expose_php = Off; Express: app.disable('x-powered-by')).`,
        references: ['https://owasp.org/www-project-secure-headers/'],
      },
    });
  }
  return {
    outcome: outcome('version-disclosure', findings.length ? 'version-disclosed' : 'version-not-disclosed', findings.length === 0, Math.max(-10, -5 * findings.length), findings.length ? `Versions disclosed in ${findings.map((f) => f.key).join(', ')}.` : 'No software versions in response headers.'),
    findings,
  };
}
