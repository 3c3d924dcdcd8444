import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { createDecryptStream, createEncryptStream } from './stream-cipher.ts';

const fast = { chunkSize: 1024, scrypt: { log2N: 10, r: 8, p: 1 } };
const key = 'correct horse battery staple';

async function encrypt(data: Buffer, id = 'b1'): Promise<Buffer> {
  const { stream } = await createEncryptStream(key, id, fast);
  return collect(Readable.from(split(data, 333)), stream);
}

function* split(data: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect(source: Readable, ...transforms: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      parts.push(chunk);
      cb();
    },
  });
  await pipeline([source, ...transforms, sink] as NodeJS.ReadWriteStream[]);
  return Buffer.concat(parts);
}

/** Decrypts, recording how many plaintext bytes were released before the failure. */
async function decrypt(sealed: Buffer, passphrase = key, id?: string): Promise<{ plain: Buffer; released: number; error?: Error }> {
  let released = 0;
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      released += chunk.length;
      parts.push(chunk);
      cb();
    },
  });
  try {
    await pipeline(Readable.from(split(sealed, 500)), createDecryptStream(passphrase, id), sink);
    return { plain: Buffer.concat(parts), released };
  } catch (error) {
    return { plain: Buffer.concat(parts), released, error: error as Error };
  }
}

describe('the chunked AEAD stream', () => {
  it.each([0, 1, 1023, 1024, 1025, 4096, 10_000])('round-trips %i bytes', async (size) => {
    const data = randomBytes(size);
    const { plain, error } = await decrypt(await encrypt(data));
    expect(error).toBeUndefined();
    expect(plain.equals(data)).toBe(true);
  });

  it('fails a flipped byte at the chunk that holds it, releasing only earlier authenticated chunks', async () => {
    const data = randomBytes(5000);
    const sealed = await encrypt(data);
    const flipped = Buffer.from(sealed);
    const at = sealed.length - 1500;
    flipped[at] = (flipped[at] as number) ^ 0x01;
    const { error, released } = await decrypt(flipped);
    expect(error?.message).toMatch(/chunk \d failed authentication/);
    expect(released % 1024).toBe(0);
    expect(released).toBeLessThan(data.length);
  });

  it('detects truncation at a chunk boundary and inside a chunk', async () => {
    const sealed = await encrypt(randomBytes(5000));
    const headerLength = sealed.length - 4 * (1024 + 16) - (5000 - 4096 + 16);
    const atBoundary = sealed.subarray(0, headerLength + 2 * (1024 + 16));
    expect((await decrypt(atBoundary)).error?.message).toMatch(/truncated: it ends after chunk 1/);
    expect((await decrypt(sealed.subarray(0, sealed.length - 7))).error?.message).toMatch(/failed authentication/);
    expect((await decrypt(sealed.subarray(0, 20))).error?.message).toMatch(/truncated: it ends inside the encryption header/);
  });

  it('refuses a wrong key before releasing anything', async () => {
    const { error, released } = await decrypt(await encrypt(randomBytes(3000)), 'another passphrase entirely');
    expect(error?.message).toMatch(/encryption key is wrong/);
    expect(released).toBe(0);
  });

  it('binds the object to its backup id', async () => {
    const { error } = await decrypt(await encrypt(randomBytes(100), 'backup-a'), key, 'backup-b');
    expect(error?.message).toMatch(/belongs to backup backup-a, not backup-b/);
  });

  it('refuses data that is not an encrypted backup', async () => {
    expect((await decrypt(Buffer.from('PGDMP plain dump...'))).error?.message).toMatch(/not a deploysafe encrypted backup/);
  });
});
