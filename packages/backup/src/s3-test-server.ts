// A local S3-compatible server for tests: s3rver (the maintained @20minutes fork) on a free port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';

/** A running local S3 server with one bucket; `close` stops it. */
export interface LocalS3 {
  endpoint: string;
  bucket: string;
  directory: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1:0 with a bucket. Its default account is S3RVER / S3RVER. */
export async function startLocalS3(bucket = 'backups'): Promise<LocalS3> {
  const directory = mkdtempSync(join(tmpdir(), 'dsb-s3-'));
  // s3rver canonicalizes bucket-level paths without the trailing slash the SDK signs, so it
  // cannot check those signatures; unknown access keys are still rejected.
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket }], allowMismatchedSignatures: true });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    directory,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    close: () => server.close(),
  };
}
