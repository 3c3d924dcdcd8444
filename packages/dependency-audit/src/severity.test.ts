import { describe, expect, it } from 'vitest';
import { fixtureRecords } from './osv/osv-test-server.ts';
import { cvssBaseScore, rateVulnerability, severityFromScore } from './severity.ts';

const records = fixtureRecords();

describe('severity', () => {
  it('computes CVSS base scores from v3.0, v3.1, v4.0 and v2 vectors', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H')).toEqual({ version: '3.1', score: 7.4 });
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N')).toEqual({ version: '3.1', score: 7.7 });
    expect(cvssBaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({ version: '3.0', score: 9.8 });
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toEqual({ version: '4.0', score: 9.3 });
    expect(cvssBaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toEqual({ version: '2.0', score: 7.5 });
    expect(cvssBaseScore('CVSS:3.1/AV:Z')).toBeUndefined();
    expect(cvssBaseScore('7.5')).toBeUndefined();
  });

  it('maps scores to FIRST ratings', () => {
    expect([9.0, 8.9, 7.0, 6.9, 4.0, 3.9, 0].map(severityFromScore)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'low']);
  });

  it('rates real records: CVSS first, then the database rating, else nothing', () => {
    expect(rateVulnerability(records.get('GHSA-p6mc-m468-83gw')!)).toMatchObject({ severity: 'high', source: 'cvss_v3', cvss: { score: 7.4 } });
    expect(rateVulnerability(records.get('GHSA-xvch-5gv4-984h')!)).toMatchObject({ severity: 'critical', cvss: { score: 9.8 } });
    expect(rateVulnerability(records.get('GHSA-g3rq-g295-4j3m')!)).toMatchObject({ severity: 'medium', cvss: { score: 5.3 } });
    expect(rateVulnerability(records.get('GO-2021-0113')!)).toBeUndefined();
    expect(rateVulnerability(records.get('PYSEC-2021-66')!)).toBeUndefined();
    const ratedOnly = { ...records.get('GHSA-22f2-v57c-j9cx')!, severity: [] };
    expect(rateVulnerability(ratedOnly)).toEqual({ severity: 'medium', source: 'database' });
    const v4 = { ...ratedOnly, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }, { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }] };
    expect(rateVulnerability(v4)).toMatchObject({ severity: 'critical', source: 'cvss_v4' });
  });
});
