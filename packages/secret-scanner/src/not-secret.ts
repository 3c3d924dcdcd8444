// Values every rule leaves alone: documentation examples, placeholders, references, filler.
import { isReference, placeholderReason } from '@deploysafe/secret-heuristics';

const FILLER = /(.)\1{5,}|0123456|1234567|abcdefg|ABCDEFG/;
const TEMPLATE = /\$\{|\{\{|\}\}|%\(|\$\(|<[A-Za-z_ -]+>|\.\.\./;

/** Why a matched value is not a secret (an example, placeholder, reference or filler), or undefined when it may be one. */
export function notSecretReason(secret: string): string | undefined {
  if (/example/i.test(secret)) return 'a documented example';
  if (isReference(secret) || TEMPLATE.test(secret)) return 'a reference to a secret kept elsewhere';
  const placeholder = placeholderReason(secret);
  if (placeholder) return `a placeholder (${placeholder})`;
  if (FILLER.test(secret)) return 'filler characters';
  return undefined;
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
