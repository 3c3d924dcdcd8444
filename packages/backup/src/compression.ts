import { constants, createGunzip, createGzip, createZstdCompress, createZstdDecompress } from 'node:zlib';
import { PassThrough, type Transform } from 'node:stream';

/** The compression algorithms a backup can use. */
export const COMPRESSIONS = ['zstd', 'gzip', 'none'] as const;
/** One of COMPRESSIONS. */
export type Compression = (typeof COMPRESSIONS)[number];

/**
 * Default levels favour speed: a pre-deploy backup sits on the deploy's critical path. zstd 1 still
 * compresses better than gzip 1 at about a third of its CPU (benchmarks/db-backup-postgres.ts).
 */
export const DEFAULT_LEVEL: Record<Compression, number> = { zstd: 1, gzip: 1, none: 0 };

/** The levels each algorithm accepts. */
export const LEVEL_RANGE: Record<Compression, readonly [number, number]> = { zstd: [1, 19], gzip: [1, 9], none: [0, 0] };

/** The file-name suffix of a compressed object. */
export function compressionSuffix(compression: Compression): string {
  return compression === 'zstd' ? '.zst' : compression === 'gzip' ? '.gz' : '';
}

/** A transform that compresses with `compression`. */
export function createCompressStream(compression: Compression, level = DEFAULT_LEVEL[compression]): Transform {
  if (compression === 'zstd') {
    return createZstdCompress({ params: { [constants.ZSTD_c_compressionLevel]: level, [constants.ZSTD_c_checksumFlag]: 1 } });
  }
  if (compression === 'gzip') return createGzip({ level });
  return new PassThrough();
}

/** A transform that decompresses what createCompressStream produced. */
export function createDecompressStream(compression: Compression): Transform {
  if (compression === 'zstd') return createZstdDecompress();
  if (compression === 'gzip') return createGunzip();
  return new PassThrough();
}
