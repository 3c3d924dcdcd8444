// Continuous HTTP load for deploy tests and benchmarks: a few keep-alive workers hitting one URL
// until stopped (bounded in time), recording every response's status, release and latency.
import { Agent, request } from 'node:http';

/** One request's outcome. */
export interface LoadSample {
  /** Milliseconds since the load started, when the request was sent and when it finished. */
  start: number;
  end: number;
  ok: boolean;
  status: number | undefined;
  /** The `release=` the body reported. */
  release: string | undefined;
  error: string | undefined;
  /** True when a kept-alive connection closed under the request and it was sent again on a new one (as browsers do). */
  retried: boolean;
}

/** Everything a load run saw. */
export interface LoadReport {
  sent: number;
  ok: number;
  failed: number;
  /** Responses per release. */
  byRelease: Record<string, number>;
  /** The first few failures, for messages. */
  failures: string[];
  /**
   * Requests sent again because the server closed an idle kept-alive connection just as the request
   * went out (nginx does this to idle connections on every graceful reload). HTTP/1.1 lets clients
   * retry idempotent requests then, and browsers and most HTTP clients do; not counted as failed.
   */
  staleConnectionRetries: number;
  samples: LoadSample[];
  /** performance.now() when the load started: subtract from other timestamps to compare. */
  startedAt: number;
}

/** A running load. */
export interface Load {
  /** Milliseconds since the load started (for marking events). */
  now(): number;
  /** Stops sending, waits for requests in flight, and returns the report. */
  stop(): Promise<LoadReport>;
  /** The report so far (for waiting until some responses arrived). */
  snapshot(): LoadReport;
}

class StaleConnectionError extends Error {}

function once(agent: Agent, url: URL, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(url, { agent, timeout: timeoutMs }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs}ms`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      // The reused-socket race of RFC 9112 section 9.3.1: the server closed the idle connection as we wrote to it.
      if (req.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.message === 'socket hang up')) reject(new StaleConnectionError(error.message));
      else reject(error);
    });
    req.end();
  });
}

/** Starts `concurrency` workers sending GET requests to `url` back to back, for at most `maxMs`. */
export function startLoad(url: string, options: { concurrency?: number; timeoutMs?: number; maxMs?: number; pauseMs?: number } = {}): Load {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 4 });
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const samples: LoadSample[] = [];
  let running = true;
  const maxMs = options.maxMs ?? 120_000;
  const worker = async () => {
    while (running && now() < maxMs) {
      const start = now();
      let retried = false;
      try {
        let res: { status: number; body: string } | undefined;
        // Each pooled connection closed by the server at once can fail the next attempt too: retry
        // (a bounded number of times) only while the failure is on a reused connection, as browsers do.
        for (let attempt = 1; !res; attempt++) {
          try {
            res = await once(agent, target, options.timeoutMs ?? 5000);
          } catch (error) {
            if (!(error instanceof StaleConnectionError) || attempt > (options.concurrency ?? 4)) throw error;
            retried = true;
          }
        }
        const release = /release=(\S+)/.exec(res.body)?.[1];
        const ok = res.status === 200;
        samples.push({ start, end: now(), ok, status: res.status, release, error: ok ? undefined : `HTTP ${res.status}: ${res.body.slice(0, 100)}`, retried });
      } catch (error) {
        samples.push({ start, end: now(), ok: false, status: undefined, release: undefined, error: (error as Error).message, retried });
      }
      if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const workers = Array.from({ length: options.concurrency ?? 4 }, worker);
  const report = (): LoadReport => {
    const byRelease: Record<string, number> = {};
    for (const s of samples) if (s.release) byRelease[s.release] = (byRelease[s.release] ?? 0) + 1;
    const failed = samples.filter((s) => !s.ok);
    return {
      sent: samples.length,
      ok: samples.length - failed.length,
      failed: failed.length,
      byRelease,
      failures: failed.slice(0, 5).map((s) => `${Math.round(s.start)}ms: ${s.error}${s.retried ? ' (on the retry after a closed kept-alive connection)' : ''}`),
      staleConnectionRetries: samples.filter((s) => s.retried).length,
      samples: [...samples],
      startedAt,
    };
  };
  return {
    now,
    snapshot: report,
    async stop() {
      running = false;
      await Promise.all(workers);
      agent.destroy();
      return report();
    },
  };
}

/** The latency percentile `p` (0-100) of some samples, in milliseconds. */
export function latencyPercentile(samples: readonly LoadSample[], p: number): number {
  const sorted = samples.map((s) => s.end - s.start).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
