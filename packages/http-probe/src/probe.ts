import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, request } from 'undici';

/** One HTTP request to make. */
export interface ProbeRequest {
  url: string | URL;
  /** Default `GET`. */
  method?: string;
  /** Header names are case-insensitive. Credentials in the URL (`https://user:pass@host`) are sent as Basic auth unless an Authorization header is given. */
  headers?: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  /** The whole probe (connect, TLS, every redirect hop, body) must finish within this; default 10 000 ms. */
  timeoutMs?: number;
  /** Follow 3xx answers that carry a Location; default false (the 3xx itself is the response). */
  followRedirects?: boolean;
  /** Most redirects followed before failing with `too-many-redirects`; default 10. */
  maxRedirects?: number;
  /** Body bytes kept (and read); the rest is not downloaded and `bodyTruncated` is set. Default 1 MiB. */
  maxBodyBytes?: number;
  tls?: ProbeTlsOptions;
  signal?: AbortSignal;
}

/** How https connections are verified. */
export interface ProbeTlsOptions {
  /** Extra trusted certificates (PEM), for a private CA or a self-signed test server. */
  ca?: string | Buffer | readonly (string | Buffer)[];
  /** Default true: an untrusted, expired or mismatched certificate fails the probe with code `tls`. */
  rejectUnauthorized?: boolean;
  /** SNI and the name the certificate must match, when it differs from the URL's host. */
  servername?: string;
}

/** Where one request hop spent its time, in milliseconds from the start of the hop. */
export interface ProbeTiming {
  /** Name resolution; undefined for an IP literal. */
  dnsMs?: number;
  /** TCP connect (including DNS). */
  connectMs?: number;
  /** TLS handshake done (including connect); undefined for http. */
  tlsMs?: number;
  /** Response headers received. */
  firstByteMs: number;
  /** Body read (or cut at the cap). */
  totalMs: number;
}

/** The peer certificate of an https connection. */
export interface TlsInfo {
  protocol: string | null;
  /** True when the chain is trusted and matches the host name. */
  authorized: boolean;
  /** Why it is not authorized, such as `CERT_HAS_EXPIRED` or `DEPTH_ZERO_SELF_SIGNED_CERT`. */
  authorizationError?: string;
  subject?: string;
  issuer?: string;
  /** ISO 8601. */
  validFrom: string;
  /** ISO 8601. */
  validTo: string;
  /** Whole days until `validTo` (negative once expired). */
  daysLeft: number;
  fingerprint256?: string;
}

/** One 3xx hop that was followed. */
export interface RedirectHop {
  url: string;
  status: number;
  location: string;
  latencyMs: number;
}

/** What the server answered. */
export interface ProbeResponse {
  /** The URL that produced this response (after any followed redirects). */
  url: string;
  method: string;
  status: number;
  /** Lower-case names; repeated headers joined with `, ` (Set-Cookie: see `setCookies`). */
  headers: Record<string, string>;
  /** Each Set-Cookie header, as sent. */
  setCookies: string[];
  /** The body decoded as UTF-8, at most `maxBodyBytes` of it. */
  body: string;
  /** Bytes of body received. */
  bodyBytes: number;
  bodyTruncated: boolean;
  /** The Location header resolved against `url`, when there is one. */
  location?: string;
  /** Redirects followed to get here, in order. */
  redirects: RedirectHop[];
  /** The final hop's timing. */
  timing: ProbeTiming;
  /** The whole probe, every hop included. */
  latencyMs: number;
  /** The final hop's certificate, for https. */
  tls?: TlsInfo;
  remoteAddress?: string;
}

/** Why a probe got no response. */
export type ProbeErrorCode = 'timeout' | 'dns' | 'refused' | 'reset' | 'tls' | 'too-many-redirects' | 'aborted' | 'invalid-url' | 'network';

/** A probe that got no HTTP response: the code says why, `tls` carries the certificate when the handshake got that far. */
export class ProbeError extends Error {
  override name = 'ProbeError';
  readonly code: ProbeErrorCode;
  readonly url: string;
  readonly elapsedMs: number;
  readonly tls: TlsInfo | undefined;

