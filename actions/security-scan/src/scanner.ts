// What a scanner is: one module per scanner under scanners/, each turning its package's results into Findings.
import type { RunContext } from '@deploysafe/action-kit';
import type { Finding, RuleInfo } from './finding.ts';
import type { Inputs, ScannerId } from './inputs.ts';

/** Everything a scanner gets. */
export interface ScanContext {
  inputs: Inputs;
  ctx: RunContext;
  /** The workspace that finding paths are relative to. */
  workspace: string;
}

/** What one scanner did. */
export interface ScannerResult {
  findings: Finding[];
  /** Every rule the scanner checks (not only those that fired), for SARIF's rule table. */
  rules: RuleInfo[];
  /** What was covered, as label/value rows for the summary and report (`files scanned`, `range`). */
  coverage: [string, string][];
  /** Things a reader should know: files not read, ranges resolved, caveats. */
  notes: string[];
}

/** A scanner the action can run. */
export interface Scanner {
  id: ScannerId;
  /** Heading in the summary and the SARIF tool name suffix: `Secrets`. */
  title: string;
  run(scan: ScanContext): Promise<ScannerResult>;
}
