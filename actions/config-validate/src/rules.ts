// Every rule config-validate applies: its id (stable, used in suppressions, policies and reports),
// default severity and one line of description. The README's rule table is checked against this.

/** How bad a finding is. */
export type Severity = 'error' | 'warning';

/** One rule's catalogue entry. */
export interface RuleInfo {
  severity: Severity;
  group: 'syntax' | 'production' | 'policy' | 'parity' | 'suppression';
  description: string;
}

export const RULES = {
  'duplicate-key': { severity: 'error', group: 'syntax', description: 'A key is assigned more than once in a file; loaders silently keep one of them.' },
  'invalid-key': { severity: 'error', group: 'syntax', description: 'A key is not a valid variable name (letters, digits and `_`, not starting with a digit).' },
  'lowercase-key': { severity: 'warning', group: 'syntax', description: 'A key has lowercase letters.' },
  'space-around-equals': { severity: 'warning', group: 'syntax', description: 'Spaces around `=`, which some loaders keep in the key or the value.' },
  'unbalanced-quotes': { severity: 'error', group: 'syntax', description: 'A quote is opened and never closed.' },
  'unexpected-text': { severity: 'error', group: 'syntax', description: 'Text follows the closing quote of a value.' },
  'key-without-value': { severity: 'warning', group: 'syntax', description: 'A line has a key but no `=`; loaders ignore it.' },
  'trailing-whitespace': { severity: 'warning', group: 'syntax', description: 'A line ends with spaces or tabs.' },
  'debug-enabled': { severity: 'error', group: 'production', description: 'A debug flag (`DEBUG`, `APP_DEBUG`, `FLASK_DEBUG`, ...) is on.' },
  'debug-logging': { severity: 'warning', group: 'production', description: '`LOG_LEVEL` (or similar) is `debug` or `trace`.' },
  'environment-mismatch': { severity: 'error', group: 'production', description: 'An environment name (`ENVIRONMENT`, `APP_ENV`, `NODE_ENV`, ...) is not the target environment.' },
  'secret-empty': { severity: 'error', group: 'production', description: 'A secret (`*SECRET*`, `*_KEY`, `*PASSWORD*`, `*TOKEN*`, a password in a URL) is empty.' },
  'secret-placeholder': { severity: 'error', group: 'production', description: 'A secret is a template left in place (`CHANGE_THIS`, `YOUR_..._KEY`, `<...>`, `changeme`, `xxx`, ...).' },
  'secret-too-short': { severity: 'error', group: 'production', description: 'A secret is shorter than its floor (32 characters for signing keys, 12 for other secrets, or the policy\'s `min-length`).' },
  'secret-low-entropy': { severity: 'error', group: 'production', description: 'A secret has too few distinct characters, repeats a pattern or has low entropy.' },
  'sqlite-in-production': { severity: 'error', group: 'production', description: '`DATABASE_URL` (or `DB_CONNECTION`) points at SQLite.' },
  'cors-wildcard': { severity: 'error', group: 'production', description: 'A CORS origin list (`ALLOWED_ORIGINS`, `CORS_ORIGINS`, ...) or `ALLOWED_HOSTS` contains `*`.' },
  'cors-insecure-origin': { severity: 'error', group: 'production', description: 'A CORS origin list contains an `http://` or localhost origin.' },
  'maintenance-mode-on': { severity: 'error', group: 'production', description: '`MAINTENANCE_MODE` or `EMERGENCY_SHUTDOWN` is left on.' },
  'tls-verification-disabled': { severity: 'error', group: 'production', description: 'TLS certificate verification is turned off (`NODE_TLS_REJECT_UNAUTHORIZED=0`, `SSL_VERIFY=false`, ...).' },
  'insecure-cookie': { severity: 'warning', group: 'production', description: 'A cookie or HTTPS setting is off (`SESSION_COOKIE_SECURE=false`, `SECURE_SSL_REDIRECT=false`, ...).' },
  'policy-required': { severity: 'error', group: 'policy', description: 'A key the policy requires is missing or empty.' },
  'policy-forbidden': { severity: 'error', group: 'policy', description: 'A key the policy forbids is present.' },
  'policy-type': { severity: 'error', group: 'policy', description: 'A value does not match the type the policy gives its key (boolean, integer, url, enum, regex, secret, origins, string).' },
  'policy-limit': { severity: 'error', group: 'policy', description: 'A number is outside the policy\'s `min`/`max` (such as `ACCESS_TOKEN_EXPIRE_MINUTES <= 15`).' },
  'policy-flag': { severity: 'error', group: 'policy', description: 'A flag the policy wants off is on, or one it wants on is off or missing.' },
  'revoked-secret': { severity: 'error', group: 'policy', description: 'A value\'s SHA-256 matches a revoked key\'s fingerprint in the policy.' },
  'missing-key': { severity: 'error', group: 'parity', description: 'A key of the `example` file is missing.' },
  'extra-key': { severity: 'warning', group: 'parity', description: 'A key is not in the `example` file.' },
  'unused-suppression': { severity: 'warning', group: 'suppression', description: 'A `config-validate: ignore` comment suppressed nothing.' },
  'suppression-without-reason': { severity: 'warning', group: 'suppression', description: 'A `config-validate: ignore` comment has no `-- reason`, so it does not suppress.' },
} as const satisfies Record<string, RuleInfo>;

/** A rule id. */
export type RuleId = keyof typeof RULES;

/** All rule ids, in catalogue order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** One problem found in a file. Never carries a value. */
export interface Finding {
  file: string;
  /** 1-based line, or null when the finding is about the whole file (a missing key). */
  line: number | null;
  column?: number;
  key?: string;
  rule: RuleId;
  severity: Severity;
  message: string;
}
