import { input, type InputsOf } from '@deploysafe/action-kit';
import { BACKUP_ID_PATTERN, DATABASE_URL_EXPECTED, DESTINATION_EXPECTED, databaseUrlSecrets, parseDatabaseUrl, parseDestination } from '@deploysafe/backup';
import { z } from 'zod';

const RELEASE = /^[A-Za-z0-9][\w.+-]{0,127}$/;
const RELEASE_EXPECTED = 'a release id of letters, digits, ".", "_", "+" and "-" (at most 128), such as v1.4.2 or a commit SHA';

const databaseUrl = z.string().transform((raw, ctx) => {
  try {
    return parseDatabaseUrl(raw);
  } catch (error) {
    // The parser's message names the problem after the input name; keep only that part.
    const reason = /^Input 'database-url':? (.*?)(?:: expected .*)?\.?$/s.exec((error as Error).message)?.[1];
    ctx.addIssue({ code: 'custom', message: reason ? `${DATABASE_URL_EXPECTED}; this one ${reason}` : DATABASE_URL_EXPECTED });
    return z.NEVER;
  }
});

const destination = z.string().transform((raw, ctx) => {
  const parsed = parseDestination(raw);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: DESTINATION_EXPECTED });
    return z.NEVER;
  }
  return parsed;
});

/** The inputs of rollback; names and defaults match action.yml (a test checks). */
export const inputs = {
  target: input.path({ mustExist: 'file' }).required(),
  to: input.string({ pattern: /^(previous|[A-Za-z0-9][\w.+-]{0,127})$/, expected: `previous, or ${RELEASE_EXPECTED}` }).default('previous'),
  from: input.string({ pattern: RELEASE, expected: RELEASE_EXPECTED }),
  reason: input.string({ pattern: /^[^\r\n]{1,500}$/, expected: 'one line of at most 500 characters' }),
  'restore-database': input.boolean().default('false'),
  'database-url': input.custom(databaseUrl, DATABASE_URL_EXPECTED).withSecretParts(databaseUrlSecrets),
  destination: input.custom(destination, DESTINATION_EXPECTED),
  encryption: input.enum(['aes-256-gcm', 'none']).default('aes-256-gcm'),
  'encryption-key': input.secret({ minLength: 16 }),
  'backup-id': input.string({ pattern: BACKUP_ID_PATTERN, expected: 'a backup id as db-backup prints it, such as 20260102T030405Z-shop-1a2b3c' }),
  confirm: input.string({ expected: "the target database's name" }),
  'github-token': input.secret(),
  'lock-wait': input.duration({ max: 6 * 3_600_000 }).default('30s'),
  's3-endpoint': input.url(),
  's3-region': input.string({ pattern: /^[a-z0-9-]{2,32}$/, expected: 'a region name such as eu-west-1' }),
  's3-force-path-style': input.boolean().default('false'),
  's3-access-key-id': input.secret(),
  's3-secret-access-key': input.secret(),
  'artifact-run-id': input.integer({ min: 1 }),
};

/** The outputs of rollback. */
export const outputs = ['live-color', 'release', 'rolled-back-release', 'restored-backup-id', 'duration-ms'] as const;

export type Inputs = InputsOf<typeof inputs>;
export type Output = (typeof outputs)[number];
