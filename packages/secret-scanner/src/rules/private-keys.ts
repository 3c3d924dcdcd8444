import { fakePem, join } from '../fake-credentials.ts';
import type { MatchContext, SecretRule } from '../rule.ts';

const BEGIN = join('-----BEGIN', ' ');

// A real key body has plenty of base64 between its armour lines; documentation shows "..." or nothing.
function hasKeyBody(secret: string): boolean {
  const body = secret
    .replace(/-----(?:BEGIN|END)[^-]*-----/g, '')
    .replace(/\\[nr]/g, '')
    .replace(/^[\w-]+:.*$/gm, '');
  return (body.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) >= 64 && !/\.\.\.|<[^>]*>|x{8,}/i.test(body);
}

function pemRule(id: string, title: string, labels: string, what: string, samples: { secrets: string[]; decoys: string[] }): SecretRule {
  return {
    id,
    title,
    description: `${what} Treat it as compromised: replace the key and revoke whatever trusts it.`,
    severity: 'critical',
    regex: new RegExp(`(?<secret>-----BEGIN[ A-Z0-9_-]{0,20}? (?:${labels})-----[\\s\\S]{64,16384}?-----END[ A-Z0-9_-]{0,20}? (?:${labels})-----)`),
    keywords: ['-----begin'],
    validate: (secret: string, _context: MatchContext) => hasKeyBody(secret),
    samples,
  };
}

/** Private keys in PEM, OpenSSH and PGP armour (the generic PEM rule last, so the specific ones win). */
export const privateKeyRules: SecretRule[] = [
  pemRule('openssh-private-key', 'OpenSSH private key', 'OPENSSH PRIVATE KEY', 'An OpenSSH private key.', {
    secrets: [fakePem('pk-4', 'OPENSSH PRIVATE KEY', 7)],
    decoys: [`${BEGIN}OPENSSH PRIVATE KEY-----\n<paste your key here>\n-----END OPENSSH PRIVATE KEY-----`],
  }),
  pemRule('pgp-private-key', 'PGP private key block', 'PGP PRIVATE KEY BLOCK', 'A PGP/GPG private key block.', {
    secrets: [fakePem('pk-5', 'PGP PRIVATE KEY BLOCK', 20)],
    decoys: [`${BEGIN}PGP PUBLIC KEY BLOCK-----\n${'B'.repeat(64)}\n-----END PGP PUBLIC KEY BLOCK-----`],
  }),
  pemRule('private-key', 'Private key (PEM)', 'PRIVATE KEY', 'A PEM private key (RSA, EC, DSA, PKCS#8, encrypted or not).', {
    secrets: [
      fakePem('pk-1'),
      `{"private_key": "${fakePem('pk-2', 'PRIVATE KEY', 10, '\\n')}\\n"}`,
      fakePem('pk-3', 'EC PRIVATE KEY', 3),
    ],
    decoys: [`${BEGIN}RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----`, `${BEGIN}PUBLIC KEY-----\n${'A'.repeat(64)}\n-----END PUBLIC KEY-----`, 'if line.startswith("-----BEGIN PRIVATE KEY-----"):'],
  }),
];
