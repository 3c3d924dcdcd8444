export const id = 450;
export const ids = [450];
export const modules = {

/***/ 7450:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  auditWebSecurity: () => (/* reexport */ auditWebSecurity)
});

// UNUSED EXPORTS: CORS_PROBE_ORIGIN, analyzeCsp, checkCookies, checkCors, checkCsp, checkExposedFiles, checkFraming, checkHsts, checkNosniff, checkPermissionsPolicy, checkReferrerPolicy, checkVersionDisclosure, dotenvKeys, effectiveSources, gradeFor, isGitConfig, parseCsp, scoreOutcomes, scriptUrls, sourceMapSources

// EXTERNAL MODULE: ./packages/action-kit/src/index.ts + 15 modules
var src = __webpack_require__(9123);
// EXTERNAL MODULE: ./node_modules/.pnpm/undici@8.12.4/node_modules/undici/index.js
var undici = __webpack_require__(6226);
;// CONCATENATED MODULE: ./packages/http-probe/src/probe.ts

/** A probe that got no HTTP response: the code says why, `tls` carries the certificate when the handshake got that far. */
class probe_ProbeError extends Error {
    name = 'ProbeError';
    code;
    url;
    elapsedMs;
    tls;
    constructor(code, message, details) {
        super(message, { cause: details.cause });
        this.code = code;
        this.url = details.url;
        this.elapsedMs = details.elapsedMs;
        this.tls = details.tls;
    }
}
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY = 1024 * 1024;
const DAY_MS = 86_400_000;
/** Reads the peer certificate of a connected TLS socket. */
function tlsInfo(socket) {
    const cert = socket.getPeerCertificate();
    if (!cert || !cert.valid_to)
        return undefined;
    const validTo = new Date(cert.valid_to);
    const info = {
        protocol: socket.getProtocol(),
        authorized: socket.authorized,
        validFrom: new Date(cert.valid_from).toISOString(),
        validTo: validTo.toISOString(),
        daysLeft: Math.floor((validTo.getTime() - Date.now()) / DAY_MS),
    };
    if (!socket.authorized && socket.authorizationError)
        info.authorizationError = String(socket.authorizationError);
    if (cert.subject?.CN)
        info.subject = String(cert.subject.CN);
    if (cert.issuer?.CN)
        info.issuer = String(cert.issuer.CN);
    if (cert.fingerprint256)
        info.fingerprint256 = cert.fingerprint256;
    return info;
}
/** Raised inside the connector when the certificate is not acceptable; carries what was seen. */
class TlsRejected extends Error {
    tls;
    constructor(message, tls) {
        super(message);
        this.tls = tls;
    }
}
// Each probe gets its own agent whose connector records phase times and the certificate, so every
// probe measures a cold connection (as curl does) and an https probe always sees the certificate.
function createProbeAgent(options, connectTimeoutMs, connections) {
    const verify = options.rejectUnauthorized !== false;
    const base = (0,undici/* buildConnector */.gU)({
        allowH2: false,
        maxCachedSessions: 0,
        timeout: connectTimeoutMs,
        // Verification is done below, after the certificate has been read, so a rejected one can still be reported.
        rejectUnauthorized: false,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.servername ? { servername: options.servername } : {}),
    });
    const connect = (opts, callback) => {
        const record = { startedAt: performance.now() };
        connections.push(record);
        const socket = base(opts, (error, sock) => {
            if (error || !sock)
                return callback(error ?? new Error('connect failed'), null);
            record.remoteAddress = sock.remoteAddress;
            if (opts.protocol === 'https:') {
                const tls = sock;
                record.secureAt = performance.now();
                record.tls = tlsInfo(tls);
                if (verify && !tls.authorized) {
                    tls.destroy();
                    return callback(new TlsRejected(`TLS certificate rejected: ${String(tls.authorizationError ?? 'not trusted')}`, record.tls), null);
                }
            }
            callback(null, sock);
        });
        socket.once('lookup', () => (record.lookupAt = performance.now()));
        socket.once('connect', () => (record.connectAt = performance.now()));
    };
    return new undici/* Agent */.g6({ connect, pipelining: 1, keepAliveTimeout: 5_000, connections: 1 });
}
function errorCode(error) {
    const e = error;
    if (typeof e?.code === 'string')
        return e.code;
    if (typeof e?.cause?.code === 'string')
        return e.cause.code;
    return undefined;
}
function classify(error, url, elapsedMs, timedOut, aborted, timeoutMs) {
    if (error instanceof probe_ProbeError)
        return error;
    const details = { url, elapsedMs, cause: error };
    if (timedOut)
        return new probe_ProbeError('timeout', `no complete response within ${timeoutMs}ms`, details);
    if (aborted)
        return new probe_ProbeError('aborted', 'the probe was cancelled', details);
    if (error instanceof TlsRejected)
        return new probe_ProbeError('tls', error.message, { ...details, tls: error.tls });
    const code = errorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    switch (code) {
        case 'ENOTFOUND':
        case 'EAI_AGAIN':
        case 'EAI_NONAME':
            return new probe_ProbeError('dns', `cannot resolve the host name (${code})`, details);
        case 'ECONNREFUSED':
            return new probe_ProbeError('refused', 'connection refused', details);
        case 'ECONNRESET':
        case 'EPIPE':
        case 'UND_ERR_SOCKET':
            return new probe_ProbeError('reset', `the connection was closed before a complete response (${message})`, details);
        case 'UND_ERR_CONNECT_TIMEOUT':
        case 'ETIMEDOUT':
            return new probe_ProbeError('timeout', `connect timed out after ${timeoutMs}ms`, details);
    }
    if (code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL') || /SSL|TLS|certificate/i.test(message)) {
        return new probe_ProbeError('tls', `TLS handshake failed: ${message}`, details);
    }
    return new probe_ProbeError('network', message, details);
}
function flattenHeaders(raw) {
    const headers = {};
    let setCookies = [];
    for (const [name, value] of Object.entries(raw)) {
        if (value === undefined)
            continue;
        const lower = name.toLowerCase();
        if (lower === 'set-cookie')
            setCookies = Array.isArray(value) ? value : [value];
        headers[lower] = Array.isArray(value) ? value.join(', ') : value;
    }
    return { headers, setCookies };
}
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
/**
 * Makes one HTTP request (following redirects when asked) over fresh connections and returns the
 * response with its timing and TLS certificate. Throws ProbeError when no response arrives.
 */
