import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineAction, InputError } from '@deploysafe/action-kit';
import { createTestContext, inputsFor } from '@deploysafe/action-kit/testing';
import { describe, expect, it } from 'vitest';
import { inputs, outputs } from './inputs.ts';
import { run } from './run.ts';

const definition = defineAction({ name: 'config-validate', inputs, outputs, run });
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'handwritten.env.production');

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'config-validate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function validate(dir: string, raw: Record<string, string>) {
  const test = createTestContext({ env: { GITHUB_WORKSPACE: dir } });
  const values = inputsFor(definition, { report: join(dir, 'report.json'), ...raw }, test);
  const result = await run(values, test.ctx);
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  return { result, report, test };
}

const random = (n: number) => randomBytes(n).toString('base64url').slice(0, n);

/** The hand-written file with every placeholder replaced by a real random secret. */
function filled(): string {
  return readFileSync(FIXTURE, 'utf8')
    .replace('GENERATE_NEW_64_CHAR_KEY_HERE', randomBytes(32).toString('hex'))
    .replace('YOUR_PRODUCTION_JWT_SECRET_KEY', random(43))
    .replace('STRONG_PASSWORD_HERE', random(24))
    .replace('YOUR_PRODUCTION_STRIPE_KEY', `sk_live_${random(24)}`)
    .replace('your_app_password', random(20));
}

