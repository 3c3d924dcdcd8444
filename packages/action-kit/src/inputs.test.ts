import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.ts';
import { input, inputKey, objectSource, readInputs } from './inputs.ts';
import { MemoryLogger } from './logger.ts';
import { SecretRegistry } from './secrets.ts';

const spec = {
  wait: input.duration().default('60s'),
  samples: input.integer({ min: 1, max: 1000 }).default('20'),
  'fail-on': input.enum(['error', 'warning', 'never']).default('error'),
  presets: input.list({ values: ['health', 'security-headers'] }).default('health'),
  url: input.url().required(),
  verbose: input.boolean().default('false'),
  key: input.secret({ minLength: 16 }),
  label: input.string(),
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.problems.map((p) => p.input);
    throw error;
  }
  return [];
}

describe('readInputs', () => {
  it('applies defaults, parses every kind and camel-cases the keys', () => {
    const values = readInputs(spec, objectSource({ url: 'https://example.com/x', samples: '5' }));
    expect(values.wait).toBe(60_000);
    expect(values.samples).toBe(5);
    expect(values.failOn).toBe('error');
    expect(values.presets).toEqual(['health']);
    expect(values.url.href).toBe('https://example.com/x');
    expect(values.verbose).toBe(false);
    expect(values.key).toBeUndefined();
    expect(values.label).toBeUndefined();
  });

  it('names the input, what it got and what it expected, in one message', () => {
    expect(() => readInputs(spec, objectSource({ url: 'https://x.io', wait: 'banana' }))).toThrow(
      "Input 'wait' has an invalid value \"banana\": expected a duration such as 500ms, 30s or 5m.",
    );
  });

  it('reports every bad input at once, before any work', () => {
    const bad = objectSource({ wait: 'soon', samples: '0', 'fail-on': 'sometimes', presets: 'health,bogus', verbose: 'yes' });
    expect(problemsOf(() => readInputs(spec, bad))).toEqual(['wait', 'samples', 'fail-on', 'presets', 'url', 'verbose']);
    try {
      readInputs(spec, bad);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/^6 inputs are invalid:/);
      expect(message).toContain("Input 'url' is required: expected an absolute http or https URL");
      expect(message).toContain('a whole number between 1 and 1000');
      expect(message).toContain('unknown: bogus');
      expect(message).toContain('one of error, warning, never');
    }
  });

  it('masks a secret before validating it and never repeats it in the error', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((v) => masked.push(v));
    const short = 'hunter2-short';
    let message = '';
    try {
      readInputs(spec, objectSource({ url: 'https://x.io', key: short }), { secrets });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(masked).toContain(short);
    expect(message).toContain("Input 'key' has an invalid value (secret, ••••(13 chars))");
    expect(message).not.toContain(short);
  });

  it('masks the secret parts of a value and hides only them in errors and debug lines', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((v) => masked.push(v));
    const logger = new MemoryLogger();
    const password = (raw: string) => (URL.canParse(raw) ? [decodeURIComponent(new URL(raw).password)] : []);
    const db = input.custom(z.string().regex(/^postgres:\/\/[^/]+\/\w+$/, 'a postgres:// URL with a database'), 'a postgres:// URL').withSecretParts(password);
    let message = '';
    try {
      readInputs({ db: db.required() }, objectSource({ db: 'postgres://app:s3cret-pw@db:5432/' }), { secrets, logger });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(masked).toEqual(['s3cret-pw']);
    expect(message).toContain('postgres://app:***@db:5432/');
    expect(message).not.toContain('s3cret-pw');
    readInputs({ db }, objectSource({ db: 'postgres://app:s3cret-pw@db:5432/shop' }), { secrets, logger });
    expect(logger.text()).toContain('input db = "postgres://app:***@db:5432/shop"');
    expect(logger.text()).not.toContain('s3cret-pw');
  });

  it('logs each resolved value at debug level, secrets redacted', () => {
    const logger = new MemoryLogger();
    const key = 'a-very-long-secret-value-123';
    readInputs(spec, objectSource({ url: 'https://x.io', key }), { logger });
    expect(logger.text()).toContain('input wait = 60000');
    expect(logger.text()).toContain('input key = ••••(28 chars)');
    expect(logger.text()).not.toContain(key);
  });

  it('masks the password of a URL input and never logs it', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((v) => masked.push(v));
    const logger = new MemoryLogger();
    const values = readInputs(spec, objectSource({ url: 'https://ops:s3cret%21pw@x.io/health' }), { secrets, logger });
    expect(values.url.password).toBe('s3cret%21pw');
    expect(masked).toEqual(expect.arrayContaining(['s3cret%21pw', 's3cret!pw']));
    expect(logger.text()).toContain('input url = https://ops:***@x.io/health');
    expect(logger.text()).not.toContain('s3cret');
  });

  it('rejects URLs with other schemes or no host', () => {
    for (const url of ['ftp://x.io', 'not a url', 'http://', '/health']) {
      expect(problemsOf(() => readInputs({ url: input.url().required() }, objectSource({ url })))).toEqual(['url']);
    }
  });

  it('checks that a path exists when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kit-'));
    const file = join(dir, 'f.txt');
    writeFileSync(file, 'x');
    const s = { f: input.path({ mustExist: 'file' }), d: input.path({ mustExist: 'directory' }) };
    expect(readInputs(s, objectSource({ f: file, d: dir }))).toEqual({ f: file, d: dir });
    expect(problemsOf(() => readInputs(s, objectSource({ f: dir, d: file })))).toEqual(['f', 'd']);
    expect(problemsOf(() => readInputs(s, objectSource({ f: join(dir, 'missing') })))).toEqual(['f']);
  });

  it('accepts custom zod schemas and uses their messages', () => {
    const retention = input.custom(
      z.string().regex(/^keep-last=\d+$/, 'a policy such as keep-last=10'),
      'a retention policy',
    );
    expect(readInputs({ r: retention }, objectSource({ r: 'keep-last=3' }))).toEqual({ r: 'keep-last=3' });
    expect(() => readInputs({ r: retention }, objectSource({ r: 'forever' }))).toThrow(/expected a retention policy/);
  });

  it('converts input names to keys', () => {
    expect(inputKey('fail-on')).toBe('failOn');
    expect(inputKey('latency-p95')).toBe('latencyP95');
    expect(inputKey('files')).toBe('files');
  });
});