async function probe_probe(req) {
    const started = performance.now();
    const timeoutMs = Math.max(1, Math.ceil(req.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    const maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
    const maxRedirects = req.maxRedirects ?? 10;
    let url;
    try {
        url = new URL(req.url);
    }
    catch (error) {
        throw new probe_ProbeError('invalid-url', `not an absolute URL: ${String(req.url)}`, { url: String(req.url), elapsedMs: 0, cause: error });
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new probe_ProbeError('invalid-url', `only http and https URLs can be probed, not ${url.protocol}`, { url: url.href, elapsedMs: 0 });
    }
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeoutSignal, req.signal]) : timeoutSignal;
    const connections = [];
    const agent = createProbeAgent(req.tls ?? {}, timeoutMs, connections);
    let method = (req.method ?? 'GET').toUpperCase();
    let body = req.body;
    let headers = { 'user-agent': 'deploysafe-http-probe', ...req.headers };
    // Credentials in the URL become Basic auth, as curl does (undici would silently drop them).
    if (url.username || url.password) {
        if (!Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
            const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
            headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
        }
        url = new URL(url.href);
        url.username = '';
        url.password = '';
    }
    const redirects = [];
    try {
        for (;;) {
            const hopStart = performance.now();
            const seenConnections = connections.length;
            const res = await (0,undici/* request */.Em)(url, { dispatcher: agent, method, headers, body: body ?? null, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
            const firstByteAt = performance.now();
            const { headers: flat, setCookies } = flattenHeaders(res.headers);
            const chunks = [];
            let kept = 0;
            let received = 0;
            let truncated = false;
            for await (const chunk of res.body) {
                received += chunk.length;
                if (kept + chunk.length > maxBody) {
                    chunks.push(chunk.subarray(0, maxBody - kept));
                    kept = maxBody;
                    truncated = true;
                    res.body.destroy();
                    break;
                }
                chunks.push(chunk);
                kept += chunk.length;
            }
            const doneAt = performance.now();
            const connection = connections.length > seenConnections ? connections.at(-1) : undefined;
            const timing = { firstByteMs: firstByteAt - hopStart, totalMs: doneAt - hopStart };
            if (connection) {
                if (connection.lookupAt !== undefined)
                    timing.dnsMs = connection.lookupAt - hopStart;
                if (connection.connectAt !== undefined)
                    timing.connectMs = connection.connectAt - hopStart;
                if (connection.secureAt !== undefined)
                    timing.tlsMs = connection.secureAt - hopStart;
            }
            const tlsConnection = url.protocol === 'https:' ? [...connections].reverse().find((c) => c.tls) : undefined;
            const rawLocation = flat.location;
            const location = rawLocation !== undefined && URL.canParse(rawLocation, url.href) ? new URL(rawLocation, url).href : rawLocation;
            if (req.followRedirects && REDIRECT_STATUSES.has(res.statusCode) && location !== undefined && URL.canParse(location)) {
                redirects.push({ url: url.href, status: res.statusCode, location, latencyMs: doneAt - hopStart });
                if (redirects.length > maxRedirects) {
                    throw new probe_ProbeError('too-many-redirects', `more than ${maxRedirects} redirects (last to ${location})`, { url: req.url.toString(), elapsedMs: doneAt - started });
                }
                const next = new URL(location);
                if (next.protocol !== 'http:' && next.protocol !== 'https:') {
                    throw new probe_ProbeError('invalid-url', `redirected to a non-HTTP URL: ${next.protocol}`, { url: url.href, elapsedMs: doneAt - started });
                }
                // Browsers turn a redirected POST into a GET for 301/302/303; 307/308 keep method and body.
                if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
                    if (method !== 'HEAD')
                        method = 'GET';
                    body = undefined;
                    headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
                }
                // Credentials never travel to another origin.
                if (next.origin !== url.origin)
                    headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase())));
                url = next;
                continue;
            }
            const response = {
                url: url.href,
                method,
                status: res.statusCode,
                headers: flat,
                setCookies,
                body: Buffer.concat(chunks).toString('utf8'),
                bodyBytes: received,
                bodyTruncated: truncated,
                redirects,
                timing,
                latencyMs: doneAt - started,
            };
            if (location !== undefined)
                response.location = location;
            if (tlsConnection?.tls)
                response.tls = tlsConnection.tls;
            const remote = connection?.remoteAddress ?? connections.at(-1)?.remoteAddress;
            if (remote)
                response.remoteAddress = remote;
            return response;
        }
    }
    catch (error) {
        throw classify(error, url.href, performance.now() - started, timeoutSignal.aborted, req.signal?.aborted ?? false, timeoutMs);
    }
    finally {
        agent.destroy().catch(() => { });
    }
}

