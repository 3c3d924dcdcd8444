// config-validate's bundle, run the way the GitHub runner runs it.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDist } from '../harness/run-dist.ts';

const FIXTURE = join(import.meta.dirname, '..', '..', 'actions', 'config-validate', 'fixtures', 'handwritten.env.production');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cv-dist-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('config-validate through the runner', () => {
  it('uses action.yml defaults, annotates each finding on its line and fails the step', async () => {
    const ws = workspace({ '.env.production': readFileSync(FIXTURE, 'utf8') });
    const run = await runDist('config-validate', { workspace: ws });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ valid: 'false', errors: '5', warnings: '0', report: join(ws, 'config-validate-report.json') });
    const errors = run.annotations.filter((a) => a.level === 'error' && a.file);
    expect(errors.map((a) => [a.file, a.line, a.title])).toEqual([
      ['.env.production', 14, 'config-validate: secret-placeholder'],
      ['.env.production', 15, 'config-validate: secret-placeholder'],
      ['.env.production', 20, 'config-validate: secret-placeholder'],
      ['.env.production', 27, 'config-validate: secret-placeholder'],
      ['.env.production', 30, 'config-validate: secret-placeholder'],
    ]);
    // The step's failure message is one line, with no stack.
    const failure = run.annotations.filter((a) => a.level === 'error' && !a.file);
    expect(failure.map((a) => a.message)).toEqual(['config-validate found 5 errors and 0 warnings in 1 file (fail-on: error)']);
    expect(run.summary).toContain('❌ **Failed** — 5 errors, 0 warnings in 1 file');
    expect(run.summary).toContain('| `.env.production:14` | `SECRET_KEY` | `secret-placeholder` |');
  });

  it('never lets a secret reach the log, the summary, the outputs or the report', async () => {
    const secret = randomBytes(32).toString('hex');
    const password = randomBytes(18).toString('base64url');
    const shortToken = 'tok-9f2k1x';
    const text = [`SECRET_KEY=${secret}`, `DATABASE_URL=postgresql://app:${password}@db:5432/app`, `API_TOKEN=${shortToken}`, 'DEBUG=true'].join('\n');
    const ws = workspace({ '.env.production': text });
    const run = await runDist('config-validate', { workspace: ws, inputs: { 'fail-on': 'never' } });
    expect(run.exitCode).toBe(0);
    expect(run.masks).toEqual(expect.arrayContaining([secret, password, shortToken]));
    const report = readFileSync(run.outputs.report as string, 'utf8');
    for (const value of [secret, password, shortToken]) {
      expect(run.log).not.toContain(value);
      expect(run.summary).not.toContain(value);
      expect(JSON.stringify(run.outputs)).not.toContain(value);
      expect(report).not.toContain(value);
    }
    expect(run.summary).toContain('••••(64 chars)');
    expect(JSON.parse(report).findings.map((f: { rule: string }) => f.rule).sort()).toEqual(['debug-enabled', 'secret-too-short']);
  });

  it('rejects bad input before any work, with one line naming the input', async () => {
    const ws = workspace({ '.env.production': 'A=1\n' });
    const run = await runDist('config-validate', { workspace: ws, inputs: { 'fail-on': 'sometimes' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toEqual([{ level: 'error', message: 'Input \'fail-on\' has an invalid value "sometimes": expected one of error, warning, never.' }]);
    expect(run.log).not.toMatch(/\n\s+at /);
    expect(run.outputs).toEqual({});
    expect(run.summary).toContain('config-validate could not run');
  });

  it('fails closed when the default file is missing', async () => {
    const run = await runDist('config-validate', { workspace: workspace({}) });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toMatch(/^Input 'files': '.env.production' matched no file/);
  });
});
