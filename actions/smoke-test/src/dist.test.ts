// The built bundle, run the way the GitHub runner runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDist } from '../../../tests/harness/run-dist.ts';
import { startTestApp, type TestApp } from './test-app.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('smoke-test dist', () => {
  it('passes a healthy service and sets the outputs', async () => {
    const run = await runDist('smoke-test', { inputs: { url: app.origin, presets: 'health,security-headers', 'latency-p95': '5s', samples: 3 } });
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.outputs.failed).toBe('0');
    expect(Number(run.outputs['p95-ms'])).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8')) as { passed: boolean; checks: { name: string }[] };
    expect(report.passed).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(['health', 'security-headers']);
    expect(run.summary).toContain('✅ **All 2 checks passed**');
    expect(run.annotations).toEqual([]);
  });

  it('fails on bad input before making any request, naming the input', async () => {
    const before = app.total();
    const run = await runDist('smoke-test', { inputs: { url: app.origin, wait: 'banana' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message)).toEqual([`Input 'wait' has an invalid value "banana": expected a duration such as 500ms, 30s or 5m.`]);
    expect(run.summary).toContain('smoke-test could not run');
    expect(app.total()).toBe(before);
  });

  it('fails the step with annotations and JUnit, and never leaks a credential from the checks', async () => {
    const token = 'sk_live_51Hx9QaT7eZr3mN8';
    const apiKey = 'apikey-7c1e9b2f4d6a';
    const password = 'pw-4f3e2d1c0b9a';
    const run = await runDist('smoke-test', {
      inputs: {
        url: `http://deploy:${password}@127.0.0.1:${app.port}/`,
        presets: 'none',
        wait: '0s',
        junit: 'smoke.xml',
        checks: [
          '- name: echo',
          '  path: /echo',
          `  headers: { Authorization: "Bearer ${token}", X-Api-Key: ${apiKey} }`,
          '  expect: { body: { contains: welcome } }',
          '- name: admin',
          '  path: /admin',
          '  expect: { status: 200 }',
        ].join('\n'),
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ passed: 'false', failed: '2' });
    expect(run.annotations.map((a) => [a.level, a.title])).toEqual([
      ['error', 'smoke-test: echo failed'],
      ['error', 'smoke-test: admin failed'],
      ['error', undefined],
    ]);
    expect(run.annotations.at(-1)?.message).toMatch(/^2 of 2 smoke checks failed: echo \(body contains "welcome": got not found in "auth=\*\*\* key=\*\*\*"\); admin \(status 200: got 401\)$/);
    // The credentials were masked for the runner, and nothing we wrote carries them.
    expect(run.masks).toEqual(expect.arrayContaining([`Bearer ${token}`, token, apiKey]));
    const report = readFileSync(run.outputs.report as string, 'utf8');
    const junit = readFileSync(join(run.outputs.report as string, '..', 'smoke.xml'), 'utf8');
    expect(junit).toContain('<failure message="body contains &quot;welcome&quot;: got not found in &quot;auth=*** key=***&quot;" type="body">');
    for (const text of [run.log, run.summary, JSON.stringify(run.outputs), report, junit]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(apiKey);
      expect(text).not.toContain(password);
    }
    expect(report).toContain('http://deploy:[redacted]@127.0.0.1');
  });
});
