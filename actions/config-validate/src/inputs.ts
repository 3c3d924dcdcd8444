import { input, type InputsOf } from '@deploysafe/action-kit';

/** The inputs of config-validate; names and defaults match action.yml (a test checks). */
export const inputs = {
  files: input.list().default('.env.production'),
  environment: input.string({ pattern: /^[\w.-]+$/, expected: 'an environment name such as production or staging' }).default('production'),
  policy: input.path({ mustExist: 'file' }),
  example: input.path({ mustExist: 'file' }),
  'fail-on': input.enum(['error', 'warning', 'never']).default('error'),
  report: input.path().default('config-validate-report.json'),
};

/** The outputs of config-validate. */
export const outputs = ['valid', 'errors', 'warnings', 'report'] as const;

export type Inputs = InputsOf<typeof inputs>;
export type Output = (typeof outputs)[number];
