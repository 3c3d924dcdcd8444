import { describe, expect, it } from 'vitest';
import { describeSecret, SecretRegistry } from './secrets.ts';
import { Summary, inlineCode } from './summary.ts';

describe('SecretRegistry', () => {
  it('masks each value once, and each line of a multi-line secret', () => {
    const masked: string[] = [];
    const secrets = new SecretRegistry((v) => masked.push(v));
    secrets.add('-----BEGIN KEY-----\nabcdefghijkl\n-----END KEY-----');
    secrets.add('abcdefghijkl');
    expect(masked).toEqual(['-----BEGIN KEY-----\nabcdefghijkl\n-----END KEY-----', '-----BEGIN KEY-----', 'abcdefghijkl', '-----END KEY-----']);
  });

  it('redacts longest first and detects leaks', () => {
    const secrets = new SecretRegistry();
    secrets.add('token-123');
    secrets.add('token-123456');
    expect(secrets.redact('a token-123456 b token-123 c')).toBe('a *** b *** c');
    expect(secrets.leaks('xx token-123 yy')).toBe(true);
    expect(secrets.leaks('nothing here')).toBe(false);
  });

  it('describes a secret without showing it', () => {
    expect(describeSecret('x'.repeat(64))).toBe('••••(64 chars)');
    expect(describeSecret('sk_live_abcdefghijklmnop', 4)).toBe('sk_l…(24 chars)');
    expect(describeSecret('')).toBe('(empty)');
  });
});

describe('Summary', () => {
  it('builds escaped Markdown tables and status lines', () => {
    const md = new Summary()
      .heading('config-validate')
      .status('fail', 'Failed', '2 errors')
      .table(['Key', 'Value'], [['SECRET_KEY', { code: 'a|b' }], ['<script>', 'x|y']])
      .toString();
    expect(md).toContain('## config-validate');
    expect(md).toContain('❌ **Failed** — 2 errors');
    expect(md).toContain('| SECRET_KEY | `a\\|b` |');
    expect(md).toContain('| &lt;script&gt; | x\\|y |');
  });

  it('fences inline code containing backticks', () => {
    expect(inlineCode('a`b')).toBe('`` a`b ``');
  });
});
