import * as cvssModule from 'ae-cvss-calculator';
import type { OsvVulnerability } from './osv/osv-schema.ts';
import type { AdvisoryInfo, Severity, SeveritySource } from './types.ts';

// Node loads this UMD bundle as CommonJS (names under `default`); ncc/webpack exposes the names directly.
const cvssDefault = (cvssModule as unknown as { default?: typeof cvssModule }).default;
const cvssCalculator: typeof cvssModule = cvssDefault?.Cvss3P1 ? cvssDefault : cvssModule;

/** A severity with what it was decided from. */
export interface RatedSeverity {
  severity: Severity;
  source: SeveritySource;
  cvss?: NonNullable<AdvisoryInfo['cvss']>;
}

/** The qualitative rating of a CVSS base score (FIRST's scale; 0.0 "none" counts as low). */
export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

/** The base score of a CVSS v2, v3.0, v3.1 or v4.0 vector, or undefined when the vector is not valid. */
export function cvssBaseScore(vector: string): { version: '2.0' | '3.0' | '3.1' | '4.0'; score: number } | undefined {
  const v = vector.trim();
  let version: '2.0' | '3.0' | '3.1' | '4.0';
  let score: number | undefined;
  try {
    if (v.startsWith('CVSS:4.0/')) [version, score] = ['4.0', new cvssCalculator.Cvss4P0(v).calculateScores().base];
    else if (v.startsWith('CVSS:3.1/')) [version, score] = ['3.1', new cvssCalculator.Cvss3P1(v).calculateScores().base];
    else if (v.startsWith('CVSS:3.0/')) [version, score] = ['3.0', new cvssCalculator.Cvss3P0(v).calculateScores().base];
    else if (/^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]/.test(v)) [version, score] = ['2.0', new cvssCalculator.Cvss2(v).calculateScores().base];
    else return undefined;
  } catch {
    return undefined;
  }
  return typeof score === 'number' && Number.isFinite(score) ? { version, score } : undefined;
}

const DATABASE_RATINGS: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MODERATE: 'medium',
  MEDIUM: 'medium',
  LOW: 'low',
};

/**
 * The severity of one OSV record: the base score of its CVSS v4 vector, else v3, else the
 * database's own rating (`database_specific.severity`, as GHSA records carry, or the same inside an
 * `affected` entry), else CVSS v2. Undefined when the record rates nothing (Go vulndb records).
 */
export function rateVulnerability(vulnerability: OsvVulnerability): RatedSeverity | undefined {
  const vectors = [...(vulnerability.severity ?? []), ...(vulnerability.affected ?? []).flatMap((a) => a.severity ?? [])];
  for (const type of ['CVSS_V4', 'CVSS_V3'] as const) {
    for (const entry of vectors.filter((s) => s.type === type)) {
      const scored = cvssBaseScore(entry.score);
      if (scored) {
        return {
          severity: severityFromScore(scored.score),
          source: type === 'CVSS_V4' ? 'cvss_v4' : 'cvss_v3',
          cvss: { version: scored.version, vector: entry.score, score: scored.score },
        };
      }
    }
  }
  const ratings = [
    vulnerability.database_specific?.severity,
    ...(vulnerability.affected ?? []).flatMap((a) => [a.database_specific?.severity, a.ecosystem_specific?.severity]),
  ];
  for (const rating of ratings) {
    const mapped = typeof rating === 'string' ? DATABASE_RATINGS[rating.toUpperCase()] : undefined;
    if (mapped) return { severity: mapped, source: 'database' };
  }
  for (const entry of vectors.filter((s) => s.type === 'CVSS_V2')) {
    const scored = cvssBaseScore(entry.score);
    if (scored) return { severity: severityFromScore(scored.score), source: 'cvss_v2', cvss: { version: '2.0', vector: entry.score, score: scored.score } };
  }
  return undefined;
}

/** Orders severities from the most serious; negative when `a` is more serious. */
export function compareSeverity(a: Severity, b: Severity): number {
  const order: Severity[] = ['critical', 'high', 'medium', 'low'];
  return order.indexOf(a) - order.indexOf(b);
}
