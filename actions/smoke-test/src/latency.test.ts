import { describe, expect, it } from 'vitest';
import { compareWithBaseline } from './latency.ts';

describe('compareWithBaseline', () => {
  const gates = { tolerance: 1.5, marginMs: 5 };

  it('passes a candidate within the tolerance', () => {
    expect(compareWithBaseline(140, 100, gates)).toEqual({ ratio: 1.4 });
    expect(compareWithBaseline(150, 100, gates).failure).toBeUndefined();
    expect(compareWithBaseline(80, 100, gates).failure).toBeUndefined();
  });

  it('fails a candidate over the tolerance and says by how much', () => {
    expect(compareWithBaseline(160, 100, gates).failure).toEqual({ kind: 'baseline', expected: "p95 <= 1.5x the baseline's p95 (100ms)", actual: '160ms (1.6x)', passed: false });
  });

  it('ignores differences within the margin, however large the ratio', () => {
    expect(compareWithBaseline(6, 2, gates)).toEqual({ ratio: 3 });
    expect(compareWithBaseline(8, 2, gates).failure?.actual).toBe('8ms (4.0x)');
    expect(compareWithBaseline(3, 0, { tolerance: 1.5, marginMs: 0 }).ratio).toBe(Number.POSITIVE_INFINITY);
  });
});