describe('a typical hand-written production file', () => {
  it('fails with one error on each placeholder secret and none on its correct settings', async () => {
    const dir = workspace({ '.env.production': readFileSync(FIXTURE, 'utf8') });
    const { result, report } = await validate(dir, { files: join(dir, '.env.production') });
    expect(report.findings.map((f: { line: number; key: string; rule: string }) => [f.line, f.key, f.rule])).toEqual([
      [14, 'SECRET_KEY', 'secret-placeholder'],
      [15, 'JWT_SECRET_KEY', 'secret-placeholder'],
      [20, 'DATABASE_URL', 'secret-placeholder'],
      [27, 'STRIPE_SECRET_KEY', 'secret-placeholder'],
      [30, 'SMTP_PASSWORD', 'secret-placeholder'],
    ]);
    expect(report.findings.every((f: { file: string; severity: string }) => f.file === '.env.production' && f.severity === 'error')).toBe(true);
    expect(result.outputs).toMatchObject({ valid: false, errors: 5, warnings: 0 });
    expect(result.failure).toBe('config-validate found 5 errors and 0 warnings in 1 file (fail-on: error)');
  });

  it('passes once the placeholders are filled with real secrets', async () => {
    const dir = workspace({ '.env.production': filled() });
    const { result, report, test } = await validate(dir, { files: join(dir, '.env.production') });
    expect(report.findings).toEqual([]);
    expect(result.outputs).toMatchObject({ valid: true, errors: 0, warnings: 0 });
    expect(result.failure).toBeUndefined();
    expect(test.summary.toString()).toContain('✅ **Passed**');
  });

  it('masks every secret it reads and keeps them out of the summary and the report', async () => {
    const text = filled();
    const dir = workspace({ '.env.production': text });
    const { test } = await validate(dir, { files: join(dir, '.env.production') });
    const secrets = ['SECRET_KEY', 'JWT_SECRET_KEY', 'STRIPE_SECRET_KEY', 'SMTP_PASSWORD'].map((k) => new RegExp(`^${k}=(.*)$`, 'm').exec(text)?.[1] as string);
    secrets.push(/myshop:([^@]+)@/.exec(text)?.[1] as string);
    const summary = test.summary.toString();
    const reportText = readFileSync(join(dir, 'report.json'), 'utf8');
    for (const s of secrets) {
      expect(test.masked).toContain(s);
      expect(summary).not.toContain(s);
      expect(reportText).not.toContain(s);
      expect(test.logger.text()).not.toContain(s);
    }
    expect(summary).toMatch(/SECRET_KEY` \| ••••\(64 chars\)/);
    expect(summary).toContain('postgresql://myshop:••••@db.internal:5432/myshop');
  });
});

describe('files', () => {
  it('expands globs, including dotfiles, and checks each file', async () => {
    const dir = workspace({ '.env.production': 'DEBUG=true\n', '.env.worker': 'APP_DEBUG=1\n', 'other.txt': 'x' });
    const { report } = await validate(dir, { files: `${dir}/.env.*` });
    expect(report.files).toEqual([
      { file: '.env.production', keys: 1 },
      { file: '.env.worker', keys: 1 },
    ]);
    expect(report.findings.map((f: { file: string; line: number }) => `${f.file}:${f.line}`)).toEqual(['.env.production:1', '.env.worker:1']);
  });

  it('fails closed when a pattern matches nothing', async () => {
    const dir = workspace({ '.env.production': 'A=1\n' });
    await expect(validate(dir, { files: `${join(dir, '.env.production')}\n${join(dir, '.env.missing')}` })).rejects.toThrow(/Input 'files': '.*\.env\.missing' matched no file/);
  });
});

describe('fail-on', () => {
  it.each([
    ['error', 'LOG_LEVEL=debug\n', false],
    ['warning', 'LOG_LEVEL=debug\n', true],
    ['never', 'DEBUG=true\n', false],
    ['error', 'DEBUG=true\n', true],
  ])('fail-on %s with %j fails: %s', async (failOn, text, fails) => {
    const dir = workspace({ '.env.production': text });
    const { result } = await validate(dir, { files: join(dir, '.env.production'), 'fail-on': failOn });
    expect(result.failure !== undefined).toBe(fails);
  });

  it('rejects an unknown fail-on before any work', () => {
    expect(() => inputsFor(definition, { 'fail-on': 'sometimes' })).toThrow(InputError);
  });
});

describe('policy and example inputs', () => {
  it('names the policy line of an invalid policy and annotates it', async () => {
    const dir = workspace({ '.env.production': 'A=1\n', 'policy.yml': 'required: [A]\nkeys:\n  WORKERS: { type: integer, maximum: 4 }\n' });
    const test = createTestContext({ env: { GITHUB_WORKSPACE: dir } });
    const values = inputsFor(definition, { files: join(dir, '.env.production'), policy: join(dir, 'policy.yml'), report: join(dir, 'r.json') }, test);
    await expect(run(values, test.ctx)).rejects.toThrow('Invalid policy file: policy.yml:3: keys.WORKERS.maximum: unknown key');
    expect(test.logger.of('error')[0]?.annotation).toMatchObject({ file: 'policy.yml', startLine: 3 });
  });

  it('applies a policy and an example file', async () => {
    const dir = workspace({
      '.env.production': 'ACCESS_TOKEN_EXPIRE_MINUTES=60\nENABLE_ADMIN_ENDPOINTS=true\nEXTRA=1\n',
      '.env.example': 'ACCESS_TOKEN_EXPIRE_MINUTES=\nENABLE_ADMIN_ENDPOINTS=\nSENTRY_DSN=\n',
      'policy.yml': 'keys:\n  ACCESS_TOKEN_EXPIRE_MINUTES: { type: integer, max: 15 }\nflags:\n  off: [ENABLE_ADMIN_ENDPOINTS]\n',
    });
    const { report } = await validate(dir, { files: join(dir, '.env.production'), policy: join(dir, 'policy.yml'), example: join(dir, '.env.example') });
    expect(report.findings.map((f: { rule: string; line: number | null }) => [f.rule, f.line])).toEqual([
      ['missing-key', null],
      ['policy-limit', 1],
      ['policy-flag', 2],
      ['extra-key', 3],
    ]);
  });

  it('rejects policy and example paths that do not exist', () => {
    expect(() => inputsFor(definition, { policy: '/no/such/policy.yml', example: '/no/such/.env.example' })).toThrow(/2 inputs are invalid/);
  });
});
