import { input, type InputsOf } from '@deploysafe/action-kit';
import { BACKUP_ID_PATTERN, COMPRESSIONS, RETENTION_EXPECTED, databaseUrlInput, destinationInput, parseRetention, s3Inputs } from '@deploysafe/backup';
import { z } from 'zod';

const retention = z.string().transform((raw, ctx) => {
  const parsed = parseRetention(raw);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: RETENTION_EXPECTED });
    return z.NEVER;
  }
  return parsed;
});

const backupId = new RegExp(`^(latest|${BACKUP_ID_PATTERN.source.replace(/^\^|\$$/g, '')})$`);

/** The inputs of db-backup; names and defaults match action.yml (a test checks). */
export const inputs = {
  operation: input.enum(['backup', 'restore', 'verify', 'list', 'prune']).default('backup'),
  'database-url': databaseUrlInput(),
  destination: destinationInput().default('file:./backups'),
  encryption: input.enum(['aes-256-gcm', 'none']).default('aes-256-gcm'),
  'encryption-key': input.secret({ minLength: 16 }),
  compression: input.enum(COMPRESSIONS).default('zstd'),
  'compression-level': input.integer({ min: 1, max: 19 }),
  verify: input.enum(['checksum', 'restore', 'none']).default('checksum'),
  retention: input.custom(retention, RETENTION_EXPECTED).default('keep-last=10,keep-daily=7,keep-weekly=4'),
  label: input.string({ pattern: /^[\w.-]{1,64}$/, expected: 'a label of letters, digits, dots, dashes or underscores (at most 64)' }),
  environment: input.string({ pattern: /^[\w.-]{1,64}$/, expected: 'an environment name such as production or staging' }).default('production'),
  'backup-id': input.string({ pattern: backupId, expected: 'a backup id such as 20260102T030405Z-shop-1a2b3c, or latest' }),
  confirm: input.string({ expected: "the target database's name" }),
  'restore-mode': input.enum(['empty', 'replace']).default('empty'),
  'dry-run': input.boolean().default('false'),
  'protected-ids': input.list(),
  'release-records': input.list(),
  ...s3Inputs,
  'artifact-retention-days': input.integer({ min: 1, max: 90 }),
  'artifact-run-id': input.integer({ min: 1 }),
  'github-token': input.secret(),
};

/** The outputs of db-backup. */
export const outputs = ['backup-id', 'location', 'sha256', 'size', 'manifest', 'duration-ms'] as const;

export type Inputs = InputsOf<typeof inputs>;
export type Output = (typeof outputs)[number];
