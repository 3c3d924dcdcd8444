import { describe, expect, it } from 'vitest';
import { isReference, isSecretName, isSigningKeyName, placeholderReason, shannonEntropy, uniqueCharacters } from './index.ts';

describe('isSecretName', () => {
  it.each(['SECRET_KEY', 'DB_PASSWORD', 'GITHUB_TOKEN', 'STRIPE_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'JWT_SECRET', 'PRIVATE_KEY', 'APP_KEY', 'REDIS_PASSWORD', 'password', 'SMTP_PASSWD', 'ENCRYPTION_KEY', 'PASSWORD_SALT'])(
    '%s is a secret',
    (name) => expect(isSecretName(name)).toBe(true),
  );
  it.each(['ACCESS_TOKEN_EXPIRE_MINUTES', 'JWT_ALGORITHM', 'AWS_ACCESS_KEY_ID', 'SECRET_KEY_FILE', 'TOKEN_TTL', 'STRIPE_PUBLISHABLE_KEY', 'PUBLIC_KEY', 'DATABASE_URL', 'SENTRY_DSN', 'DEBUG', 'PASSWORD_MIN_LENGTH', 'API_KEY_HEADER', 'KEYBOARD_LAYOUT', 'MONKEY', 'NEXT_CONTINUATION_TOKEN', 'nextPageToken', 'NextToken', 'SYNC_TOKEN', 'CANCELLATION_TOKEN', 'IDEMPOTENCY_TOKEN'])(
    '%s is not a secret',
    (name) => expect(isSecretName(name)).toBe(false),
  );
  it('knows signing keys', () => {
    expect(isSigningKeyName('SECRET_KEY')).toBe(true);
    expect(isSigningKeyName('JWT_SECRET')).toBe(true);
    expect(isSigningKeyName('DB_PASSWORD')).toBe(false);
  });
});

describe('placeholderReason', () => {
  it.each([
    'GENERATE_NEW_64_CHAR_KEY_HERE',
    'YOUR_PRODUCTION_STRIPE_KEY',
    'STRONG_PASSWORD_HERE',
    'CHANGE_THIS',
    'changeme',
    '<your-api-key>',
    'xxx',
    'XXXXXXXX',
    'your_app_password',
    'REPLACE_ME',
    'sk_live_xxxxxxxxxxxx',
    '********',
    'aaaaaaaa',
    '{api_key}',
    'insert-key-here',
    'secret',
  ])('%s is a placeholder', (value) => expect(placeholderReason(value)).toBeDefined());

  it.each([
    'k8Jq2vX9mP4rT7wZ1nB5cF3hL6yD0sG8aE2uV4iO9pQ7',
    'Tr0ub4dor&3-horse-battery',
    'postgres://app:Zx81kPq0@db/app',
    'production',
    'my-very-real-password-9f2k',
    'sk_live_51HxQk2eZvKYlo2C8fJ3',
  ])('%s is not a placeholder', (value) => expect(placeholderReason(value)).toBeUndefined());
});

describe('isReference', () => {
  it.each(['${{ secrets.DB_PASSWORD }}', '${DB_PASSWORD}', '${DB_PASSWORD:-x}', '$DB_PASSWORD', '%DB_PASSWORD%', '{{ .Values.db.password }}', 'vault:secret/data/db#password'])(
    '%s is a reference',
    (v) => expect(isReference(v)).toBe(true),
  );
  it.each(['abc$def', 'p@$$word', 'hunter2'])('%s is not a reference', (v) => expect(isReference(v)).toBe(false));
});

describe('entropy', () => {
  it('measures bits per character', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    expect(shannonEntropy('0123456789abcdef')).toBe(4);
    expect(uniqueCharacters('aabbc')).toBe(3);
  });
});

describe('placeholderReason never quotes the value', () => {
  it.each(['your_app_password', 'GENERATE_NEW_64_CHAR_KEY_HERE', '<your-api-key>', 'changeme'])('%s', (value) => {
    expect(placeholderReason(value)).not.toContain(value);
  });
});
