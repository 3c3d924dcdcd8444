import { input, type InputsOf } from '@deploysafe/action-kit';
import { BACKUP_ID_PATTERN, databaseUrlInput, destinationInput, s3Inputs } from '@deploysafe/backup';

const RELEASE = /^[A-Za-z0-9][\w.+-]{0,127}$/;
const RELEASE_EXPECTED = 'a release id of letters, digits, ".", "_", "+" and "-" (at most 128), such as v1.4.2 or a commit SHA';

/** The inputs of rollback; names and defaults match action.yml (a test checks). */
export const inputs = {
  target: input.path({ mustExist: 'file' }).required(),
  to: input.string({ pattern: /^(previous|[A-Za-z0-9][\w.+-]{0,127})$/, expected: `previous, or ${RELEASE_EXPECTED}` }).default('previous'),
  from: input.string({ pattern: RELEASE, expected: RELEASE_EXPECTED }),
  reason: input.string({ pattern: /^[^\r\n]{1,500}$/, expected: 'one line of at most 500 characters' }),
  'restore-database': input.boolean().default('false'),
  'database-url': databaseUrlInput(),
  destination: destinationInput(),
  encryption: input.enum(['aes-256-gcm', 'none']).default('aes-256-gcm'),
  'encryption-key': input.secret({ minLength: 16 }),
  'backup-id': input.string({ pattern: BACKUP_ID_PATTERN, expected: 'a backup id as db-backup prints it, such as 20260102T030405Z-shop-1a2b3c' }),
  confirm: input.string({ expected: "the target database's name" }),
  'github-token': input.secret(),
  'lock-wait': input.duration({ max: 6 * 3_600_000 }).default('30s'),
  ...s3Inputs,
  'artifact-run-id': input.integer({ min: 1 }),
};

/** The outputs of rollback. */
export const outputs = ['live-color', 'release', 'rolled-back-release', 'restored-backup-id', 'duration-ms'] as const;

export type Inputs = InputsOf<typeof inputs>;
export type Output = (typeof outputs)[number];
