import { readFile } from 'node:fs/promises';
import { ConfigurationError, defineAction, formatDuration, writeFileAtomic, writeJsonReport, type RunContext, type RunResult } from '@deploysafe/action-kit';
import { mapWithConcurrency, percentile, redactUrl, runCheck, waitForCheck, type CheckResult, type ExpectationResult, type ProbeRequest } from '@deploysafe/http-probe';
import { loadChecks } from './checks-file.ts';
import { checkInputs, inputs, outputs, type Inputs, type Output } from './inputs.ts';
import { renderJUnit, type JUnitCase } from './junit.ts';
import { sampleLatency, type LatencyOutcome } from './latency.ts';
import { planChecks, registerSecrets, type PlannedCheck } from './plan.ts';
import { runBurst } from './rate-limit.ts';
import { writeSummary } from './summary.ts';
import { joinUrl } from './urls.ts';

/** Everything known about one check after the run. */
export interface CheckOutcome {
  name: string;
  origin: PlannedCheck['origin'];
  preset?: string;
  file?: string;
  line?: number;
  passed: boolean;
  /** Functional failures and latency failures together. */
  failures: ExpectationResult[];
  result: CheckResult;
  /** Set for the first check, which is retried until it passes or `wait` runs out. */
  wait?: { retries: number; waitedMs: number };
  /** Why the check was not run (the first check never passed). */
  notRun?: string;
  latency?: LatencyOutcome;
}

/** The JSON report. */
export interface SmokeReport {
  tool: 'deploysafe smoke-test';
  passed: boolean;
  url: string;
  baselineUrl?: string;
  startedAt: string;
  durationMs: number;
  totals: { checks: number; passed: number; failed: number; notRun: number };
  latency: { sampled: boolean; samples: number; p95Ms?: number; budgetMs?: number; tolerance?: number; marginMs?: number };
  checks: CheckOutcome[];
}

function firstProblem(failures: readonly ExpectationResult[]): string {
  const f = failures[0];
  if (!f) return '';
  return `${f.expected}: got ${f.actual}${failures.length > 1 ? ` (+${failures.length - 1} more)` : ''}`;
}

function logLine(o: CheckOutcome): string {
  const status = o.result.status ?? o.result.error?.code ?? '-';
  const latency = o.notRun ? '' : ` ${formatDuration(o.result.latencyMs)}`;
  const retried = o.wait && o.wait.retries > 0 ? ` (after ${o.wait.retries} ${o.wait.retries === 1 ? 'retry' : 'retries'}, ${formatDuration(o.wait.waitedMs)})` : '';
  if (o.notRun) return `✗ ${o.name}: not run: ${o.notRun}`;
  return o.passed ? `✓ ${o.name} ${status}${latency}${retried}` : `✗ ${o.name} ${status}${latency}${retried}: ${firstProblem(o.failures)}`;
}

function outcomeOf(p: PlannedCheck, result: CheckResult): CheckOutcome {
  const o: CheckOutcome = { name: p.name, origin: p.origin, passed: result.passed, failures: [...result.failures], result };
  if (p.preset) o.preset = p.preset;
  if (p.file) o.file = p.file;
  if (p.line !== undefined) o.line = p.line;
  return o;
}

function isSampled(p: PlannedCheck, samplingOn: boolean): boolean {
  if (p.burst) return false;
  if (p.sample !== undefined) return p.sample;
  const method = (p.check.request.method ?? 'GET').toUpperCase();
  return samplingOn && (method === 'GET' || method === 'HEAD');
}

function baselineRequest(p: PlannedCheck, baseline: URL | undefined): { request?: ProbeRequest; skipped?: string } {
  if (!baseline) return {};
  if (p.path === undefined) return { skipped: 'its absolute url is not under the url input, so there is no matching baseline URL' };
  return { request: { ...p.check.request, url: joinUrl(baseline, p.path) } };
}

