import { describe, expect, it } from 'vitest';
import { checkDotenv, type FileCheckOptions } from './check-file.ts';
import { fingerprint, policySchema, type Policy } from './policy.ts';
import { RULE_IDS, type RuleId } from './rules.ts';

const STRONG = 'q7R!vX2#kL9m$Wp4zT8n&Yb3';
const REVOKED = 'Hx83kf02mdP1qLz7Vb6nWc4sTa9uYe5r';

interface Case {
  rule: RuleId;
  fires: string;
  line: number | null;
  quiet: string;
  policy?: Policy;
  example?: string[];
}

const CASES: Case[] = [
  { rule: 'duplicate-key', fires: 'A=1\nB=2\nA=3', line: 3, quiet: 'A=1\nB=2' },
  { rule: 'invalid-key', fires: 'OK=1\nMY-KEY=1', line: 2, quiet: 'MY_KEY=1' },
  { rule: 'lowercase-key', fires: 'db_host=x', line: 1, quiet: 'DB_HOST=x' },
  { rule: 'space-around-equals', fires: 'A = 1', line: 1, quiet: 'A=1' },
  { rule: 'unbalanced-quotes', fires: 'A=1\nB="never closed', line: 2, quiet: 'B="closed"' },
  { rule: 'unexpected-text', fires: 'A="x"y', line: 1, quiet: 'A="x" # fine' },
  { rule: 'key-without-value', fires: 'A=1\nJUST_A_KEY', line: 2, quiet: 'A=1\nJUST_A_KEY=' },
  { rule: 'trailing-whitespace', fires: 'A=1\nB=2 ', line: 2, quiet: 'A=1\nB=2' },
  { rule: 'debug-enabled', fires: 'X=1\nAPP_DEBUG=true', line: 2, quiet: 'APP_DEBUG=false\nFLASK_DEBUG=0' },
  { rule: 'debug-logging', fires: 'LOG_LEVEL=debug', line: 1, quiet: 'LOG_LEVEL=info' },
  { rule: 'environment-mismatch', fires: 'APP_ENV=production\nNODE_ENV=development', line: 2, quiet: 'ENVIRONMENT=prod\nNODE_ENV=production' },
  { rule: 'secret-empty', fires: 'API_TOKEN=', line: 1, quiet: 'API_TOKEN=${API_TOKEN}' },
  { rule: 'secret-placeholder', fires: 'SECRET_KEY=CHANGE_THIS', line: 1, quiet: `SECRET_KEY=${STRONG}${STRONG}` },
  { rule: 'secret-too-short', fires: 'DB_PASSWORD=Xk9#mP2q', line: 1, quiet: 'DB_PASSWORD=Xk9#mP2qLw7!vR4t' },
  { rule: 'secret-low-entropy', fires: 'DB_PASSWORD=abababababababab', line: 1, quiet: `DB_PASSWORD=${STRONG}` },
  { rule: 'sqlite-in-production', fires: 'DATABASE_URL=sqlite:///./app.db', line: 1, quiet: 'DATABASE_URL=postgresql://app@db.internal/app' },
  { rule: 'cors-wildcard', fires: 'CORS_ORIGINS=*', line: 1, quiet: 'CORS_ORIGINS=https://a.example.com' },
  { rule: 'cors-insecure-origin', fires: 'ALLOWED_ORIGINS=["https://a.example.com", "http://localhost:3000"]', line: 1, quiet: 'ALLOWED_ORIGINS=["https://a.example.com"]' },
  { rule: 'maintenance-mode-on', fires: 'MAINTENANCE_MODE=true', line: 1, quiet: 'MAINTENANCE_MODE=false' },
  { rule: 'tls-verification-disabled', fires: 'NODE_TLS_REJECT_UNAUTHORIZED=0', line: 1, quiet: 'NODE_TLS_REJECT_UNAUTHORIZED=1' },
  { rule: 'insecure-cookie', fires: 'SESSION_COOKIE_SECURE=False', line: 1, quiet: 'SESSION_COOKIE_SECURE=True' },
  { rule: 'policy-required', fires: 'A=1', line: null, quiet: 'SENTRY_DSN=https://k@o1.ingest.sentry.io/1', policy: { required: ['SENTRY_DSN'] } },
  { rule: 'policy-forbidden', fires: 'A=1\nDEV_LOGIN_BYPASS=1', line: 2, quiet: 'LOGIN=1', policy: { forbidden: ['DEV_*'] } },
  { rule: 'policy-type', fires: 'WORKERS=four', line: 1, quiet: 'WORKERS=4', policy: { keys: { WORKERS: { type: 'integer' } } } },
  { rule: 'policy-limit', fires: 'ACCESS_TOKEN_EXPIRE_MINUTES=60', line: 1, quiet: 'ACCESS_TOKEN_EXPIRE_MINUTES=15', policy: { keys: { ACCESS_TOKEN_EXPIRE_MINUTES: { type: 'integer', max: 15 } } } },
  { rule: 'policy-flag', fires: 'ENABLE_ADMIN_ENDPOINTS=true', line: 1, quiet: 'ENABLE_ADMIN_ENDPOINTS=false', policy: { flags: { off: ['ENABLE_ADMIN_ENDPOINTS'] } } },
  { rule: 'revoked-secret', fires: `SECRET_KEY=${REVOKED}${REVOKED}`, line: 1, quiet: `SECRET_KEY=${STRONG}${STRONG}`, policy: { revoked: [{ sha256: fingerprint(`${REVOKED}${REVOKED}`) }] } },
  { rule: 'missing-key', fires: 'A=1', line: null, quiet: 'A=1\nB=2', example: ['A', 'B'] },
  { rule: 'extra-key', fires: 'A=1\nC=2', line: 2, quiet: 'A=1', example: ['A'] },
  { rule: 'unused-suppression', fires: '# config-validate: ignore debug-enabled -- we know\nDEBUG=false', line: 1, quiet: '# config-validate: ignore debug-enabled -- staging box\nDEBUG=true' },
  { rule: 'suppression-without-reason', fires: '# config-validate: ignore debug-enabled\nDEBUG=true', line: 1, quiet: '# config-validate: ignore debug-enabled -- a reason\nDEBUG=true' },
];

