// Values every rule leaves alone: documented examples, placeholders, references, filler, redaction marks.
import { isReference, isWordCompound, placeholderReason } from '@deploysafe/secret-heuristics';
import { documentedExample } from './documented-examples.ts';

const FILLER = /(.)\1{5,}|0123456|1234567|abcdefg|ABCDEFG|abc123|123abc|xyz123|123xyz|qwerty/i;
const TEMPLATE = /\$\{|\{\{|\}\}|%\(|\$\(|#\{|<%|<[A-Za-z_ -]+>|\.\.\.|…/;
// What redaction leaves behind (`••••`, `****`, `[REDACTED]`): a value already masked, not one to mask.
const REDACTED = /^[•*xX#·.…-]+$|redacted|masked/i;
const DOCUMENTATION_WORDS =
  /example|sample|dummy|placeholder|changeme|not[-_ ]?a[-_ ]?real|your[-_ ]?(?:key|token|secret|password)|(?:^|[-_.:/])(?:foo|bar|baz|qux|foobar|lorem|ipsum)(?=$|[-_.:/])/i;

/** Why a matched value is not a secret (an example, placeholder, reference or filler), or undefined when it may be one. */
export function notSecretReason(secret: string): string | undefined {
  const documented = documentedExample(secret);
  if (documented) return `a documented example (${documented})`;
  if (DOCUMENTATION_WORDS.test(secret)) return 'a documented example';
  if (isReference(secret) || TEMPLATE.test(secret)) return 'a reference to a secret kept elsewhere';
  const placeholder = placeholderReason(secret);
  if (placeholder) return `a placeholder (${placeholder})`;
  if (REDACTED.test(secret)) return 'already redacted';
  if (FILLER.test(secret)) return 'filler characters';
  return undefined;
}

/**
 * True when a found value is worth masking in the job's log: a plausible secret, not a short or
 * common string whose masking would garble every log line that happens to contain it.
 */
export function worthMasking(secret: string): boolean {
  const value = secret.trim();
  if (value.length < 6 || notSecretReason(value) !== undefined) return false;
  // A word or a few (`secret`, `same-origin`, `secret-looking`) appears in ordinary log lines.
  return !(value.length <= 16 && (/^[A-Za-z]+$/.test(value) || isWordCompound(value)));
}

const DATA_URI = /data:[\w/+.-]+(?:;[\w=.-]+)*;base64,[A-Za-z0-9+/=]*$/;

/** True when the match at `index` sits inside a base64 data URI (`data:image/png;base64,...`). */
export function insideDataUri(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(Math.max(lineStart, index - 4096), index);
  return before.includes(';base64,') && DATA_URI.test(before);
}

/** Inline markers that suppress findings on their own line or the line after. */
export const ALLOW_MARKERS = ['security-scan:allow', 'gitleaks:allow'] as const;
