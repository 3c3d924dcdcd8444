/** Audits a live URL: headers, cookies, CORS, version disclosure, exposed files; score and grade. */
export { auditWebSecurity, CORS_PROBE_ORIGIN, type WebAuditOptions, type WebAuditResult } from './web-audit.ts';
/** The shapes of findings and scored tests. */
export type { Grade, Remediation, Severity, UrlLocation, WebCheckOutcome, WebFinding } from './types.ts';
/** Observatory's scoring arithmetic and grade scale. */
export { gradeFor, scoreOutcomes } from './scoring.ts';
/** Content-Security-Policy parsing and analysis. */
export { analyzeCsp, effectiveSources, parseCsp, type CspAnalysis, type CspPolicy } from './csp.ts';
/** The individual checks, each on a ProbeResponse you already have. */
export {
  checkCookies,
  checkCors,
  checkCsp,
  checkFraming,
  checkHsts,
  checkNosniff,
  checkPermissionsPolicy,
  checkReferrerPolicy,
  checkVersionDisclosure,
  type RawFinding,
  type TestResult,
} from './header-checks.ts';
/** Exposed-file detection that tells a real file from an SPA's index.html. */
export { checkExposedFiles, dotenvKeys, isGitConfig, scriptUrls, sourceMapSources, type SiteFetcher } from './exposed-files.ts';
