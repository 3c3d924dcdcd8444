import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationError, silentLogger, type Logger } from '@deploysafe/action-kit';
import { Agent, request, type Dispatcher } from 'undici';
import type { Ecosystem } from '../types.ts';
import { osvVulnerabilitySchema, queryBatchResponseSchema, type OsvVulnerability } from './osv-schema.ts';

/** The public OSV API. */
export const DEFAULT_OSV_URL = 'https://api.osv.dev';

/** The most queries OSV accepts in one `querybatch` request. */
export const MAX_BATCH_SIZE = 1000;

/** One package version to look up. */
export interface OsvQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

/** A vulnerability id with the time its record was last changed, as `querybatch` answers. */
export interface OsvVulnerabilityRef {
  id: string;
  modified?: string;
}

/** Options for {@link OsvClient}. */
export interface OsvClientOptions {
  /** API base URL; default https://api.osv.dev. */
  baseUrl?: string;
  /** Per-request timeout for headers and body; default 30 s. */
  timeoutMs?: number;
  /** Tries per request (first one included) on 429, 5xx and network errors; default 4. */
  attempts?: number;
  /** First backoff delay, doubled each retry with jitter; default 1 s. */
  baseDelayMs?: number;
  /** Longest wait between tries, also caps Retry-After; default 30 s. */
  maxDelayMs?: number;
  /** Queries per `querybatch` request, at most 1000 (the default). */
  batchSize?: number;
  logger?: Logger;
  /** An undici dispatcher to use instead of the client's own Agent. */
  dispatcher?: Dispatcher;
}

/** The OSV API could not be reached or kept failing: the dependency check did not run, so it fails (closed). */
export class OsvUnavailableError extends ConfigurationError {
  override name = 'OsvUnavailableError';
}

const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

/** A client for the OSV API (`POST /v1/querybatch`, `GET /v1/vulns/{id}`) over undici, with retries and backoff. */
export class OsvClient {
  readonly baseUrl: string;
  readonly #timeoutMs: number;
  readonly #attempts: number;
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #batchSize: number;
  readonly #logger: Logger;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  /** Requests sent, retries included. */
  requests = 0;

