// This repository passes its own secret scan: the built security-scan action, run the way the
// runner runs it, on this working tree with the reviewed baseline of deliberate test fixtures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runDist } from './harness/run-dist.ts';

const repoRoot = join(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'security-scan-self-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Report {
  counts: { blocking: number; reported: number; suppressed: number };
  findings: { ruleId: string; verdict: string; fingerprint: string; location: { file: string; line: number } }[];
  unusedBaseline: { fingerprint: string; file?: string }[];
}

describe('security-scan on this repository', () => {
  it('finds nothing but the baselined test fixtures, and masks no common word', async () => {
    const run = await runDist('security-scan', {
      workspace: repoRoot,
      inputs: {
        scanners: 'secrets',
        history: 'none',
        baseline: '.github/security-scan-baseline.yml',
        sarif: join(out, 'self.sarif'),
        report: join(out, 'self-report.json'),
      },
    });
    const report = JSON.parse(readFileSync(join(out, 'self-report.json'), 'utf8')) as Report;
    const unexpected = report.findings.filter((f) => f.verdict !== 'suppressed').map((f) => `${f.ruleId} ${f.location.file}:${f.location.line} ${f.fingerprint}`);
    // A new finding: fix it, or if it is a deliberate fixture add its fingerprint to the baseline with a reason.
    expect(unexpected).toEqual([]);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', findings: '0' });
    // An entry that matches nothing is a fixture that moved or went away: remove it from the baseline.
    expect(report.unusedBaseline.map((e) => `${e.fingerprint} ${e.file ?? ''}`)).toEqual([]);

    // Masking a word would garble every log line holding it (once, the rule's own title: "Secret assigned to a *** name").
    for (const mask of run.masks) {
      expect(mask.length, mask).toBeGreaterThanOrEqual(6);
      expect('Secret assigned to a secret-looking name; Password in a connection URL', mask).not.toContain(mask);
    }
    expect(run.summary).toContain(`${report.counts.suppressed} suppressed`);
  });
});
