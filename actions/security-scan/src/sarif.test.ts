import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyGate } from './gate.ts';
import { fingerprint, type Finding } from './finding.ts';
import { buildSarif, MAX_RESULTS_PER_RUN } from './sarif.ts';
import { secretRuleInfo } from './scanners/secrets-scanner.ts';
import type { ScannerResult } from './scanner.ts';

// The required shape of a SARIF 2.1.0 log as the schema (sarif-schema-2.1.0.json) defines it, plus
// what GitHub code scanning requires on top: rule ids, a message text, relative URIs, start lines >= 1,
// and distinct automationDetails ids per run (categories).
const message = z.object({ text: z.string().min(1) });
const region = z.object({ startLine: z.number().int().min(1), startColumn: z.number().int().min(1).optional(), endLine: z.number().int().min(1).optional() });
const location = z.object({
  physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string().regex(/^(?![a-z]+:|\/)/, 'relative'), uriBaseId: z.string().optional() }), region }),
});
const result = z.object({
  ruleId: z.string().min(1),
  ruleIndex: z.number().int().min(0).optional(),
  level: z.enum(['none', 'note', 'warning', 'error']),
  message,
  locations: z.array(location).max(10).optional(),
  partialFingerprints: z.record(z.string(), z.string().regex(/^[0-9a-f]{32}$/)),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const rule = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().optional(),
  shortDescription: message,
  fullDescription: message,
  help: message.optional(),
  defaultConfiguration: z.object({ level: z.enum(['none', 'note', 'warning', 'error']) }),
  properties: z.object({ 'security-severity': z.string().regex(/^\d+(\.\d)?$/), tags: z.array(z.string()) }).loose(),
});
const sarifLog = z.object({
  $schema: z.string().url(),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({ driver: z.object({ name: z.string().min(1), semanticVersion: z.string().optional(), informationUri: z.string().url().optional(), rules: z.array(rule).max(25_000) }) }),
        automationDetails: z.object({ id: z.string().min(1) }),
        results: z.array(result).max(25_000),
        properties: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .min(1)
    .max(20),
});

function secretFinding(i: number, severity: Finding['severity'] = 'critical', ruleId = 'github-pat'): Finding {
  return {
    scanner: 'secrets',
    ruleId,
    severity,
    message: `token ${i}`,
    location: { file: `src/dir with space/f${i}.ts`, line: i + 1, column: 3, endLine: i + 1 },
    fingerprint: fingerprint('secrets', ruleId, `f${i}`, `secret${i}`),
    secretPreview: 'ghp_…(40 chars)',
  };
}

const secretsResult = (findings: Finding[]): ScannerResult => ({ findings, rules: secretRuleInfo, coverage: [], notes: [] });

describe('buildSarif', () => {
  it('produces a valid SARIF 2.1.0 log for code scanning, one run per scanner category', () => {
    const findings = [secretFinding(1), secretFinding(2, 'low', 'stripe-test-secret-key'), { ...secretFinding(3), allowedInline: true }];
    const gate = applyGate(findings, 'high', []);
    const other: ScannerResult = { findings: [], rules: [{ id: 'example-check', title: 'Example', description: 'An example check.', severity: 'medium' }], coverage: [], notes: [] };
    const { log } = buildSarif([{ id: 'secrets', title: 'Secrets', result: secretsResult(findings) }, { id: 'headers', title: 'Headers', result: other }], gate, '0.1.0');
    const parsed = sarifLog.parse(log);
    expect(parsed.runs.map((r) => r.automationDetails.id)).toEqual(['security-scan/secrets/', 'security-scan/headers/']);
    const [secrets] = parsed.runs;
    // The suppressed finding is left out; levels follow the gate.
    expect(secrets?.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['github-pat', 'error'],
      ['stripe-test-secret-key', 'note'],
    ]);
    for (const r of secrets?.results ?? []) expect(secrets?.tool.driver.rules[r.ruleIndex as number]?.id).toBe(r.ruleId);
    expect(secrets?.results[0]?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('src/dir%20with%20space/f1.ts');
  });

  it('keeps rule ids stable and fingerprints free of paths, names and secrets', () => {
    const gate = applyGate([secretFinding(1)], 'high', []);
    const text = JSON.stringify(buildSarif([{ id: 'secrets', title: 'Secrets', result: secretsResult([secretFinding(1)]) }], gate, '0.1.0').log);
    const fp = (JSON.parse(text) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }).runs[0]?.results[0]?.partialFingerprints;
    expect(Object.keys(fp ?? {})).toEqual(['deploysafeFingerprint/v1']);
    expect(Object.values(fp ?? {})[0]).toBe(fingerprint('secrets', 'github-pat', 'f1', 'secret1'));
    expect(text).not.toContain('secret1');
    expect(secretRuleInfo.map((r) => r.id)).toContain('github-pat');
  });

  it('stays within GitHub limits, keeping the most severe results', () => {
    const many = Array.from({ length: MAX_RESULTS_PER_RUN + 20 }, (_, i) => secretFinding(i, i < 10 ? 'critical' : 'low', i < 10 ? 'github-pat' : 'stripe-test-secret-key'));
    const gate = applyGate(many, 'high', []);
    const { log, truncated } = buildSarif([{ id: 'secrets', title: 'Secrets', result: secretsResult(many) }], gate, '0.1.0');
    const parsed = sarifLog.parse(log);
    expect(parsed.runs[0]?.results).toHaveLength(MAX_RESULTS_PER_RUN);
    expect(parsed.runs[0]?.results.filter((r) => r.level === 'error')).toHaveLength(10);
    expect(truncated).toEqual({ secrets: 20 });
  });
});
