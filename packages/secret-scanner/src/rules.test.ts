import { describe, expect, it } from 'vitest';
import { SecretDetector } from './detector.ts';
import { SEVERITIES } from './rule.ts';
import { secretRules } from './rules/index.ts';

const detector = new SecretDetector();

describe('the rule set', () => {
  it('has unique kebab-case ids, lower-case keywords and at least one sample of each kind', () => {
    const ids = secretRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of secretRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.keywords.length).toBeGreaterThan(0);
      for (const k of rule.keywords) expect(k).toBe(k.toLowerCase());
      expect(rule.regex.flags).not.toContain('g');
      expect(rule.samples.secrets.length, rule.id).toBeGreaterThan(0);
      expect(rule.samples.decoys.length, rule.id).toBeGreaterThan(0);
    }
  });

  it('covers the credentials our users hold', () => {
    const ids = new Set(secretRules.map((r) => r.id));
    for (const id of ['aws-access-key-id', 'aws-secret-access-key', 'gcp-api-key', 'azure-storage-account-key', 'azure-ad-client-secret', 'github-pat', 'github-fine-grained-pat', 'github-app-installation-token', 'github-oauth-token', 'gitlab-pat', 'slack-token', 'slack-webhook-url', 'discord-webhook-url', 'stripe-live-secret-key', 'stripe-restricted-key', 'sendgrid-api-key', 'mailgun-api-key', 'twilio-api-key', 'openai-api-key', 'anthropic-api-key', 'npm-access-token', 'pypi-upload-token', 'private-key', 'openssh-private-key', 'pgp-private-key', 'jwt', 'url-credentials', 'generic-secret']) {
      expect(ids.has(id), id).toBe(true);
    }
  });
});

describe.each(secretRules.map((r) => [r.id, r] as const))('rule %s', (_id, rule) => {
  it.each(rule.samples.secrets.map((s, i) => [i, s] as const))('finds secret sample %i', (_i, sample) => {
    const found = detector.scan(sample);
    expect(found.map((f) => f.ruleId)).toEqual([rule.id]);
    expect(sample).toContain(found[0]?.secret);
  });
  it.each(rule.samples.decoys.map((s, i) => [i, s] as const))('leaves decoy %i alone', (_i, sample) => {
    expect(detector.scan(sample).map((f) => f.ruleId)).not.toContain(rule.id);
  });
});
