import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** A pass-through that counts bytes (and reports each chunk to `onBytes`). */
export class ByteCounter extends Transform {
  bytes = 0;
  readonly #onBytes: ((n: number) => void) | undefined;

  constructor(onBytes?: (n: number) => void) {
    super();
    this.#onBytes = onBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.#onBytes?.(chunk.length);
    callback(null, chunk);
  }
}

/** A pass-through that computes the SHA-256 and size of what flows through it. */
export class Sha256Meter extends Transform {
  readonly #hash = createHash('sha256');
  bytes = 0;
  #digest: string | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    this.#digest = this.#hash.digest('hex');
    callback();
  }

  /** The hex digest; only after the stream has ended. */
  get sha256(): string {
    if (this.#digest === undefined) throw new Error('sha256 read before the stream ended');
    return this.#digest;
  }
}

/**
 * A pass-through that checks, when the stream ends and before passing the end on, that the
 * bytes had the expected SHA-256 and size; otherwise it fails the stream.
 */
export class Sha256Check extends Transform {
  readonly #hash = createHash('sha256');
  readonly #expected: string;
  readonly #size: number;
  readonly #onMismatch: (detail: string) => Error;
  bytes = 0;

  constructor(expected: string, size: number, onMismatch: (detail: string) => Error) {
    super();
    this.#expected = expected;
    this.#size = size;
    this.#onMismatch = onMismatch;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.bytes += chunk.length;
    if (this.bytes > this.#size) return callback(this.#onMismatch(`it is longer than the ${this.#size} bytes its manifest records`));
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual = this.#hash.digest('hex');
    if (this.bytes !== this.#size) return callback(this.#onMismatch(`it has ${this.bytes} bytes, its manifest records ${this.#size}`));
    if (actual !== this.#expected) return callback(this.#onMismatch(`its SHA-256 is ${actual}, its manifest records ${this.#expected}`));
    callback();
  }
}
