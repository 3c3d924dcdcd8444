// The YAML policy: what a team adds on top of the built-in rules for its own configuration.
import { createHash } from 'node:crypto';
import { isReference } from '@deploysafe/secret-heuristics';
import { z } from 'zod';
import type { DotenvEntry } from './dotenv-parser.ts';
import { defaultSecretFloor, isFalsy, isTruthy, judgeOrigins, judgeSecret, parseOrigins, urlPassword, type RuleHit } from './production-rules.ts';
import { RULE_IDS } from './rules.ts';

const keyName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a variable name such as SECRET_KEY');
const keyPattern = z.string().regex(/^[A-Za-z_*][A-Za-z0-9_*]*$/, 'expected a variable name, optionally with * wildcards such as *_URL');
const validRegex = z.string().refine((p) => {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}, 'expected a valid regular expression');

const common = { required: z.boolean().optional(), description: z.string().optional() };
const keyRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('boolean'), ...common }),
  z.strictObject({ type: z.literal('integer'), min: z.number().int().optional(), max: z.number().int().optional(), ...common }),
  z.strictObject({ type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), ...common }),
  z.strictObject({ type: z.literal('string'), 'min-length': z.number().int().min(0).optional(), 'max-length': z.number().int().min(1).optional(), ...common }),
  z.strictObject({ type: z.literal('url'), schemes: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*$/, 'expected a URL scheme such as https')).min(1).optional(), ...common }),
  z.strictObject({ type: z.literal('enum'), values: z.array(z.union([z.string(), z.number(), z.boolean()]).transform(String)).min(1), ...common }),
  z.strictObject({ type: z.literal('regex'), pattern: validRegex, ...common }),
  z.strictObject({ type: z.literal('secret'), 'min-length': z.number().int().min(1).optional(), 'min-entropy': z.number().min(0).max(8).optional(), ...common }),
  z.strictObject({ type: z.literal('origins'), 'allow-http': z.boolean().optional(), 'allow-localhost': z.boolean().optional(), 'allow-wildcard': z.boolean().optional(), ...common }),
]);

/** The policy file's schema; unknown keys are errors. */
export const policySchema = z.strictObject({
  version: z.literal(1).optional(),
  'production-rules': z.boolean().optional(),
  rules: z.partialRecord(z.enum(RULE_IDS as [string, ...string[]]), z.enum(['error', 'warning', 'off'])).optional(),
  required: z.array(keyName).optional(),
  forbidden: z.array(keyPattern).optional(),
  keys: z.record(keyPattern, keyRule).optional(),
  flags: z.strictObject({ off: z.array(keyName).optional(), on: z.array(keyName).optional() }).optional(),
  revoked: z
    .array(
      z.strictObject({
        sha256: z.string().regex(/^[a-fA-F0-9]{64}$/, 'expected a SHA-256 digest as 64 hex characters'),
        note: z.string().optional(),
      }),
    )
    .optional(),
});

/** A validated policy. */
export type Policy = z.infer<typeof policySchema>;
type KeyRule = z.infer<typeof keyRule>;

function patternToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/\*/g, '[A-Za-z0-9_]*')}$`);
}

/** SHA-256 of a value, hex, as the policy's `revoked` list holds them. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function checkTyped(entry: DotenvEntry, rule: KeyRule): RuleHit[] {
  const { key } = entry;
  const v = entry.value.trim();
  if (v === '' || isReference(v)) return [];
  const typeHit = (expected: string): RuleHit[] => [{ rule: 'policy-type', entry, message: `${key} must be ${expected}` }];
  switch (rule.type) {
    case 'boolean':
      return isTruthy(v) || isFalsy(v) ? [] : typeHit('a boolean (true or false)');
    case 'integer':
    case 'number': {
      const ok = rule.type === 'integer' ? /^-?\d+$/.test(v) : /^-?\d+(\.\d+)?$/.test(v);
      if (!ok) return typeHit(rule.type === 'integer' ? 'a whole number' : 'a number');
      const n = Number(v);
      if (rule.min !== undefined && n < rule.min) return [{ rule: 'policy-limit', entry, message: `${key} is ${n}; the policy requires at least ${rule.min}` }];
      if (rule.max !== undefined && n > rule.max) return [{ rule: 'policy-limit', entry, message: `${key} is ${n}; the policy allows at most ${rule.max}` }];
      return [];
    }
    case 'string': {
      const length = [...entry.value].length;
      if (rule['min-length'] !== undefined && length < rule['min-length']) return [{ rule: 'policy-limit', entry, message: `${key} is ${length} characters; the policy requires at least ${rule['min-length']}` }];
      if (rule['max-length'] !== undefined && length > rule['max-length']) return [{ rule: 'policy-limit', entry, message: `${key} is ${length} characters; the policy allows at most ${rule['max-length']}` }];
      return [];
    }
    case 'url': {
      if (!URL.canParse(v)) return typeHit(`a URL${rule.schemes ? ` (${rule.schemes.join(', ')})` : ''}`);
      const scheme = new URL(v).protocol.replace(/:$/, '');
      if (rule.schemes && !rule.schemes.includes(scheme)) return typeHit(`a URL with scheme ${rule.schemes.join(' or ')} (it uses ${scheme})`);
      return [];
    }
    case 'enum':
      return rule.values.includes(v) ? [] : typeHit(`one of ${rule.values.join(', ')}`);
    case 'regex':
      return new RegExp(`^(?:${rule.pattern})$`).test(entry.value) ? [] : typeHit(`a value matching the policy pattern /${rule.pattern}/`);
    case 'secret': {
      const floor = defaultSecretFloor(key);
      const problem = judgeSecret(entry.value, key, { minLength: rule['min-length'] ?? floor.minLength, minEntropy: rule['min-entropy'] ?? floor.minEntropy });
      return problem ? [{ ...problem, entry }] : [];
    }
    case 'origins':
      return judgeOrigins(entry, parseOrigins(v), { http: rule['allow-http'], localhost: rule['allow-localhost'], wildcard: rule['allow-wildcard'] });
  }
}

/** The keys whose values the policy declares secret (so the caller can mask them). */
export function policySecretKeys(policy: Policy, keys: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const [pattern, rule] of Object.entries(policy.keys ?? {})) {
    if (rule.type !== 'secret') continue;
    const re = patternToRegExp(pattern);
    for (const k of keys) if (re.test(k)) out.add(k);
  }
  return out;
}

/** Applies a policy to one file's assignments (the last assignment of a key wins, as in loaders). */
export function policyChecks(entries: readonly DotenvEntry[], policy: Policy): RuleHit[] {
  const hits: RuleHit[] = [];
  const byKey = new Map<string, DotenvEntry>();
  for (const e of entries) byKey.set(e.key, e);

  const required = new Set(policy.required ?? []);
  for (const [pattern, rule] of Object.entries(policy.keys ?? {})) if (rule.required && !pattern.includes('*')) required.add(pattern);
  for (const key of required) {
    const entry = byKey.get(key);
    if (!entry) hits.push({ rule: 'policy-required', key, message: `${key} is required by the policy but missing` });
    else if (entry.value.trim() === '') hits.push({ rule: 'policy-required', entry, message: `${key} is required by the policy but empty` });
  }

  for (const pattern of policy.forbidden ?? []) {
    const re = patternToRegExp(pattern);
    for (const entry of byKey.values()) if (re.test(entry.key)) hits.push({ rule: 'policy-forbidden', entry, message: `${entry.key} is forbidden by the policy` });
  }

  for (const [pattern, rule] of Object.entries(policy.keys ?? {})) {
    const re = patternToRegExp(pattern);
    for (const entry of byKey.values()) if (re.test(entry.key)) hits.push(...checkTyped(entry, rule));
  }

  for (const key of policy.flags?.off ?? []) {
    const entry = byKey.get(key);
    if (entry && !isFalsy(entry.value)) hits.push({ rule: 'policy-flag', entry, message: `${key} must be off (false) in this environment` });
  }
  for (const key of policy.flags?.on ?? []) {
    const entry = byKey.get(key);
    if (!entry) hits.push({ rule: 'policy-flag', key, message: `${key} must be on (true) but is missing` });
    else if (!isTruthy(entry.value)) hits.push({ rule: 'policy-flag', entry, message: `${key} must be on (true) in this environment` });
  }

  if (policy.revoked && policy.revoked.length > 0) {
    const revoked = new Map(policy.revoked.map((r) => [r.sha256.toLowerCase(), r.note]));
    for (const entry of entries) {
      for (const [candidate, label] of [
        [entry.value, entry.key],
        [urlPassword(entry.value.trim()), `the password in ${entry.key}`],
      ] as const) {
        if (!candidate) continue;
        const fp = fingerprint(candidate);
        if (revoked.has(fp)) {
          const note = revoked.get(fp);
          hits.push({ rule: 'revoked-secret', entry, message: `${label} is a revoked key${note ? ` (${note})` : ''}: rotate it` });
        }
      }
    }
  }
  return hits;
}
