import { relative } from 'node:path';
import { defineAction, writeFileAtomic, writeJsonReport, type RunContext, type RunResult } from '@deploysafe/action-kit';
import { readBaseline, type BaselineEntry } from './baseline.ts';
import { applyGate } from './gate.ts';
import { inputs, outputs, type Inputs, type Output } from './inputs.ts';
import { buildSarif } from './sarif.ts';
import type { ScannerOutcome } from './scan-outcome.ts';
import { jsonReport, type ScanOutcome } from './scan-outcome.ts';
import { scanners } from './scanners/index.ts';
import { annotate, writeSummary } from './summary-writer.ts';
import packageJson from '../package.json' with { type: 'json' };

/** Runs the chosen scanners, gates their findings and writes SARIF, the JSON report and the summary. */
export async function run(inputs: Inputs, ctx: RunContext): Promise<RunResult<Output>> {
  const started = performance.now();
  const { logger } = ctx;
  const workspace = ctx.github.workspace;
  const baseline: BaselineEntry[] = inputs.baseline ? await readBaseline(inputs.baseline, relative(workspace, inputs.baseline) || inputs.baseline) : [];

  const done: ScannerOutcome[] = [];
  for (const id of inputs.scanners) {
    const scanner = scanners[id];
    logger.info(`Running the ${scanner.title.toLowerCase()} scanner`);
    const result = await scanner.run({ inputs, ctx, workspace });
    done.push({ id, title: scanner.title, result });
  }

  const gate = applyGate(
    done.flatMap((s) => s.result.findings),
    inputs.failOn,
    baseline,
  );
  const { log, truncated } = buildSarif(done, gate, packageJson.version);
  const outcome: ScanOutcome = { passed: gate.blocking === 0, failOn: inputs.failOn, scanners: done, gate, sarifTruncated: truncated, durationMs: performance.now() - started };

  annotate(logger, outcome);
  await writeFileAtomic(inputs.sarif, ctx.secrets.redact(`${JSON.stringify(log, null, 2)}\n`));
  const reportPath = await writeJsonReport(inputs.report, jsonReport(outcome), ctx.secrets);
  writeSummary(ctx.summary, outcome);
  for (const entry of gate.stale) logger.warning(`Baseline entry ${entry.fingerprint} expired on ${entry.expires} and no longer suppresses anything (${entry.reason}).`);
  logger.info(`SARIF: ${inputs.sarif}`);
  logger.info(`Report: ${reportPath}`);

  const failure =
    gate.blocking > 0
      ? `security-scan found ${gate.blocking} finding(s) at or above fail-on: ${inputs.failOn} (see the job summary and ${relative(workspace, reportPath) || reportPath}).`
      : undefined;
  return {
    outputs: { passed: gate.blocking === 0, findings: gate.unsuppressed, sarif: inputs.sarif, report: reportPath },
    failure,
  };
}

/** The action: inputs, outputs, cross-input checks and the work. */
export const definition = defineAction({
  name: 'security-scan',
  inputs,
  outputs,
  check(values) {
    const problems = [];
    if (values.scanners.includes('headers') && !values.url) problems.push({ input: 'url', got: undefined, expected: 'the URL of the deployed site when scanners includes headers' });
    if (values.url && !values.scanners.includes('headers')) problems.push({ input: 'url', got: JSON.stringify(values.url.href), expected: 'no url unless scanners includes headers (it would be ignored)' });
    if (values.offline && !values.scanners.includes('dependencies')) problems.push({ input: 'offline', got: JSON.stringify(values.offline), expected: 'no offline directory unless scanners includes dependencies' });
    if (values.onlyNew && !values.scanners.includes('dependencies')) problems.push({ input: 'only-new', got: '"true"', expected: 'false unless scanners includes dependencies (it applies to dependencies only)' });
    return problems;
  },
  run,
});
