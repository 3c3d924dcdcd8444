// The production rules: what a hand-written validate_production_config() and Django's
// `check --deploy` look for, applied to every assignment of a file.
import { isReference, isSecretName, isSigningKeyName, placeholderReason, shannonEntropy, uniqueCharacters } from '@deploysafe/secret-heuristics';
import type { DotenvEntry } from './dotenv-parser.ts';
import type { RuleId } from './rules.ts';

/** A rule that fired, on an assignment or (without `entry`) on the whole file; the caller turns it into a finding. */
export interface RuleHit {
  rule: RuleId;
  message: string;
  entry?: DotenvEntry;
  /** The key, for file-level hits such as a missing required key. */
  key?: string;
}

const TRUTHY = /^(true|1|yes|on|y|t|enabled?)$/i;
const FALSY = /^(false|0|no|off|n|f|disabled?)$/i;

/** True when a value reads as "on" to the usual config loaders. */
export function isTruthy(value: string): boolean {
  return TRUTHY.test(value.trim());
}

/** True when a value reads as "off" (an empty value counts as off). */
export function isFalsy(value: string): boolean {
  const v = value.trim();
  return v === '' || FALSY.test(v);
}

const DEBUG_KEY = /^(DEBUG|TEMPLATE_DEBUG|SQLALCHEMY_ECHO|[A-Z0-9_]+_DEBUG)$/;
const LOG_LEVEL_KEY = /^([A-Z0-9_]+_)?(LOG_LEVEL|LOGLEVEL|LOGGING_LEVEL)$|^RUST_LOG$/;
const ENVIRONMENT_KEY = /^(ENVIRONMENT|ENV|APP_ENV|APP_ENVIRONMENT|NODE_ENV|RAILS_ENV|RACK_ENV|FLASK_ENV|DJANGO_ENV|ASPNETCORE_ENVIRONMENT|DOTNET_ENVIRONMENT|MIX_ENV|GO_ENV|PYTHON_ENV|DEPLOY_ENV|APPLICATION_ENV)$/;
// Frameworks whose "production" mode is right for every deployed environment, staging included.
const FRAMEWORK_MODE_KEY = /^(NODE_ENV|MIX_ENV|RAILS_ENV|RACK_ENV)$/;
const ORIGINS_KEY = /^([A-Z0-9_]+_)?(CORS_ORIGINS?|CORS_ALLOWED_ORIGINS?|CORS_ALLOW_ORIGINS?|ALLOWED_ORIGINS?|CORS_ORIGIN_WHITELIST|CSRF_TRUSTED_ORIGINS|ACCESS_CONTROL_ALLOW_ORIGIN)$/;
const ALLOW_ALL_ORIGINS_KEY = /^(CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL)$/;
const MAINTENANCE_KEY = /^([A-Z0-9_]+_)?(MAINTENANCE_MODE|MAINTENANCE|EMERGENCY_SHUTDOWN|EMERGENCY_MODE)$/;
const TLS_OFF_WHEN_FALSY = /^(NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY|([A-Z0-9_]+_)?(SSL_VERIFY|VERIFY_SSL|TLS_VERIFY|VERIFY_TLS|SSL_CERT_VERIFY))$/;
const TLS_OFF_WHEN_TRUTHY = /^(GIT_SSL_NO_VERIFY|CURL_INSECURE|([A-Z0-9_]+_)?(INSECURE_SKIP_VERIFY|TLS_INSECURE|SSL_NO_VERIFY|SKIP_TLS_VERIFY))$/;
const SECURE_SETTING_KEY = /^(SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE|COOKIE_SECURE|SESSION_SECURE_COOKIE|SECURE_SSL_REDIRECT|FORCE_HTTPS|FORCE_SSL|SESSION_COOKIE_HTTPONLY)$/;
const DATABASE_URL_KEY = /^([A-Z0-9_]+_)?(DATABASE_URL|DB_URL|DATABASE_URI|SQLALCHEMY_DATABASE_URI)$/;

/** Options for judging a secret value. */
export interface SecretFloor {
  minLength: number;
  /** Minimum Shannon entropy in bits per character. */
  minEntropy: number;
}

/** The default floor for a secret named `key`: signing keys need 32 characters, others 12. */
export function defaultSecretFloor(key: string): SecretFloor {
  return { minLength: isSigningKeyName(key) ? 32 : 12, minEntropy: 2.5 };
}

/**
 * What is wrong with a secret value, or undefined when it is acceptable. `label` names it in
 * the message (`SECRET_KEY`, `the password in DATABASE_URL`); the value itself never appears.
 */
export function judgeSecret(value: string, label: string, floor: SecretFloor): { rule: RuleId; message: string } | undefined {
  if (value === '') return { rule: 'secret-empty', message: `${label} is empty` };
  if (isReference(value)) return undefined;
  const placeholder = placeholderReason(value);
  if (placeholder) return { rule: 'secret-placeholder', message: `${label} is a placeholder (${placeholder}): set a real secret` };
  const length = [...value].length;
  if (length < floor.minLength) {
    return { rule: 'secret-too-short', message: `${label} is ${length} characters long; it needs at least ${floor.minLength}` };
  }
  if (uniqueCharacters(value) < 5) return { rule: 'secret-low-entropy', message: `${label} has fewer than 5 distinct characters` };
  if (/^(.{1,12}?)\1+$/s.test(value)) return { rule: 'secret-low-entropy', message: `${label} repeats a short pattern` };
  const entropy = shannonEntropy(value);
  if (entropy < floor.minEntropy) {
    return { rule: 'secret-low-entropy', message: `${label} has low entropy (${entropy.toFixed(2)} bits per character, needs ${floor.minEntropy})` };
  }
  return undefined;
}