  constructor(options: OsvClientOptions = {}) {
    const base = options.baseUrl ?? DEFAULT_OSV_URL;
    let url: URL;
    try {
      url = new URL(base);
    } catch {
      throw new ConfigurationError(`The OSV API URL ${JSON.stringify(base)} is not a URL: expected something like ${DEFAULT_OSV_URL}.`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigurationError(`The OSV API URL ${base} must be http(s).`);
    this.baseUrl = url.href.replace(/\/+$/, '');
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#attempts = Math.max(1, options.attempts ?? 4);
    this.#baseDelayMs = options.baseDelayMs ?? 1000;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#batchSize = options.batchSize ?? MAX_BATCH_SIZE;
    if (this.#batchSize < 1 || this.#batchSize > MAX_BATCH_SIZE) throw new ConfigurationError(`The OSV batch size must be between 1 and ${MAX_BATCH_SIZE}.`);
    this.#logger = options.logger ?? silentLogger;
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher = options.dispatcher ?? new Agent({ connect: { timeout: this.#timeoutMs }, keepAliveTimeout: 4000 });
  }

  /**
   * The vulnerabilities of each query (same order), asking at most 1000 queries per request and
   * following each result's `next_page_token` until every page is read.
   */
  async queryBatch(queries: readonly OsvQuery[]): Promise<OsvVulnerabilityRef[][]> {
    const results: OsvVulnerabilityRef[][] = queries.map(() => []);
    let pending = queries.map((query, index) => ({ index, query, pageToken: undefined as string | undefined }));
    while (pending.length > 0) {
      const next: typeof pending = [];
      for (let start = 0; start < pending.length; start += this.#batchSize) {
        const chunk = pending.slice(start, start + this.#batchSize);
        const body = {
          queries: chunk.map(({ query, pageToken }) => ({
            package: { name: query.name, ecosystem: query.ecosystem },
            version: query.version,
            ...(pageToken ? { page_token: pageToken } : {}),
          })),
        };
        const json = await this.#send('POST', '/v1/querybatch', body);
        const parsed = queryBatchResponseSchema.safeParse(json);
        if (!parsed.success || parsed.data.results.length !== chunk.length) {
          throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} answered querybatch with ${parsed.success ? `${parsed.data.results.length} results for ${chunk.length} queries` : 'an unexpected shape'}; dependencies were not checked.`);
        }
        parsed.data.results.forEach((result, i) => {
          const item = chunk[i]!;
          for (const vuln of result.vulns ?? []) results[item.index]!.push(vuln.modified ? { id: vuln.id, modified: vuln.modified } : { id: vuln.id });
          if (result.next_page_token) next.push({ ...item, pageToken: result.next_page_token });
        });
      }
      pending = next;
    }
    return results;
  }

  /** The full record of one vulnerability, or undefined when OSV has no record with that id (404). */
  async getVulnerability(id: string): Promise<OsvVulnerability | undefined> {
    const json = await this.#send('GET', `/v1/vulns/${encodeURIComponent(id)}`, undefined, true);
    if (json === undefined) return undefined;
    const parsed = osvVulnerabilitySchema.safeParse(json);
    if (!parsed.success) throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} answered /v1/vulns/${id} with something that is not an OSV record; dependencies were not checked.`);
    return parsed.data;
  }

  /** Closes the client's connections. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #send(method: 'GET' | 'POST', path: string, body: unknown, allowNotFound = false): Promise<unknown> {
    const url = `${this.baseUrl}${path}`;
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.#attempts; attempt++) {
      let waitMs = this.#backoff(attempt);
      this.requests += 1;
      try {
        const response = await request(url, {
          method,
          dispatcher: this.#dispatcher,
          headers: { accept: 'application/json', 'user-agent': 'deploysafe-dependency-audit', ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
          headersTimeout: this.#timeoutMs,
          bodyTimeout: this.#timeoutMs,
        });
        const status = response.statusCode;
        if (status === 404 && allowNotFound) {
          await response.body.dump();
          return undefined;
        }
        if (RETRYABLE.has(status)) {
          await response.body.dump();
          lastProblem = `HTTP ${status}`;
          const retryAfter = parseRetryAfter(response.headers['retry-after']);
          if (retryAfter !== undefined) waitMs = Math.min(retryAfter, this.#maxDelayMs);
        } else if (status >= 400) {
          const text = (await response.body.text()).slice(0, 200);
          throw new ConfigurationError(`The OSV API at ${this.baseUrl} answered ${status} to ${method} ${path}${text ? `: ${text}` : ''}. Is the OSV URL the base of an OSV API (like ${DEFAULT_OSV_URL})?`);
        } else {
          const text = await response.body.text();
          try {
            return JSON.parse(text);
          } catch {
            throw new OsvUnavailableError(`The OSV API at ${this.baseUrl} answered ${method} ${path} with something that is not JSON; dependencies were not checked.`);
          }
        }
      } catch (error) {
        if (error instanceof ConfigurationError) throw error;
        const code = (error as { code?: string }).code;
        lastProblem = code ? `${code}: ${(error as Error).message}` : (error as Error).message;
      }
      if (attempt < this.#attempts) {
        this.#logger.info(`OSV ${method} ${path} failed (${lastProblem}); retrying in ${Math.round(waitMs)} ms (try ${attempt + 1} of ${this.#attempts}).`);
        await sleep(waitMs);
      }
    }
    throw new OsvUnavailableError(
      `The OSV API at ${this.baseUrl} could not be used (${lastProblem}) after ${this.#attempts} tries, so dependencies were not checked. ` +
        'Let the runner reach the API, point the OSV URL at a reachable mirror, or run offline with a directory of OSV records.',
    );
  }

  #backoff(attempt: number): number {
    const exponential = this.#baseDelayMs * 2 ** (attempt - 1);
    return Math.min(this.#maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
  }
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text.trim())) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