function check(text: string, c: Partial<Case> = {}, extra: Partial<FileCheckOptions> = {}) {
  return checkDotenv(text, {
    file: '.env.production',
    environment: 'production',
    productionRules: true,
    policy: c.policy ? policySchema.parse(c.policy) : undefined,
    exampleKeys: c.example ? new Set(c.example) : undefined,
    ...extra,
  });
}

describe('every rule', () => {
  it('has a firing and a quiet case', () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual([...RULE_IDS].sort());
  });

  it.each(CASES)('$rule fires on the right line', (c) => {
    const hit = check(c.fires, c).findings.filter((f) => f.rule === c.rule);
    expect(hit).toHaveLength(1);
    expect(hit[0]?.line).toBe(c.line);
    expect(hit[0]?.file).toBe('.env.production');
  });

  it.each(CASES)('$rule stays quiet on a correct file', (c) => {
    expect(check(c.quiet, c).findings.map((f) => f.rule)).not.toContain(c.rule);
  });
});

describe('secret values', () => {
  it('never appear in a finding', () => {
    const text = 'SECRET_KEY=supersecretvalue\nDB_PASSWORD=Xk9#mP2q\nDATABASE_URL=postgres://u:hunter2hunter2@h/db\nAPI_TOKEN=aaaaaaaaaaaaaaaa';
    const result = check(text);
    expect(result.findings.length).toBeGreaterThanOrEqual(3);
    const json = JSON.stringify(result.findings);
    for (const secret of ['supersecretvalue', 'Xk9#mP2q', 'hunter2hunter2', 'aaaaaaaaaaaaaaaa']) expect(json).not.toContain(secret);
    expect(result.secretValues).toEqual(expect.arrayContaining(['supersecretvalue', 'Xk9#mP2q', 'hunter2hunter2', 'aaaaaaaaaaaaaaaa']));
  });

  it('judges the password inside a URL with the secret rules', () => {
    const findings = check('DATABASE_URL=postgresql://app:STRONG_PASSWORD_HERE@db:5432/app').findings;
    expect(findings).toEqual([expect.objectContaining({ rule: 'secret-placeholder', key: 'DATABASE_URL', line: 1 })]);
    expect(findings[0]?.message).toContain('the password in DATABASE_URL');
  });

  it('leaves references to secrets kept elsewhere alone', () => {
    expect(check('SECRET_KEY=${{ secrets.SECRET_KEY }}\nDB_PASSWORD=${DB_PASSWORD}').findings).toEqual([]);
  });
});

