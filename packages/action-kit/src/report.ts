import { resolve } from 'node:path';
import { writeFileAtomic } from './fs-atomic.ts';
import type { SecretRegistry } from './secrets.ts';

/**
 * Writes a JSON report atomically and returns its absolute path. Every registered secret
 * is redacted from the serialized text, whatever the caller put in `data`.
 */
export async function writeJsonReport(path: string, data: unknown, secrets?: SecretRegistry): Promise<string> {
  const full = resolve(path);
  const text = `${JSON.stringify(data, null, 2)}\n`;
  await writeFileAtomic(full, secrets ? secrets.redact(text) : text);
  return full;
}
