import { describe, expect, it } from 'vitest';
import { applyRetention, formatRetention, parseRetention } from './retention.ts';

const at = (iso: string) => ({ id: iso, time: new Date(iso) });
const kept = (items: { id: string; time: Date }[], policy: Parameters<typeof applyRetention>[1], protectedIds?: Set<string>) =>
  applyRetention(items, policy, protectedIds)
    .filter((d) => d.keep)
    .map((d) => d.item.id);

describe('retention policy text', () => {
  it('parses keep-* rules, unlimited and none', () => {
    expect(parseRetention('keep-last=10,keep-daily=7,keep-weekly=4')).toEqual({ last: 10, daily: 7, weekly: 4 });
    expect(parseRetention('keep-hourly=24, keep-monthly=unlimited')).toEqual({ hourly: 24, monthly: Infinity });
    expect(parseRetention('none')).toEqual({});
    expect(formatRetention({ monthly: Infinity, last: 2 })).toBe('keep-last=2,keep-monthly=unlimited');
  });

  it('rejects unknown rules, bad numbers and duplicates', () => {
    for (const bad of ['keep-dayly=3', 'keep-last=-1', 'keep-last=x', 'keep-last=1,keep-last=2', 'last=3']) expect(parseRetention(bad)).toBeUndefined();
  });
});

describe('restic calendar-bucket semantics (UTC)', () => {
  // Two backups a day for ten days, at 01:00 and 13:00.
  const twiceDaily = Array.from({ length: 20 }, (_, i) => at(new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 2), i % 2 ? 13 : 1)).toISOString()));

  it('keep-last keeps the N newest', () => {
    expect(kept(twiceDaily, { last: 3 })).toEqual(['2026-01-10T13:00:00.000Z', '2026-01-10T01:00:00.000Z', '2026-01-09T13:00:00.000Z']);
  });

  it('keep-daily keeps the newest backup of each of the last N days that have one', () => {
    expect(kept(twiceDaily, { daily: 3 })).toEqual(['2026-01-10T13:00:00.000Z', '2026-01-09T13:00:00.000Z', '2026-01-08T13:00:00.000Z']);
  });

  it('skips days without backups instead of counting them', () => {
    const gappy = [at('2026-03-10T10:00:00Z'), at('2026-03-01T10:00:00Z'), at('2026-02-20T10:00:00Z'), at('2026-02-20T09:00:00Z')];
    expect(kept(gappy, { daily: 3 })).toEqual(['2026-03-10T10:00:00Z', '2026-03-01T10:00:00Z', '2026-02-20T10:00:00Z']);
  });

  it('keep-weekly buckets by ISO week (Monday to Sunday), across a year boundary', () => {
    const items = [at('2026-01-04T12:00:00Z'), at('2025-12-29T12:00:00Z'), at('2025-12-28T12:00:00Z'), at('2025-12-22T12:00:00Z')];
    // 2025-12-29 and 2026-01-04 are both in ISO week 2026-W01.
    expect(kept(items, { weekly: 2 })).toEqual(['2026-01-04T12:00:00Z', '2025-12-28T12:00:00Z']);
  });

  it('keep-hourly and keep-monthly use their calendar buckets', () => {
    const items = [at('2026-05-02T10:59:00Z'), at('2026-05-02T10:01:00Z'), at('2026-05-02T09:30:00Z'), at('2026-04-30T23:00:00Z'), at('2026-03-15T00:00:00Z')];
    expect(kept(items, { hourly: 2 })).toEqual(['2026-05-02T10:59:00Z', '2026-05-02T09:30:00Z']);
    expect(kept(items, { monthly: 3 })).toEqual(['2026-05-02T10:59:00Z', '2026-04-30T23:00:00Z', '2026-03-15T00:00:00Z']);
  });

  it('combines rules: a backup kept by any rule stays, with every reason listed', () => {
    const decisions = applyRetention(twiceDaily, { last: 2, daily: 2, weekly: 1 });
    expect(decisions.filter((d) => d.keep).map((d) => [d.item.id, d.reasons])).toEqual([
      ['2026-01-10T13:00:00.000Z', ['newest', 'last', 'daily 2026-01-10', 'weekly 2026-W02']],
      ['2026-01-10T01:00:00.000Z', ['last']],
      ['2026-01-09T13:00:00.000Z', ['daily 2026-01-09']],
    ]);
  });

  it('never deletes the newest backup or a protected one, and keeps everything without a policy', () => {
    expect(kept(twiceDaily, { daily: 0 })).toEqual(['2026-01-10T13:00:00.000Z']);
    expect(kept(twiceDaily, { last: 1 }, new Set(['2026-01-01T01:00:00.000Z']))).toEqual(['2026-01-10T13:00:00.000Z', '2026-01-01T01:00:00.000Z']);
    expect(kept(twiceDaily, {})).toHaveLength(20);
  });
});
