import { createHash } from 'node:crypto';

/** sha256 hex of the parts, joined unambiguously. Callers pass only stable, non-personal facts (paths, names, ids). */
export function fingerprint(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
