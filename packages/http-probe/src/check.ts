import { lookupJsonPath } from './json-path.ts';
import { probe, ProbeError, type ProbeErrorCode, type ProbeRequest, type ProbeResponse, type TlsInfo } from './probe.ts';
import { isSensitiveHeader, REDACTED, redactHeaders, redactUrl, truncate, type Redactor } from './redact.ts';
import { waitUntil, type WaitOptions } from './wait.ts';

/** One status, a list of accepted statuses, or an inclusive range. */
export type StatusExpectation = number | readonly number[] | { min: number; max: number };

/** Conditions on one value; every condition given must hold. */
export interface ValueConditions {
  equals?: unknown;
  oneOf?: readonly unknown[];
  /** Tested against the value as text (strings as they are, anything else as JSON). */
  matches?: RegExp;
  /** true: the path must be there (any value, null included); false: it must not. */
  exists?: boolean;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/** An assertion on the JSON body at a path such as `status`, `checks.db.status` or `items[0].id`. */
export interface JsonExpectation extends ValueConditions {
  path: string;
  /** When the body is not JSON, skip this assertion instead of failing it (the health preset uses it). */
  onlyIfJson?: boolean;
}

/** An assertion on one response header (name case-insensitive). */
export interface HeaderExpectation {
  name: string;
  /** true: must be present; false: must be absent. */
  present?: boolean;
  equals?: string;
  matches?: RegExp;
  notMatches?: RegExp;
}

/** Assertions on the body text. */
export interface BodyExpectation {
  contains?: readonly string[];
  notContains?: readonly string[];
  matches?: RegExp;
  notMatches?: RegExp;
}

/** Where a 3xx must point (the Location header, resolved against the request URL). */
export interface RedirectExpectation {
  /** The exact absolute URL (a relative one is resolved against the request URL first). */
  location?: string;
  startsWith?: string;
  matches?: RegExp;
}

/** An assertion the model does not cover; `evaluate` says whether it holds and what was seen. */
export interface CustomExpectation {
  kind?: string;
  /** What is expected, phrased like the built-in ones: `X-Frame-Options or CSP frame-ancestors`. */
  expected: string;
  evaluate(response: ProbeResponse): { passed: boolean; actual: string };
}

/** Everything a response must satisfy; every expectation given is checked and reported. */
export interface Expectations {
  status?: StatusExpectation;
  json?: readonly JsonExpectation[];
  headers?: readonly HeaderExpectation[];
  body?: BodyExpectation;
  redirect?: RedirectExpectation;
  /** The probe's latency (all hops) must not exceed this. */
  maxLatencyMs?: number;
  /** The https certificate must be valid for at least this many more days. */
  tlsDaysLeft?: number;
  custom?: readonly CustomExpectation[];
}

/** A named request and what its response must satisfy. */
export interface Check {
  name: string;
  request: ProbeRequest;
  expect: Expectations;
}

/** What kind of expectation a result is about. */
export type ExpectationKind = 'request' | 'status' | 'json' | 'header' | 'body' | 'redirect' | 'latency' | 'tls' | 'custom' | (string & {});

/** One expectation checked: what was expected, what was seen (redacted, truncated), and whether it held. */
export interface ExpectationResult {
  kind: ExpectationKind;
  expected: string;
  actual: string;
  passed: boolean;
  /** Set when the expectation did not apply (`onlyIfJson` on a non-JSON body). */
  skipped?: boolean;
}

/** A response trimmed for a report: redacted headers, a short body excerpt. */
export interface ResponseExcerpt {
  status: number;
  headers: Record<string, string>;
  body: string;
  location?: string;
}

/** The outcome of a check. Every string in it is redacted. */
export interface CheckResult {
  name: string;
  method: string;
  /** The URL requested, redacted. */
  url: string;
  passed: boolean;
  status?: number;
  latencyMs: number;
  /** Every expectation checked, in order. */
  expectations: ExpectationResult[];
  /** The ones that did not hold. */
  failures: ExpectationResult[];
  /** Set when no response arrived. */
  error?: { code: ProbeErrorCode; message: string };
  /** The response, redacted, for failed checks. */
  response?: ResponseExcerpt;
  tls?: TlsInfo;
  /** Redirects followed, as `status url -> location` (redacted). */
  redirects?: string[];
  /** 1 unless the check was retried (waitForCheck). */
  attempts: number;
}

/** Options for runCheck. */
export interface RunCheckOptions {
  /** Scrubs registered secrets from everything in the result. */
  redactor?: Redactor;
  /** Characters of body kept in a failed check's excerpt; default 500. */
  maxExcerpt?: number;
  /** Overrides the request's timeout (waitForCheck uses it to stay within its deadline). */
  timeoutMs?: number;
}

const identity: Redactor = { redact: (t) => t };

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** How a status expectation reads: `200`, `one of 200, 204`, `200-299`. */
export function describeStatus(expected: StatusExpectation): string {
  if (typeof expected === 'number') return String(expected);
  if ('min' in expected) return `${expected.min}-${expected.max}`;
  const list = expected as readonly number[];
  return list.length === 1 ? String(list[0]) : `one of ${list.join(', ')}`;
}

/** True when `status` satisfies the expectation. */
export function statusMatches(expected: StatusExpectation, status: number): boolean {
  if (typeof expected === 'number') return status === expected;
  if ('min' in expected) return status >= expected.min && status <= expected.max;
  return (expected as readonly number[]).includes(status);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}

const NUMERIC: readonly ['gt' | 'gte' | 'lt' | 'lte', string, (a: number, b: number) => boolean][] = [
  ['gt', '>', (a, b) => a > b],
  ['gte', '>=', (a, b) => a >= b],
  ['lt', '<', (a, b) => a < b],
  ['lte', '<=', (a, b) => a <= b],
];

/** Checks a value against conditions; one result per condition, labelled with `subject`. */
function valueResults(subject: string, kind: ExpectationKind, lookup: { found: boolean; value?: unknown }, c: ValueConditions, clip: (s: string) => string): ExpectationResult[] {
  const results: ExpectationResult[] = [];
  const actual = lookup.found ? clip(show(lookup.value)) : 'missing';
  if (c.exists !== undefined) {
    results.push({ kind, expected: `${subject} ${c.exists ? 'exists' : 'does not exist'}`, actual, passed: lookup.found === c.exists });
  }
  if (c.equals !== undefined) {
    results.push({ kind, expected: `${subject} equals ${clip(show(c.equals))}`, actual, passed: lookup.found && deepEqual(lookup.value, c.equals) });
  }
  if (c.oneOf !== undefined) {
    results.push({ kind, expected: `${subject} is one of ${clip(c.oneOf.map(show).join(', '))}`, actual, passed: lookup.found && c.oneOf.some((v) => deepEqual(lookup.value, v)) });
  }
  if (c.matches !== undefined) {
    const re = c.matches;
    results.push({ kind, expected: `${subject} matches ${String(re)}`, actual, passed: lookup.found && lookup.value !== null && new RegExp(re.source, re.flags.replace('g', '')).test(asText(lookup.value)) });
  }
  for (const [key, op, test] of NUMERIC) {
    const bound = c[key];
    if (bound === undefined) continue;
    const numeric = typeof lookup.value === 'number' ? lookup.value : typeof lookup.value === 'string' && lookup.value.trim() !== '' ? Number(lookup.value) : Number.NaN;
    const passed = lookup.found && Number.isFinite(numeric) && test(numeric, bound);
    results.push({ kind, expected: `${subject} ${op} ${bound}`, actual: lookup.found && !Number.isFinite(numeric) ? `${actual} (not a number)` : actual, passed });
  }
  return results;
}

function testRe(re: RegExp, text: string): boolean {
  return new RegExp(re.source, re.flags.replace('g', '')).test(text);
}

/** Checks a response against expectations; returns one result per expectation, redacted and truncated. */
export function evaluateExpectations(response: ProbeResponse, expect: Expectations, options: RunCheckOptions = {}): ExpectationResult[] {
  const redactor = options.redactor ?? identity;
  const clip = (s: string) => truncate(redactor.redact(s), 200);
  const results: ExpectationResult[] = [];

  if (expect.status !== undefined) {
    results.push({ kind: 'status', expected: `status ${describeStatus(expect.status)}`, actual: String(response.status), passed: statusMatches(expect.status, response.status) });
  }

  if (expect.json && expect.json.length > 0) {
    let parsed: { ok: true; value: unknown } | { ok: false };
    try {
      parsed = { ok: true, value: JSON.parse(response.body) as unknown };
    } catch {
      parsed = { ok: false };
    }
    for (const assertion of expect.json) {
      const subject = `json ${assertion.path}`;
      if (!parsed.ok) {
        const excerpt = response.bodyTruncated ? 'body was cut at the size cap' : `body is not JSON: ${clip(show(response.body.slice(0, 120)))}`;
        if (assertion.onlyIfJson) results.push({ kind: 'json', expected: `${subject} (only checked when the body is JSON)`, actual: excerpt, passed: true, skipped: true });
        else results.push({ kind: 'json', expected: `${subject} can be read`, actual: excerpt, passed: false });
        continue;
      }
      const lookup = lookupJsonPath(parsed.value, assertion.path);
      const conditions = valueResults(subject, 'json', lookup, assertion, clip);
      // A bare path asserts that it exists.
      results.push(...(conditions.length > 0 ? conditions : valueResults(subject, 'json', lookup, { exists: true }, clip)));
    }
  }

  for (const h of expect.headers ?? []) {
    const name = h.name.toLowerCase();
    const value = response.headers[name];
    const subject = `header ${name}`;
    const shown = value === undefined ? 'absent' : isSensitiveHeader(name) ? `present (${REDACTED})` : clip(show(value));
    if (h.present !== undefined) results.push({ kind: 'header', expected: `${subject} is ${h.present ? 'present' : 'absent'}`, actual: shown, passed: (value !== undefined) === h.present });
    if (h.equals !== undefined) results.push({ kind: 'header', expected: `${subject} equals ${isSensitiveHeader(name) ? REDACTED : clip(show(h.equals))}`, actual: shown, passed: value?.trim() === h.equals });
    if (h.matches !== undefined) results.push({ kind: 'header', expected: `${subject} matches ${String(h.matches)}`, actual: shown, passed: value !== undefined && testRe(h.matches, value) });
    if (h.notMatches !== undefined) results.push({ kind: 'header', expected: `${subject} does not match ${String(h.notMatches)}`, actual: shown, passed: value === undefined || !testRe(h.notMatches, value) });
    if (h.present === undefined && h.equals === undefined && h.matches === undefined && h.notMatches === undefined) {
      results.push({ kind: 'header', expected: `${subject} is present`, actual: shown, passed: value !== undefined });
    }
  }

  if (expect.body) {
    const b = expect.body;
    const excerpt = () => clip(show(response.body.slice(0, 160)) + (response.body.length > 160 ? '…' : ''));
    for (const needle of b.contains ?? []) results.push({ kind: 'body', expected: `body contains ${clip(show(needle))}`, actual: response.body.includes(needle) ? 'found' : `not found in ${excerpt()}`, passed: response.body.includes(needle) });
    for (const needle of b.notContains ?? []) {
      const at = response.body.indexOf(needle);
      results.push({ kind: 'body', expected: `body does not contain ${clip(show(needle))}`, actual: at < 0 ? 'not found' : `found at character ${at}`, passed: at < 0 });
    }
    if (b.matches) results.push({ kind: 'body', expected: `body matches ${String(b.matches)}`, actual: testRe(b.matches, response.body) ? 'matched' : `no match in ${excerpt()}`, passed: testRe(b.matches, response.body) });
    if (b.notMatches) {
      const m = new RegExp(b.notMatches.source, b.notMatches.flags.replace('g', '')).exec(response.body);
      results.push({ kind: 'body', expected: `body does not match ${String(b.notMatches)}`, actual: m ? `matched ${clip(show(m[0]))}` : 'no match', passed: m === null });
    }
  }

  if (expect.redirect) {
    const r = expect.redirect;
    const location = response.location;
    const actual = location === undefined ? `no Location header (status ${response.status})` : clip(location);
    if (r.location !== undefined) {
      const want = URL.canParse(r.location, response.url) ? new URL(r.location, response.url).href : r.location;
      results.push({ kind: 'redirect', expected: `redirect to ${clip(want)}`, actual, passed: location === want });
    }
    if (r.startsWith !== undefined) results.push({ kind: 'redirect', expected: `redirect to a URL starting with ${clip(r.startsWith)}`, actual, passed: location?.startsWith(r.startsWith) ?? false });
    if (r.matches !== undefined) results.push({ kind: 'redirect', expected: `redirect to a URL matching ${String(r.matches)}`, actual, passed: location !== undefined && testRe(r.matches, location) });
    if (r.location === undefined && r.startsWith === undefined && r.matches === undefined) {
      results.push({ kind: 'redirect', expected: 'a redirect with a Location header', actual, passed: location !== undefined && response.status >= 300 && response.status < 400 });
    }
  }

  if (expect.maxLatencyMs !== undefined) {
    results.push({ kind: 'latency', expected: `latency <= ${formatMs(expect.maxLatencyMs)}`, actual: formatMs(response.latencyMs), passed: response.latencyMs <= expect.maxLatencyMs });
  }

  if (expect.tlsDaysLeft !== undefined) results.push(tlsResult(expect.tlsDaysLeft, response.tls, response.url));

  for (const custom of expect.custom ?? []) {
    let outcome: { passed: boolean; actual: string };
    try {
      outcome = custom.evaluate(response);
    } catch (error) {
      outcome = { passed: false, actual: `could not be evaluated: ${error instanceof Error ? error.message : String(error)}` };
    }
    results.push({ kind: custom.kind ?? 'custom', expected: clip(custom.expected), actual: clip(outcome.actual), passed: outcome.passed });
  }
  return results;
}

function tlsResult(minDays: number, tls: TlsInfo | undefined, url: string): ExpectationResult {
  const expected = `TLS certificate valid for >= ${minDays} more days`;
  if (!url.startsWith('https:')) return { kind: 'tls', expected, actual: 'not an https URL', passed: false };
  if (!tls) return { kind: 'tls', expected, actual: 'no certificate was seen', passed: false };
  const date = tls.validTo.slice(0, 10);
  const actual = tls.daysLeft < 0 ? `expired ${-tls.daysLeft} days ago (${date})` : `${tls.daysLeft} days left (expires ${date})`;
  return { kind: 'tls', expected, actual, passed: tls.daysLeft >= minDays };
}

function requestFailure(error: ProbeError, timeoutMs: number, redactor: Redactor): ExpectationResult {
  const actual = error.code === 'timeout' ? `no complete response within ${formatMs(timeoutMs)}` : `${error.code}: ${error.message}`;
  return { kind: 'request', expected: 'an HTTP response', actual: truncate(redactor.redact(actual), 300), passed: false };
}

/** Runs one check: makes its request and evaluates every expectation. Never throws for network trouble: that is a failed check. */
export async function runCheck(check: Check, options: RunCheckOptions = {}): Promise<CheckResult> {
  const redactor = options.redactor ?? identity;
  const request = options.timeoutMs !== undefined ? { ...check.request, timeoutMs: options.timeoutMs } : check.request;
  const method = (request.method ?? 'GET').toUpperCase();
  const url = redactUrl(request.url, redactor);
  const timeoutMs = request.timeoutMs ?? 10_000;
  let response: ProbeResponse;
  try {
    response = await probe(request);
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    const failures = [requestFailure(error, timeoutMs, redactor)];
    // An expired or untrusted certificate still says how many days it had left.
    if (check.expect.tlsDaysLeft !== undefined && error.tls) failures.push(tlsResult(check.expect.tlsDaysLeft, error.tls, String(request.url)));
    const result: CheckResult = {
      name: check.name,
      method,
      url,
      passed: false,
      latencyMs: error.elapsedMs,
      expectations: failures,
      failures,
      error: { code: error.code, message: truncate(redactor.redact(error.message), 300) },
      attempts: 1,
    };
    if (error.tls) result.tls = error.tls;
    return result;
  }
  const expectations = evaluateExpectations(response, check.expect, options);
  const failures = expectations.filter((e) => !e.passed);
  const result: CheckResult = {
    name: check.name,
    method,
    url,
    passed: failures.length === 0,
    status: response.status,
    latencyMs: response.latencyMs,
    expectations,
    failures,
    attempts: 1,
  };
  if (response.tls) result.tls = response.tls;
  if (response.redirects.length > 0) result.redirects = response.redirects.map((r) => `${r.status} ${redactUrl(r.url, redactor)} -> ${redactUrl(r.location, redactor)}`);
  if (failures.length > 0) result.response = excerptOf(response, redactor, options.maxExcerpt ?? 500);
  return result;
}

/** A response cut down for a report: credential headers and registered secrets redacted, body truncated. */
export function excerptOf(response: ProbeResponse, redactor: Redactor = identity, maxBody = 500): ResponseExcerpt {
  const excerpt: ResponseExcerpt = {
    status: response.status,
    headers: redactHeaders(response.headers, redactor),
    body: truncate(redactor.redact(response.body), maxBody),
  };
  if (response.location !== undefined) excerpt.location = redactUrl(response.location, redactor);
  return excerpt;
}

/** Options for waitForCheck: the wait's deadline and backoff, plus runCheck's options. */
export interface WaitForCheckOptions extends Omit<WaitOptions, 'onRetry'>, Omit<RunCheckOptions, 'timeoutMs'> {
  /** Called after each failed attempt with its result and the pause before the next. */
  onRetry?(info: { attempt: number; result: CheckResult; delayMs: number; elapsedMs: number }): void;
}

/** The last attempt's result, with the wait's bookkeeping. */
export interface WaitForCheckResult extends CheckResult {
  /** Attempts after the first; `passed && retries > 0` means "passed after N retries". */
  retries: number;
  waitedMs: number;
}

/**
 * Runs a check until it passes or the deadline passes, with exponential backoff. Each attempt's
 * timeout is capped by the time left, so the wait ends close to its deadline.
 */
export async function waitForCheck(check: Check, options: WaitForCheckOptions): Promise<WaitForCheckResult> {
  const requestTimeout = check.request.timeoutMs ?? 10_000;
  const { onRetry, ...waitOptions } = options;
  const outcome = await waitUntil(
    ({ remainingMs }) => runCheck(check, { ...options, timeoutMs: options.deadlineMs > 0 ? Math.min(requestTimeout, remainingMs) : requestTimeout }),
    (result) => result.passed,
    { ...waitOptions, ...(onRetry ? { onRetry: (i) => onRetry({ attempt: i.attempt, result: i.value as CheckResult, delayMs: i.delayMs, elapsedMs: i.elapsedMs }) } : {}) },
  );
  return { ...outcome.value, attempts: outcome.attempts, retries: outcome.retries, waitedMs: outcome.elapsedMs };
}