function junitCase(o: CheckOutcome): JUnitCase {
  const c: JUnitCase = { name: o.name, timeMs: o.notRun ? 0 : o.result.latencyMs };
  if (o.passed) return c;
  const lines = o.failures.map((f) => `${f.expected}\n  actual: ${f.actual}`);
  if (o.result.response) {
    lines.push('', `response status ${o.result.response.status}`, ...Object.entries(o.result.response.headers).map(([k, v]) => `${k}: ${v}`), '', o.result.response.body);
  }
  const detail = { message: o.notRun ? `not run: ${o.notRun}` : firstProblem(o.failures), type: o.failures[0]?.kind ?? 'request', details: `${o.result.method} ${o.result.url}\n${lines.join('\n')}` };
  if (o.notRun || o.result.error) c.error = detail;
  else c.failure = detail;
  return c;
}

const EXPIRY_WARNING_DAYS = 21;

// A certificate close to expiry is worth a warning even when no check asked about it.
function warnExpiringCertificates(outcomes: readonly CheckOutcome[], planned: readonly PlannedCheck[], logger: RunContext['logger']): void {
  const warned = new Set<string>();
  for (const o of outcomes) {
    const tls = o.result.tls;
    const p = planned.find((x) => x.name === o.name);
    if (!tls || !p || p.check.expect.tlsDaysLeft !== undefined) continue;
    const host = new URL(p.check.request.url).host;
    if (warned.has(host) || tls.daysLeft >= EXPIRY_WARNING_DAYS) continue;
    warned.add(host);
    const when = tls.daysLeft < 0 ? `expired ${-tls.daysLeft} days ago` : `expires in ${tls.daysLeft} days`;
    logger.warning(`The TLS certificate of ${host} ${when} (${tls.validTo.slice(0, 10)}). Add tls-days-left to a check to make this a failure.`, { title: 'smoke-test: certificate expiry' });
  }
}

