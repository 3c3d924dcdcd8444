// The action inputs that name a database and where its backups live, shared by db-backup (which
// makes backups) and rollback (which restores them), so both accept and explain the same values.
import { input, type GitHubContext, type InputProblem } from '@deploysafe/action-kit';
import { z } from 'zod';
import { DATABASE_URL_EXPECTED, databaseUrlSecrets, parseDatabaseUrl } from './database-url.ts';
import { DESTINATION_EXPECTED, parseDestination, type StorageSettings } from './destination.ts';

const databaseUrlSchema = z.string().transform((raw, ctx) => {
  try {
    return parseDatabaseUrl(raw);
  } catch (error) {
    // The parser's message names the problem after the input name; keep only that part.
    const reason = /^Input 'database-url':? (.*?)(?:: expected .*)?\.?$/s.exec((error as Error).message)?.[1];
    ctx.addIssue({ code: 'custom', message: reason ? `${DATABASE_URL_EXPECTED}; this one ${reason}` : DATABASE_URL_EXPECTED });
    return z.NEVER;
  }
});

const destinationSchema = z.string().transform((raw, ctx) => {
  const parsed = parseDestination(raw);
  if (!parsed) {
    ctx.addIssue({ code: 'custom', message: DESTINATION_EXPECTED });
    return z.NEVER;
  }
  return parsed;
});

/** The `database-url` input: parsed into a database location; only the password inside it is masked. */
export function databaseUrlInput() {
  return input.custom(databaseUrlSchema, DATABASE_URL_EXPECTED).withSecretParts(databaseUrlSecrets);
}

/** The `destination` input: `file:DIR`, `s3://bucket/prefix` or `artifact:NAME`. */
export function destinationInput() {
  return input.custom(destinationSchema, DESTINATION_EXPECTED);
}

/** The S3 connection inputs, under their action.yml names; spread them into an action's inputs. */
export const s3Inputs = {
  's3-endpoint': input.url(),
  's3-region': input.string({ pattern: /^[a-z0-9-]{2,32}$/, expected: 'a region name such as eu-west-1' }),
  's3-force-path-style': input.boolean().default('false'),
  's3-access-key-id': input.secret(),
  's3-secret-access-key': input.secret(),
};

/** The parsed values of `s3Inputs`. */
export interface S3InputValues {
  s3Endpoint: URL | undefined;
  s3Region: string | undefined;
  s3ForcePathStyle: boolean;
  s3AccessKeyId: string | undefined;
  s3SecretAccessKey: string | undefined;
}

/** A key id without its secret (or the reverse) is a mistake, not a request to use the AWS environment. */
export function s3InputProblems(values: S3InputValues): InputProblem[] {
  if (Boolean(values.s3AccessKeyId) === Boolean(values.s3SecretAccessKey)) return [];
  return [{ input: values.s3AccessKeyId ? 's3-secret-access-key' : 's3-access-key-id', got: undefined, expected: 'both s3-access-key-id and s3-secret-access-key, or neither (to use the AWS environment)' }];
}

/** Where artifact: destinations stage files, how long they keep them, and whose run's artifacts to read. */
export interface ArtifactInputValues {
  retentionDays?: number | undefined;
  /** Another workflow run whose artifacts hold the backup; undefined reads this run's. */
  runId?: number | undefined;
  githubToken?: string | undefined;
}

/** The storage settings `openStorage` takes, from the S3 inputs and the artifact options. */
export function storageSettingsFromInputs(s3: S3InputValues, artifact: ArtifactInputValues, github: GitHubContext): StorageSettings {
  return {
    s3: {
      endpoint: s3.s3Endpoint?.href.replace(/\/$/, ''),
      region: s3.s3Region,
      forcePathStyle: s3.s3ForcePathStyle,
      credentials: s3.s3AccessKeyId && s3.s3SecretAccessKey ? { accessKeyId: s3.s3AccessKeyId, secretAccessKey: s3.s3SecretAccessKey } : undefined,
    },
    artifact: {
      tempDir: github.tempDir,
      retentionDays: artifact.retentionDays,
      findBy:
        artifact.runId === undefined ? undefined : { token: artifact.githubToken ?? '', workflowRunId: artifact.runId, repositoryOwner: github.owner, repositoryName: github.repo },
    },
  };
}