;// CONCATENATED MODULE: ./packages/http-probe/src/redact.ts
/** Header names whose values are credentials and are never shown, whatever else is registered. */
const SENSITIVE_HEADERS = new Set([
    'authorization',
    'proxy-authorization',
    'cookie',
    'set-cookie',
    'x-api-key',
    'api-key',
    'x-auth-token',
    'x-access-token',
    'x-csrf-token',
    'x-xsrf-token',
]);
/** Query parameters whose values are treated as credentials in reported URLs. */
const SENSITIVE_QUERY = /^(access[_-]?token|token|api[_-]?key|key|secret|password|passwd|pwd|signature|sig|auth|code|client[_-]?secret|session|x-amz-signature|x-amz-credential)$/i;
/** What replaces a credential in anything reported. */
const redact_REDACTED = '[redacted]';
/** True when a header's value is a credential (Authorization, cookies, API keys). */
function redact_isSensitiveHeader(name) {
    return SENSITIVE_HEADERS.has(name.toLowerCase());
}
/** Cuts text to `max` characters, saying how much was left out. */
function redact_truncate(text, max) {
    if (text.length <= max)
        return text;
    return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
const identity = { redact: (t) => t };
/** Redacts credential headers entirely and registered secrets inside the others; values are truncated to `maxValue`. */
function redact_redactHeaders(headers, redactor = identity, maxValue = 200) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        out[name] = redact_isSensitiveHeader(name) ? redact_REDACTED : redact_truncate(redactor.redact(value), maxValue);
    }
    return out;
}
/** A URL safe to print: no password, credential-like query values replaced, registered secrets redacted. */
function redact_redactUrl(url, redactor = identity) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return redactor.redact(String(url));
    }
    if (parsed.password)
        parsed.password = redact_REDACTED;
    for (const key of [...parsed.searchParams.keys()]) {
        if (SENSITIVE_QUERY.test(key))
            parsed.searchParams.set(key, redact_REDACTED);
    }
    return redactor.redact(parsed.href.replaceAll(encodeURIComponent(redact_REDACTED), redact_REDACTED).replaceAll('%5Bredacted%5D', redact_REDACTED));
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./packages/http-probe/src/wait.ts

const MIN_ATTEMPT_MS = 1_000;
/**
 * Calls `attempt` until `isDone(value)` or the deadline passes, pausing with exponential backoff
 * between attempts. A pause never runs past the deadline; the last attempt is given at least 1 s,
 * so the whole wait ends within the deadline plus that second (if attempts honour `remainingMs`).
 */
async function wait_waitUntil(attempt, isDone, options) {
    const started = performance.now();
    const factor = options.factor ?? 2;
    const maxDelay = options.maxDelayMs ?? 5_000;
    const jitter = Math.min(1, Math.max(0, options.jitter ?? 0));
    let delay = options.initialDelayMs ?? 500;
    for (let n = 1;; n++) {
        const elapsed = performance.now() - started;
        const value = await attempt({ attempt: n, remainingMs: Math.max(MIN_ATTEMPT_MS, options.deadlineMs - elapsed) });
        const now = performance.now() - started;
        if (isDone(value))
            return { value, done: true, attempts: n, retries: n - 1, elapsedMs: now };
        const remaining = options.deadlineMs - now;
        if (remaining <= 0 || options.signal?.aborted)
            return { value, done: false, attempts: n, retries: n - 1, elapsedMs: now };
        const spread = jitter > 0 ? 1 + (Math.random() * 2 - 1) * jitter : 1;
        const pause = Math.min(remaining, delay * spread);
        options.onRetry?.({ attempt: n, value, delayMs: pause, elapsedMs: now });
        try {
            await sleep(pause, undefined, options.signal ? { signal: options.signal } : undefined);
        }
        catch {
            return { value, done: false, attempts: n, retries: n - 1, elapsedMs: performance.now() - started };
        }
        delay = Math.min(maxDelay, delay * factor);
    }
}

;// CONCATENATED MODULE: ./packages/http-probe/src/check.ts




const check_identity = { redact: (t) => t };
function show(value) {
    if (value === undefined)
        return 'undefined';
    if (typeof value === 'string')
        return JSON.stringify(value);
    return JSON.stringify(value) ?? String(value);
}
function asText(value) {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}
function deepEqual(a, b) {
    if (Object.is(a, b))
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a)) {
        const bb = b;
        return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}
