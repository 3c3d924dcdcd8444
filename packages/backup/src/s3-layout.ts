// S3 naming and multipart sizing, kept apart from s3-storage.ts so they load without the AWS SDK.

const MIB = 1024 * 1024;
const MAX_PARTS = 10_000;
/** Parts no smaller than S3's 5 MiB minimum; 16 MiB keeps requests few on fast links. */
const MIN_PART = 16 * MIB;

/**
 * Part size for a multipart upload of about `sizeHint` bytes: the smallest whole MiB that keeps
 * twice the estimate under 9,000 parts (headroom below S3's 10,000 for a growing database).
 */
export function choosePartSize(sizeHint: number | undefined): number {
  if (!sizeHint || sizeHint <= 0) return MIN_PART;
  const needed = Math.ceil((sizeHint * 2) / (MAX_PARTS - 1000) / MIB) * MIB;
  return Math.max(MIN_PART, needed);
}

/** Parses `s3://bucket/prefix`. */
export function parseS3Destination(text: string): { bucket: string; prefix: string } | undefined {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text.trim());
  if (!m) return undefined;
  return { bucket: m[1] as string, prefix: (m[2] ?? '').replace(/^\/+|\/+$/g, '') };
}
