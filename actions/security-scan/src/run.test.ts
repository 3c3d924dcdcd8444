import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { fakeString } from '@deploysafe/secret-scanner';
import { plantedCorpus } from '@deploysafe/secret-scanner/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, run } from './run.ts';

const corpus = plantedCorpus('action');
const dirs: string[] = [];
let workspace: string;

function writeTree(dir: string, files: Map<string, string>): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'security-scan-run-'));
  dirs.push(workspace);
  writeTree(workspace, corpus.files);
  execFileSync('git', ['init', '-q', workspace]);
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function scan(raw: Record<string, string>, root = workspace) {
  const test = createTestContext({ env: { GITHUB_WORKSPACE: root } });
  const out = mkdtempSync(join(tmpdir(), 'security-scan-out-'));
  dirs.push(out);
  const values = inputsFor(definition, { scanners: 'secrets', path: root, history: 'none', sarif: join(out, 'scan.sarif'), report: join(out, 'report.json'), ...raw }, test);
  const result = await run(values, test.ctx);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    passed: boolean;
    findings: { ruleId: string; verdict: string; fingerprint: string; severity: string; location: { file: string; line: number }; secretPreview: string }[];
    staleBaseline: { fingerprint: string }[];
    unusedBaseline: unknown[];
    counts: Record<string, number>;
  };
  const sarif = JSON.parse(readFileSync(join(out, 'scan.sarif'), 'utf8')) as { runs: { results: { level: string; ruleId: string }[] }[] };
  return { result, report, sarif, test, out };
}

