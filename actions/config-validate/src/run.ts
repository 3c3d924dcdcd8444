import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import * as glob from '@actions/glob';
import { ConfigFileError, ConfigurationError, readYamlConfig, writeJsonReport, type RunContext, type RunResult } from '@deploysafe/action-kit';
import { checkDotenv, type FileCheckResult } from './check-file.ts';
import { parseDotenv } from './dotenv-parser.ts';
import type { Inputs, Output } from './inputs.ts';
import { policySchema, type Policy } from './policy.ts';
import { writeSummary } from './render-summary.ts';
import type { Finding } from './rules.ts';

/** Expands the `files` patterns; a pattern that matches no file is a configuration error. */
async function resolveFiles(patterns: readonly string[]): Promise<string[]> {
  const files = new Set<string>();
  const empty: string[] = [];
  for (const pattern of patterns) {
    const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: false });
    const matches = await globber.glob();
    if (matches.length === 0) empty.push(pattern);
    for (const m of matches.sort()) files.add(m);
  }
  if (empty.length > 0) {
    throw new ConfigurationError(`Input 'files': ${empty.map((p) => `'${p}'`).join(', ')} matched no file (relative to ${process.cwd()}). Nothing to check is a failure, not a pass.`);
  }
  return [...files];
}

/** Checks every file and reports. */
export async function run(inputs: Inputs, ctx: RunContext): Promise<RunResult<Output>> {
  const { logger, secrets } = ctx;
  const workspace = ctx.github.workspace;
  const show = (path: string) => {
    const rel = relative(workspace, path);
    return rel.startsWith('..') ? path : rel;
  };

  let policy: Policy | undefined;
  if (inputs.policy) {
    try {
      policy = await readYamlConfig(inputs.policy, policySchema, { what: 'policy file', displayPath: show(inputs.policy) });
    } catch (error) {
      if (error instanceof ConfigFileError) {
        for (const p of error.problems) logger.error(`${p.path ? `${p.path}: ` : ''}${p.message}`, { title: 'config-validate: invalid policy', file: p.file, ...(p.line ? { startLine: p.line } : {}) });
      }
      throw error;
    }
  }
  let exampleKeys: Set<string> | undefined;
  if (inputs.example) exampleKeys = new Set(parseDotenv(await readFile(inputs.example, 'utf8')).entries.map((e) => e.key));

  const files = await resolveFiles(inputs.files);
  const productionRules = policy?.['production-rules'] ?? /^(production|prod)$/i.test(inputs.environment);
  const results: FileCheckResult[] = [];
  for (const path of files) {
    const file = show(path);
    const result = checkDotenv(await readFile(path, 'utf8'), { file, environment: inputs.environment, productionRules, policy, exampleKeys });
    // Mask before anything about this file can be printed.
    for (const value of result.secretValues) secrets.add(value);
    results.push(result);
    await logger.group(`${file}: ${result.entries.length} keys, ${result.findings.length} findings`, async () => {
      for (const f of result.findings) {
        const where = { title: `config-validate: ${f.rule}`, file: f.file, ...(f.line !== null ? { startLine: f.line } : {}), ...(f.column ? { startColumn: f.column } : {}) };
        if (f.severity === 'error') logger.error(f.message, where);
        else logger.warning(f.message, where);
      }
      for (const s of result.suppressed) logger.info(`suppressed ${s.rule} on line ${s.line}: ${s.reason}`);
    });
  }

  const findings: Finding[] = results.flatMap((r) => r.findings);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const failed = inputs.failOn === 'error' ? errors > 0 : inputs.failOn === 'warning' ? findings.length > 0 : false;

  const report = await writeJsonReport(
    inputs.report,
    {
      tool: 'config-validate',
      environment: inputs.environment,
      failOn: inputs.failOn,
      productionRules,
      valid: errors === 0,
      passed: !failed,
      counts: { errors, warnings, suppressed: results.reduce((n, r) => n + r.suppressed.length, 0) },
      files: results.map((r) => ({ file: r.file, keys: r.entries.length })),
      findings,
      suppressed: results.flatMap((r) => r.suppressed),
    },
    secrets,
  );
  writeSummary(ctx.summary, { results, environment: inputs.environment, failOn: inputs.failOn, failed, errors, warnings, productionRules, reportPath: show(report) });

  const counts = `${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}`;
  logger.info(`config-validate: ${counts}`);
  return {
    outputs: { valid: errors === 0, errors, warnings, report },
    failure: failed ? `config-validate found ${counts} (fail-on: ${inputs.failOn})` : undefined,
  };
}

