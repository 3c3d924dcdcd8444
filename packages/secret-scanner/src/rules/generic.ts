import { isReference, isSecretName, isWordCompound, placeholderReason, shannonEntropy } from '@deploysafe/secret-heuristics';
import { ALPHABETS, fakeString } from '../fake-credentials.ts';
import { literalsNeedQuotes } from '../file-syntax.ts';
import type { MatchContext, SecretRule } from '../rule.ts';

const NAME_CHAR = /[\w.-]/;

// Where the variable name starts: the keyword match starts inside it (DB_|PASSWORD), so walk back.
function nameStart(context: MatchContext): number {
  let start = context.index;
  while (start > 0 && NAME_CHAR.test(context.text[start - 1] as string)) start--;
  return start;
}

function fullName(context: MatchContext, start: number): string {
  const groups = context.match.groups ?? {};
  return `${context.text.slice(start, context.index)}${groups.name ?? ''}${groups.tail ?? ''}`;
}

// What may precede the name on a configuration line: indentation, a YAML list dash, a shell or Dockerfile keyword.
const CONFIG_LINE_START = /^[ \t]*(?:-[ \t]+)?(?:(?:export|set|setx|env|arg|declare(?:[ \t]+-\w+)*|readonly|local)[ \t]+)?["']?$/i;
// What ends an unquoted configuration value: the line, a comment, or (shell) the command it is set for.
const CODE_AFTER_VALUE = /^[ \t]*(?:[;,)}\]]|&&|\|\||[?:+*/=<>])/;

/**
 * True when an unquoted value is the value of a configuration line (`.env`, YAML, INI, properties,
 * shell): the name starts the line and nothing after the value continues an expression.
 */
function onConfigLine(context: MatchContext, start: number): boolean {
  const { text, index, match } = context;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!CONFIG_LINE_START.test(text.slice(lineStart, start))) return false;
  const end = index + match[0].length;
  const lineEnd = text.indexOf('\n', end);
  return !CODE_AFTER_VALUE.test(text.slice(end, lineEnd === -1 ? text.length : lineEnd));
}

const NOT_A_VALUE: readonly RegExp[] = [
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$|^[A-Z]+$/, // an environment variable's name
  /^\d+$/, // a number
  /^v?\d+(?:\.\d+)+(?:[-+][\w.-]+)?$/, // a version
  /^(?=.*\d)[~^<>=v\d.x*|\s-]+$|^\*$/, // a version range (^1.2.3, >=2 <3, 1.x)
  /^(?:workspace|catalog|link|file|portal|patch|npm|jsr|github|git\+[a-z]+):/, // a package specifier (workspace:*, npm:x@1)
  /\.(?:pem|key|crt|cer|p12|pfx|json|ya?ml|txt|env|gpg|age|asc|der|jks)$/i, // a file name
  /^[a-z][a-z0-9+.-]*:\/\//i, // a URL (url-credentials looks inside)
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // a UUID
  /^[0-9a-f]{40}$|^[0-9a-f]{64}$|^[0-9A-F]{40}$/, // a git object id, a PGP fingerprint
  /^\$(?:2[abxy]?|argon2(?:id|i|d)|[156]|scrypt|pbkdf2[\w-]*)\$/, // a password hash (bcrypt, argon2, crypt)
  /^sha(?:1|256|384|512)-[A-Za-z0-9+/=]+$/, // a lockfile integrity hash
  /^data:/, // a data URI
  /^eyJ[\w-]{0,16}$/, // too short for base64 JSON holding anything: an abbreviated JWT (`eyJh…w5c`); whole JWTs are the jwt rule's
  /^(?:true|false|null|none|nil|undefined|required|optional|string|number|boolean)$/i,
  // a value that names what it is (`plain-text-secret`, `VERYLONGSECRET...`, `db-password`): prose or a placeholder
  /secret|passw|token|credential|api[-_]?key/i,
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

// A path made of words (`/run/secrets/api_key`, `~/.aws/credentials`); random base64 may start with `/` too.
function isPath(value: string): boolean {
  const rest = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)(.*)$/.exec(value)?.[1];
  return rest !== undefined && (rest === '' || isWordCompound(rest.replace(/\\/g, '/')));
}

/**
 * True when a value assigned to a secret-looking name is a literal secret rather than a reference,
 * identifier (`config.db.password`, `use-credentials`), path or setting.
 */
