// The headers scanner: the deployed site's security headers, cookies, CORS and exposed files, through @deploysafe/web-audit.
import { ConfigurationError } from '@deploysafe/action-kit';
import type { WebFinding } from '@deploysafe/web-audit';
import { fingerprint, type Finding, type RuleInfo } from '../finding.ts';
import type { ScanContext, Scanner, ScannerResult } from '../scanner.ts';

function toFinding(f: WebFinding): Finding {
  return {
    scanner: 'headers',
    ruleId: f.ruleId,
    severity: f.severity,
    message: `${f.title}: ${f.message} ${f.remediation.summary}`.trim(),
    location: { url: f.location.url },
    fingerprint: fingerprint('headers', f.fingerprint),
    details: { summary: f.evidence ?? f.title, remediation: f.remediation.summary, ...(f.remediation.references[0] ? { reference: f.remediation.references[0] } : {}) },
  };
}

function rulesOf(findings: readonly WebFinding[]): RuleInfo[] {
  const rules = new Map<string, RuleInfo>();
  for (const f of findings) {
    if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, title: f.title, description: f.remediation.summary, severity: f.severity, ...(f.remediation.references[0] ? { helpUri: f.remediation.references[0] } : {}) });
  }
  return [...rules.values()];
}

/** The live site at `url`: Observatory's header tests plus versions in headers and exposed .env/.git/source maps. */
export const headersScanner: Scanner = {
  id: 'headers',
  title: 'Security headers',
  async run({ inputs, ctx }: ScanContext): Promise<ScannerResult> {
    if (!inputs.url) throw new ConfigurationError('The headers scanner needs the url input: the deployed site to check.');
    const url = inputs.url.href;
    // Loaded on demand: the bundle's scanning threads load the bundle too, and need none of this.
    const { auditWebSecurity } = await import('@deploysafe/web-audit');
    const result = await ctx.logger.group(`Auditing ${url}`, () => auditWebSecurity({ url, redactor: ctx.secrets, logger: ctx.logger }));
    return {
      findings: result.findings.map(toFinding),
      rules: rulesOf(result.findings),
      coverage: [
        ['Site', `${result.finalUrl} (HTTP ${result.status})`],
        ['Score', `${result.score} — grade ${result.grade} (Mozilla Observatory's method plus our version and exposed-file tests)`],
        ['Tests', result.checks.map((c) => `${c.passed ? '✓' : '✗'} ${c.test} (${c.modifier >= 0 ? '+' : ''}${c.modifier})`).join(', ')],
      ],
      notes: [],
    };
  },
};
