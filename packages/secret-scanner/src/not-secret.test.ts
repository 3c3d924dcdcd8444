import { describe, expect, it } from 'vitest';
import { SecretDetector } from './detector.ts';
import { documentedExample } from './documented-examples.ts';
import { fakeString, join } from './fake-credentials.ts';
import { notSecretReason, worthMasking } from './not-secret.ts';
import { scanBytes } from './scan-pool.ts';

const detector = new SecretDetector();

describe('documented examples', () => {
  it.each([
    ['the Azurite development key', 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;'],
    ['the AWS example key pair', `aws_access_key_id = ${join('AKIA', 'IOSFODNN7EXAMPLE')}\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`],
    ['the Stripe API reference key', `Stripe.api_key = '${join('sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc')}'`],
    ['the Google Cloud documentation key', `GOOGLE_API_KEY=${join('AI', 'zaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe')}`],
    ['the jwt.io token', 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'],
    ['the 1Password documentation Secret Key', '{"secretKey":"A3-C4ZJMN-PQTZTL-HGL84-G64M7-KVZRN-4ZVP6"}'],
    ['the MDN URL.password example', 'new URL("https://anonymous:flabada@developer.mozilla.org/en-US/docs/Web/API/URL/password")'],
  ])('%s is left alone', (_what, text) => expect(detector.scan(text)).toEqual([]));

  it('says which example a value is without quoting it', () => {
    const azurite = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
    expect(documentedExample(azurite)).toMatch(/Azurite/);
    expect(notSecretReason(azurite)).not.toContain(azurite);
    expect(documentedExample(fakeString('not-documented', 88))).toBeUndefined();
  });
});

describe('values already redacted', () => {
  it('are not secrets, whether the text is a string or the latin1 reading of UTF-8 bytes', () => {
    const text = 'expect(summary).toContain("postgresql://shop:••••@db.internal:5432/shop");\n';
    expect(detector.scan(text)).toEqual([]);
    expect(scanBytes(detector, Buffer.from(text, 'utf8'), 1 << 20).matches).toEqual([]);
  });

  it('reports a non-ASCII secret read from bytes in its own characters', () => {
    const password = `${fakeString('utf8-pw', 12)}é${fakeString('utf8-pw2', 6)}`;
    const { matches } = scanBytes(detector, Buffer.from(`DATABASE_URL=postgres://shop:${password}@db.prod:5432/shop\n`, 'utf8'), 1 << 20);
    expect(matches.map((m) => m.secret)).toEqual([password]);
  });
});

describe('worthMasking', () => {
  it.each([fakeString('mask-1', 24), 'hunter2hunter2', 'Sup3r-Secret!', 'tok-9f2k1x'])('masks %s', (value) => expect(worthMasking(value)).toBe(true));
  it.each(['secret', 'secret-looking', 'same-origin', 'password', 'p@ss1', '••••', 'changeme', '${{ secrets.X }}'])('does not mask %s', (value) =>
    expect(worthMasking(value)).toBe(false),
  );
});
