import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError, syncDirectory, writeFileAtomic } from '@deploysafe/action-kit';
import type { BackupStorage } from './storage.ts';

/** Objects in a local directory; partial writes are dot-files renamed into place when complete. */
export class FileStorage implements BackupStorage {
  readonly kind = 'file' as const;
  readonly isLocal = true;
  readonly dir: string;
  readonly description: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
    this.description = `file:${this.dir}`;
  }

  locationOf(name: string): string {
    return join(this.dir, name);
  }

  #path(name: string): string {
    if (!/^[\w][\w.-]*$/.test(name)) throw new ConfigurationError(`Invalid object name '${name}'.`);
    return join(this.dir, name);
  }

  async writeObject(name: string, body: Readable): Promise<void> {
    const target = this.#path(name);
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${name}.partial-${randomBytes(4).toString('hex')}`);
    try {
      const out = createWriteStream(temp, { mode: 0o600, flags: 'wx', flush: true });
      await pipeline(body, out);
      await rename(temp, target);
      await syncDirectory(this.dir);
    } finally {
      await rm(temp, { force: true });
    }
  }

  async writeText(name: string, text: string): Promise<void> {
    await writeFileAtomic(this.#path(name), text, { mode: 0o600 });
  }

  async readObject(name: string): Promise<Readable> {
    const stream = createReadStream(this.#path(name));
    await new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', fail);
    });
    return stream;
  }

  async readText(name: string): Promise<string> {
    return readFile(this.#path(name), 'utf8');
  }

  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((n) => !n.startsWith('.')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Removes partial files older than `olderThanMs` that killed backups left behind; returns their names. */
  async removeIncomplete(olderThanMs: number, now = Date.now()): Promise<string[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => /^\..+\.partial-[0-9a-f]+$/.test(n));
    } catch {
      return [];
    }
    const removed: string[] = [];
    for (const name of names) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || now - info.mtimeMs < olderThanMs) continue;
      await rm(path, { force: true });
      removed.push(name);
    }
    return removed;
  }

  async remove(name: string): Promise<void> {
    await rm(this.#path(name), { force: true });
  }
}
