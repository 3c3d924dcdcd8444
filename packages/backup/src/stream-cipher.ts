// Chunked AEAD in the spirit of age's STREAM: AES-256-GCM per 64 KiB chunk, a counter nonce
// whose last byte flags the final chunk, so reordering, truncation and extension all fail.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BackupIntegrityError } from './errors.ts';

const MAGIC = Buffer.from('DSBACKUP', 'ascii');
const FORMAT_VERSION = 1;
const TAG_LENGTH = 16;
const SALT_LENGTH = 16;
const MAC_LENGTH = 32;
/** Plaintext bytes per chunk; every chunk but the last is exactly this long. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** scrypt cost: N = 2^15, r = 8 (32 MiB, about 0.1 s), stored in the header so it can grow later. */
export const DEFAULT_SCRYPT = { log2N: 15, r: 8, p: 1 } as const;

/** What the manifest records about the encryption of an object (never the key). */
export interface EncryptionParameters {
  algorithm: 'aes-256-gcm-stream';
  chunkSize: number;
  kdf: { name: 'scrypt'; log2N: number; r: number; p: number; salt: string };
}

interface Header {
  log2N: number;
  r: number;
  p: number;
  chunkSize: number;
  salt: Buffer;
  backupId: string;
  /** The header bytes the MAC covers. */
  signed: Buffer;
  mac: Buffer;
}

interface Keys {
  header: Buffer;
  payload: Buffer;
}

async function deriveKeys(passphrase: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Keys> {
  const N = 2 ** log2N;
  const master = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N, r, p, maxmem: 128 * N * r * p + 16 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
  const header = Buffer.from(hkdfSync('sha256', master, salt, 'deploysafe-backup header', 32));
  const payload = Buffer.from(hkdfSync('sha256', master, salt, 'deploysafe-backup payload', 32));
  master.fill(0);
  return { header, payload };
}

function nonce(counter: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeBigUInt64BE(BigInt(counter), 3);
  n[11] = final ? 1 : 0;
  return n;
}

function encodeHeader(h: Omit<Header, 'signed' | 'mac'>): Buffer {
  const id = Buffer.from(h.backupId, 'utf8');
  if (id.length > 255) throw new Error('backup id too long for the header');
  const fixed = Buffer.alloc(MAGIC.length + 8);
  MAGIC.copy(fixed, 0);
  fixed[8] = FORMAT_VERSION;
  fixed[9] = h.log2N;
  fixed[10] = h.r;
  fixed[11] = h.p;
  fixed.writeUInt32BE(h.chunkSize, 12);
  return Buffer.concat([fixed, h.salt, Buffer.from([id.length]), id]);
}

/** Parses a header from the start of `data`; undefined while more bytes are needed. */
function decodeHeader(data: Buffer): { header: Header; length: number } | undefined {
  const fixedLength = MAGIC.length + 8 + SALT_LENGTH + 1;
  if (data.length < MAGIC.length) return undefined;
  if (!data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new BackupIntegrityError('the object is not a deploysafe encrypted backup (bad magic bytes): it is corrupted, or it was stored without encryption');
  }
  if (data.length < fixedLength) return undefined;
  if (data[8] !== FORMAT_VERSION) throw new BackupIntegrityError(`the object uses encryption format version ${data[8]}, which this version does not read`);
  const idLength = data[fixedLength - 1] as number;
  const total = fixedLength + idLength + MAC_LENGTH;
  if (data.length < total) return undefined;
  const header: Header = {
    log2N: data[9] as number,
    r: data[10] as number,
    p: data[11] as number,
    chunkSize: data.readUInt32BE(12),
    salt: Buffer.from(data.subarray(16, 16 + SALT_LENGTH)),
    backupId: data.subarray(fixedLength, fixedLength + idLength).toString('utf8'),
    signed: Buffer.from(data.subarray(0, fixedLength + idLength)),
    mac: Buffer.from(data.subarray(fixedLength + idLength, total)),
  };
  // Refuse parameters that would make a tampered header cost unbounded memory or time.
  if (header.log2N < 10 || header.log2N > 20 || header.r < 1 || header.r > 32 || header.p < 1 || header.p > 16) {
    throw new BackupIntegrityError('the encryption header has out-of-range scrypt parameters: the object is corrupted or was tampered with');
  }
  if (header.chunkSize < 1024 || header.chunkSize > 16 * 1024 * 1024) {
    throw new BackupIntegrityError('the encryption header has an out-of-range chunk size: the object is corrupted or was tampered with');
  }
  return { header, length: total };
}

/** Encrypts a stream for `backupId` with a key derived from `passphrase`; returns the transform and what the manifest records. */
export async function createEncryptStream(
  passphrase: string,
  backupId: string,
  options: { chunkSize?: number; scrypt?: { log2N: number; r: number; p: number } } = {},
): Promise<{ stream: Transform; parameters: EncryptionParameters }> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  const { log2N, r, p } = options.scrypt ?? DEFAULT_SCRYPT;
  const salt = randomBytes(SALT_LENGTH);
  const keys = await deriveKeys(passphrase, salt, log2N, r, p);
  const signed = encodeHeader({ log2N, r, p, chunkSize, salt, backupId });
  const mac = createHmac('sha256', keys.header).update(signed).digest();
  return {
    stream: new EncryptStream(keys.payload, chunkSize, Buffer.concat([signed, mac])),
    parameters: { algorithm: 'aes-256-gcm-stream', chunkSize, kdf: { name: 'scrypt', log2N, r, p, salt: salt.toString('hex') } },
  };
}

