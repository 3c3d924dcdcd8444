// A repository-shaped corpus of planted fake credentials among decoys, for the recall/precision
// test and the benchmark. Every credential is generated at run time; nothing real is committed.
import { ALPHABETS, fakeJwt, fakePem, fakeString, join } from './fake-credentials.ts';

/** One credential that must be found. */
export interface PlantedSecret {
  file: string;
  ruleId: string;
  secret: string;
  /** Accepted by an inline `security-scan:allow` comment. */
  allowedInline?: boolean;
}

/** The corpus: files (path to content) and what a perfect scanner reports. */
export interface PlantedCorpus {
  files: Map<string, string>;
  planted: PlantedSecret[];
  /** Files that must not be scanned at all (.gitignore'd, vendored, lockfiles). */
  ignored: string[];
}

/** Builds the corpus; `seed` varies every credential (the benchmark copies it many times). */
export function plantedCorpus(seed = 'corpus'): PlantedCorpus {
  const files = new Map<string, string>();
  const planted: PlantedSecret[] = [];
  let current = '';
  const f = (name: string, n: number, alphabet: string = ALPHABETS.alnum) => fakeString(`${seed}-${name}`, n, alphabet);
  const s = (ruleId: string, secret: string, allowedInline = false) => {
    planted.push({ file: current, ruleId, secret, ...(allowedInline ? { allowedInline } : {}) });
    return secret;
  };
  const file = (path: string, build: () => string) => {
    current = path;
    files.set(path, build());
  };
  const upper = (name: string, n: number) => f(name, n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
  const digits = (name: string, n: number) => `7${f(name, n - 1, ALPHABETS.digits)}`;
  const hex = (name: string, n: number) => f(name, n, ALPHABETS.lowerHex);
  const awsId = (name: string) => join('AK', 'IA', f(name, 16, ALPHABETS.upperDigits));

  file('.env.production', () =>
    [
      '# Production settings',
      'APP_ENV=production',
      'DEBUG=false',
      `DB_PASSWORD=${s('generic-secret', f('env-db', 24))}`,
      `STRIPE_SECRET_KEY=${s('stripe-live-secret-key', `${join('sk', '_live_')}${f('env-stripe', 48)}`)}`,
      `STRIPE_PUBLISHABLE_KEY=${join('pk', '_live_')}${f('env-pk', 48)}`,
      'SENTRY_DSN=https://0f3c2a1b9d8e4f70a1b2c3d4e5f60718@o123456.ingest.sentry.io/4504',
      `REDIS_URL=redis://:${s('url-credentials', f('env-redis', 28))}@cache.internal:6379/0`,
      'ACCESS_TOKEN_EXPIRE_MINUTES=30',
      'JWT_ALGORITHM=HS256',
      '',
    ].join('\n'),
  );
  file('config/settings.py', () =>
    [
      'import os',
      '',
      `SECRET_KEY = '${s('generic-secret', `${f('py-secret', 40, ALPHABETS.lowerAlnum)}-${f('py-secret2', 9)}`)}'`,
      'DATABASES = {"default": {"PASSWORD": os.environ["DB_PASSWORD"], "HOST": "db"}}',
      `AWS_ACCESS_KEY_ID = "${s('aws-access-key-id', awsId('py-aws'))}"`,
      `AWS_SECRET_ACCESS_KEY = "${s('aws-secret-access-key', f('py-aws-secret', 40, ALPHABETS.base64))}"`,
      'password = request.form.get("password")',
      'token: Optional[str] = None',
      '',
    ].join('\n'),
  );
  file('src/payments.ts', () =>
    [
      "import Stripe from 'stripe';",
      'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);',
      `const reportingKey = '${s('stripe-restricted-key', `${join('rk', '_live_')}${f('ts-rk', 32)}`)}';`,
      `const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? '${s('stripe-webhook-secret', `${join('wh', 'sec_')}${f('ts-wh', 32)}`)}';`,
      'export { stripe, reportingKey, webhookSecret };',
      '',
    ].join('\n'),
  );
  file('deploy/docker-compose.yml', () =>
    [
      'services:',
      '  db:',
      '    image: postgres:16@sha256:' + hex('compose-digest', 64),
      '    environment:',
      '      POSTGRES_PASSWORD: postgres',
      '  app:',
      '    environment:',
      '      DATABASE_URL: postgres://postgres:postgres@db:5432/app',
      '      SECRET_KEY: ${SECRET_KEY}',
      `      QUEUE_URL: amqp://worker:${s('url-credentials', f('compose-amqp', 20))}@rabbit.prod.internal:5672/`,
      '',
    ].join('\n'),
  );
  file('.github/workflows/deploy.yml', () =>
    [
      'on: push',
      'jobs:',
      '  deploy:',
      '    steps:',
      `      - uses: actions/checkout@${hex('wf-sha', 40)} # v4`,
      '      - run: npm publish',
      '        env:',
      '          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}',
      '          SLACK_WEBHOOK: ${{ secrets.SLACK_WEBHOOK }}',
      `          NODE_AUTH_TOKEN: ${s('npm-access-token', `${join('np', 'm_')}${f('wf-npm', 36)}`)}`,
      '',
    ].join('\n'),
  );
  file('docs/aws.md', () =>
    [
      '# Configuring AWS',
      '',
      '```ini',
      'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      '```',
      '',
      'Send `Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`.',
      `Use a token such as \`${join('gh', 'p_')}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\` or \`<your-token>\`.`,
      '',
      `${join('-----BEGIN', ' RSA PRIVATE KEY-----')}`,
      '...',
      '-----END RSA PRIVATE KEY-----',
      '',
    ].join('\n'),
  );
  file('keys/deploy_key', () => `${s('openssh-private-key', fakePem(`${seed}-ssh`, 'OPENSSH PRIVATE KEY', 7))}\n`);
  file('keys/deploy_key.pub', () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${f('pub', 43, ALPHABETS.base64)} deploy@ci\n`);
  file('keys/release-signing.asc', () => `${s('pgp-private-key', fakePem(`${seed}-pgp`, 'PGP PRIVATE KEY BLOCK', 15))}\n`);
  file('service-account.json', () => {
    const id = s('gcp-service-account-key', hex('sa-id', 40));
    const pem = s('private-key', fakePem(`${seed}-sa`, 'PRIVATE KEY', 10, '\\n'));
    return `{\n  "type": "service_account",\n  "project_id": "shop-prod",\n  "private_key_id": "${id}",\n  "private_key": "${pem}\\n",\n  "client_email": "deploy@shop-prod.iam.gserviceaccount.com"\n}\n`;
  });
  file('src/notify.js', () =>
    [
      `const SLACK = '${s('slack-webhook-url', `https://hooks.slack.com/services/T${upper('slack-t', 10)}/B${upper('slack-b', 10)}/${f('slack-x', 24)}`)}';`,
      `const DISCORD = "${s('discord-webhook-url', `https://discord.com/api/webhooks/${digits('discord-id', 19)}/${f('discord-x', 68, ALPHABETS.base64url)}`)}";`,
      `const bot = new WebClient('${s('slack-token', `${join('xo', 'xb-')}${digits('slack-1', 12)}-${digits('slack-2', 13)}-${f('slack-3', 24)}`)}');`,
      '',
    ].join('\n'),
  );
  file('src/ai.py', () =>
    [
      'import anthropic, openai',
      `openai.api_key = "${s('openai-api-key', `${join('sk', '-proj-')}${f('oa-1', 60)}${Buffer.from('OpenAI').toString('base64')}${f('oa-2', 60)}`)}"`,
      `client = anthropic.Anthropic(api_key="${s('anthropic-api-key', `${join('sk-', 'ant-api03-')}${f('an-1', 93)}AA`)}")`,
      `HF = "${s('huggingface-token', `${join('h', 'f_')}${f('hf', 34, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`)}"`,
      '',
    ].join('\n'),
  );
  file('.npmrc', () =>
    ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', `//npm.pkg.github.com/:_authToken=${s('npmrc-auth-token', hex('npmrc', 40))}`, ''].join('\n'),
  );
  file('.pypirc', () => ['[pypi]', 'username = __token__', `password = ${s('pypi-upload-token', `${join('pypi-', 'AgEIcHlwaS5vcmc')}${f('pypi', 150, ALPHABETS.base64url)}`)}`, ''].join('\n'));
  file('terraform/main.tf', () =>
    [
      'resource "azurerm_app_service" "shop" {',
      '  app_settings = {',
      `    STORAGE = "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${s('azure-storage-account-key', `${f('az-key', 86, ALPHABETS.base64)}==`)};EndpointSuffix=core.windows.net"`,
      '  }',
      '  client_secret = var.client_secret',
      `  fallback = "${s('azure-ad-client-secret', `${f('az-ad1', 3)}8Q~${f('az-ad2', 34)}`)}"`,
      '}',
      'provider "google" {',
      `  api_key = "${s('gcp-api-key', `${join('AI', 'za')}${f('gcp', 35, ALPHABETS.base64url)}`)}"`,
      '}',
      '',
    ].join('\n'),
  );
  file('db/seeds.sql', () =>
    [
      "INSERT INTO users (email, password_hash) VALUES ('admin@shop.test', '$2b$12$C6UzMDM.H6dfI/f/IKcEeO5x1bxQyB2Qk9A0u5nB3ZIFw5r5bVQxW');",
      `-- session_token: ${'9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a'}`,
      `-- api_token_id: ${f('seed-uuid', 8, ALPHABETS.lowerHex)}-1a2b-4c3d-8e9f-0a1b2c3d4e5f`,
      '',
    ].join('\n'),
  );
  file('public/index.html', () => {
    const fakePng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.from(`${join('AK', 'IA')}${f('png', 16, ALPHABETS.upperDigits)} xoxb-${digits('png2', 12)}`)]).toString('base64');
    return `<!doctype html>\n<img alt="logo" src="data:image/png;base64,${fakePng}">\n<input type="password" name="password" placeholder="Password">\n`;
  });
  file('k8s/secret.yaml', () =>
    [
      'apiVersion: v1',
      'kind: Secret',
      'data:',
      `  password: ${s('generic-secret', Buffer.from(f('k8s-pw', 20)).toString('base64'))}`,
      `  username: ${Buffer.from('shop').toString('base64')}`,
      `  old-password: ${Buffer.from('changeme').toString('base64')}`,
      '',
    ].join('\n'),
  );
  file('src/mail.ts', () =>
    [
      `export const SENDGRID_API_KEY = '${s('sendgrid-api-key', `${join('S', 'G.')}${f('sg1', 22, ALPHABETS.base64url)}.${f('sg2', 43, ALPHABETS.base64url)}`)}';`,
      `export const mailgun = { key: '${s('mailgun-api-key', `${join('key', '-')}${hex('mg', 32)}`)}' };`,
      `export const TWILIO_API_KEY = '${s('twilio-api-key', `SK${hex('tw-sk', 32)}`)}';`,
      `export const TWILIO_AUTH_TOKEN = '${s('twilio-auth-token', hex('tw-auth', 32))}';`,
      '',
    ].join('\n'),
  );
  file('src/auth_test.go', () => ['package auth', '', `const fixtureToken = "${s('jwt', fakeJwt(`${seed}-jwt`))}"`, ''].join('\n'));
  file('scripts/backup.sh', () =>
    [
      '#!/bin/sh',
      'mysqldump -u root -p"$DB_PASSWORD" shop > dump.sql',
      `export PGPASSWORD=${s('generic-secret', `${f('pg', 14)}!${f('pg2', 4)}`)}`,
      `curl -T dump.sql "https://shopbackups.blob.core.windows.net/db/dump.sql?sv=2022-11-02&ss=b&srt=o&sp=w&se=2030-01-01T00:00:00Z&sig=${s('azure-sas-token', `${f('sas', 44)}%3D`)}"`,
      '',
    ].join('\n'),
  );
  file('README.md', () =>
    [
      '# Shop',
      '',
      '```sh',
      'git clone https://github.com/acme/shop.git',
      'export API_KEY=your_api_key_here',
      'export DATABASE_URL=postgres://user:password@localhost:5432/shop',
      '```',
      '',
    ].join('\n'),
  );
  file('app/config.rb', () =>
    [
      'Rails.application.configure do',
      '  config.secret_key_base = ENV.fetch("SECRET_KEY_BASE")',
      '  config.x.aws_secret = Rails.application.credentials.dig(:aws, :secret)',
      'end',
      '',
    ].join('\n'),
  );
  file('.gitlab-ci.yml', () => ['variables:', `  GITLAB_TOKEN: ${s('gitlab-pat', `${join('glpat', '-')}${f('gl', 20, ALPHABETS.base64url)}`)}`, ''].join('\n'));
  file('app/github.py', () =>
    [
      `FINE_GRAINED = "${s('github-fine-grained-pat', `${join('github', '_pat_')}${f('fg1', 22)}_${f('fg2', 59)}`)}"`,
      `INSTALLATION = "${s('github-app-installation-token', `${join('gh', 's_')}${f('ghs', 36)}`)}"`,
      `USER_TO_SERVER = "${s('github-app-user-token', `${join('gh', 'u_')}${f('ghu', 36)}`)}"`,
      `REFRESH = "${s('github-refresh-token', `${join('gh', 'r_')}${f('ghr', 36)}`)}"`,
      `CLASSIC = "${s('github-pat', `${join('gh', 'p_')}${f('ghp', 36)}`)}"`,
      '',
    ].join('\n'),
  );
  file('CHANGELOG.md', () =>
    [
      '# Changelog',
      '',
      `- Fix checkout (${hex('cl-1', 40)})`,
      `- Pin images to sha256:${hex('cl-2', 64)}`,
      `- Release ${hex('cl-3', 7)}: request id 6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f`,
      '',
    ].join('\n'),
  );
  file('tests/fixtures/app.env', () => `TEST_API_KEY=${s('generic-secret', f('fixture', 32), true)} # security-scan:allow test fixture\n`);
  file('src/discord_bot.py', () =>
    `DISCORD_BOT_TOKEN = "${s('discord-bot-token', `M${f('dc1', 25, ALPHABETS.base64url)}.${f('dc2', 6, ALPHABETS.base64url)}.${f('dc3', 38, ALPHABETS.base64url)}`)}"\n`,
  );
  file('src/gitlab_runner.toml', () => `token = "${s('gitlab-ci-token', `${join('glrt', '-')}${f('glrt', 20)}`)}"\n`);
  file('src/stripe_test.rb', () => `Stripe.api_key = '${s('stripe-test-secret-key', `${join('sk', '_test_')}${f('stest', 24)}`)}'\n`);
  file('config/servicebus.json', () =>
    `{"connection": "Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${s('azure-shared-access-key', `${f('sb', 43, ALPHABETS.base64)}=`)}"}\n`,
  );
  file('config/legacy.yml', () => `legacy:\n  oauth: ${s('github-oauth-token', `${join('gh', 'o_')}${f('gho', 36)}`)}\n  private_key: ${s('private-key', fakePem(`${seed}-ec`, 'EC PRIVATE KEY', 3))}\n`);

  // Never scanned: a .gitignore'd file, vendored trees and lockfiles (each holds a credential).
  const ignoredToken = `${join('gh', 'p_')}${f('ignored', 36)}`;
  files.set('.gitignore', '.env.local\n*.log\n');
  files.set('.env.local', `GITHUB_TOKEN=${ignoredToken}\n`);
  files.set('debug.log', `token=${ignoredToken}\n`);
  files.set('node_modules/left-pad/index.js', `module.exports = '${ignoredToken}';\n`);
  files.set('vendor/acme/lib.php', `<?php $key = '${ignoredToken}';\n`);
  files.set('package-lock.json', `{"packages": {"node_modules/x": {"integrity": "sha512-${f('lock', 86, ALPHABETS.base64)}==", "note": "${ignoredToken}"}}}\n`);
  const ignored = ['.env.local', 'debug.log', 'node_modules/left-pad/index.js', 'vendor/acme/lib.php', 'package-lock.json'];
  return { files, planted, ignored };
}
