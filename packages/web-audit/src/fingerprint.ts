import { createHash } from 'node:crypto';

/** sha256 hex of the parts joined unambiguously; callers pass rule ids, origins and names, never values. */
export function fingerprint(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
