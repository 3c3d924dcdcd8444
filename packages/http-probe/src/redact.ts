/** Anything that can scrub secrets from text; the action kit's SecretRegistry is one. */
export interface Redactor {
  redact(text: string): string;
}

/** Header names whose values are credentials and are never shown, whatever else is registered. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-access-token',
  'x-csrf-token',
  'x-xsrf-token',
]);

/** Query parameters whose values are treated as credentials in reported URLs. */
const SENSITIVE_QUERY = /^(access[_-]?token|token|api[_-]?key|key|secret|password|passwd|pwd|signature|sig|auth|code|client[_-]?secret|session|x-amz-signature|x-amz-credential)$/i;

/** What replaces a credential in anything reported. */
export const REDACTED = '[redacted]';

/** True when a header's value is a credential (Authorization, cookies, API keys). */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

/** Cuts text to `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const identity: Redactor = { redact: (t) => t };

/** Redacts credential headers entirely and registered secrets inside the others; values are truncated to `maxValue`. */
export function redactHeaders(headers: Readonly<Record<string, string>>, redactor: Redactor = identity, maxValue = 200): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isSensitiveHeader(name) ? REDACTED : truncate(redactor.redact(value), maxValue);
  }
  return out;
}

/** A URL safe to print: no password, credential-like query values replaced, registered secrets redacted. */
export function redactUrl(url: string | URL, redactor: Redactor = identity): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactor.redact(String(url));
  }
  if (parsed.password) parsed.password = REDACTED;
  for (const key of [...parsed.searchParams.keys()]) {
    if (SENSITIVE_QUERY.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return redactor.redact(parsed.href.replaceAll(encodeURIComponent(REDACTED), REDACTED).replaceAll('%5Bredacted%5D', REDACTED));
}
