import { input, type InputsOf } from '@deploysafe/action-kit';

/** The inputs of deploy-bluegreen; names and defaults match action.yml (a test checks). */
export const inputs = {
  target: input.path({ mustExist: 'file' }).required(),
  step: input.enum(['full', 'stage', 'promote']).default('full'),
  release: input.string({ pattern: /^[A-Za-z0-9][\w.+-]{0,127}$/, expected: 'a release id of letters, digits, ".", "_", "+" and "-" (at most 128), such as v1.4.2 or a commit SHA' }),
  'backup-id': input.string({ pattern: /^[\w.:+-]{1,200}$/, expected: 'a backup id as db-backup prints it' }),
  environment: input.string({ pattern: /^[\w.-]{1,100}$/, expected: 'an environment name such as production or staging' }).default('production'),
  'github-token': input.secret(),
  'lock-wait': input.duration({ max: 6 * 3_600_000 }).default('10m'),
};

/** The outputs of deploy-bluegreen. */
export const outputs = ['live-color', 'idle-color', 'live-url', 'preview-url', 'release', 'previous-release', 'switched'] as const;

export type Inputs = InputsOf<typeof inputs>;
export type Output = (typeof outputs)[number];
