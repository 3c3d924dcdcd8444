import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { input, type InputProblem, type InputsOf } from '@deploysafe/action-kit';
import { z } from 'zod';

/** Where the checks come from: a YAML file, or YAML written in the input itself. */
export type ChecksSource = { kind: 'file'; path: string; given: string } | { kind: 'inline'; text: string; toJSON(): string };

const CHECKS_EXPECTED = 'the path of a YAML checks file, or inline YAML (several lines, a [ ... ] / { ... } flow, or a - list item)';

// One line that names no file is a mistake (a typo'd path), not YAML: inline YAML spans lines or is a flow.
const checksSource = z.string().transform((raw, ctx): ChecksSource => {
  // toJSON keeps the text (which may hold credentials) out of the kit's debug line for each input.
  if (raw.includes('\n') || /^[[{-]/.test(raw)) return { kind: 'inline', text: raw, toJSON: () => `inline YAML (${raw.split('\n').length} lines)` };
  const path = resolve(raw);
  if (existsSync(path) && statSync(path).isFile()) return { kind: 'file', path, given: raw };
  ctx.addIssue({ code: 'custom', message: `${CHECKS_EXPECTED}; no file exists at that path` });
  return z.NEVER;
});

/** The preset names the `presets` input accepts. */
export const PRESETS = ['health', 'security-headers', 'https-redirect', 'rate-limit', 'none'] as const;

/** The inputs of smoke-test; names and defaults match action.yml (a test checks). */
export const inputs = {
  url: input.url().required(),
  checks: input.custom(checksSource, CHECKS_EXPECTED),
  presets: input.list({ values: PRESETS }).default('health'),
  wait: input.duration({ max: 3_600_000 }).default('60s'),
  timeout: input.duration({ min: 50, max: 600_000 }).default('10s'),
  'latency-p95': input.duration({ min: 1 }),
  samples: input.integer({ min: 1, max: 1000 }).default('20'),
  'baseline-url': input.url(),
  'baseline-tolerance': input.number({ min: 1 }).default('1.5'),
  'baseline-margin': input.duration().default('5ms'),
  concurrency: input.integer({ min: 1, max: 100 }).default('10'),
  'ca-cert': input.path({ mustExist: 'file' }),
  junit: input.path(),
  report: input.path().default('smoke-test-report.json'),
};

/** The outputs of smoke-test. */
export const outputs = ['passed', 'failed', 'p95-ms', 'report'] as const;

export type Inputs = InputsOf<typeof inputs>;
export type Output = (typeof outputs)[number];

/** Rules spanning inputs, reported with the per-input problems before any request. */
export function checkInputs(values: Inputs): InputProblem[] {
  const problems: InputProblem[] = [];
  if (values.presets.includes('none') && values.presets.length > 1) {
    problems.push({ input: 'presets', got: JSON.stringify(values.presets.join(',')), expected: '`none` alone, or a list of presets without `none`' });
  }
  if (values.baselineUrl && values.baselineUrl.href === values.url.href) {
    problems.push({ input: 'baseline-url', got: JSON.stringify(values.baselineUrl.href), expected: 'a different URL from `url` (the service to compare with, such as the live colour)' });
  }
  return problems;
}
