import { z } from 'zod';

const event = z.looseObject({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const severity = z.looseObject({ type: z.string(), score: z.string() });

/** The parts of an OSV record (schema 1.x) the audit reads; other fields are kept as they are. */
export const osvVulnerabilitySchema = z.looseObject({
  id: z.string().min(1),
  modified: z.string(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severity).optional(),
  affected: z
    .array(
      z.looseObject({
        package: z.looseObject({ ecosystem: z.string(), name: z.string() }).optional(),
        severity: z.array(severity).optional(),
        ranges: z.array(z.looseObject({ type: z.string(), events: z.array(event) })).optional(),
        versions: z.array(z.string()).optional(),
        ecosystem_specific: z.record(z.string(), z.unknown()).optional(),
        database_specific: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  references: z.array(z.looseObject({ type: z.string().optional(), url: z.string() })).optional(),
  database_specific: z.record(z.string(), z.unknown()).optional(),
});

/** An OSV vulnerability record. */
export type OsvVulnerability = z.infer<typeof osvVulnerabilitySchema>;

/** One affected package entry of an OSV record. */
export type OsvAffected = NonNullable<OsvVulnerability['affected']>[number];

/** The answer of `POST /v1/querybatch`. */
export const queryBatchResponseSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      vulns: z.array(z.looseObject({ id: z.string(), modified: z.string().optional() })).optional(),
      next_page_token: z.string().optional(),
    }),
  ),
});
