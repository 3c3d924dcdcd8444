/** The severity scale shared by every deploysafe scanner. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Where a finding is: a URL of the deployed site. */
export interface UrlLocation {
  url: string;
}

/** How to fix a finding. */
export interface Remediation {
  summary: string;
  references: string[];
}

/** A finding of the web audit; the same shape as every deploysafe scanner's findings (`Finding`). */
export interface WebFinding {
  scanner: 'headers';
  /** Stable rule id, such as `headers/csp-unsafe-inline` or `exposure/env-file`. */
  ruleId: string;
  severity: Severity;
  title: string;
  message: string;
  location: UrlLocation;
  /** sha256 hex of the rule, the site's origin and (for cookies) the cookie name; no values. */
  fingerprint: string;
  remediation: Remediation;
  /** What was seen, safe to print (header values with secrets redacted, never cookie values or file contents). */
  evidence?: string;
}

/** One scored test, as Mozilla Observatory reports them. */
export interface WebCheckOutcome {
  /** Test id: `content-security-policy`, `cookies`, `cross-origin-resource-sharing`, `referrer-policy`, `strict-transport-security`, `x-content-type-options`, `x-frame-options`, `permissions-policy`, `version-disclosure`, `exposed-files`, `https`. */
  test: string;
  /** The outcome, Observatory style: `csp-implemented-with-unsafe-inline`, `hsts-not-implemented`... */
  result: string;
  passed: boolean;
  /** Points added to (or taken from) the score. */
  modifier: number;
  /** One sentence saying what was found. */
  description: string;
}

/** Letter grades, best first. */
export type Grade = 'A+' | 'A' | 'A-' | 'B+' | 'B' | 'B-' | 'C+' | 'C' | 'C-' | 'D+' | 'D' | 'D-' | 'F';
