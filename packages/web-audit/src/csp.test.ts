import { describe, expect, it } from 'vitest';
import { analyzeCsp, parseCsp } from './csp.ts';
import { gradeFor, scoreOutcomes } from './scoring.ts';

describe('Content-Security-Policy analysis', () => {
  it('falls back to default-src and keeps the first occurrence of a directive', () => {
    const policies = parseCsp("default-src 'self'; script-src 'self' 'unsafe-inline'; script-src 'none'")!;
    expect(policies[0]!.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(analyzeCsp(policies)).toMatchObject({ unsafeInlineScripts: true, unsafeEval: false, unsafeInlineStyles: false, defaultSrcNone: false });
  });

  it('a policy with no script-src or default-src restricts nothing', () => {
    expect(analyzeCsp(parseCsp("img-src 'self'; frame-ancestors 'none'")!)).toMatchObject({ unsafeInlineScripts: true, unsafeEval: true, frameAncestors: true });
  });

  it('several policies: a source is allowed only if every policy allows it', () => {
    const two = parseCsp("script-src 'self' 'unsafe-inline', script-src 'self'")!;
    expect(two).toHaveLength(2);
    expect(analyzeCsp(two).unsafeInlineScripts).toBe(false);
  });

  it('rejects garbage', () => {
    expect(parseCsp('')).toBeUndefined();
    expect(parseCsp('<script>')).toBeUndefined();
  });
});

describe('scoring', () => {
  const o = (modifier: number) => ({ test: 't', result: 'r', passed: modifier >= 0, modifier, description: '' });

  it('applies bonuses only when the penalties leave 90 or more', () => {
    expect(scoreOutcomes([o(10), o(5), o(-5)])).toEqual({ score: 110, grade: 'A+' });
    expect(scoreOutcomes([o(10), o(5), o(-20)])).toEqual({ score: 80, grade: 'B+' });
    expect(scoreOutcomes([o(-50), o(-50), o(-25)])).toEqual({ score: 0, grade: 'F' });
  });

  it('uses the Observatory grade scale', () => {
    expect([100, 99, 90, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25, 24].map(gradeFor)).toEqual(['A+', 'A', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F']);
  });
});
