// SARIF 2.1.0 for GitHub code scanning: one run per scanner (its own category), stable rule ids,
// partialFingerprints that are hashes, levels from the same gate as the exit code, within GitHub's limits.
import type { Severity } from './finding.ts';
import type { GateResult, GatedFinding } from './gate.ts';
import type { ScannerId } from './inputs.ts';
import type { ScannerResult } from './scanner.ts';

/** GitHub keeps at most this many results per run for display; more are cut, most severe kept. */
export const MAX_RESULTS_PER_RUN = 5000;
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFO_URI = 'https://github.com/deploysafe/deploysafe/tree/main/actions/security-scan';

// GitHub maps security-severity to critical (>= 9.0), high (7.0-8.9), medium (4.0-6.9), low (0.1-3.9).
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '2.0' };

function level(f: GatedFinding): 'error' | 'warning' | 'note' {
  if (f.verdict === 'blocking') return 'error';
  return f.severity === 'low' ? 'note' : 'warning';
}

function fileLocation(f: GatedFinding) {
  return {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(f.location.file as string), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: f.location.line ?? 1,
        ...(f.location.column ? { startColumn: f.location.column } : {}),
        ...(f.location.endLine && f.location.endLine !== f.location.line ? { endLine: f.location.endLine } : {}),
      },
    },
  };
}

// Code scanning accepts only repository paths, so a finding about the deployed site is filed under
// its host and path (`shop.example.com/checkout`); the full URL is in the result's properties.
function urlLocation(url: string) {
  const parsed = new URL(url);
  const path = `${parsed.hostname}${parsed.port ? `_${parsed.port}` : ''}${parsed.pathname}`.replace(/\/+$/, '') || parsed.hostname;
  return { physicalLocation: { artifactLocation: { uri: encodeURI(path) }, region: { startLine: 1 } } };
}

/** One scanner's part of the SARIF file. */
export interface SarifScannerInput {
  id: ScannerId;
  title: string;
  result: ScannerResult;
}

/** Builds the SARIF log; suppressed findings are left out. Returns the log and how many results were cut per scanner. */
export function buildSarif(scanners: readonly SarifScannerInput[], gate: GateResult, version: string): { log: unknown; truncated: Partial<Record<ScannerId, number>> } {
  const truncated: Partial<Record<ScannerId, number>> = {};
  const runs = scanners.map(({ id, title, result }) => {
    const rules = result.rules;
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const mine = gate.findings.filter((f) => f.scanner === id && f.verdict !== 'suppressed');
    if (mine.length > MAX_RESULTS_PER_RUN) truncated[id] = mine.length - MAX_RESULTS_PER_RUN;
    const results = mine.slice(0, MAX_RESULTS_PER_RUN).map((f) => {
      const location = f.location.file ? fileLocation(f) : f.location.url ? urlLocation(f.location.url) : undefined;
      return {
        ruleId: f.ruleId,
        ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
        level: level(f),
        message: { text: f.message },
        ...(location ? { locations: [location] } : {}),
        partialFingerprints: { 'deploysafeFingerprint/v1': f.fingerprint },
        properties: {
          severity: f.severity,
          ...(f.commit ? { commit: f.commit.sha } : {}),
          ...(f.location.url ? { url: f.location.url } : {}),
        },
      };
    });
    return {
      tool: {
        driver: {
          name: 'deploysafe security-scan',
          semanticVersion: version,
          informationUri: INFO_URI,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|[-/])([a-zA-Z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: r.title },
            fullDescription: { text: r.description },
            help: { text: r.description },
            ...(r.helpUri ? { helpUri: r.helpUri } : {}),
            defaultConfiguration: { level: r.severity === 'low' ? 'note' : r.severity === 'medium' ? 'warning' : 'error' },
            properties: { 'security-severity': SECURITY_SEVERITY[r.severity], tags: ['security', id], precision: 'high' },
          })),
        },
      },
      automationDetails: { id: `security-scan/${id}/` },
      results,
      properties: { scanner: title, ...(truncated[id] ? { truncatedResults: truncated[id] } : {}) },
    };
  });
  return { log: { $schema: SCHEMA, version: '2.1.0', runs }, truncated };
}
