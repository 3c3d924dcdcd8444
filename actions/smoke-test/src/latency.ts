// Latency sampling: `samples` requests per check, p50/p95/max, the p95 budget, and the interleaved baseline comparison.
import { latencyStats, probe, ProbeError, statusMatches, truncate, type ExpectationResult, type LatencyStats, type ProbeRequest, type Redactor, type StatusExpectation } from '@deploysafe/http-probe';

/** How one check is sampled. */
export interface SampleRequest {
  request: ProbeRequest;
  /** The same request against the baseline, when the check can be mapped onto it. */
  baseline?: ProbeRequest;
  /** A sample whose status does not satisfy this counts as failed, so fast errors cannot lower the p95. */
  status: StatusExpectation;
}

/** How the samples are judged. */
export interface LatencyGates {
  samples: number;
  /** Fail when the candidate's p95 exceeds this. */
  p95BudgetMs?: number;
  /** Fail when candidate p95 > baseline p95 × tolerance and the difference exceeds the margin. */
  tolerance: number;
  marginMs: number;
}

/** One side's samples. */
export interface SampleSet {
  stats?: LatencyStats;
  /** Failed samples, by reason (`timeout`, `status 503`, ...). */
  errors: Record<string, number>;
  failed: number;
}

/** The sampling outcome of one check. */
export interface LatencyOutcome {
  samples: number;
  candidate: SampleSet;
  baseline?: SampleSet & { url: string };
  /** candidate p95 / baseline p95. */
  ratio?: number;
  /** Why the baseline was not compared, when it was asked for but could not be. */
  baselineSkipped?: string;
  failures: ExpectationResult[];
}

function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)}ms` : `${(value / 1000).toFixed(2)}s`;
}

function describeErrors(set: SampleSet, total: number): string {
  const reasons = Object.entries(set.errors)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${reason}×${n}`)
    .join(', ');
  return `${set.failed} of ${total} failed (${reasons})`;
}

async function sampleOnce(request: ProbeRequest, status: StatusExpectation, into: { latencies: number[]; set: SampleSet }): Promise<void> {
  try {
    const res = await probe({ ...request, maxBodyBytes: Math.min(request.maxBodyBytes ?? 1 << 20, 1 << 20) });
    if (statusMatches(status, res.status)) {
      into.latencies.push(res.latencyMs);
      return;
    }
    into.set.failed++;
    const key = `status ${res.status}`;
    into.set.errors[key] = (into.set.errors[key] ?? 0) + 1;
  } catch (error) {
    if (!(error instanceof ProbeError)) throw error;
    into.set.failed++;
    into.set.errors[error.code] = (into.set.errors[error.code] ?? 0) + 1;
  }
}

/**
 * Judges a candidate p95 against the baseline's: a regression is over `tolerance` times the
 * baseline and more than `marginMs` slower (on a 2 ms endpoint, 4 ms is noise, not a 2x slowdown).
 */
export function compareWithBaseline(candidateP95: number, baselineP95: number, gates: Pick<LatencyGates, 'tolerance' | 'marginMs'>): { ratio: number; failure?: ExpectationResult } {
  const ratio = baselineP95 > 0 ? candidateP95 / baselineP95 : Number.POSITIVE_INFINITY;
  if (candidateP95 <= baselineP95 * gates.tolerance || candidateP95 - baselineP95 <= gates.marginMs) return { ratio };
  return {
    ratio,
    failure: { kind: 'baseline', expected: `p95 <= ${gates.tolerance}x the baseline's p95 (${ms(baselineP95)})`, actual: `${ms(candidateP95)} (${ratio.toFixed(1)}x)`, passed: false },
  };
}

/**
 * Takes `samples` requests from the candidate (and, interleaved one for one, from the baseline, so
 * both see the same moment's conditions) and judges them against the gates.
 */
export async function sampleLatency(target: SampleRequest, gates: LatencyGates, redactor: Redactor, baselineSkipped?: string): Promise<LatencyOutcome> {
  const candidate = { latencies: [] as number[], set: { errors: {}, failed: 0 } as SampleSet };
  const baseline = target.baseline ? { latencies: [] as number[], set: { errors: {}, failed: 0 } as SampleSet } : undefined;
  for (let i = 0; i < gates.samples; i++) {
    // Alternate which side goes first so neither always gets the warmer server.
    const order = i % 2 === 0 ? ['c', 'b'] : ['b', 'c'];
    for (const side of order) {
      if (side === 'c') await sampleOnce(target.request, target.status, candidate);
      else if (baseline && target.baseline) await sampleOnce(target.baseline, target.status, baseline);
    }
  }
  const outcome: LatencyOutcome = { samples: gates.samples, candidate: candidate.set, failures: [] };
  const cStats = latencyStats(candidate.latencies);
  if (cStats) candidate.set.stats = cStats;
  if (baselineSkipped) outcome.baselineSkipped = baselineSkipped;

  if (candidate.set.failed > 0) {
    outcome.failures.push({ kind: 'latency', expected: `all ${gates.samples} samples answer with the expected status`, actual: describeErrors(candidate.set, gates.samples), passed: false });
  }
  if (gates.p95BudgetMs !== undefined && cStats && cStats.p95 > gates.p95BudgetMs) {
    outcome.failures.push({
      kind: 'latency',
      expected: `p95 latency <= ${ms(gates.p95BudgetMs)} over ${gates.samples} samples`,
      actual: `${ms(cStats.p95)} (p50 ${ms(cStats.p50)}, max ${ms(cStats.max)})`,
      passed: false,
    });
  }
  if (baseline && target.baseline) {
    const bStats = latencyStats(baseline.latencies);
    outcome.baseline = { ...baseline.set, url: truncate(redactor.redact(String(target.baseline.url)), 200) };
    if (bStats) outcome.baseline.stats = bStats;
    if (baseline.set.failed > 0) {
      // Fail closed: a comparison with a baseline that did not answer proves nothing.
      outcome.failures.push({ kind: 'baseline', expected: `the baseline answers all ${gates.samples} samples`, actual: describeErrors(baseline.set, gates.samples), passed: false });
    } else if (cStats && bStats) {
      const verdict = compareWithBaseline(cStats.p95, bStats.p95, gates);
      outcome.ratio = verdict.ratio;
      if (verdict.failure) outcome.failures.push(verdict.failure);
    }
  }
  return outcome;
}
