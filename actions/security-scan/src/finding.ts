// The finding model every scanner reports into, so the gate, SARIF, summary and report treat them alike.
import { createHash } from 'node:crypto';
import type { ScannerId } from './inputs.ts';

/** How bad a finding is, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Severities from most to least severe. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Compares severities: negative when `a` is more severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}

/** True when `severity` is at or above `threshold` (`none` never is). */
export function reaches(severity: Severity, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && compareSeverity(severity, threshold) <= 0;
}

/** What a rule is, for SARIF's rule table and the summary. */
export interface RuleInfo {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  helpUri?: string;
}

/** Where a finding is: a workspace-relative file and line, or a URL for live checks. */
export interface FindingLocation {
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  url?: string;
}

/** One problem any scanner found. Never carries a secret: only `secretPreview`. */
export interface Finding {
  scanner: ScannerId;
  ruleId: string;
  severity: Severity;
  /** One sentence for people: what and where, no secret. */
  message: string;
  location: FindingLocation;
  /** Stable across runs and line moves; what a baseline lists. No personal data. */
  fingerprint: string;
  /** The commit that introduced it (history scans). */
  commit?: { sha: string; date: string };
  /** First 4 characters and the length: `ghp_…(40 chars)`. */
  secretPreview?: string;
  /** Accepted by an inline `security-scan:allow` comment. */
  allowedInline?: boolean;
  /** Scanner-specific facts for the report (package, version, fixed version, header). */
  details?: Record<string, string>;
}

/** A fingerprint from a scanner id and the parts that identify a finding (hashed: nothing readable leaks). */
export function fingerprint(scanner: ScannerId, ...parts: string[]): string {
  return createHash('sha256').update([scanner, ...parts].join('\0')).digest('hex').slice(0, 32);
}

/** Where a finding is, as people read it: `src/a.ts:12` or the URL. */
export function describeLocation(location: FindingLocation): string {
  if (location.file) return location.line ? `${location.file}:${location.line}` : location.file;
  return location.url ?? '';
}
