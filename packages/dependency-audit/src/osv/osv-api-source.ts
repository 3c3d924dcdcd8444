import { silentLogger, type Logger } from '@deploysafe/action-kit';
import { osvPackageName, osvVersion } from '../versions/compare-versions.ts';
import type { PackageVersion } from './affected-ranges.ts';
import type { AdvisorySource, AdvisorySourceStats } from './advisory-source.ts';
import { OsvClient, OsvUnavailableError, type OsvClientOptions, type OsvQuery } from './osv-client.ts';
import type { OsvVulnerability } from './osv-schema.ts';
import { noVulnerabilityCache, type VulnerabilityCache } from './vulnerability-cache.ts';

/** Options for {@link OsvApiSource}. */
export interface OsvApiSourceOptions extends OsvClientOptions {
  /** Where fetched details are kept across runs; default none. */
  cache?: VulnerabilityCache;
  /** Details fetched at once; default 8. */
  concurrency?: number;
}

/** Advisories from the OSV API: one querybatch pass, then details by id, through the cache. */
export class OsvApiSource implements AdvisorySource {
  readonly client: OsvClient;
  readonly description: string;
  readonly stats: AdvisorySourceStats = { fetched: 0, cached: 0, requests: 0 };
  readonly #cache: VulnerabilityCache;
  readonly #concurrency: number;
  readonly #logger: Logger;
  readonly #records = new Map<string, OsvVulnerability | undefined>();
  #cacheLoaded = false;

  constructor(options: OsvApiSourceOptions = {}) {
    this.client = new OsvClient(options);
    this.description = `the OSV API at ${this.client.baseUrl}`;
    this.#cache = options.cache ?? noVulnerabilityCache;
    this.#concurrency = Math.max(1, options.concurrency ?? 8);
    this.#logger = options.logger ?? silentLogger;
  }

  async findVulnerabilities(packages: readonly PackageVersion[]): Promise<OsvVulnerability[][]> {
    const keys = packages.map((p) => `${p.ecosystem}\u0000${osvPackageName(p.ecosystem, p.name)}\u0000${osvVersion(p.ecosystem, p.version)}`);
    const unique = new Map<string, OsvQuery>();
    packages.forEach((p, i) => unique.set(keys[i]!, { ecosystem: p.ecosystem, name: osvPackageName(p.ecosystem, p.name), version: osvVersion(p.ecosystem, p.version) }));
    const queryKeys = [...unique.keys()];
    this.#logger.info(`Asking ${this.description} about ${queryKeys.length} package versions.`);
    const refs = await this.client.queryBatch([...unique.values()]);
    const byKey = new Map(queryKeys.map((k, i) => [k, refs[i]!]));

    const wanted = new Map<string, string | undefined>();
    for (const list of refs) for (const ref of list) wanted.set(ref.id, ref.modified);
    await this.#loadCache();
    await this.#fetchAll([...wanted.entries()]);
    await this.#cache.persist?.();
    this.stats.requests = this.client.requests;

    return keys.map((key) =>
      (byKey.get(key) ?? []).map((ref) => {
        const record = this.#records.get(ref.id);
        if (!record) throw new OsvUnavailableError(`The OSV API listed ${ref.id} but has no record for it; dependencies could not be fully checked.`);
        return record;
      }),
    );
  }

  async getVulnerability(id: string): Promise<OsvVulnerability | undefined> {
    if (this.#records.has(id)) return this.#records.get(id);
    const record = await this.client.getVulnerability(id);
    this.stats.requests = this.client.requests;
    this.#records.set(id, record);
    if (record) this.stats.fetched += 1;
    return record;
  }

  /** Closes the HTTP connections. */
  close(): Promise<void> {
    return this.client.close();
  }

  async #loadCache(): Promise<void> {
    if (this.#cacheLoaded) return;
    this.#cacheLoaded = true;
    await this.#cache.load?.();
  }

  async #fetchAll(ids: [string, string | undefined][]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const [id, modified] = ids[next++]!;
        if (this.#records.has(id)) continue;
        const cached = modified ? await this.#cache.get(id, modified) : undefined;
        if (cached) {
          this.#records.set(id, cached);
          this.stats.cached += 1;
          continue;
        }
        const record = await this.client.getVulnerability(id);
        this.#records.set(id, record);
        if (record) {
          this.stats.fetched += 1;
          await this.#cache.set(record);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#concurrency, ids.length) }, worker));
  }
}
