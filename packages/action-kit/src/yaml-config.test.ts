import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigFileError, parseYamlConfig } from './yaml-config.ts';

const schema = z.strictObject({
  provider: z.enum(['nginx', 'command']),
  colors: z.strictObject({ blue: z.strictObject({ url: z.url() }), green: z.strictObject({ url: z.url() }) }),
  retries: z.number().int().optional(),
});

function problems(text: string) {
  try {
    parseYamlConfig(text, schema, { file: 'target.yml', what: 'target file' });
  } catch (error) {
    if (error instanceof ConfigFileError) return error;
    throw error;
  }
  throw new Error('expected a ConfigFileError');
}

describe('parseYamlConfig', () => {
  it('returns the validated value', () => {
    const value = parseYamlConfig('provider: nginx\ncolors:\n  blue: { url: "http://a:1" }\n  green: { url: "http://b:2" }\n', schema, { file: 't', what: 'target file' });
    expect(value.colors.green.url).toBe('http://b:2');
  });

  it('names the key and the line of each problem', () => {
    const error = problems('provider: nginx\ncolors:\n  blue: { url: "http://a:1" }\n  green:\n    url: "not a url"\nretries: many\n');
    expect(error.problems.map((p) => [p.path, p.line])).toEqual([
      ['colors.green.url', 5],
      ['retries', 6],
    ]);
    expect(error.message).toContain('target.yml:5: colors.green.url:');
  });

  it('points unknown keys at their own line', () => {
    const error = problems('provider: nginx\ncolors:\n  blue: { url: "http://a:1" }\n  green: { url: "http://b:2" }\n  purple: {}\n');
    expect(error.problems).toEqual([expect.objectContaining({ path: 'colors.purple', line: 5, message: 'unknown key' })]);
  });

  it('points a missing key at its parent', () => {
    const error = problems('provider: nginx\ncolors:\n  blue: { url: "http://a:1" }\n');
    expect(error.problems[0]).toMatchObject({ path: 'colors.green', line: 3 });
  });

  it('reports YAML syntax errors with a line', () => {
    const error = problems('provider: nginx\ncolors: [\n');
    expect(error.problems[0]?.line).toBeGreaterThanOrEqual(2);
    expect(error.message).toMatch(/^Invalid target file: target.yml:\d+:/);
  });

  it('refuses duplicated keys', () => {
    const error = problems('provider: nginx\nprovider: command\n');
    expect(error.message).toMatch(/unique/i);
  });
});
