import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { runCommand, syncDirectory, writeFileAtomic, type CommandResult } from '@deploysafe/action-kit';
import type { Transport, TransportRunOptions } from './transport.ts';

function isCode(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

function tempSibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** The target is the machine the action runs on (a self-hosted runner on the web host). */
export class LocalTransport implements Transport {
  readonly where = 'this runner';

  run(argv: readonly string[], options: TransportRunOptions): Promise<CommandResult> {
    const [file, ...args] = argv;
    if (!file) throw new Error('empty command');
    return runCommand(file, args, {
      env: options.env,
      timeoutMs: options.timeoutMs,
      logger: options.logger,
      logPrefix: options.logPrefix,
      input: options.input,
      check: options.check ?? true,
    });
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      if (isCode(error, 'ENOENT')) return undefined;
      throw error;
    }
  }

  writeFileAtomic(path: string, data: string): Promise<void> {
    return writeFileAtomic(path, data);
  }

  async createExclusive(path: string, data: string): Promise<boolean> {
    // Write the whole content first, then link it into place: link() fails if the name exists, so readers never see a partial file.
    await mkdir(dirname(path), { recursive: true });
    const temp = tempSibling(path);
    await writeFile(temp, data, { flag: 'wx' });
    try {
      await link(temp, path);
      await syncDirectory(dirname(path));
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      throw error;
    } finally {
      await rm(temp, { force: true });
    }
  }

  async rename(from: string, to: string): Promise<boolean> {
    try {
      await rename(from, to);
      return true;
    } catch (error) {
      if (isCode(error, 'ENOENT')) return false;
      throw error;
    }
  }

  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
  }

  async readLink(path: string): Promise<string | undefined> {
    try {
      return await readlink(path);
    } catch (error) {
      if (isCode(error, 'ENOENT') || isCode(error, 'EINVAL')) return undefined;
      throw error;
    }
  }

  async replaceSymlink(path: string, target: string): Promise<void> {
    const temp = tempSibling(path);
    await symlink(target, temp);
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dirname(path));
  }

  async close(): Promise<void> {}
}