class EncryptStream extends Transform {
  readonly #key: Buffer;
  readonly #chunk: Buffer;
  #filled = 0;
  #counter = 0;
  #header: Buffer | undefined;

  constructor(key: Buffer, chunkSize: number, header: Buffer) {
    super();
    this.#key = key;
    this.#chunk = Buffer.allocUnsafe(chunkSize);
    this.#header = header;
  }

  #seal(plaintext: Buffer, final: boolean): void {
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce(this.#counter++, final));
    const body = cipher.update(plaintext);
    cipher.final();
    if (this.#header) {
      this.push(this.#header);
      this.#header = undefined;
    }
    this.push(Buffer.concat([body, cipher.getAuthTag()]));
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let offset = 0;
    while (offset < data.length) {
      // A full chunk is sealed only once more data arrives, so the last one carries the final flag.
      if (this.#filled === this.#chunk.length) {
        this.#seal(this.#chunk, false);
        this.#filled = 0;
      }
      const n = Math.min(this.#chunk.length - this.#filled, data.length - offset);
      data.copy(this.#chunk, this.#filled, offset, offset + n);
      this.#filled += n;
      offset += n;
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.#seal(this.#chunk.subarray(0, this.#filled), true);
    this.#key.fill(0);
    callback();
  }
}

/**
 * Decrypts and authenticates a stream. Each chunk is authenticated before its plaintext is
 * pushed; a wrong key, a modified byte, reordering or truncation fails with BackupIntegrityError.
 * `expectedId` binds the object to the manifest that names it.
 */
export function createDecryptStream(passphrase: string, expectedId?: string): Transform {
  return new DecryptStream(passphrase, expectedId);
}

class DecryptStream extends Transform {
  readonly #passphrase: string;
  readonly #expectedId: string | undefined;
  #pending: Buffer[] = [];
  #pendingLength = 0;
  #key: Buffer | undefined;
  #chunk: Buffer | undefined;
  #filled = 0;
  #counter = 0;

  constructor(passphrase: string, expectedId: string | undefined) {
    super();
    this.#passphrase = passphrase;
    this.#expectedId = expectedId;
  }

  async #readHeader(): Promise<Buffer | undefined> {
    const data = Buffer.concat(this.#pending, this.#pendingLength);
    const parsed = decodeHeader(data);
    if (!parsed) {
      this.#pending = [data];
      return undefined;
    }
    const { header, length } = parsed;
    const keys = await deriveKeys(this.#passphrase, header.salt, header.log2N, header.r, header.p);
    const mac = createHmac('sha256', keys.header).update(header.signed).digest();
    if (!timingSafeEqual(mac, header.mac)) {
      throw new BackupIntegrityError('the encryption key is wrong (or the object header was modified): the header failed authentication');
    }
    if (this.#expectedId !== undefined && header.backupId !== this.#expectedId) {
      throw new BackupIntegrityError(`the object belongs to backup ${header.backupId}, not ${this.#expectedId}: it was swapped or renamed`);
    }
    this.#key = keys.payload;
    this.#chunk = Buffer.allocUnsafe(header.chunkSize + TAG_LENGTH);
    this.#pending = [];
    this.#pendingLength = 0;
    return data.subarray(length);
  }

  #open(sealed: Buffer, final: boolean): Buffer {
    const key = this.#key as Buffer;
    const index = this.#counter;
    if (sealed.length < TAG_LENGTH) throw new BackupIntegrityError(`the object is truncated: chunk ${index} is incomplete`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce(index, final));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
      const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
      decipher.final();
      this.#counter++;
      return plain;
    } catch {
      if (final && this.#opensAsMiddleChunk(sealed)) {
        throw new BackupIntegrityError(`the object is truncated: it ends after chunk ${index}, which is not the final chunk`);
      }
      throw new BackupIntegrityError(`chunk ${index} failed authentication: the object was modified or corrupted`);
    }
  }

  #opensAsMiddleChunk(sealed: Buffer): boolean {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key as Buffer, nonce(this.#counter, false));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
      decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
      decipher.final();
      return true;
    } catch {
      return false;
    }
  }

  #consume(data: Buffer): void {
    const chunk = this.#chunk as Buffer;
    let offset = 0;
    while (offset < data.length) {
      // A full sealed chunk is opened as non-final only once more bytes prove it is not the last.
      if (this.#filled === chunk.length) {
        this.push(this.#open(chunk, false));
        this.#filled = 0;
      }
      const n = Math.min(chunk.length - this.#filled, data.length - offset);
      data.copy(chunk, this.#filled, offset, offset + n);
      this.#filled += n;
      offset += n;
    }
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#key) {
      try {
        this.#consume(data);
        callback();
      } catch (error) {
        callback(error as Error);
      }
      return;
    }
    this.#pending.push(data);
    this.#pendingLength += data.length;
    this.#readHeader().then(
      (rest) => {
        if (rest) this.#consume(rest);
        callback();
      },
      (error: Error) => callback(error),
    );
  }

  override _flush(callback: TransformCallback): void {
    try {
      if (!this.#key) throw new BackupIntegrityError('the object is truncated: it ends inside the encryption header');
      const chunk = this.#chunk as Buffer;
      if (this.#filled === TAG_LENGTH && this.#counter > 0) throw new BackupIntegrityError('the object has an empty final chunk after data: it was tampered with');
      this.push(this.#open(chunk.subarray(0, this.#filled), true));
      this.#key.fill(0);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}
