// Retention with restic's `forget` semantics: each keep-* rule walks the backups newest first
// and keeps the newest one of each of the last N calendar buckets (hours, days, ISO weeks, months, years).

/** How many backups, or calendar buckets, each rule keeps; `Infinity` for `unlimited`. */
export interface RetentionPolicy {
  last?: number;
  hourly?: number;
  daily?: number;
  weekly?: number;
  monthly?: number;
  yearly?: number;
}

const RULES = ['last', 'hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
type Rule = (typeof RULES)[number];

/** What `retention` accepts, for input messages. */
export const RETENTION_EXPECTED = 'none, or keep-RULE=N pairs such as keep-last=10,keep-daily=7,keep-weekly=4 (rules: last, hourly, daily, weekly, monthly, yearly; N a number or unlimited)';

/** Parses `keep-last=10,keep-daily=7`; `none` (or empty) is no policy. Returns undefined when malformed. */
export function parseRetention(text: string): RetentionPolicy | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === 'none') return {};
  const policy: RetentionPolicy = {};
  for (const item of trimmed.split(/[\s,]+/).filter(Boolean)) {
    const m = /^keep-(last|hourly|daily|weekly|monthly|yearly)=(\d+|unlimited)$/.exec(item);
    if (!m) return undefined;
    const rule = m[1] as Rule;
    if (policy[rule] !== undefined) return undefined;
    policy[rule] = m[2] === 'unlimited' ? Infinity : Number(m[2]);
  }
  return policy;
}

/** True when the policy keeps everything (no rule given): retention then deletes nothing. */
export function isEmptyPolicy(policy: RetentionPolicy): boolean {
  return RULES.every((r) => policy[r] === undefined);
}

/** The policy written back as text. */
export function formatRetention(policy: RetentionPolicy): string {
  if (isEmptyPolicy(policy)) return 'none';
  return RULES.filter((r) => policy[r] !== undefined)
    .map((r) => `keep-${r}=${policy[r] === Infinity ? 'unlimited' : policy[r]}`)
    .join(',');
}

function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function bucket(rule: Exclude<Rule, 'last'>, d: Date): string {
  const iso = d.toISOString();
  switch (rule) {
    case 'hourly':
      return iso.slice(0, 13);
    case 'daily':
      return iso.slice(0, 10);
    case 'weekly':
      return isoWeek(d);
    case 'monthly':
      return iso.slice(0, 7);
    case 'yearly':
      return iso.slice(0, 4);
  }
}

/** A backup as retention sees it. */
export interface RetentionItem {
  id: string;
  time: Date;
}

/** The decision for one backup, with the rules (or protections) that keep it. */
export interface RetentionDecision<T extends RetentionItem> {
  item: T;
  keep: boolean;
  reasons: string[];
}

/**
 * Decides which backups to keep (restic semantics, UTC calendar buckets). The newest backup and
 * every id in `protectedIds` are always kept. An empty policy keeps everything. Newest first.
 */
export function applyRetention<T extends RetentionItem>(items: readonly T[], policy: RetentionPolicy, protectedIds: ReadonlySet<string> = new Set()): RetentionDecision<T>[] {
  const sorted = [...items].sort((a, b) => b.time.getTime() - a.time.getTime() || b.id.localeCompare(a.id));
  const decisions = sorted.map((item) => ({ item, keep: false, reasons: [] as string[] }));
  if (isEmptyPolicy(policy)) {
    for (const d of decisions) {
      d.keep = true;
      d.reasons.push('no retention policy');
    }
    return decisions;
  }
  for (const rule of RULES) {
    let remaining = policy[rule];
    if (remaining === undefined || remaining <= 0) continue;
    let lastBucket: string | undefined;
    for (const d of decisions) {
      if (remaining <= 0) break;
      const key = rule === 'last' ? d.item.id : bucket(rule, d.item.time);
      if (key === lastBucket) continue;
      lastBucket = key;
      d.keep = true;
      d.reasons.push(rule === 'last' ? 'last' : `${rule} ${key}`);
      remaining--;
    }
  }
  const newest = decisions[0];
  if (newest) {
    newest.keep = true;
    newest.reasons.unshift('newest');
  }
  for (const d of decisions) {
    if (protectedIds.has(d.item.id)) {
      d.keep = true;
      d.reasons.unshift('protected');
    }
  }
  return decisions;
}