/** The password embedded in a URL-shaped value (`scheme://user:password@host`), decoded, if any. */
export function urlPassword(value: string): string | undefined {
  // Greedy up to the last `@` of the authority, so an unencoded `@` in the password stays in it.
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@[^@/?#]*/i.exec(value.trim());
  const userInfo = m?.[1];
  if (userInfo === undefined) return undefined;
  const colon = userInfo.indexOf(':');
  if (colon < 0) return undefined;
  const raw = userInfo.slice(colon + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Splits a CORS origin list given as a comma/space list or a JSON array. */
export function parseOrigins(value: string): string[] {
  const v = value.trim();
  if (v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Fall through to the plain list form.
    }
  }
  return v
    .replace(/^\[|\]$/g, '')
    .split(/[,\s]+/)
    .map((o) => o.trim().replace(/^["']|["']$/g, ''))
    .filter(Boolean);
}

function isLocalOrigin(origin: string): boolean {
  try {
    const host = new URL(origin.includes('://') ? origin : `http://${origin}`).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host.endsWith('.localhost') || /^127\./.test(host) || host === '0.0.0.0' || host === '::1';
  } catch {
    return false;
  }
}

/** What an origin list does wrong, as hits. */
export function judgeOrigins(entry: DotenvEntry, origins: readonly string[], allow: { http?: boolean; localhost?: boolean; wildcard?: boolean } = {}): RuleHit[] {
  const hits: RuleHit[] = [];
  if (!allow.wildcard && origins.some((o) => o === '*' || o.includes('://*') || o === 'null')) {
    hits.push({ rule: 'cors-wildcard', entry, message: `${entry.key} allows any origin (\`*\` or \`null\`)` });
  }
  const insecure = origins.filter((o) => (!allow.http && o.toLowerCase().startsWith('http://') && !isLocalOrigin(o)) || (!allow.localhost && isLocalOrigin(o)));
  if (insecure.length > 0) {
    const kinds = [...new Set(insecure.map((o) => (isLocalOrigin(o) ? 'a localhost origin' : 'an http:// origin')))].join(' and ');
    hits.push({ rule: 'cors-insecure-origin', entry, message: `${entry.key} allows ${kinds} (${insecure.length} of ${origins.length})` });
  }
  return hits;
}

/** Applies the production rules to one file's assignments. */
export function productionChecks(entries: readonly DotenvEntry[], environment: string): RuleHit[] {
  const hits: RuleHit[] = [];
  const target = environment.toLowerCase();
  const isProduction = target === 'production' || target === 'prod';
  for (const entry of entries) {
    const { key, value } = entry;
    const v = value.trim();
    if (DEBUG_KEY.test(key) && isTruthy(v)) hits.push({ rule: 'debug-enabled', entry, message: `${key} is on in ${environment}` });
    if (LOG_LEVEL_KEY.test(key) && /^(debug|trace|verbose|all)\b/i.test(v)) hits.push({ rule: 'debug-logging', entry, message: `${key} logs at ${v.toLowerCase()} level in ${environment}` });
    if (ENVIRONMENT_KEY.test(key)) {
      const accepted = new Set([target, ...(isProduction ? ['production', 'prod'] : []), ...(FRAMEWORK_MODE_KEY.test(key) ? ['production'] : [])]);
      if (!accepted.has(v.toLowerCase())) hits.push({ rule: 'environment-mismatch', entry, message: `${key} is "${v}", not ${environment}` });
    }
    if (isSecretName(key)) {
      const problem = judgeSecret(value, key, defaultSecretFloor(key));
      if (problem) hits.push({ ...problem, entry });
    }
    const password = urlPassword(v);
    if (password !== undefined) {
      const problem = judgeSecret(password, `the password in ${key}`, { minLength: 12, minEntropy: 2.5 });
      if (problem) hits.push({ ...problem, entry });
    }
    if ((DATABASE_URL_KEY.test(key) && /^sqlite/i.test(v)) || (key === 'DB_CONNECTION' && /^sqlite/i.test(v)) || (/^(DATABASE_ENGINE|DB_ENGINE)$/.test(key) && /sqlite/i.test(v))) {
      hits.push({ rule: 'sqlite-in-production', entry, message: `${key} uses SQLite in ${environment}` });
    }
    if (ORIGINS_KEY.test(key)) hits.push(...judgeOrigins(entry, parseOrigins(v)));
    if (ALLOW_ALL_ORIGINS_KEY.test(key) && isTruthy(v)) hits.push({ rule: 'cors-wildcard', entry, message: `${key} allows any origin` });
    if (key === 'ALLOWED_HOSTS' && parseOrigins(v).includes('*')) hits.push({ rule: 'cors-wildcard', entry, message: 'ALLOWED_HOSTS accepts any host (`*`)' });
    if (MAINTENANCE_KEY.test(key) && isTruthy(v)) hits.push({ rule: 'maintenance-mode-on', entry, message: `${key} is on` });
    if ((TLS_OFF_WHEN_FALSY.test(key) && v !== '' && isFalsy(v)) || (TLS_OFF_WHEN_TRUTHY.test(key) && isTruthy(v))) {
      hits.push({ rule: 'tls-verification-disabled', entry, message: `${key} turns TLS certificate verification off` });
    }
    if (SECURE_SETTING_KEY.test(key) && v !== '' && isFalsy(v)) hits.push({ rule: 'insecure-cookie', entry, message: `${key} is off in ${environment}` });
  }
  return hits;
}
