// The rate-limit preset: a bounded burst against one path must be answered with 429 and Retry-After.
import { mapWithConcurrency, probe, ProbeError, redactUrl, type CheckResult, type ExpectationResult, type ProbeRequest, type Redactor } from '@deploysafe/http-probe';

/** How big the burst is. */
export interface BurstSettings {
  request: ProbeRequest;
  /** Most requests sent; the burst stops at the first 429. */
  requests: number;
  concurrency: number;
}

/** Retry-After is a number of seconds or an HTTP date (RFC 9110 10.2.3). */
function validRetryAfter(value: string | undefined): boolean {
  if (value === undefined) return false;
  return /^\s*\d+\s*$/.test(value) || !Number.isNaN(Date.parse(value));
}

/** Sends up to `requests` requests, `concurrency` at a time, and stops once one is answered 429. */
export async function runBurst(name: string, settings: BurstSettings, redactor: Redactor): Promise<CheckResult> {
  const started = performance.now();
  const statuses = new Map<string, number>();
  const first: { limited?: { index: number; retryAfter: string | undefined } } = {};
  let sent = 0;
  let errors = 0;
  await mapWithConcurrency(
    Array.from({ length: settings.requests }, (_, i) => i),
    settings.concurrency,
    async (index) => {
      if (first.limited) return;
      sent++;
      try {
        const res = await probe({ ...settings.request, maxBodyBytes: 4096 });
        statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
        // Requests finish out of order: keep the earliest 429 sent.
        const earlier = first.limited as { index: number } | undefined;
        if (res.status === 429 && (!earlier || index + 1 < earlier.index)) first.limited = { index: index + 1, retryAfter: res.headers['retry-after'] };
      } catch (error) {
        if (!(error instanceof ProbeError)) throw error;
        errors++;
        statuses.set(error.code, (statuses.get(error.code) ?? 0) + 1);
      }
    },
  );
  const limited = first.limited;
  const tally = [...statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  const expectations: ExpectationResult[] = [
    {
      kind: 'rate-limit',
      expected: `a 429 within ${settings.requests} requests`,
      actual: limited ? `429 at request ${limited.index} of ${sent} sent (${tally})` : `no 429 after ${sent} requests (${tally})`,
      passed: limited !== undefined,
    },
  ];
  if (limited) {
    expectations.push({
      kind: 'header',
      expected: 'the 429 has a Retry-After header (seconds or a date)',
      actual: limited.retryAfter === undefined ? 'absent' : JSON.stringify(redactor.redact(limited.retryAfter)),
      passed: validRetryAfter(limited.retryAfter),
    });
  }
  const failures = expectations.filter((e) => !e.passed);
  const result: CheckResult = {
    name,
    method: (settings.request.method ?? 'GET').toUpperCase(),
    url: redactUrl(settings.request.url, redactor),
    passed: failures.length === 0,
    latencyMs: performance.now() - started,
    expectations,
    failures,
    attempts: 1,
  };
  if (limited) result.status = 429;
  else if (errors === sent && sent > 0) result.error = { code: 'network', message: `every request of the burst failed (${tally})` };
  return result;
}