export function looksLikeLiteralSecret(value: string): boolean {
  if (NOT_A_VALUE.some((re) => re.test(value)) || isWordCompound(value) || isPath(value) || decodedPlaceholder(value)) return false;
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
      const start = nameStart(context);
      // A package name or path that contains a secret word (`@scope/secret-scanner`) is not a setting.
      if (start > 0 && /[/@]/.test(context.text[start - 1] as string)) return false;
      const quoted = (context.match.groups?.q ?? '') !== '';
      // Unquoted, a value is a literal only on a configuration line; in code it is an identifier or expression.
      if (!quoted && (literalsNeedQuotes(context.path) || !onConfigLine(context, start))) return false;
      const name = fullName(context, start).replace(/([a-z0-9])([A-Z])/g, '$1_$2');
      return isSecretName(name) && looksLikeLiteralSecret(secret);
    },
    samples: {
      secrets: [
        `DB_PASSWORD=${fakeString('gen-1', 18)}`,
        `  secret_key_base: "${fakeString('gen-2', 64, ALPHABETS.lowerHex)}k"`,
        `const apiKey = '${fakeString('gen-3', 32)}';`,
        `"clientSecret": "${fakeString('gen-4', 12)}-${fakeString('gen-5', 8)}"`,
        `JWT_SECRET := ${fakeString('gen-6', 40, ALPHABETS.base64)}`,
        `export PGPASSWORD=${fakeString('gen-8', 16)}`,
        `  - API_TOKEN=${fakeString('gen-9', 24)}  # rotated monthly`,
        `PGPASSWORD=${fakeString('gen-10', 20)} pg_dump shop > dump.sql`,
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
        // Code: identifiers, member expressions, calls and negations are not literals.
        'const token = this.getTokenFromHeader(request);',
        'const secretKey = !keyProps.found && simpleKeys;',
        '        const key = internal_pattern_helper_IS_WINDOWS',
        'exports.CreateOAuth2TokenCommand = CreateOAuth2TokenCommand;',
        '    implicitKey: !explicitKey && (simpleKeys || !allNullValues),',
        '  readonly primaryKey: IDBValidKey;',
        '    sourceEncryptionKey: options.sourceCustomerProvidedKey?.encryptionKey,',
        'const { digest: digest$1, importKey: importKey$1 } = globalThis.crypto.subtle;',
        // Quoted words: header and input names, enum values, sentinels, dunder keys.
        "const USE_CREDENTIALS = 'use-credentials'",
        'const X_AWS_EC2_METADATA_TOKEN = "x-aws-ec2-metadata-token";',
        "    's3-secret-access-key': input.secret(),",
        "  input: inputs.s3AccessKeyId ? 's3-secret-access-key' : 's3-access-key-id',",
        '    key: "Access-Control-Allow-Origin",',
        '  key: "_randomIndex",',
        'lastSignificantToken = "?NoLineTerminatorHere";',
        'export const ssrModuleExportsKey = `__vite_ssr_exports__`;',
        '    KMS_DISABLED_KEY: "KMS_DisabledException",',
        "this._key = \"chai/deep-eql__\" + Math.random()",
        "fetch(url, { credentials: 'same-origin' })",
        // Package manifests, prose and documentation.
        '    "@deploysafe/secret-heuristics": "workspace:*",',
        '    "@scope/token-store": "^4.2.1",',
        '  "description": "Shared judgement about secrets: secret-looking names, placeholders",',
        ' * ::name key=value,key=value::message',
        '  - Release GPG key: 9554F04D7259F04124DE6B476D5A82AC7E37093B',
        '[![codecov](https://codecov.io/gh/acme/shop/graph/badge.svg?token=yZL6LtXkOA)](https://codecov.io/gh/acme/shop)',
        ' * const apiToken = "abc123xyz456";',
        ' * const key = "base64-encoded-public-key";',
        " *   clientSecret: 'VERYLONGSECRETeyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0',",
        'const token = "eyJhsw5c";',
        "const key = 'npm-foobar-d5ea0750'",
        '  "CacheKey": "/api/CacheStore.html#cachekey",',
        '    key: "_tryToRun",',
        // Pagination cursors are tokens, but not credentials.
        ` *   NextContinuationToken: "${fakeString('gen-11', 56, ALPHABETS.base64)}==",`,
        `  nextPageToken: '${fakeString('gen-12', 32)}',`,
      ],
    },
  },
];
