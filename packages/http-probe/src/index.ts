export {
  probe,
  ProbeError,
  type ProbeRequest,
  type ProbeResponse,
  type ProbeTiming,
  type ProbeTlsOptions,
  type ProbeErrorCode,
  type RedirectHop,
  type TlsInfo,
} from './probe.ts';
export {
  runCheck,
  waitForCheck,
  evaluateExpectations,
  excerptOf,
  describeStatus,
  statusMatches,
  type Check,
  type CheckResult,
  type Expectations,
  type ExpectationKind,
  type ExpectationResult,
  type StatusExpectation,
  type ValueConditions,
  type JsonExpectation,
  type HeaderExpectation,
  type BodyExpectation,
  type RedirectExpectation,
  type CustomExpectation,
  type ResponseExcerpt,
  type RunCheckOptions,
  type WaitForCheckOptions,
  type WaitForCheckResult,
} from './check.ts';
export { waitUntil, type WaitOptions, type WaitResult, type AttemptInfo } from './wait.ts';
export { mapWithConcurrency } from './pool.ts';
export { latencyStats, percentile, type LatencyStats } from './stats.ts';
export { lookupJsonPath, parseJsonPath, type PathLookup } from './json-path.ts';
export { redactHeaders, redactUrl, isSensitiveHeader, truncate, SENSITIVE_HEADERS, REDACTED, type Redactor } from './redact.ts';
export { responseCookies, type ResponseCookie } from './cookies.ts';