/** Runs the smoke test: validates everything, waits for the first check, runs the rest in parallel, samples latency, reports. */
export async function run(values: Inputs, ctx: RunContext): Promise<RunResult<Output>> {
  const started = performance.now();
  const startedAt = new Date();
  const { logger, secrets } = ctx;

  // Everything that can be wrong with the configuration fails here, before any request.
  const file = await loadChecks(values.checks, ctx.github.workspace);
  const tls = values.caCert ? { ca: await readFile(values.caCert, 'utf8') } : undefined;
  const planned = planChecks({ url: values.url, presets: values.presets, file, timeoutMs: values.timeout, tls });
  registerSecrets(planned, [values.url, values.baselineUrl], secrets);
  const samplingOn = values.latencyP95 !== undefined || values.baselineUrl !== undefined;
  const sampled = new Set(planned.filter((p) => isSampled(p, samplingOn)).map((p) => p.name));
  // A latency gate with nothing to measure would pass without measuring: refuse it instead.
  if (values.latencyP95 !== undefined && sampled.size === 0) {
    throw new ConfigurationError('latency-p95 is set but no check is sampled: only GET and HEAD checks are, unless a check says sample: true.');
  }
  if (values.baselineUrl && !planned.some((p) => sampled.has(p.name) && p.path !== undefined)) {
    throw new ConfigurationError('baseline-url is set but no sampled check can be compared with it: give checks a path (relative to url), or an absolute url under url.');
  }

  logger.info(
    `Smoke-testing ${values.url.href}: ${planned.length} check${planned.length === 1 ? '' : 's'} (${planned.map((p) => p.name).join(', ')}), ` +
      `up to ${values.concurrency} at a time${sampled.size > 0 ? `, ${values.samples} latency samples for ${sampled.size}` : ''}${values.baselineUrl ? `, compared with ${values.baselineUrl.href}` : ''}.`,
  );

  const outcomes = new Map<string, CheckOutcome>();
  const gate = planned.find((p) => !p.burst);
  let ready = true;
  if (gate) {
    await logger.group(`Waiting for ${gate.name} to pass (up to ${formatDuration(values.wait)})`, async () => {
      const result = await waitForCheck(gate.check, {
        deadlineMs: values.wait,
        redactor: secrets,
        onRetry: ({ attempt, result: r, delayMs, elapsedMs }) =>
          logger.info(`attempt ${attempt}: ${firstProblem(r.failures)}; retrying in ${formatDuration(delayMs)} (${formatDuration(elapsedMs)} of ${formatDuration(values.wait)})`),
      });
      const o = outcomeOf(gate, result);
      o.wait = { retries: result.retries, waitedMs: result.waitedMs };
      if (result.passed && result.retries > 0) logger.info(`${gate.name} passed after ${result.retries} ${result.retries === 1 ? 'retry' : 'retries'} (${formatDuration(result.waitedMs)})`);
      if (!result.passed && values.wait > 0) o.failures.unshift({ kind: 'wait', expected: `passes within ${formatDuration(values.wait)}`, actual: `still failing after ${result.attempts} attempts`, passed: false });
      // A service that answers, even wrongly, is up: the other checks still tell something. One that never answered is not.
      ready = result.passed || result.error === undefined;
      outcomes.set(gate.name, o);
      logger.info(logLine(o));
    });
  }

  const rest = planned.filter((p) => p !== gate && !p.burst);
  if (!ready && gate) {
    for (const p of planned.filter((x) => x !== gate)) {
      const o = outcomeOf(p, { name: p.name, method: (p.check.request.method ?? 'GET').toUpperCase(), url: redactUrl(p.check.request.url, secrets), passed: false, latencyMs: 0, expectations: [], failures: [], attempts: 0 });
      o.notRun = `${gate.name} got no answer`;
      o.passed = false;
      outcomes.set(p.name, o);
    }
  } else if (rest.length > 0) {
    await logger.group(`Running ${rest.length} check${rest.length === 1 ? '' : 's'}`, async () => {
      await mapWithConcurrency(rest, values.concurrency, async (p) => {
        const o = outcomeOf(p, await runCheck(p.check, { redactor: secrets }));
        outcomes.set(p.name, o);
        logger.info(logLine(o));
      });
    });
  }

  const toSample = planned.filter((p) => sampled.has(p.name) && outcomes.get(p.name)?.passed);
  if (toSample.length > 0) {
    await logger.group(`Sampling latency: ${values.samples} requests to each of ${toSample.length} check${toSample.length === 1 ? '' : 's'}${values.baselineUrl ? ' and the baseline, interleaved' : ''}`, async () => {
      await mapWithConcurrency(toSample, values.concurrency, async (p) => {
        const base = baselineRequest(p, values.baselineUrl);
        const latency = await sampleLatency(
          { request: p.check.request, ...(base.request ? { baseline: base.request } : {}), status: p.check.expect.status ?? { min: 200, max: 299 } },
          { samples: values.samples, ...(values.latencyP95 !== undefined ? { p95BudgetMs: values.latencyP95 } : {}), tolerance: values.baselineTolerance, marginMs: values.baselineMargin },
          secrets,
          base.skipped,
        );
        const o = outcomes.get(p.name) as CheckOutcome;
        o.latency = latency;
        o.failures.push(...latency.failures);
        o.passed = o.passed && latency.failures.length === 0;
        const s = latency.candidate.stats;
        const b = latency.baseline?.stats;
        logger.info(
          `${o.passed ? '✓' : '✗'} ${p.name}: p50 ${s ? formatDuration(s.p50) : '-'}, p95 ${s ? formatDuration(s.p95) : '-'}, max ${s ? formatDuration(s.max) : '-'}` +
            (b ? `; baseline p95 ${formatDuration(b.p95)}${latency.ratio !== undefined ? ` (${latency.ratio.toFixed(2)}x)` : ''}` : '') +
            (latency.baselineSkipped ? `; not compared with the baseline: ${latency.baselineSkipped}` : '') +
            (latency.failures.length > 0 ? `: ${firstProblem(latency.failures)}` : ''),
        );
      });
    });
  }

  for (const p of planned.filter((x) => x.burst)) {
    if (outcomes.has(p.name)) continue;
    await logger.group(`Rate limit: up to ${p.burst?.requests} requests to ${redactUrl(p.check.request.url, secrets)}`, async () => {
      const o = outcomeOf(p, await runBurst(p.name, p.burst as NonNullable<PlannedCheck['burst']>, secrets));
      outcomes.set(p.name, o);
      logger.info(logLine(o));
    });
  }

  const ordered = planned.map((p) => outcomes.get(p.name) as CheckOutcome);
  warnExpiringCertificates(ordered, planned, logger);
  const failed = ordered.filter((o) => !o.passed);
  const sampledP95 = ordered.flatMap((o) => (o.latency?.candidate.stats ? [o.latency.candidate.stats.p95] : []));
  const singleLatencies = ordered.filter((o) => !o.notRun && !o.result.error && o.result.status !== undefined && !planned.find((p) => p.name === o.name)?.burst).map((o) => o.result.latencyMs);
  const p95 = sampledP95.length > 0 ? Math.max(...sampledP95) : singleLatencies.length > 0 ? percentile([...singleLatencies].sort((a, b) => a - b), 95) : undefined;
  const durationMs = performance.now() - started;

  const report: SmokeReport = {
    tool: 'deploysafe smoke-test',
    passed: failed.length === 0,
    url: secrets.redact(values.url.href),
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(durationMs),
    totals: { checks: ordered.length, passed: ordered.length - failed.length, failed: failed.length, notRun: ordered.filter((o) => o.notRun).length },
    latency: { sampled: sampledP95.length > 0, samples: values.samples },
    checks: ordered,
  };
  if (values.baselineUrl) report.baselineUrl = secrets.redact(values.baselineUrl.href);
  if (p95 !== undefined) report.latency.p95Ms = Math.round(p95);
  if (values.latencyP95 !== undefined) report.latency.budgetMs = values.latencyP95;
  if (values.baselineUrl) {
    report.latency.tolerance = values.baselineTolerance;
    report.latency.marginMs = values.baselineMargin;
  }
  const reportPath = await writeJsonReport(values.report, report, secrets);
  if (values.junit) {
    const xml = renderJUnit('smoke-test', ordered.map(junitCase), { timestamp: startedAt, timeMs: durationMs, properties: { url: report.url, ...(report.baselineUrl ? { 'baseline-url': report.baselineUrl } : {}) } });
    await writeFileAtomic(values.junit, secrets.redact(xml));
    logger.info(`JUnit report: ${values.junit}`);
  }

  // GitHub shows ten error annotations per step; the summary has the rest.
  for (const o of failed.slice(0, 10)) {
    const where = o.file ? { file: o.file, ...(o.line !== undefined ? { startLine: o.line } : {}) } : {};
    logger.error(o.notRun ? `${o.name}: not run because ${o.notRun}` : `${o.name}: ${firstProblem(o.failures)}`, { title: `smoke-test: ${o.name} failed`, ...where });
  }
  writeSummary(ctx.summary, report, { durationMs, junit: values.junit, reportPath });

  const result: RunResult<Output> = {
    outputs: { passed: report.passed, failed: failed.length, 'p95-ms': p95 === undefined ? '' : Math.round(p95), report: reportPath },
  };
  if (failed.length > 0) {
    const names = failed.slice(0, 5).map((o) => (o.notRun ? `${o.name} (not run)` : `${o.name} (${firstProblem(o.failures)})`));
    result.failure = `${failed.length} of ${ordered.length} smoke checks failed: ${names.join('; ')}${failed.length > 5 ? `; and ${failed.length - 5} more` : ''}`;
  }
  return result;
}

/** The smoke-test action: inputs, outputs, cross-input rules and the work. */
export const definition = defineAction({ name: 'smoke-test', inputs, outputs, check: checkInputs, run });
