import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';
import { osvPackageName, osvVersion } from '../versions/compare-versions.ts';
import { isAffected, type PackageVersion } from './affected-ranges.ts';
import type { AdvisorySource, AdvisorySourceStats } from './advisory-source.ts';
import { osvVulnerabilitySchema, type OsvVulnerability } from './osv-schema.ts';

/**
 * Advisories from a directory of OSV JSON records (one per file, any depth, as the osv.dev
 * per-ecosystem exports unpack), matched locally against `affected` ranges and version lists.
 */
export class OfflineOsvSource implements AdvisorySource {
  readonly description: string;
  readonly stats: AdvisorySourceStats = { fetched: 0, cached: 0, requests: 0 };
  readonly #byPackage = new Map<string, OsvVulnerability[]>();
  readonly #byId = new Map<string, OsvVulnerability>();

  private constructor(directory: string, records: OsvVulnerability[]) {
    this.description = `${records.length} offline OSV records in ${directory}`;
    for (const record of records) {
      this.#byId.set(record.id, record);
      if (record.withdrawn) continue;
      const keys = new Set((record.affected ?? []).filter((a) => a.package).map((a) => `${a.package!.ecosystem}\u0000${osvPackageName(a.package!.ecosystem, a.package!.name)}`));
      for (const key of keys) this.#byPackage.set(key, [...(this.#byPackage.get(key) ?? []), record]);
    }
  }

  /** Reads every `*.json` under `directory`. An unreadable record or an empty directory is an error: it would pass everything. */
  static async load(directory: string): Promise<OfflineOsvSource> {
    const files: string[] = [];
    const walk = async (dir: string) => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        throw new ConfigurationError(`The offline OSV directory ${directory} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
      }
      for (const entry of entries) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile() && entry.name.endsWith('.json')) files.push(full);
      }
    };
    await walk(directory);
    const records: OsvVulnerability[] = [];
    for (const file of files.sort()) {
      let json: unknown;
      try {
        json = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new ConfigurationError(`The offline OSV record ${relative(directory, file)} is not valid JSON (${(error as Error).message}).`);
      }
      const parsed = osvVulnerabilitySchema.safeParse(json);
      if (!parsed.success) throw new ConfigurationError(`The offline OSV record ${relative(directory, file)} is not an OSV vulnerability (it needs at least \`id\` and \`modified\`).`);
      records.push(parsed.data);
    }
    if (records.length === 0) throw new ConfigurationError(`The offline OSV directory ${directory} holds no OSV records (*.json); with no advisories every dependency would pass.`);
    return new OfflineOsvSource(directory, records);
  }

  async findVulnerabilities(packages: readonly PackageVersion[]): Promise<OsvVulnerability[][]> {
    return packages.map((pkg) => {
      const candidates = this.#byPackage.get(`${pkg.ecosystem}\u0000${osvPackageName(pkg.ecosystem, pkg.name)}`) ?? [];
      const version = osvVersion(pkg.ecosystem, pkg.version);
      return candidates.filter((record) => isAffected(record, { ...pkg, version }));
    });
  }

  async getVulnerability(id: string): Promise<OsvVulnerability | undefined> {
    return this.#byId.get(id);
  }
}
