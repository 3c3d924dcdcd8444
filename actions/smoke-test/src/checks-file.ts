// The checks file: its zod schema, loading (file or inline), and conversion into http-probe checks.
import { relative } from 'node:path';
import { readFile } from 'node:fs/promises';
import { ConfigFileError, ConfigurationError, parseDuration, parseYamlConfig, type ConfigProblem } from '@deploysafe/action-kit';
import { parseJsonPath, type BodyExpectation, type Expectations, type HeaderExpectation, type JsonExpectation, type RedirectExpectation, type StatusExpectation } from '@deploysafe/http-probe';
import { LineCounter, parseDocument, isSeq, isMap } from 'yaml';
import { z } from 'zod';
import type { ChecksSource } from './inputs.ts';


function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/**
 * Picks a schema by the value's shape, so errors come from the schema meant (a union would
 * only say "Invalid input"). `pick` returns undefined for a shape that is never valid.
 */
function byShape<T>(expected: string, pick: (value: unknown) => z.ZodType | undefined): z.ZodType<T> {
  return z.unknown().transform((value, ctx): T => {
    const schema = pick(value);
    if (!schema) {
      ctx.addIssue({ code: 'custom', message: `expected ${expected}, got ${describeValue(value)}` });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data as T;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) ctx.addIssue({ code: 'custom', message: 'unknown key', path: [...issue.path, key] });
      else ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const duration = byShape<string | number>('a duration such as 500ms, 5s or 1m', (v) => (typeof v === 'string' || typeof v === 'number' ? z.union([z.number().nonnegative(), z.string()]) : undefined)).transform((raw, ctx) => {
  const ms = parseDuration(String(raw));
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 500ms, 5s or 1m, got ${JSON.stringify(raw)}` });
    return z.NEVER;
  }
  return ms;
});

const regex = z.string().transform((raw, ctx) => {
  try {
    return new RegExp(raw);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
    return z.NEVER;
  }
});

const httpStatus = z.number().int().min(100).max(599);

const STATUS_EXPECTED = 'a status (200), a list ([200, 204]), a range (200-299) or a class (2xx)';
const status = byShape<StatusExpectation>(STATUS_EXPECTED, (v) =>
  typeof v === 'number' ? httpStatus : Array.isArray(v) ? z.array(httpStatus).min(1) : typeof v === 'string' ? statusText : undefined,
);
const statusText = z.string().transform((raw, ctx): StatusExpectation => {
    const range = /^\s*(\d{3})\s*-\s*(\d{3})\s*$/.exec(raw);
    if (range && Number(range[1]) <= Number(range[2])) return { min: Number(range[1]), max: Number(range[2]) };
    const klass = /^\s*([1-5])xx\s*$/i.exec(raw);
    if (klass) return { min: Number(klass[1]) * 100, max: Number(klass[1]) * 100 + 99 };
    ctx.addIssue({ code: 'custom', message: `expected ${STATUS_EXPECTED}, got ${JSON.stringify(raw)}` });
    return z.NEVER;
});

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const valueConditions = z
  .strictObject({
    equals: z.unknown().optional(),
    'one-of': z.array(z.unknown()).min(1).optional(),
    matches: regex.optional(),
    exists: z.boolean().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'give at least one of equals, one-of, matches, exists, gt, gte, lt, lte');

const jsonExpect = z
  .record(z.string(), byShape<z.output<typeof valueConditions> | z.output<typeof scalar>>('a value to equal, or a mapping of conditions', (v) => (isObject(v) ? valueConditions : scalar)))
  .superRefine((map, ctx) => {
    for (const path of Object.keys(map)) {
      if (!parseJsonPath(path)) ctx.addIssue({ code: 'custom', path: [path], message: 'not a JSON path such as status, checks.db.status or items[0].id' });
    }
  });

const headerConditions = z
  .strictObject({
    present: z.boolean().optional(),
    absent: z.boolean().optional(),
    equals: z.string().optional(),
    matches: regex.optional(),
    'not-matches': regex.optional(),
  })
  .refine((c) => Object.keys(c).length > 0, 'give at least one of present, absent, equals, matches, not-matches');

const stringList = byShape<string | string[]>('a string or a list of strings', (v) => (typeof v === 'string' ? z.string().min(1) : Array.isArray(v) ? z.array(z.string().min(1)).min(1) : undefined)).transform((v) => (Array.isArray(v) ? v : [v]));

const bodyConditions = z
  .strictObject({ contains: stringList.optional(), 'not-contains': stringList.optional(), matches: regex.optional(), 'not-matches': regex.optional() })
  .refine((c) => Object.keys(c).length > 0, 'give at least one of contains, not-contains, matches, not-matches');
const bodyExpect = byShape<z.output<typeof bodyConditions>>('a string the body contains, or a mapping of conditions', (v) =>
  typeof v === 'string' ? z.string().min(1).transform((text) => ({ contains: [text] }) as z.output<typeof bodyConditions>) : isObject(v) ? bodyConditions : undefined,
);

const redirectConditions = z
  .strictObject({ location: z.string().min(1).optional(), 'starts-with': z.string().min(1).optional(), matches: regex.optional() })
  .refine((c) => Object.keys(c).length > 0, 'give at least one of location, starts-with, matches');
const redirectExpect = byShape<z.output<typeof redirectConditions>>('the location (a URL or path), or a mapping of conditions', (v) =>
  typeof v === 'string' ? z.string().min(1).transform((location) => ({ location }) as z.output<typeof redirectConditions>) : isObject(v) ? redirectConditions : undefined,
);

const expectSchema = z.strictObject({
  status: status.optional(),
  json: jsonExpect.optional(),
  headers: z.record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a header name'), byShape<string | z.output<typeof headerConditions>>('a value to equal, or a mapping of conditions', (v) => (isObject(v) ? headerConditions : typeof v === 'string' ? z.string() : undefined))).optional(),
  body: bodyExpect.optional(),
  redirect: redirectExpect.optional(),
  'max-latency': duration.optional(),
  'tls-days-left': z.number().int().min(0).optional(),
});

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const method = z
  .string()
  .transform((m) => m.toUpperCase())
  .pipe(z.enum(METHODS, { error: `expected one of ${METHODS.join(', ')}` }));

const requestHeaders = z.record(
  z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a header name'),
  byShape<string | number>('a header value', (v) => (typeof v === 'string' || typeof v === 'number' ? z.union([z.string(), z.number()]) : undefined)).transform(String),
);

const absoluteUrl = z.string().refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'expected an absolute http or https URL');

const checkSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'give the check a name'),
    method: method.optional(),
    path: z.string().startsWith('/', 'expected a path starting with /').optional(),
    url: absoluteUrl.optional(),
    headers: requestHeaders.optional(),
    body: z.string().optional(),
    json: z.unknown().optional(),
    'follow-redirects': z.boolean().optional(),
    timeout: duration.optional(),
    sample: z.boolean().optional(),
    expect: expectSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.path === undefined) === (c.url === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of path (relative to the url input) or url (absolute)' });
    if (c.body !== undefined && c.json !== undefined) ctx.addIssue({ code: 'custom', path: ['json'], message: 'give body or json, not both' });
  });

const healthSettings = z.strictObject({ path: z.string().startsWith('/').optional(), status: status.optional() });
const securityHeadersSettings = z.strictObject({ path: z.string().startsWith('/').optional(), 'hsts-min-age': z.number().int().min(0).optional() });
const httpsRedirectSettings = z.strictObject({
  url: absoluteUrl.refine((u) => u.startsWith('http://'), 'expected the http:// URL that must redirect to https').optional(),
});
const rateLimitSettings = z.strictObject({
  path: z.string().startsWith('/').optional(),
  method: method.optional(),
  headers: requestHeaders.optional(),
  body: z.string().optional(),
  requests: z.number().int().min(2).max(1000).optional(),
  concurrency: z.number().int().min(1).max(100).optional(),
});

const presetSettings = z.strictObject({
  health: healthSettings.optional(),
  'security-headers': securityHeadersSettings.optional(),
  'https-redirect': httpsRedirectSettings.optional(),
  'rate-limit': rateLimitSettings.optional(),
});

// A bare list is the checks; a mapping has checks, presets and defaults.
const fileSchema = z.preprocess(
  (v) => (Array.isArray(v) ? { checks: v } : v),
  z.strictObject({
    defaults: z.strictObject({ headers: requestHeaders.optional(), timeout: duration.optional() }).optional(),
    presets: presetSettings.optional(),
    checks: z.array(checkSchema).optional(),
  }, { error: 'expected a list of checks, or a mapping with checks, presets and defaults' }),
);

/** One check as written in the checks file, validated. */
export type CheckSpec = z.output<typeof checkSchema>;
/** Settings for the presets, from the checks file's `presets:` section. */
export type PresetSettings = z.output<typeof presetSettings>;

/** The checks file, validated and normalised. */
export interface ChecksFile {
  checks: CheckSpec[];
  presets: PresetSettings;
  defaults: { headers: Record<string, string>; timeout?: number };
  /** Workspace-relative path for annotations; undefined for inline YAML. */
  file?: string;
  /** 1-based line of each check, by index. */
  lines: (number | undefined)[];
}

const WHAT = "checks (input 'checks')";

/** The line of each `checks[i]` entry, for annotations. */
function checkLines(text: string): (number | undefined)[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const root = doc.contents;
  const list = isSeq(root) ? root : isMap(root) ? root.get('checks', true) : undefined;
  if (!isSeq(list)) return [];
  return list.items.map((item) => {
    const range = (item as { range?: [number, number, number] }).range;
    return range ? counter.linePos(range[0]).line : undefined;
  });
}

// The kit names a bad entry `checks[3]`; people know their checks by name, so say both.
function nameChecks(error: ConfigFileError, text: string): ConfigFileError {
  let names: unknown[] = [];
  try {
    const doc = parseDocument(text).toJS() as unknown;
    const list = Array.isArray(doc) ? doc : (doc as { checks?: unknown } | null)?.checks;
    if (Array.isArray(list)) names = list.map((c) => (c && typeof c === 'object' ? (c as { name?: unknown }).name : undefined));
  } catch {
    return error;
  }
  const problems: ConfigProblem[] = error.problems.map((p) => {
    const index = /^(?:checks)?\[(\d+)\]/.exec(p.path)?.[1];
    const name = index !== undefined ? names[Number(index)] : undefined;
    if (typeof name !== 'string' || name === '') return p;
    return { ...p, path: p.path.replace(/^((?:checks)?\[\d+\])/, `$1 (check "${name}")`) };
  });
  return new ConfigFileError(WHAT, problems);
}

/** Reads and validates the checks input; throws a ConfigFileError naming the check, key and line. */
export async function loadChecks(source: ChecksSource | undefined, workspace: string): Promise<ChecksFile> {
  if (!source) return { checks: [], presets: {}, defaults: { headers: {} }, lines: [] };
  let text: string;
  let file: string | undefined;
  if (source.kind === 'file') {
    const rel = relative(workspace, source.path);
    file = rel === '' || rel.startsWith('..') ? source.path : rel;
    try {
      text = await readFile(source.path, 'utf8');
    } catch (error) {
      throw new ConfigurationError(`Cannot read the checks file ${file} (input 'checks'): ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
  } else {
    text = source.text;
  }
  let parsed: z.output<typeof fileSchema>;
  try {
    parsed = parseYamlConfig(text, fileSchema, { file: file ?? 'checks input', what: WHAT });
  } catch (error) {
    throw error instanceof ConfigFileError ? nameChecks(error, text) : error;
  }
  const checks = parsed.checks ?? [];
  const seen = new Map<string, number>();
  const lines = checkLines(text);
  const problems: ConfigProblem[] = [];
  checks.forEach((c, i) => {
    const first = seen.get(c.name);
    if (first !== undefined) problems.push({ file: file ?? 'checks input', line: lines[i], column: undefined, path: `checks[${i}].name`, message: `"${c.name}" is already the name of checks[${first}]; names must be unique` });
    else seen.set(c.name, i);
  });
  if (problems.length > 0) throw new ConfigFileError(WHAT, problems);
  const result: ChecksFile = {
    checks,
    presets: parsed.presets ?? {},
    defaults: { headers: parsed.defaults?.headers ?? {} },
    lines,
  };
  const timeout = parsed.defaults?.timeout;
  if (timeout !== undefined) result.defaults.timeout = timeout;
  if (file !== undefined) result.file = file;
  return result;
}

/** Turns a check's `expect` block into http-probe expectations; the status defaults to 2xx (3xx when a redirect is expected). */
export function toExpectations(spec: CheckSpec['expect']): Expectations {
  const e = spec ?? {};
  const out: Expectations = {};
  out.status = e.status ?? (e.redirect ? { min: 300, max: 399 } : { min: 200, max: 299 });
  if (e.json) {
    out.json = Object.entries(e.json).map(([path, cond]): JsonExpectation => {
      if (cond === null || typeof cond !== 'object') return { path, equals: cond };
      const j: JsonExpectation = { path };
      if ('equals' in cond) j.equals = cond.equals;
      if (cond['one-of']) j.oneOf = cond['one-of'];
      if (cond.matches) j.matches = cond.matches;
      if (cond.exists !== undefined) j.exists = cond.exists;
      for (const k of ['gt', 'gte', 'lt', 'lte'] as const) if (cond[k] !== undefined) j[k] = cond[k];
      return j;
    });
  }
  if (e.headers) {
    out.headers = Object.entries(e.headers).map(([name, cond]): HeaderExpectation => {
      if (typeof cond === 'string') return { name, equals: cond };
      const h: HeaderExpectation = { name };
      if (cond.present !== undefined) h.present = cond.present;
      if (cond.absent !== undefined) h.present = !cond.absent;
      if (cond.equals !== undefined) h.equals = cond.equals;
      if (cond.matches) h.matches = cond.matches;
      if (cond['not-matches']) h.notMatches = cond['not-matches'];
      return h;
    });
  }
  if (e.body) {
    const b: BodyExpectation = {};
    if ('contains' in e.body && e.body.contains) b.contains = e.body.contains;
    if ('not-contains' in e.body && e.body['not-contains']) b.notContains = e.body['not-contains'];
    if ('matches' in e.body && e.body.matches) b.matches = e.body.matches;
    if ('not-matches' in e.body && e.body['not-matches']) b.notMatches = e.body['not-matches'];
    out.body = b;
  }
  if (e.redirect) {
    const r: RedirectExpectation = {};
    if (e.redirect.location) r.location = e.redirect.location;
    if ('starts-with' in e.redirect && e.redirect['starts-with']) r.startsWith = e.redirect['starts-with'];
    if ('matches' in e.redirect && e.redirect.matches) r.matches = e.redirect.matches;
    out.redirect = r;
  }
  if (e['max-latency'] !== undefined) out.maxLatencyMs = e['max-latency'];
  if (e['tls-days-left'] !== undefined) out.tlsDaysLeft = e['tls-days-left'];
  return out;
}
