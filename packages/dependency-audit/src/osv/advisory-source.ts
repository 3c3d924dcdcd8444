import type { PackageVersion } from './affected-ranges.ts';
import type { OsvVulnerability } from './osv-schema.ts';

/** Where advisories come from: the OSV API, or a directory of OSV records for offline runs. */
export interface AdvisorySource {
  /** Says where advisories come from, for logs and summaries. */
  readonly description: string;
  /** The vulnerabilities affecting each package (same order as `packages`). */
  findVulnerabilities(packages: readonly PackageVersion[]): Promise<OsvVulnerability[][]>;
  /** One record by id (used to rate an unrated advisory through its aliases); undefined when unknown. */
  getVulnerability(id: string): Promise<OsvVulnerability | undefined>;
  /** Counters for the summary. */
  readonly stats: AdvisorySourceStats;
}

/** What a source did. */
export interface AdvisorySourceStats {
  /** Records fetched from the API. */
  fetched: number;
  /** Records served from the cache. */
  cached: number;
  /** HTTP requests made, retries included. */
  requests: number;
}
