import { fakeJwt } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

function decodesToJsonHeader(jwt: string): boolean {
  try {
    const header = JSON.parse(Buffer.from(jwt.split('.')[0] as string, 'base64url').toString('utf8')) as { alg?: unknown };
    return typeof header.alg === 'string';
  } catch {
    return false;
  }
}

/** Bearer tokens recognisable by structure. */
export const tokenRules: SecretRule[] = [
  {
    id: 'jwt',
    title: 'JSON Web Token',
    description: 'A signed JSON Web Token: it authenticates whoever holds it until it expires. Remove it and invalidate the session or key.',
    severity: 'medium',
    regex: /(?<![\w-])(?<secret>eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{16,})(?![\w-])/,
    keywords: ['eyj'],
    validate: (secret) => decodesToJsonHeader(secret),
    samples: {
      secrets: [`Authorization: Bearer ${fakeJwt('jwt-1')}`],
      decoys: [
        'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        'eyJub3QiOiJqd3QifQ.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc',
      ],
    },
  },
];
