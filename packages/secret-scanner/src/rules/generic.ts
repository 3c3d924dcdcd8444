import { isReference, isSecretName, placeholderReason, shannonEntropy } from '@deploysafe/secret-heuristics';
import { ALPHABETS, fakeString } from '../fake-credentials.ts';
import type { MatchContext, SecretRule } from '../rule.ts';

const NAME_CHAR = /[\w.-]/;

// The whole variable name: the keyword match starts inside it (DB_|PASSWORD), so walk back to its start.
function fullName(context: MatchContext): string {
  let start = context.index;
  while (start > 0 && NAME_CHAR.test(context.text[start - 1] as string)) start--;
  const groups = context.match.groups ?? {};
  return `${context.text.slice(start, context.index)}${groups.name ?? ''}${groups.tail ?? ''}`;
}

const NOT_A_VALUE: readonly RegExp[] = [
  /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/, // code: config.db.password
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]+$/, // an environment variable's name
  /^[a-z]+(?:_[a-z]+)+$/, // snake_case identifier
  /^[a-z]+(?:[A-Z][a-z]+)+\d*$|^(?:[A-Z][a-z]+){2,}\d*$/, // camelCase / PascalCase identifier (random strings have digits inside)
  /^\d+$/, // a number
  /^v?\d+(?:\.\d+)+/, // a version
  /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)/, // a path
  /\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|gpg|age|asc|der|jks)$/i, // a file name
  /^[a-z][a-z0-9+.-]*:\/\//i, // a URL (url-credentials looks inside)
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a UUID
  /^[0-9a-f]{40}$|^[0-9a-f]{64}$/, // a git object id
  /^\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|scrypt|pbkdf2[\w-]*)\$/, // a password hash (bcrypt, argon2, crypt)
  /^sha(?:1|256|384|512)-[A-Za-z0-9+/=]+$/, // a lockfile integrity hash
  /^data:/, // a data URI
  /^(?:true|false|null|none|nil|undefined|required|optional|string|number|boolean)$/i,
];

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
}

// Kubernetes Secret manifests and similar hold base64; a placeholder stays a placeholder when encoded.
function decodedPlaceholder(value: string): boolean {
  if (value.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  return placeholderReason(decoded) !== undefined || isReference(decoded) || decoded.length < 8;
}

/** True when a value assigned to a secret-looking name is a literal secret rather than a reference, identifier or setting. */
export function looksLikeLiteralSecret(value: string): boolean {
  if (NOT_A_VALUE.some((re) => re.test(value)) || decodedPlaceholder(value)) return false;
  return characterClasses(value) >= 2 && shannonEntropy(value) >= 3;
}

/** Secrets recognised by the name they are assigned to rather than by their shape. */
export const genericRules: SecretRule[] = [
  {
    id: 'generic-secret',
    title: 'Secret assigned to a secret-looking name',
    description: 'A literal, high-entropy value assigned to a name such as PASSWORD, SECRET_KEY or API_TOKEN. Move it to a secret store and read it at run time.',
    severity: 'high',
    generic: true,
    // The name alternation is short on purpose: the full name (api_key, DB_PASSWORD) is read back from the text.
    regex:
      /(?<name>secret|passw(?:or)?d|passphrase|pwd|token|key|credentials?|dsn)(?<tail>[\w.-]{0,30})["']?[ \t]*(?::=|=>|=|:)[ \t]*(?<q>["'`]?)(?<secret>[^\s"'`;,<>(){}[\]\\&|]{8,256})\k<q>(?=[\s;,)}\]#&]|$)/i,
    keywords: ['secret', 'passw', 'pwd', 'token', 'key', 'credential', 'dsn'],
    validate: (secret, context) => {
      const name = fullName(context).replace(/([a-z0-9])([A-Z])/g, '$1_$2');
      return isSecretName(name) && looksLikeLiteralSecret(secret);
    },
    samples: {
      secrets: [
        `DB_PASSWORD=${fakeString('gen-1', 18)}`,
        `  secret_key_base: "${fakeString('gen-2', 64, ALPHABETS.lowerHex)}k"`,
        `const apiKey = '${fakeString('gen-3', 32)}';`,
        `"clientSecret": "${fakeString('gen-4', 12)}-${fakeString('gen-5', 8)}"`,
        `JWT_SECRET := ${fakeString('gen-6', 40, ALPHABETS.base64)}`,
      ],
      decoys: [
        'DB_PASSWORD=${{ secrets.DB_PASSWORD }}',
        'password = config.database.password',
        'SECRET_KEY=DJANGO_SECRET_KEY',
        'ACCESS_TOKEN_EXPIRE_MINUTES=30',
        'password_hash: $2b$12$C6UzMDM.H6dfI/f/IKcEeO5x1bxQyB2Qk9A0u5nB3ZIFw5r5bVQxW',
        'api_key_file: /run/secrets/api_key',
        `session_token: ${'3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b'}`,
        'token: Optional[str] = None',
        'password: "********"',
        'PASSWORD=changeme',
        `commit_token: ${fakeString('gen-7', 40, ALPHABETS.lowerHex)}`,
        'integrity_token: sha512-Ck0pYpIpJTn0fN3xXq0b4m6ppS5fKf9G2n0kBwYwVwS1Y7cQ3f0bG1hH2j3k4L5m6N7o8P9q0R1s2T3u4V5w6X==',
        'password_reset_url: /account/password/reset',
        'forgotPassword: ForgotPassword',
        `  password: ${Buffer.from('changeme').toString('base64')}`,
      ],
    },
  },
];