/** How a status expectation reads: `200`, `one of 200, 204`, `200-299`. */
function describeStatus(expected) {
    if (typeof expected === 'number')
        return String(expected);
    if ('min' in expected)
        return `${expected.min}-${expected.max}`;
    const list = expected;
    return list.length === 1 ? String(list[0]) : `one of ${list.join(', ')}`;
}
/** True when `status` satisfies the expectation. */
function statusMatches(expected, status) {
    if (typeof expected === 'number')
        return status === expected;
    if ('min' in expected)
        return status >= expected.min && status <= expected.max;
    return expected.includes(status);
}
function formatMs(ms) {
    return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(2)}s`;
}
const NUMERIC = [
    ['gt', '>', (a, b) => a > b],
    ['gte', '>=', (a, b) => a >= b],
    ['lt', '<', (a, b) => a < b],
    ['lte', '<=', (a, b) => a <= b],
];
/** Checks a value against conditions; one result per condition, labelled with `subject`. */
function valueResults(subject, kind, lookup, c, clip) {
    const results = [];
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
        if (bound === undefined)
            continue;
        const numeric = typeof lookup.value === 'number' ? lookup.value : typeof lookup.value === 'string' && lookup.value.trim() !== '' ? Number(lookup.value) : Number.NaN;
        const passed = lookup.found && Number.isFinite(numeric) && test(numeric, bound);
        results.push({ kind, expected: `${subject} ${op} ${bound}`, actual: lookup.found && !Number.isFinite(numeric) ? `${actual} (not a number)` : actual, passed });
    }
    return results;
}
function testRe(re, text) {
    return new RegExp(re.source, re.flags.replace('g', '')).test(text);
}
/** Checks a response against expectations; returns one result per expectation, redacted and truncated. */
function evaluateExpectations(response, expect, options = {}) {
    const redactor = options.redactor ?? check_identity;
    const clip = (s) => truncate(redactor.redact(s), 200);
    const results = [];
    if (expect.status !== undefined) {
        results.push({ kind: 'status', expected: `status ${describeStatus(expect.status)}`, actual: String(response.status), passed: statusMatches(expect.status, response.status) });
    }
    if (expect.json && expect.json.length > 0) {
        let parsed;
        try {
            parsed = { ok: true, value: JSON.parse(response.body) };
        }
        catch {
            parsed = { ok: false };
        }
        for (const assertion of expect.json) {
            const subject = `json ${assertion.path}`;
            if (!parsed.ok) {
                const excerpt = response.bodyTruncated ? 'body was cut at the size cap' : `body is not JSON: ${clip(show(response.body.slice(0, 120)))}`;
                if (assertion.onlyIfJson)
                    results.push({ kind: 'json', expected: `${subject} (only checked when the body is JSON)`, actual: excerpt, passed: true, skipped: true });
                else
                    results.push({ kind: 'json', expected: `${subject} can be read`, actual: excerpt, passed: false });
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
        if (h.present !== undefined)
            results.push({ kind: 'header', expected: `${subject} is ${h.present ? 'present' : 'absent'}`, actual: shown, passed: (value !== undefined) === h.present });
        if (h.equals !== undefined)
            results.push({ kind: 'header', expected: `${subject} equals ${isSensitiveHeader(name) ? REDACTED : clip(show(h.equals))}`, actual: shown, passed: value?.trim() === h.equals });
        if (h.matches !== undefined)
            results.push({ kind: 'header', expected: `${subject} matches ${String(h.matches)}`, actual: shown, passed: value !== undefined && testRe(h.matches, value) });
        if (h.notMatches !== undefined)
            results.push({ kind: 'header', expected: `${subject} does not match ${String(h.notMatches)}`, actual: shown, passed: value === undefined || !testRe(h.notMatches, value) });
        if (h.present === undefined && h.equals === undefined && h.matches === undefined && h.notMatches === undefined) {
            results.push({ kind: 'header', expected: `${subject} is present`, actual: shown, passed: value !== undefined });
        }
    }
    if (expect.body) {
        const b = expect.body;
        const excerpt = () => clip(show(response.body.slice(0, 160)) + (response.body.length > 160 ? '…' : ''));
        for (const needle of b.contains ?? [])
            results.push({ kind: 'body', expected: `body contains ${clip(show(needle))}`, actual: response.body.includes(needle) ? 'found' : `not found in ${excerpt()}`, passed: response.body.includes(needle) });
        for (const needle of b.notContains ?? []) {
            const at = response.body.indexOf(needle);
            results.push({ kind: 'body', expected: `body does not contain ${clip(show(needle))}`, actual: at < 0 ? 'not found' : `found at character ${at}`, passed: at < 0 });
        }
        if (b.matches)
            results.push({ kind: 'body', expected: `body matches ${String(b.matches)}`, actual: testRe(b.matches, response.body) ? 'matched' : `no match in ${excerpt()}`, passed: testRe(b.matches, response.body) });
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
        if (r.startsWith !== undefined)
            results.push({ kind: 'redirect', expected: `redirect to a URL starting with ${clip(r.startsWith)}`, actual, passed: location?.startsWith(r.startsWith) ?? false });
        if (r.matches !== undefined)
            results.push({ kind: 'redirect', expected: `redirect to a URL matching ${String(r.matches)}`, actual, passed: location !== undefined && testRe(r.matches, location) });
        if (r.location === undefined && r.startsWith === undefined && r.matches === undefined) {
            results.push({ kind: 'redirect', expected: 'a redirect with a Location header', actual, passed: location !== undefined && response.status >= 300 && response.status < 400 });
        }
    }
    if (expect.maxLatencyMs !== undefined) {
        results.push({ kind: 'latency', expected: `latency <= ${formatMs(expect.maxLatencyMs)}`, actual: formatMs(response.latencyMs), passed: response.latencyMs <= expect.maxLatencyMs });
    }
    if (expect.tlsDaysLeft !== undefined)
        results.push(tlsResult(expect.tlsDaysLeft, response.tls, response.url));
    for (const custom of expect.custom ?? []) {
        let outcome;
        try {
            outcome = custom.evaluate(response);
        }
        catch (error) {
            outcome = { passed: false, actual: `could not be evaluated: ${error instanceof Error ? error.message : String(error)}` };
        }
        results.push({ kind: custom.kind ?? 'custom', expected: clip(custom.expected), actual: clip(outcome.actual), passed: outcome.passed });
    }
    return results;
}
function tlsResult(minDays, tls, url) {
    const expected = `TLS certificate valid for >= ${minDays} more days`;
    if (!url.startsWith('https:'))
        return { kind: 'tls', expected, actual: 'not an https URL', passed: false };
    if (!tls)
        return { kind: 'tls', expected, actual: 'no certificate was seen', passed: false };
    const date = tls.validTo.slice(0, 10);
    const actual = tls.daysLeft < 0 ? `expired ${-tls.daysLeft} days ago (${date})` : `${tls.daysLeft} days left (expires ${date})`;
    return { kind: 'tls', expected, actual, passed: tls.daysLeft >= minDays };
}
function requestFailure(error, timeoutMs, redactor) {
    const actual = error.code === 'timeout' ? `no complete response within ${formatMs(timeoutMs)}` : `${error.code}: ${error.message}`;
    return { kind: 'request', expected: 'an HTTP response', actual: truncate(redactor.redact(actual), 300), passed: false };
}
/** Runs one check: makes its request and evaluates every expectation. Never throws for network trouble: that is a failed check. */
async function runCheck(check, options = {}) {
    const redactor = options.redactor ?? check_identity;
    const request = options.timeoutMs !== undefined ? { ...check.request, timeoutMs: options.timeoutMs } : check.request;
    const method = (request.method ?? 'GET').toUpperCase();
    const url = redactUrl(request.url, redactor);
    const timeoutMs = request.timeoutMs ?? 10_000;
    let response;
    try {
        response = await probe(request);
    }
    catch (error) {
        if (!(error instanceof ProbeError))
            throw error;
        const failures = [requestFailure(error, timeoutMs, redactor)];
        // An expired or untrusted certificate still says how many days it had left.
        if (check.expect.tlsDaysLeft !== undefined && error.tls)
            failures.push(tlsResult(check.expect.tlsDaysLeft, error.tls, String(request.url)));
        const result = {
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
        if (error.tls)
            result.tls = error.tls;
        return result;
    }
    const expectations = evaluateExpectations(response, check.expect, options);
    const failures = expectations.filter((e) => !e.passed);
    const result = {
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
    if (response.tls)
        result.tls = response.tls;
    if (response.redirects.length > 0)
        result.redirects = response.redirects.map((r) => `${r.status} ${redactUrl(r.url, redactor)} -> ${redactUrl(r.location, redactor)}`);
    if (failures.length > 0)
        result.response = excerptOf(response, redactor, options.maxExcerpt ?? 500);
    return result;
}
/** A response cut down for a report: credential headers and registered secrets redacted, body truncated. */
function excerptOf(response, redactor = check_identity, maxBody = 500) {
    const excerpt = {
        status: response.status,
        headers: redactHeaders(response.headers, redactor),
        body: truncate(redactor.redact(response.body), maxBody),
    };
    if (response.location !== undefined)
        excerpt.location = redactUrl(response.location, redactor);
    return excerpt;
}
/**
 * Runs a check until it passes or the deadline passes, with exponential backoff. Each attempt's
 * timeout is capped by the time left, so the wait ends close to its deadline.
 */
async function waitForCheck(check, options) {
    const requestTimeout = check.request.timeoutMs ?? 10_000;
    const { onRetry, ...waitOptions } = options;
    const outcome = await waitUntil(({ remainingMs }) => runCheck(check, { ...options, timeoutMs: options.deadlineMs > 0 ? Math.min(requestTimeout, remainingMs) : requestTimeout }), (result) => result.passed, { ...waitOptions, ...(onRetry ? { onRetry: (i) => onRetry({ attempt: i.attempt, result: i.value, delayMs: i.delayMs, elapsedMs: i.elapsedMs }) } : {}) });
    return { ...outcome.value, attempts: outcome.attempts, retries: outcome.retries, waitedMs: outcome.elapsedMs };
}

;// CONCATENATED MODULE: ./packages/http-probe/src/cookies.ts

/** Parses the Set-Cookie headers of a response: name, value, Secure, HttpOnly, SameSite, Path, Domain, expiry. */
function responseCookies(response) {
    const headers = new undici.Headers();
    for (const line of response.setCookies)
        headers.append('set-cookie', line);
    return (0,undici/* getSetCookies */.yI)(headers);
}

;// CONCATENATED MODULE: ./packages/http-probe/src/index.ts









;// CONCATENATED MODULE: ./packages/web-audit/src/exposed-files.ts
const HTML = /^\s*(<!doctype html|<html|<head|<body|<script|<!--)/i;
function isHtml(response) {
    return (response.headers['content-type'] ?? '').includes('text/html') || HTML.test(response.body);
}
/** The variable names of a body that reads as a dotenv file (most meaningful lines are `NAME=value`), else undefined. */
function dotenvKeys(response) {
    if (response.status < 200 || response.status > 299 || isHtml(response))
        return undefined;
    const lines = response.body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    const keys = lines.map((l) => l.match(/^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/)?.[1]).filter((k) => k !== undefined);
    return keys.length > 0 && keys.length >= lines.length * 0.6 ? keys : undefined;
}
/** True when the body is a git config file (`[core]` with repositoryformatversion, or remote sections). */
function isGitConfig(response) {
    if (response.status < 200 || response.status > 299 || isHtml(response))
        return false;
    return /^\s*\[core\]/m.test(response.body) && (/repositoryformatversion\s*=/.test(response.body) || /^\s*\[(remote|branch) "/m.test(response.body));
}
/** The number of original sources when the body is a source map (version 3, `mappings`, `sources` or `sections`), else undefined. */
function sourceMapSources(response) {
    if (response.status < 200 || response.status > 299)
        return undefined;
    let map;
    try {
        map = JSON.parse(response.body.replace(/^\)\]\}'[^\n]*\n/, ''));
    }
    catch {
        return undefined;
    }
    const m = map;
    if (m === null || typeof m !== 'object' || m.version !== 3)
        return undefined;
    if (Array.isArray(m.sections))
        return { sources: m.sections.length, withContent: false };
    if (typeof m.mappings !== 'string' || !Array.isArray(m.sources))
        return undefined;
    return { sources: m.sources.length, withContent: Array.isArray(m.sourcesContent) && m.sourcesContent.some((c) => typeof c === 'string' && c.length > 0) };
}
/** Same-origin script URLs of an HTML page, in document order. */
function scriptUrls(page, limit) {
    if (!isHtml(page))
        return [];
    const origin = new URL(page.url).origin;
    const urls = [];
    for (const match of page.body.matchAll(/<script\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
        try {
            const url = new URL(match[1], page.url);
            if (url.origin === origin && !urls.includes(url.href))
                urls.push(url.href);
        }
        catch {
            // An unparsable src is the page's problem, not an exposure.
        }
        if (urls.length >= limit)
            break;
    }
    return urls;
}
/**
 * Files that should never be served: `/.env` (and `/.env.production`), `/.git/config`, and source
 * maps of the page's scripts. A file counts as exposed only when its content is what it claims to
 * be, so an SPA that answers 200 with index.html for every path is not reported.
 */
async function checkExposedFiles(page, fetch, options) {
    const origin = new URL(page.url).origin;
    const findings = [];
    const [env, envProduction, git] = await Promise.all([fetch(`${origin}/.env`), fetch(`${origin}/.env.production`), fetch(`${origin}/.git/config`)]);
    for (const response of [env, envProduction]) {
        const keys = dotenvKeys(response);
        if (!keys)
            continue;
        const path = new URL(response.url).pathname;
        findings.push({
            ruleId: 'exposure/env-file',
            severity: 'critical',
            key: path,
            url: response.url,
            title: `${path} is publicly readable`,
            message: `${response.url} serves an environment file with ${keys.length} variable(s) (${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}). Treat every secret in it as leaked: rotate them, then stop serving the file.`,
            evidence: `HTTP ${response.status}, ${keys.length} NAME=value lines (values not shown)`,
            remediation: {
                summary: 'Rotate every credential in the file, keep .env files out of the web root, and deny dotfiles in the web server (nginx: `location ~ /\\. { deny all; }`).',
                references: ['https://owasp.org/www-project-top-ten/2017/A3_2017-Sensitive_Data_Exposure'],
            },
        });
    }
    if (isGitConfig(git)) {
        findings.push({
            ruleId: 'exposure/git-config',
            severity: 'critical',
            key: '/.git/config',
            url: git.url,
            title: '/.git/config is publicly readable',
            message: `${git.url} serves the repository's git config, so the whole .git directory (source code and its history, with any secret ever committed) can likely be downloaded.`,
            evidence: `HTTP ${git.status}, a git config with a [core] section (contents not shown)`,
            remediation: { summary: 'Deploy without the .git directory, and deny dotfiles in the web server (nginx: `location ~ /\\. { deny all; }`).', references: ['https://owasp.org/www-project-web-security-testing-guide/'] },
        });
    }
    for (const script of scriptUrls(page, options.maxScripts)) {
        const js = await fetch(script, { maxBodyBytes: 8 * 1024 * 1024 });
        if (js.status < 200 || js.status > 299)
            continue;
        const declared = js.headers.sourcemap ?? js.headers['x-sourcemap'] ?? [...js.body.matchAll(/\/\/[#@]\s*sourceMappingURL=(\S+)/g)].at(-1)?.[1];
        if (declared?.startsWith('data:'))
            continue;
        const mapUrl = new URL(declared ?? `${new URL(script).pathname}.map`, script);
        if (mapUrl.origin !== origin)
            continue;
        const map = await fetch(mapUrl.href);
        const found = sourceMapSources(map);
        if (!found)
            continue;
        findings.push({
            ruleId: 'exposure/source-map',
            severity: 'medium',
            key: mapUrl.pathname,
            url: mapUrl.href,
            title: `Source map ${mapUrl.pathname} is public`,
            message: `${mapUrl.href} maps ${script} back to ${found.sources} original source file(s)${found.withContent ? ', with their full contents' : ''}: internal code, comments and paths are readable by anyone.`,
            evidence: `HTTP ${map.status}, source map version 3, ${found.sources} sources${found.withContent ? ' with sourcesContent' : ''}`,
            remediation: { summary: 'Do not deploy .map files (or upload them to your error tracker only), and drop the sourceMappingURL comment from production bundles.', references: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/SourceMap'] },
        });
    }
    const modifier = findings.reduce((sum, f) => sum + (f.severity === 'critical' ? -50 : -20), 0);
    return {
        outcome: {
            test: 'exposed-files',
            result: findings.length ? 'exposed-files-found' : 'exposed-files-not-found',
            passed: findings.length === 0,
            modifier: Math.max(-100, modifier),
            description: findings.length ? `${findings.map((f) => new URL(f.url).pathname).join(', ')} publicly readable.` : '/.env, /.env.production, /.git/config and script source maps are not served.',
        },
        findings,
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./packages/web-audit/src/fingerprint.ts

/** sha256 hex of the parts joined unambiguously; callers pass rule ids, origins and names, never values. */
function fingerprint(...parts) {
    return (0,external_node_crypto_.createHash)('sha256').update(parts.join('\u0000')).digest('hex');
}

;// CONCATENATED MODULE: ./packages/web-audit/src/csp.ts
/**
 * Parses a Content-Security-Policy header value. Several policies (repeated headers, which the
 * probe joins with `, `) are returned separately: each is enforced. The first occurrence of a
 * directive wins, as browsers do. Undefined when nothing parses.
 */
function parseCsp(value) {
    const policies = [];
    for (const text of value.split(',')) {
        const policy = new Map();
        for (const directive of text.split(';')) {
            const tokens = directive.trim().split(/\s+/).filter(Boolean);
            const name = tokens.shift()?.toLowerCase();
            if (!name)
                continue;
            if (!/^[a-z-]+$/.test(name))
                return undefined;
            if (!policy.has(name))
                policy.set(name, tokens);
        }
        if (policy.size > 0)
            policies.push(policy);
    }
    return policies.length > 0 ? policies : undefined;
}
const FETCH_FALLBACK = {
    'script-src': ['script-src', 'default-src'],
    'style-src': ['style-src', 'default-src'],
    'object-src': ['object-src', 'default-src'],
    'img-src': ['img-src', 'default-src'],
    'media-src': ['media-src', 'default-src'],
    'frame-src': ['frame-src', 'child-src', 'default-src'],
    'connect-src': ['connect-src', 'default-src'],
    'font-src': ['font-src', 'default-src'],
};
/** The source list that governs `directive` (falling back to default-src), or undefined when nothing restricts it. */
function effectiveSources(policy, directive) {
    for (const name of FETCH_FALLBACK[directive] ?? [directive]) {
        const sources = policy.get(name);
        if (sources)
            return sources.map((s) => s.toLowerCase());
    }
    return undefined;
}
const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/;
/** A source is allowed by a set of policies only if every policy allows it, so each property needs all policies to agree. */
function analyzeCsp(policies) {
    const every = (test) => policies.every(test);
    const some = (test) => policies.some(test);
    const scripts = (p) => effectiveSources(p, 'script-src');
    const broad = new Set();
    for (const p of policies)
        for (const s of scripts(p) ?? ['*'])
            if (['*', 'http:', 'https:', 'data:'].includes(s) && every((q) => (scripts(q) ?? ['*']).includes(s)))
                broad.add(s);
    const insecure = (directives) => directives.filter((d) => every((p) => (effectiveSources(p, d) ?? []).some((s) => s === 'http:' || s.startsWith('http://'))));
    return {
        unsafeInlineScripts: every((p) => {
            const s = scripts(p);
            return s === undefined || (s.includes("'unsafe-inline'") && !s.some((x) => NONCE_OR_HASH.test(x)));
        }),
        broadScriptSources: [...broad],
        unsafeEval: every((p) => {
            const s = scripts(p);
            return s === undefined || s.includes("'unsafe-eval'");
        }),
        unsafeInlineStyles: every((p) => {
            const s = effectiveSources(p, 'style-src');
            return s === undefined || s.includes("'unsafe-inline'");
        }),
        insecureActive: insecure(['script-src', 'style-src', 'object-src', 'frame-src', 'connect-src']),
        insecurePassive: insecure(['img-src', 'media-src', 'font-src']),
        defaultSrcNone: some((p) => {
            const d = p.get('default-src');
            return d !== undefined && d.length === 1 && d[0] === "'none'";
        }),
        frameAncestors: some((p) => p.has('frame-ancestors')),
        objectSrcNone: some((p) => {
            const o = effectiveSources(p, 'object-src');
            return o !== undefined && o.length === 1 && o[0] === "'none'";
        }),
    };
}

;// CONCATENATED MODULE: ./packages/web-audit/src/header-checks.ts


const MDN = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/';
const OBSERVATORY = 'https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring';
const SIX_MONTHS = 15_768_000;
function outcome(test, result, passed, modifier, description) {
    return { test, result, passed, modifier, description };
}
/** Strict-Transport-Security: present, parseable, max-age of at least six months; meaningless over plain http. */
function checkHsts(response) {
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
                    evidence: redact_truncate(value, 200),
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
                    evidence: redact_truncate(value, 200),
                    remediation: { summary: 'Raise max-age to at least 15768000 (six months); two years (63072000) is usual.', references: refs },
                },
            ],
        };
    }
    return { outcome: outcome('strict-transport-security', 'hsts-implemented-max-age-at-least-six-months', true, 0, `HSTS is set with max-age ${seconds}.`), findings: [] };
}
/** Content-Security-Policy: present, parseable, no unsafe-inline or unsafe-eval scripts, no http: sources. */
function checkCsp(response) {
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
    const evidence = redact_truncate(value, 300);
    if (!policies) {
        return {
            outcome: outcome('content-security-policy', 'csp-header-invalid', false, -25, 'Content-Security-Policy cannot be parsed.'),
            findings: [
                { ruleId: 'headers/csp-invalid', severity: 'medium', title: 'Content-Security-Policy cannot be parsed', message: 'The Content-Security-Policy header does not parse, so it protects nothing.', evidence, remediation: { summary: 'Write the policy as `directive source source; directive source`.', references: refs } },
            ],
        };
    }
    const csp = analyzeCsp(policies);
    const findings = [];
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
    let result;
    let modifier;
    if (csp.unsafeInlineScripts || csp.broadScriptSources.length > 0)
        [result, modifier] = ['csp-implemented-with-unsafe-inline', -20];
    else if (csp.insecureActive.length > 0)
        [result, modifier] = ['csp-implemented-with-insecure-scheme', -20];
    else if (csp.unsafeEval)
        [result, modifier] = ['csp-implemented-with-unsafe-eval', -10];
    else if (csp.insecurePassive.length > 0)
        [result, modifier] = ['csp-implemented-with-insecure-scheme-in-passive-content-only', -10];
    else if (csp.unsafeInlineStyles)
        [result, modifier] = ['csp-implemented-with-unsafe-inline-in-style-src-only', 0];
    else if (csp.defaultSrcNone)
        [result, modifier] = ['csp-implemented-with-no-unsafe-default-src-none', 10];
    else
        [result, modifier] = ['csp-implemented-with-no-unsafe', 5];
    const passed = modifier >= 0;
    return { outcome: outcome('content-security-policy', result, passed, modifier, passed ? 'Content-Security-Policy blocks inline and eval scripts.' : findings.map((f) => f.title).join('; ') + '.'), findings };
}
/** Clickjacking protection: CSP frame-ancestors, or X-Frame-Options DENY/SAMEORIGIN. */
function checkFraming(response) {
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
        outcome: outcome('x-frame-options', 'x-frame-options-header-invalid', false, -20, `X-Frame-Options has the invalid value ${JSON.stringify(redact_truncate(xfo, 60))}.`),
        findings: [
            {
                ruleId: 'headers/x-frame-options-invalid',
                severity: 'medium',
                title: 'X-Frame-Options is invalid',
                message: 'X-Frame-Options must be DENY or SAMEORIGIN; browsers ignore any other value, so the page can be framed.',
                evidence: redact_truncate(xfo, 100),
                remediation: { summary: "Use `X-Frame-Options: DENY` and CSP `frame-ancestors 'none'`.", references: refs },
            },
        ],
    };
}
/** X-Content-Type-Options: nosniff. */
function checkNosniff(response) {
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
                ...(invalid ? { evidence: redact_truncate(value, 100) } : {}),
                remediation: { summary: 'Send `X-Content-Type-Options: nosniff` on every response.', references: refs },
            },
        ],
    };
}
const PRIVATE_REFERRER = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);
const UNSAFE_REFERRER = new Set(['unsafe-url', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin']);
/** Referrer-Policy: the last policy browsers recognize wins. */
function checkReferrerPolicy(response) {
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
                evidence: redact_truncate(value, 100),
                remediation: { summary: 'Use `Referrer-Policy: strict-origin-when-cross-origin` (or no-referrer / same-origin).', references: refs },
            },
        ],
    };
}
/** Permissions-Policy: present (Observatory does not score it; deployment checklists require it). */
function checkPermissionsPolicy(response) {
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
                ...(invalid ? { evidence: redact_truncate(value, 100) } : {}),
                remediation: { summary: 'Send for example `Permissions-Policy: camera=(), microphone=(), geolocation=()`, allowing only what the site uses.', references: [`${MDN}Permissions-Policy`] },
            },
        ],
    };
}
const SESSION_COOKIE = /sess|sid|token|auth|login|jwt|remember/i;
/** Cookies: Secure, HttpOnly on session cookies, a valid SameSite; Observatory's worst outcome is the score. Values are never read into findings. */
function checkCookies(response, hsts) {
    const refs = [`${MDN}Set-Cookie`, OBSERVATORY];
    const cookies = response.setCookies.length > 0 ? responseCookies(response) : [];
    if (cookies.length === 0)
        return { outcome: outcome('cookies', 'cookies-not-found', true, 0, 'No cookies are set.'), findings: [] };
    const findings = [];
    let worst = { result: 'cookies-secure-with-httponly-sessions-and-samesite', modifier: 5 };
    const worsen = (result, modifier) => {
        if (modifier < worst.modifier)
            worst = { result, modifier };
    };
    for (const cookie of cookies) {
        const session = SESSION_COOKIE.test(cookie.name);
        const flags = `${cookie.secure ? 'Secure' : 'no Secure'}, ${cookie.httpOnly ? 'HttpOnly' : 'no HttpOnly'}, ${cookie.sameSite ? `SameSite=${cookie.sameSite}` : 'no SameSite'}`;
        const base = { key: cookie.name, evidence: `cookie ${cookie.name}: ${flags}` };
        if (!cookie.secure) {
            if (session)
                worsen('cookies-session-without-secure-flag', -40);
            else if (hsts)
                worsen('cookies-without-secure-flag-but-protected-by-hsts', -5);
            else
                worsen('cookies-without-secure-flag', -20);
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
        }
        else if (!cookie.sameSite) {
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
function checkCors(response, probeOrigin) {
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
function checkVersionDisclosure(response) {
    const findings = [];
    for (const header of ['server', 'x-powered-by', 'x-aspnet-version', 'x-aspnetmvc-version']) {
        const value = response.headers[header];
        if (value === undefined || !/\d+\.\d+/.test(value))
            continue;
        const name = header.replace(/(^|-)(\w)/g, (_m, dash, c) => `${dash}${c.toUpperCase()}`).replace('Aspnet', 'AspNet').replace('Aspnetmvc', 'AspNetMvc');
        findings.push({
            ruleId: 'headers/version-disclosure',
            severity: 'low',
            key: header,
            title: `${name} reveals a version`,
            message: `${name}: ${redact_truncate(value, 80)} tells an attacker exactly which software version to look up exploits for.`,
            evidence: `${name}: ${redact_truncate(value, 80)}`,
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

;// CONCATENATED MODULE: ./packages/web-audit/src/scoring.ts
const GRADES = [
    [100, 'A+'],
    [90, 'A'],
    [85, 'A-'],
    [80, 'B+'],
    [70, 'B'],
    [65, 'B-'],
    [60, 'C+'],
    [50, 'C'],
    [45, 'C-'],
    [40, 'D+'],
    [30, 'D'],
    [25, 'D-'],
    [0, 'F'],
];
/** The letter for a score, on Mozilla Observatory's scale (100+ is A+, under 25 is F). */
function gradeFor(score) {
    return GRADES.find(([min]) => score >= min)?.[1] ?? 'F';
}
/**
 * Observatory's arithmetic: start at 100, apply every penalty, then add the bonuses only if the
 * result is still 90 or more (a site cannot buy back a serious problem with extras). Never below 0.
 */
function scoreOutcomes(outcomes) {
    const penalties = outcomes.reduce((sum, o) => sum + Math.min(0, o.modifier), 0);
    const bonuses = outcomes.reduce((sum, o) => sum + Math.max(0, o.modifier), 0);
    const base = 100 + penalties;
    const score = Math.max(0, base >= 90 ? base + bonuses : base);
    return { score, grade: gradeFor(score) };
}

;// CONCATENATED MODULE: ./packages/web-audit/src/web-audit.ts






/** The foreign origin sent to see whether CORS reflects any origin. */
const CORS_PROBE_ORIGIN = 'https://deploysafe-cors-check.invalid';
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];
/**
 * Audits a live URL: response headers and cookies as Mozilla Observatory grades them, CORS with
 * a foreign Origin, software versions in headers, and files that must never be served. Throws a
 * ConfigurationError when the site (or one of the files probed) gives no HTTP answer: a check
 * that could not run never passes.
 */
async function auditWebSecurity(options) {
    const logger = options.logger ?? src/* silentLogger */.qq;
    const timeoutMs = options.timeoutMs ?? 10_000;
    const shown = (url) => redact_redactUrl(url, options.redactor);
    const request = async (url, extra = {}) => {
        try {
            return await probe_probe({
                url,
                timeoutMs,
                headers: { ...(options.headers ?? {}), ...(extra.headers ?? {}) },
                followRedirects: extra.followRedirects ?? false,
                ...(extra.maxBodyBytes ? { maxBodyBytes: extra.maxBodyBytes } : {}),
                ...(options.tls ? { tls: options.tls } : {}),
            });
        }
        catch (error) {
            if (error instanceof probe_ProbeError) {
                throw new src/* ConfigurationError */.j1(`The headers scan could not get an answer from ${shown(url)} (${error.code}: ${options.redactor ? options.redactor.redact(error.message) : error.message}); the site was not checked.`);
            }
            throw error;
        }
    };
    let parsed;
    try {
        parsed = new URL(options.url);
    }
    catch {
        throw new src/* ConfigurationError */.j1(`The URL ${JSON.stringify(options.url)} is not a URL: expected something like https://example.com/.`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        throw new src/* ConfigurationError */.j1(`The URL ${shown(options.url)} must be http(s).`);
    logger.info(`Checking the security headers of ${shown(options.url)}.`);
    const page = await request(parsed.href, { followRedirects: true });
    const cors = await request(page.url, { headers: { origin: CORS_PROBE_ORIGIN } });
    const hsts = checkHsts(page);
    const results = [
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
    if (options.requireHttps ?? true)
        results.unshift(checkHttps(page));
    if (options.exposedFiles ?? true) {
        const fetch = (url, extra) => request(url, extra?.maxBodyBytes ? { maxBodyBytes: extra.maxBodyBytes } : {});
        results.push(await checkExposedFiles(page, fetch, { maxScripts: options.maxScripts ?? 5 }));
    }
    const origin = new URL(page.url).origin;
    const redact = (text) => (options.redactor ? options.redactor.redact(text) : text);
    const findings = results
        .flatMap((r) => r.findings)
        .map((raw) => ({
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
function checkHttps(page) {
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

;// CONCATENATED MODULE: ./packages/web-audit/src/index.ts
/** Audits a live URL: headers, cookies, CORS, version disclosure, exposed files; score and grade. */

/** Observatory's scoring arithmetic and grade scale. */

/** Content-Security-Policy parsing and analysis. */

/** The individual checks, each on a ProbeResponse you already have. */

/** Exposed-file detection that tells a real file from an SPA's index.html. */



/***/ })

};
