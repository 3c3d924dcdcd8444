// The baseline file: findings accepted on purpose, each with a reason and an optional expiry date.
import { readYamlConfig } from '@deploysafe/action-kit';
import { z } from 'zod';

const entrySchema = z.strictObject({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, 'a 32-character fingerprint from the report or SARIF'),
  reason: z.string().trim().min(3, 'a reason people can read'),
  expires: z
    .string()
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'a date such as 2026-06-30')
    .optional(),
  rule: z.string().optional(),
  file: z.string().optional(),
  scanner: z.string().optional(),
});

const baselineSchema = z.strictObject({
  version: z.literal(1).optional(),
  findings: z.array(entrySchema),
});

/** One accepted finding. */
export type BaselineEntry = z.infer<typeof entrySchema>;

/** Reads and validates a baseline file (YAML or JSON); errors name the key and line. */
export async function readBaseline(path: string, displayPath: string): Promise<BaselineEntry[]> {
  const baseline = await readYamlConfig(path, baselineSchema, { what: 'baseline file', displayPath });
  return baseline.findings;
}

/** True when the entry has expired by `now`: it is valid through the whole of its expiry day (UTC). */
export function isExpired(entry: BaselineEntry, now: Date): boolean {
  if (!entry.expires) return false;
  return now.getTime() >= Date.parse(`${entry.expires}T00:00:00Z`) + 86_400_000;
}