describe('policy', () => {
  it('checks every key type', () => {
    const policy: Policy = {
      keys: {
        FEATURE_X: { type: 'boolean' },
        RATIO: { type: 'number', min: 0, max: 1 },
        NAME: { type: 'string', 'max-length': 5 },
        API_URL: { type: 'url', schemes: ['https'] },
        MODE: { type: 'enum', values: ['fast', 'safe'] },
        REGION: { type: 'regex', pattern: '[a-z]{2}-[a-z]+-\\d' },
        APP_PIN: { type: 'secret', 'min-length': 40 },
        FRONTENDS: { type: 'origins', 'allow-localhost': false },
      },
    };
    const bad = ['FEATURE_X=maybe', 'RATIO=1.5', 'NAME=toolong', 'API_URL=http://api.example.com', 'MODE=reckless', 'REGION=eu-west', `APP_PIN=${STRONG}`, 'FRONTENDS=https://a.example.com,http://localhost'];
    const findings = check(bad.join('\n'), { policy }, { productionRules: false }).findings;
    expect(findings.map((f) => [f.key, f.rule])).toEqual([
      ['FEATURE_X', 'policy-type'],
      ['RATIO', 'policy-limit'],
      ['NAME', 'policy-limit'],
      ['API_URL', 'policy-type'],
      ['MODE', 'policy-type'],
      ['REGION', 'policy-type'],
      ['APP_PIN', 'secret-too-short'],
      ['FRONTENDS', 'cors-insecure-origin'],
    ]);
    const good = ['FEATURE_X=true', 'RATIO=0.5', 'NAME=shop', 'API_URL=https://api.example.com', 'MODE=safe', 'REGION=eu-west-1', `APP_PIN=${STRONG}${STRONG}`, 'FRONTENDS=https://a.example.com'];
    expect(check(good.join('\n'), { policy }, { productionRules: false }).findings).toEqual([]);
  });

  it('masks values of keys the policy declares secret', () => {
    const policy: Policy = { keys: { APP_PIN: { type: 'secret' } } };
    expect(check('APP_PIN=12345678901234567890', { policy }).secretKeys.has('APP_PIN')).toBe(true);
  });

  it('applies wildcard keys and required flags', () => {
    const policy: Policy = { keys: { '*_URL': { type: 'url', schemes: ['https', 'postgresql'] }, SENTRY_DSN: { type: 'url', required: true } } };
    const findings = check('API_URL=ftp://x\nDB_URL=postgresql://db/x', { policy }, { productionRules: false }).findings;
    expect(findings.map((f) => [f.key, f.rule])).toEqual([
      ['SENTRY_DSN', 'policy-required'],
      ['API_URL', 'policy-type'],
    ]);
  });

  it('turns rules off or changes their severity', () => {
    const policy: Policy = { rules: { 'lowercase-key': 'off', 'debug-enabled': 'warning' } };
    const findings = check('debug_mode=1\nDEBUG=true', { policy }).findings;
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['debug-enabled', 'warning']]);
  });
});

describe('suppressions', () => {
  it('suppress with a reason, on the line above or inline, and record it', () => {
    const text = '# config-validate: ignore debug-enabled -- staging mirror, DEBUG needed\nDEBUG=true\nLOG_LEVEL=debug # config-validate: ignore debug-logging -- temporary, INC-42';
    const result = check(text);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => [s.rule, s.line, s.reason])).toEqual([
      ['debug-enabled', 2, 'staging mirror, DEBUG needed'],
      ['debug-logging', 3, 'temporary, INC-42'],
    ]);
  });

  it('apply file-wide with ignore-file', () => {
    const result = check('# config-validate: ignore-file missing-key -- optional in this service\nA=1', { example: ['A', 'B'] });
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => s.rule)).toEqual(['missing-key']);
  });

  it('do not reach past a blank line', () => {
    const result = check('# config-validate: ignore debug-enabled -- reason\n\nDEBUG=true');
    expect(result.findings.map((f) => f.rule).sort()).toEqual(['debug-enabled', 'unused-suppression']);
  });

  it('report unknown rule ids', () => {
    const result = check('# config-validate: ignore no-such-rule -- reason\nA=1');
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'unused-suppression', line: 1 })]);
    expect(result.findings[0]?.message).toContain('no-such-rule');
  });
});

describe('production rules', () => {
  it('are off when asked', () => {
    expect(check('DEBUG=true\nSECRET_KEY=changeme', {}, { productionRules: false }).findings).toEqual([]);
  });

  it('accept the target environment name for other environments', () => {
    const findings = check('APP_ENV=staging\nNODE_ENV=production\nRAILS_ENV=staging', {}, { environment: 'staging' }).findings;
    expect(findings).toEqual([]);
  });

  it('read CORS lists in JSON and comma forms, and allow-all switches', () => {
    expect(check('CORS_ORIGINS=["*"]').findings.map((f) => f.rule)).toEqual(['cors-wildcard']);
    expect(check('CORS_ALLOW_ALL_ORIGINS=True').findings.map((f) => f.rule)).toEqual(['cors-wildcard']);
    expect(check('ALLOWED_HOSTS=*').findings.map((f) => f.rule)).toEqual(['cors-wildcard']);
    expect(check('CORS_ALLOWED_ORIGINS=https://a.example.com http://b.example.com').findings.map((f) => f.rule)).toEqual(['cors-insecure-origin']);
  });
});
