import { fakeString } from '../fake-credentials.ts';
import type { SecretRule } from '../rule.ts';

// Passwords that only ever appear in local development setups and documentation.
const DEV_PASSWORDS = new Set(['postgres', 'mysql', 'mariadb', 'root', 'admin', 'password', 'passwd', 'secret', 'pass', 'test', 'user', 'guest', 'changeme', 'example', 'dev', 'local', 'localhost', 'docker', 'app', 'db', 'rabbitmq', 'redis', 'mongo', 'sa', 'demo', 'pwd', 'xxx']);
const DOC_HOSTS = /(^|\.)(example\.(com|org|net)|example|host|hostname|your-?host|db\.example)$/i;

/** Credentials written into connection URLs. */
export const connectionUrlRules: SecretRule[] = [
  {
    id: 'url-credentials',
    title: 'Password in a connection URL',
    description: 'A password written into a URL (database, broker, HTTP). Move it to a secret and build the URL at run time.',
    severity: 'high',
    // The scheme sits in a look-behind so the regex engine can search for the literal :// first.
    regex: /(?<=(?<![\w+.-])[a-z][a-z0-9+.-]{1,30}):\/\/(?<user>[^\s:@/'"`<>(){}[\]]{0,100}):(?<secret>[^\s:@/'"`<>]{4,200})@(?<host>[^\s/'"`<>:?#@]+)/i,
    keywords: ['://'],
    validate: (secret, { match }) => {
      const user = match.groups?.user ?? '';
      const host = match.groups?.host ?? '';
      const password = safeDecode(secret);
      if (DEV_PASSWORDS.has(password.toLowerCase()) || password === user) return false;
      if (DOC_HOSTS.test(host)) return false;
      return !/^[*x.]+$/i.test(password) && !/^%[A-Z_]+%$|^\$|^\{|^<.*>$/.test(password);
    },
    samples: {
      secrets: [
        `DATABASE_URL=postgres://shop:${fakeString('url-1', 20)}@db.internal:5432/shop`,
        `amqp://worker:${fakeString('url-2', 16)}@rabbit.prod.svc:5672/`,
        `REDIS_URL=redis://:${fakeString('url-3', 24)}@cache.prod:6379/0`,
      ],
      decoys: [
        'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app',
        'postgres://user:password@host:5432/db',
        'mysql://app:${DB_PASSWORD}@db:3306/app',
        'https://user:s3cr3tPassw0rd@example.com/path',
        'postgresql://app:<password>@db/app',
        'git@github.com:acme/shop.git',
        'url.parse("https://anonymous:flabada@developer.mozilla.org/en-US/docs/Web/API/URL/password")',
        'expect(summary).toContain("postgresql://shop:••••@db.internal:5432/shop")',
      ],
    },
  },
];

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
