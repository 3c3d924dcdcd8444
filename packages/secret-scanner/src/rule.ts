// What a secret rule is: a regex with its prefilter keywords, severity and the samples that prove it.

/** How bad a finding is, most severe first. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Severities from most to least severe. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Where a regex match sits, for validators that need the text around it. */
export interface MatchContext {
  /** The whole scanned text. */
  text: string;
  /** Offset of the match in `text`. */
  index: number;
  /** The regex match. */
  match: RegExpExecArray;
  /** The file the text came from (relative or absolute), when known: some syntax depends on the file type. */
  path?: string;
}

/** One kind of credential. */
export interface SecretRule {
  /** Stable id used in reports, SARIF and baselines, such as `github-pat`. */
  id: string;
  /** Short name for tables: `GitHub personal access token`. */
  title: string;
  /** One sentence: what was found and what to do. */
  description: string;
  severity: Severity;
  /** The credential; the named group `secret` (or the whole match) is the secret value. No `g` flag. */
  regex: RegExp;
  /** Lower-case strings of which at least one must occur in the text before the regex runs. */
  keywords: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** Further checks on a match (structure, context); false discards it. */
  validate?: (secret: string, context: MatchContext) => boolean;
  /** Generic rules give way to a specific rule that matches the same text. */
  generic?: boolean;
  /** Text that must yield this rule (`secrets`) and text that must not (`decoys`); tested in the suite. */
  samples: { secrets: readonly string[]; decoys: readonly string[] };
}
