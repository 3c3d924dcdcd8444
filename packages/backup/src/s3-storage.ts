import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Readable } from 'node:stream';
import { ConfigurationError } from '@deploysafe/action-kit';
import { choosePartSize } from './s3-layout.ts';
import type { BackupStorage } from './storage.ts';

/** How to reach an S3-compatible store; anything unset comes from the standard AWS environment. */
export interface S3StorageOptions {
  bucket: string;
  /** Key prefix without leading or trailing slashes; may be empty. */
  prefix: string;
  endpoint?: string | undefined;
  region?: string | undefined;
  forcePathStyle?: boolean | undefined;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined } | undefined;
}

function describeError(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
  return `${e.name ?? 'Error'}${status}: ${e.message ?? String(error)}`;
}

/** Objects in an S3-compatible bucket through @aws-sdk/client-s3; large objects go up as multipart uploads. */
export class S3Storage implements BackupStorage {
  readonly kind = 's3' as const;
  readonly isLocal = false;
  readonly description: string;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(options: S3StorageOptions) {
    this.#bucket = options.bucket;
    this.#prefix = options.prefix;
    this.description = `s3://${options.bucket}${options.prefix ? `/${options.prefix}` : ''}`;
    const region = options.region || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || (options.endpoint ? 'us-east-1' : undefined);
    if (!region) throw new ConfigurationError(`No S3 region for ${this.description}: set the input 's3-region' or AWS_REGION.`);
    const config: S3ClientConfig = { region, forcePathStyle: options.forcePathStyle ?? false, maxAttempts: 5 };
    if (options.endpoint) {
      config.endpoint = options.endpoint;
      // Many S3-compatible servers reject the SDK's default CRC trailers; our own SHA-256 covers integrity end to end.
      config.requestChecksumCalculation = 'WHEN_REQUIRED';
      config.responseChecksumValidation = 'WHEN_REQUIRED';
    }
    if (options.credentials) config.credentials = options.credentials;
    this.#client = new S3Client(config);
  }

  #key(name: string): string {
    return this.#prefix ? `${this.#prefix}/${name}` : name;
  }

  locationOf(name: string): string {
    return `s3://${this.#bucket}/${this.#key(name)}`;
  }

  async #call<T>(what: string, name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(`S3 ${what} of ${this.locationOf(name)} failed: ${describeError(error)}`);
    }
  }

  async writeObject(name: string, body: Readable, options: { sizeHint?: number | undefined } = {}): Promise<void> {
    const partSize = choosePartSize(options.sizeHint);
    // Memory is about queueSize × partSize: keep it small for huge parts.
    const queueSize = partSize > 64 * 1024 * 1024 ? 1 : 2;
    const upload = new Upload({
      client: this.#client,
      params: { Bucket: this.#bucket, Key: this.#key(name), Body: body, ContentType: 'application/octet-stream' },
      partSize,
      queueSize,
      leavePartsOnError: false,
    });
    // A failed body aborts the multipart upload: nothing becomes visible.
    await this.#call('upload', name, async () => {
      await upload.done();
    });
  }

  async writeText(name: string, text: string): Promise<void> {
    await this.#call('put', name, () =>
      this.#client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: this.#key(name), Body: Buffer.from(text, 'utf8'), ContentType: 'application/json' })),
    );
  }

  async readObject(name: string): Promise<Readable> {
    const result = await this.#call('get', name, () => this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) })));
    return result.Body as Readable;
  }

  async readText(name: string): Promise<string> {
    const result = await this.#call('get', name, () => this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) })));
    return (await result.Body?.transformToString('utf8')) ?? '';
  }

  async list(): Promise<string[]> {
    const names: string[] = [];
    const prefix = this.#prefix ? `${this.#prefix}/` : '';
    let token: string | undefined;
    do {
      const page = await this.#call('list', '', () =>
        this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token })),
      );
      for (const item of page.Contents ?? []) if (item.Key) names.push(item.Key.slice(prefix.length));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names.sort();
  }

  async remove(name: string): Promise<void> {
    await this.#call('delete', name, () => this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(name) })));
  }
}
