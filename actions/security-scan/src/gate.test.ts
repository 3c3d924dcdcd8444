import { describe, expect, it } from 'vitest';
import { fingerprint, type Finding } from './finding.ts';
import { applyGate } from './gate.ts';

const finding = (id: string, severity: Finding['severity'], extra: Partial<Finding> = {}): Finding => ({
  scanner: 'secrets',
  ruleId: 'generic-secret',
  severity,
  message: id,
  location: { file: `${id}.env`, line: 1 },
  fingerprint: fingerprint('secrets', id),
  ...extra,
});

describe('applyGate', () => {
  it('blocks findings at or above fail-on and reports the rest', () => {
    const gate = applyGate([finding('a', 'low'), finding('b', 'critical'), finding('c', 'high'), finding('d', 'medium')], 'high', []);
    expect(gate.findings.map((f) => [f.message, f.verdict])).toEqual([
      ['b', 'blocking'],
      ['c', 'blocking'],
      ['d', 'reported'],
      ['a', 'reported'],
    ]);
    expect(gate).toMatchObject({ blocking: 2, unsuppressed: 4 });
    expect(applyGate([finding('b', 'critical')], 'none', []).blocking).toBe(0);
  });

  it('suppresses inline-allowed findings and baseline entries through their expiry day, not after', () => {
    const entry = { fingerprint: fingerprint('secrets', 'a'), reason: 'fixture', expires: '2030-06-30' };
    const findings = [finding('a', 'critical'), finding('b', 'critical', { allowedInline: true })];
    const lastDay = applyGate(findings, 'high', [entry], new Date('2030-06-30T23:59:59Z'));
    expect(lastDay.findings.map((f) => f.suppression?.kind)).toEqual(['baseline', 'inline']);
    expect(lastDay).toMatchObject({ blocking: 0, stale: [] });
    const dayAfter = applyGate(findings, 'high', [entry], new Date('2030-07-01T00:00:00Z'));
    expect(dayAfter.findings.find((f) => f.message === 'a')?.verdict).toBe('blocking');
    expect(dayAfter.stale).toEqual([entry]);
  });
});
