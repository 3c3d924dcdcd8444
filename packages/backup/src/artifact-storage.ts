import { DefaultArtifactClient } from '@actions/artifact';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConfigurationError } from '@deploysafe/action-kit';
import type { BackupStorage } from './storage.ts';

/** Where to find artifacts of another workflow run (a rollback run restoring a backup made by the deploy run). */
export interface ArtifactFindBy {
  token: string;
  workflowRunId: number;
  repositoryOwner: string;
  repositoryName: string;
}

/** Options for ArtifactStorage. */
export interface ArtifactStorageOptions {
  /** The destination name: each object is the artifact `<name>-<object>`. */
  name: string;
  /** Staging directory: artifacts are uploaded from, and downloaded to, local files. */
  tempDir: string;
  retentionDays?: number | undefined;
  /** Read another run's artifacts through the GitHub API; without it, the current run's. */
  findBy?: ArtifactFindBy | undefined;
}

/**
 * Objects as GitHub workflow artifacts through @actions/artifact: one artifact per object, so the
 * manifest artifact is uploaded (and finalized, which makes it visible) only after the object's.
 * The artifact API takes files, so objects are staged on local disk (constant memory, not constant disk).
 */
export class ArtifactStorage implements BackupStorage {
  readonly kind = 'artifact' as const;
  readonly isLocal = false;
  readonly description: string;
  readonly #options: ArtifactStorageOptions;
  readonly #client = new DefaultArtifactClient();

  constructor(options: ArtifactStorageOptions) {
    this.#options = options;
    this.description = `artifact:${options.name}${options.findBy ? ` (run ${options.findBy.workflowRunId})` : ''}`;
  }

  #artifactName(name: string): string {
    return `${this.#options.name}-${name}`;
  }

  locationOf(name: string): string {
    return `artifact ${this.#artifactName(name)}${this.#options.findBy ? ` of run ${this.#options.findBy.workflowRunId}` : ''}`;
  }

  #find(): { findBy: ArtifactFindBy } | Record<string, never> {
    return this.#options.findBy ? { findBy: this.#options.findBy } : {};
  }

  async #call<T>(what: string, name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      throw new ConfigurationError(`Artifact ${what} of ${this.#artifactName(name)} failed: ${(error as Error).message}`);
    }
  }

  async #upload(name: string, fill: (path: string) => Promise<void>): Promise<void> {
    if (this.#options.findBy) throw new ConfigurationError(`${this.description} is another run's artifacts: backups can only be written to the current run's.`);
    const dir = await mkdtemp(join(this.#options.tempDir, 'db-backup-artifact-'));
    try {
      const path = join(dir, name);
      await fill(path);
      await this.#call('upload', name, () =>
        this.#client.uploadArtifact(this.#artifactName(name), [path], dir, {
          // The object is already compressed and encrypted; zip would only spend CPU.
          compressionLevel: 0,
          ...(this.#options.retentionDays ? { retentionDays: this.#options.retentionDays } : {}),
        }),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async writeObject(name: string, body: Readable): Promise<void> {
    await this.#upload(name, (path) => pipeline(body, createWriteStream(path, { mode: 0o600 })));
  }

  async writeText(name: string, text: string): Promise<void> {
    await this.#upload(name, (path) => writeFile(path, text, { mode: 0o600 }));
  }

  async #download(name: string): Promise<{ dir: string; path: string }> {
    const dir = await mkdtemp(join(this.#options.tempDir, 'db-backup-artifact-'));
    try {
      const { artifact } = await this.#call('lookup', name, () => this.#client.getArtifact(this.#artifactName(name), this.#find()));
      await this.#call('download', name, () => this.#client.downloadArtifact(artifact.id, { path: dir, ...this.#find() }));
      return { dir, path: join(dir, name) };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  async readObject(name: string): Promise<Readable> {
    const { dir, path } = await this.#download(name);
    const stream = createReadStream(path);
    stream.once('close', () => void rm(dir, { recursive: true, force: true }));
    return stream;
  }

  async readText(name: string): Promise<string> {
    const { dir, path } = await this.#download(name);
    try {
      return await readFile(path, 'utf8');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async list(): Promise<string[]> {
    const prefix = `${this.#options.name}-`;
    const { artifacts } = await this.#call('list', '*', () => this.#client.listArtifacts({ latest: true, ...this.#find() }));
    return artifacts
      .map((a) => a.name)
      .filter((n) => n.startsWith(prefix))
      .map((n) => n.slice(prefix.length))
      .sort();
  }

  async remove(name: string): Promise<void> {
    await this.#call('delete', name, () => this.#client.deleteArtifact(this.#artifactName(name), this.#find()));
  }
}