describe('security-scan run()', () => {
  it('fails the gate on the planted secrets and reports each one, redacted, with its file and line', async () => {
    const { result, report, test } = await scan({});
    const expected = corpus.planted.filter((p) => !p.allowedInline);
    expect(result.outputs.passed).toBe(false);
    expect(result.outputs.findings).toBe(expected.length);
    expect(result.failure).toMatch(/found \d+ finding\(s\) at or above fail-on: high/);
    expect(report.findings.filter((f) => f.verdict !== 'suppressed')).toHaveLength(expected.length);
    for (const p of corpus.planted) expect(test.masked).toContain(p.secret.split('\n')[0]);
    const stripe = report.findings.find((f) => f.ruleId === 'stripe-live-secret-key');
    expect(stripe?.location).toMatchObject({ file: '.env.production', line: 5 });
    expect(stripe?.secretPreview).toMatch(/^sk_l…\(\d+ chars\)$/);
    // low and medium findings are reported but do not block at fail-on: high
    expect(report.findings.find((f) => f.ruleId === 'stripe-test-secret-key')?.verdict).toBe('reported');
    expect(report.findings.find((f) => f.ruleId === 'jwt')?.verdict).toBe('reported');
    expect(report.findings.find((f) => f.ruleId === 'generic-secret' && f.location.file === 'tests/fixtures/app.env')?.verdict).toBe('suppressed');
  });

  it('applies fail-on the same way to the exit code, the report and the SARIF levels', async () => {
    for (const failOn of ['critical', 'medium', 'low', 'none'] as const) {
      const { result, report, sarif } = await scan({ 'fail-on': failOn });
      const blocking = report.findings.filter((f) => f.verdict === 'blocking');
      const errors = sarif.runs.flatMap((r) => r.results).filter((r) => r.level === 'error');
      expect(errors.length, failOn).toBe(blocking.length);
      expect(result.outputs.passed, failOn).toBe(blocking.length === 0);
      expect(Boolean(result.failure), failOn).toBe(blocking.length > 0);
      if (failOn === 'none') expect(blocking).toEqual([]);
      if (failOn === 'critical') expect(blocking.every((f) => f.severity === 'critical')).toBe(true);
      if (failOn === 'low') expect(blocking).toHaveLength(report.findings.filter((f) => f.verdict !== 'suppressed').length);
    }
  });

  it('suppresses baseline entries until they expire, then reports them as stale', async () => {
    const first = await scan({ 'fail-on': 'none' });
    const [a, b] = first.report.findings.filter((f) => f.verdict !== 'suppressed');
    const baseline = join(first.out, 'baseline.yml');
    writeFileSync(
      baseline,
      [
        'version: 1',
        'findings:',
        `  - fingerprint: ${a?.fingerprint}`,
        '    reason: rotated, kept in history on purpose',
        '    expires: 2999-12-31',
        `  - fingerprint: ${b?.fingerprint}`,
        '    reason: accepted until last year',
        '    expires: 2001-01-01',
        `  - fingerprint: ${'f'.repeat(32)}`,
        '    reason: a finding that no longer exists',
      ].join('\n'),
    );
    const { report, test } = await scan({ 'fail-on': 'none', baseline });
    expect(report.findings.find((f) => f.fingerprint === a?.fingerprint)?.verdict).toBe('suppressed');
    expect(report.findings.find((f) => f.fingerprint === b?.fingerprint)?.verdict).toBe('reported');
    expect(report.staleBaseline.map((e) => e.fingerprint)).toEqual([b?.fingerprint]);
    expect(report.unusedBaseline).toHaveLength(1);
    expect(test.summary.toString()).toContain('Stale baseline entries');
    expect(test.logger.text()).toContain(`Baseline entry ${b?.fingerprint} expired on 2001-01-01`);
  });

  it('rejects a malformed baseline naming the key and line', async () => {
    const out = mkdtempSync(join(tmpdir(), 'security-scan-bad-'));
    dirs.push(out);
    const baseline = join(out, 'baseline.yml');
    writeFileSync(baseline, 'findings:\n  - fingerprint: abc\n    reason: x\n    expires: soon\n');
    await expect(scan({ baseline })).rejects.toThrow(/findings\[0\]\.fingerprint.*fingerprint|baseline file/);
  });

  it('writes a summary grouped by scanner and annotations on the file and line', async () => {
    const { test } = await scan({});
    const summary = test.summary.toString();
    expect(summary).toContain('## Security scan');
    expect(summary).toContain('### Secrets:');
    expect(summary).toContain('Files scanned');
    const errors = test.logger.of('error');
    expect(errors.length).toBeGreaterThan(10);
    const stripe = errors.find((e) => e.message.includes('Stripe live secret key'));
    expect(stripe?.annotation).toMatchObject({ file: '.env.production', startLine: 5, title: 'security-scan: stripe-live-secret-key' });
  });

  it('never writes a planted secret into the log, summary, report or SARIF', async () => {
    const { test, out } = await scan({});
    const written = [test.logger.text(), test.summary.toString(), readFileSync(join(out, 'report.json'), 'utf8'), readFileSync(join(out, 'scan.sarif'), 'utf8')].join('\n');
    for (const p of corpus.planted) for (const line of p.secret.split('\n')) if (line.length > 8) expect(written).not.toContain(line);
  });

  it('masks what could be a secret, never a common word that would garble the log', async () => {
    const root = mkdtempSync(join(tmpdir(), 'security-scan-masks-'));
    dirs.push(root);
    const strong = fakeString('masks-strong', 24);
    // security-scan:allow a made-up weak password, the point of this test
    writeFileSync(join(root, 'deploy.env'), `DATABASE_URL=postgres://shop:hunter2@db.prod:5432/shop\nQUEUE_URL=amqp://worker:${strong}@mq.prod:5672/\n`);
    execFileSync('git', ['init', '-q', root]);
    const { report, test, out } = await scan({}, root);
    // Both are reported; only the plausible secret is handed to the runner for masking.
    expect(report.findings.map((f) => [f.ruleId, f.location.line, f.secretPreview])).toEqual([
      ['url-credentials', 1, '••••(7 chars)'],
      ['url-credentials', 2, `${strong.slice(0, 4)}…(24 chars)`],
    ]);
    expect(test.masked).toEqual([strong]);
    const written = [test.logger.text(), test.summary.toString(), readFileSync(join(out, 'report.json'), 'utf8'), readFileSync(join(out, 'scan.sarif'), 'utf8')].join('\n');
    for (const value of ['hunter2', strong]) expect(written).not.toContain(value);
  });
});

describe('security-scan inputs', () => {
  const read = (raw: Record<string, string>) => () => inputsFor(definition, { path: workspace, ...raw });

  it('rejects inputs that belong to a scanner that is not selected', () => {
    expect(read({ scanners: 'secrets', url: 'https://shop.example.net' })).toThrow(/Input 'url'.*unless scanners includes headers/);
    expect(read({ scanners: 'secrets', offline: workspace })).toThrow(/Input 'offline'.*unless scanners includes dependencies/);
    expect(read({ scanners: 'secrets,secret' })).toThrow(/Input 'scanners'.*unknown: secret/);
    expect(read({ scanners: 'secrets', 'only-new': 'true' })).toThrow(/Input 'only-new'.*dependencies only/);
  });

  it('needs url with the headers scanner and validates history and fail-on', () => {
    expect(read({ scanners: 'secrets,headers' })).toThrow(/Input 'url' is required/);
    expect(read({ scanners: 'secrets', history: '--output=/etc/passwd' })).toThrow(/Input 'history' has an invalid value/);
    expect(read({ scanners: 'secrets', 'fail-on': 'severe' })).toThrow(/Input 'fail-on'.*critical, high, medium, low, none/);
    expect(read({ scanners: 'secrets', history: 'origin/main..HEAD' })().history).toEqual({ kind: 'range', base: 'origin/main', head: 'HEAD', symmetric: false });
  });
});