  constructor(code: ProbeErrorCode, message: string, details: { url: string; elapsedMs: number; tls?: TlsInfo | undefined; cause?: unknown }) {
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
function tlsInfo(socket: TLSSocket): TlsInfo | undefined {
  const cert = socket.getPeerCertificate();
  if (!cert || !cert.valid_to) return undefined;
  const validTo = new Date(cert.valid_to);
  const info: TlsInfo = {
    protocol: socket.getProtocol(),
    authorized: socket.authorized,
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: validTo.toISOString(),
    daysLeft: Math.floor((validTo.getTime() - Date.now()) / DAY_MS),
  };
  if (!socket.authorized && socket.authorizationError) info.authorizationError = String(socket.authorizationError);
  if (cert.subject?.CN) info.subject = String(cert.subject.CN);
  if (cert.issuer?.CN) info.issuer = String(cert.issuer.CN);
  if (cert.fingerprint256) info.fingerprint256 = cert.fingerprint256;
  return info;
}

/** A connection the probe opened, with its phase times on the probe's clock. */
interface ConnectionRecord {
  startedAt: number;
  lookupAt?: number;
  connectAt?: number;
  secureAt?: number;
  tls?: TlsInfo;
  remoteAddress?: string;
}

/** Raised inside the connector when the certificate is not acceptable; carries what was seen. */
class TlsRejected extends Error {
  readonly tls: TlsInfo | undefined;
  constructor(message: string, tls: TlsInfo | undefined) {
    super(message);
    this.tls = tls;
  }
}

// Each probe gets its own agent whose connector records phase times and the certificate, so every
// probe measures a cold connection (as curl does) and an https probe always sees the certificate.
function createProbeAgent(options: ProbeTlsOptions, connectTimeoutMs: number, connections: ConnectionRecord[]): Agent {
  const verify = options.rejectUnauthorized !== false;
  const base = buildConnector({
    allowH2: false,
    maxCachedSessions: 0,
    timeout: connectTimeoutMs,
    // Verification is done below, after the certificate has been read, so a rejected one can still be reported.
    rejectUnauthorized: false,
    ...(options.ca ? { ca: options.ca as string | Buffer | (string | Buffer)[] } : {}),
    ...(options.servername ? { servername: options.servername } : {}),
  });
  const connect: buildConnector.connector = (opts, callback) => {
    const record: ConnectionRecord = { startedAt: performance.now() };
    connections.push(record);
    const socket = (base as unknown as (o: typeof opts, cb: buildConnector.Callback) => Socket)(opts, (error, sock) => {
      if (error || !sock) return callback(error ?? new Error('connect failed'), null);
      record.remoteAddress = sock.remoteAddress;
      if (opts.protocol === 'https:') {
        const tls = sock as TLSSocket;
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
  return new Agent({ connect, pipelining: 1, keepAliveTimeout: 5_000, connections: 1 });
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

function classify(error: unknown, url: string, elapsedMs: number, timedOut: boolean, aborted: boolean, timeoutMs: number): ProbeError {
  if (error instanceof ProbeError) return error;
  const details = { url, elapsedMs, cause: error };
  if (timedOut) return new ProbeError('timeout', `no complete response within ${timeoutMs}ms`, details);
  if (aborted) return new ProbeError('aborted', 'the probe was cancelled', details);
  if (error instanceof TlsRejected) return new ProbeError('tls', error.message, { ...details, tls: error.tls });
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new ProbeError('dns', `cannot resolve the host name (${code})`, details);
    case 'ECONNREFUSED':
      return new ProbeError('refused', 'connection refused', details);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new ProbeError('reset', `the connection was closed before a complete response (${message})`, details);
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new ProbeError('timeout', `connect timed out after ${timeoutMs}ms`, details);
  }
  if (code?.startsWith('ERR_TLS') || code?.startsWith('ERR_SSL') || /SSL|TLS|certificate/i.test(message)) {
    return new ProbeError('tls', `TLS handshake failed: ${message}`, details);
  }
  return new ProbeError('network', message, details);
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): { headers: Record<string, string>; setCookies: string[] } {
  const headers: Record<string, string> = {};
  let setCookies: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'set-cookie') setCookies = Array.isArray(value) ? value : [value];
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
export async function probe(req: ProbeRequest): Promise<ProbeResponse> {
  const started = performance.now();
  const timeoutMs = Math.max(1, Math.ceil(req.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  const maxBody = req.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxRedirects = req.maxRedirects ?? 10;
  let url: URL;
  try {
    url = new URL(req.url);
  } catch (error) {
    throw new ProbeError('invalid-url', `not an absolute URL: ${String(req.url)}`, { url: String(req.url), elapsedMs: 0, cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProbeError('invalid-url', `only http and https URLs can be probed, not ${url.protocol}`, { url: url.href, elapsedMs: 0 });
  }
  const timeoutSignal = AbortSignal.timeout(timeoutMs);
  const signal = req.signal ? AbortSignal.any([timeoutSignal, req.signal]) : timeoutSignal;
  const connections: ConnectionRecord[] = [];
  const agent = createProbeAgent(req.tls ?? {}, timeoutMs, connections);
  let method = (req.method ?? 'GET').toUpperCase();
  let body = req.body;
  let headers: Record<string, string> = { 'user-agent': 'deploysafe-http-probe', ...req.headers };
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
  const redirects: RedirectHop[] = [];
  try {
    for (;;) {
      const hopStart = performance.now();
      const seenConnections = connections.length;
      const res = await request(url, { dispatcher: agent, method, headers, body: body ?? null, signal, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      const firstByteAt = performance.now();
      const { headers: flat, setCookies } = flattenHeaders(res.headers);
      const chunks: Buffer[] = [];
      let kept = 0;
      let received = 0;
      let truncated = false;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
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
      const timing: ProbeTiming = { firstByteMs: firstByteAt - hopStart, totalMs: doneAt - hopStart };
      if (connection) {
        if (connection.lookupAt !== undefined) timing.dnsMs = connection.lookupAt - hopStart;
        if (connection.connectAt !== undefined) timing.connectMs = connection.connectAt - hopStart;
        if (connection.secureAt !== undefined) timing.tlsMs = connection.secureAt - hopStart;
      }
      const tlsConnection = url.protocol === 'https:' ? [...connections].reverse().find((c) => c.tls) : undefined;
      const rawLocation = flat.location;
      const location = rawLocation !== undefined && URL.canParse(rawLocation, url.href) ? new URL(rawLocation, url).href : rawLocation;

      if (req.followRedirects && REDIRECT_STATUSES.has(res.statusCode) && location !== undefined && URL.canParse(location)) {
        redirects.push({ url: url.href, status: res.statusCode, location, latencyMs: doneAt - hopStart });
        if (redirects.length > maxRedirects) {
          throw new ProbeError('too-many-redirects', `more than ${maxRedirects} redirects (last to ${location})`, { url: req.url.toString(), elapsedMs: doneAt - started });
        }
        const next = new URL(location);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new ProbeError('invalid-url', `redirected to a non-HTTP URL: ${next.protocol}`, { url: url.href, elapsedMs: doneAt - started });
        }
        // Browsers turn a redirected POST into a GET for 301/302/303; 307/308 keep method and body.
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
          if (method !== 'HEAD') method = 'GET';
          body = undefined;
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
        }
        // Credentials never travel to another origin.
        if (next.origin !== url.origin) headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase())));
        url = next;
        continue;
      }

      const response: ProbeResponse = {
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
      if (location !== undefined) response.location = location;
      if (tlsConnection?.tls) response.tls = tlsConnection.tls;
      const remote = connection?.remoteAddress ?? connections.at(-1)?.remoteAddress;
      if (remote) response.remoteAddress = remote;
      return response;
    }
  } catch (error) {
    throw classify(error, url.href, performance.now() - started, timeoutSignal.aborted, req.signal?.aborted ?? false, timeoutMs);
  } finally {
    agent.destroy().catch(() => {});
  }
}
