import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { COMPRESSIONS } from './compression.ts';

/** The manifest format written by this version. */
export const MANIFEST_FORMAT = 'deploysafe-backup/1';
/** Manifests are stored as `<id>.manifest.json` beside their object. */
export const MANIFEST_SUFFIX = '.manifest.json';

/** A backup id: letters, digits, dots, dashes and underscores, starting with the UTC time it was taken. */
export const BACKUP_ID_PATTERN = /^[0-9]{8}T[0-9]{6}Z-[\w.-]{1,80}$/;

const toolSchema = z.strictObject({ name: z.string(), version: z.string(), major: z.number().int() });

/** The manifest schema: everything about one backup except the key. */
export const manifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  id: z.string().regex(BACKUP_ID_PATTERN),
  object: z.string(),
  engine: z.enum(['postgres', 'mysql', 'sqlite']),
  database: z.string(),
  serverVersion: z.string(),
  tool: toolSchema,
  label: z.string(),
  environment: z.string(),
  source: z.strictObject({
    repository: z.string(),
    commit: z.string(),
    ref: z.string(),
    runId: z.string(),
    runAttempt: z.string(),
    workflow: z.string(),
    actor: z.string(),
  }),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  durationMs: z.number().int().nonnegative(),
  sizes: z.strictObject({
    /** Bytes the dump tool produced. */
    dump: z.number().int().nonnegative(),
    /** Bytes after compression. */
    compressed: z.number().int().nonnegative(),
    /** Bytes of the stored object (compressed and encrypted). */
    stored: z.number().int().nonnegative(),
  }),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  compression: z.strictObject({ algorithm: z.enum(COMPRESSIONS), level: z.number().int() }),
  encryption: z.discriminatedUnion('algorithm', [
    z.strictObject({ algorithm: z.literal('none') }),
    z.strictObject({
      algorithm: z.literal('aes-256-gcm-stream'),
      chunkSize: z.number().int().positive(),
      kdf: z.strictObject({ name: z.literal('scrypt'), log2N: z.number().int(), r: z.number().int(), p: z.number().int(), salt: z.string().regex(/^[0-9a-f]+$/) }),
    }),
  ]),
  rowCounts: z.strictObject({ exact: z.boolean(), tables: z.record(z.string(), z.number().int().nonnegative()) }),
});

/** One backup's manifest. */
export type Manifest = z.infer<typeof manifestSchema>;

/** Parses and validates manifest JSON; throws with the first problem. */
export function parseManifest(text: string, where: string): Manifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON`);
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${where} is not a valid manifest: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  return parsed.data;
}

/** The manifest file name of a backup. */
export function manifestName(id: string): string {
  return `${id}${MANIFEST_SUFFIX}`;
}

/** A new backup id: UTC time, the database name and 6 random hex digits, such as `20260102T030405Z-shop-1a2b3c`. */
export function newBackupId(database: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const slug = database.replace(/\.(db|sqlite3?|db3)$/i, '').replace(/[^\w.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 40) || 'db';
  return `${stamp}-${slug}-${randomBytes(3).toString('hex')}`;
}
