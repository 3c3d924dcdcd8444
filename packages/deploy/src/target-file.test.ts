import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError, ConfigurationError } from '@deploysafe/action-kit';
import { loadTarget } from './target-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'target-file-'));
function file(text: string, name = 'target.yml'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const minimal = `provider: nginx
state-dir: /var/lib/deploy/app
colors:
  blue: { url: http://127.0.0.1:8001 }
  green: { url: http://127.0.0.1:8002 }
deploy-command: ./deploy/start-color.sh --fast
nginx:
  upstream-file: /etc/nginx/conf.d/app-upstream.conf
  upstream-name: app
`;

describe('loadTarget', () => {
  it('reads the contract example with its defaults', async () => {
    const t = await loadTarget(file(minimal));
    expect(t.provider).toBe('nginx');
    expect(t.colors.map((c) => [c.name, c.upstream])).toEqual([
      ['blue', '127.0.0.1:8001'],
      ['green', '127.0.0.1:8002'],
    ]);
    expect(t.deployCommand).toEqual({ argv: ['./deploy/start-color.sh', '--fast'], timeoutMs: 600_000 });
    expect(t.nginx?.testCommand.argv).toEqual(['nginx', '-t']);
    expect(t.nginx?.reloadCommand.argv).toEqual(['nginx', '-s', 'reload']);
    expect(t.health).toMatchObject({ path: '/health', expectStatus: 200, timeoutMs: 60_000, postSwitchTimeoutMs: 10_000 });
    expect(t.lock.leaseMs).toBe(60_000);
  });

  it('names unknown keys with their line', async () => {
    const error = await loadTarget(file(`${minimal}healthcheck: /health\n`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as ConfigFileError).message).toMatch(/target\.yml:10: healthcheck: unknown key/);
  });

  it('names a bad nested value and its line', async () => {
    const error = await loadTarget(file(minimal.replace('http://127.0.0.1:8002', 'ftp://x'))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/:5: colors\.green\.url: expected an http:\/\/ or https:\/\/ URL/);
  });

  it('refuses shell syntax in commands and says to write a script', async () => {
    const error = await loadTarget(file(minimal.replace('--fast', '&& systemctl restart app'))).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/deploy-command: .*shell syntax.*script/);
  });

  it('accepts commands as arrays with a timeout', async () => {
    const t = await loadTarget(file(minimal.replace('deploy-command: ./deploy/start-color.sh --fast', 'deploy-command: { run: [./deploy.sh, "a b"], timeout: 2m }')));
    expect(t.deployCommand).toEqual({ argv: ['./deploy.sh', 'a b'], timeoutMs: 120_000 });
  });

  it('needs exactly two colours and absolute host paths', async () => {
    const three = minimal.replace('  green:', '  red: { url: http://127.0.0.1:8003 }\n  green:');
    await expect(loadTarget(file(three))).rejects.toThrow(/colors: expected exactly two colours/);
    await expect(loadTarget(file(minimal.replace('/var/lib/deploy/app', 'state')))).rejects.toThrow(/state-dir: expected an absolute path/);
  });

  it('needs the section of its provider, and refuses another provider’s section', async () => {
    await expect(loadTarget(file(minimal.replace(/nginx:\n[\s\S]*$/, '')))).rejects.toThrow(/nginx: provider: nginx needs an nginx section/);
    await expect(loadTarget(file(`${minimal}command: { switch: ./switch.sh }\n`))).rejects.toThrow(/command: this section is for provider: command/);
  });

  it('reserves kubernetes with a clear "not supported yet"', async () => {
    const error = await loadTarget(file(minimal.replace('provider: nginx', 'provider: kubernetes').replace(/nginx:\n[\s\S]*$/, ''))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/kubernetes is not supported yet/);
  });

  it('reads the ssh key from an environment variable and known hosts inline', async () => {
    const t = await loadTarget(
      file(`${minimal}ssh:\n  host: deploy@web1\n  port: 2222\n  known-hosts: "web1 ssh-ed25519 AAAAC3Nza"\n  key: env:DEPLOY_KEY\n`),
      { env: { DEPLOY_KEY: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n' } },
    );
    expect(t.ssh).toMatchObject({ host: 'deploy@web1', port: 2222, knownHosts: 'web1 ssh-ed25519 AAAAC3Nza', key: expect.stringContaining('abc') });
    await expect(loadTarget(file(`${minimal}ssh: { host: web1, known-hosts: ./kh, key: env:NOPE }\n`), { env: {} })).rejects.toThrow(/ssh\.(known-hosts|key)/);
  });

  it('validates the symlink provider’s targets against the colours', async () => {
    const base = minimal.replace('provider: nginx', 'provider: symlink').replace(/nginx:\n[\s\S]*$/, '');
    await expect(loadTarget(file(`${base}symlink: { path: /srv/app/current, targets: { blue: /srv/app/blue } }\n`))).rejects.toThrow(/symlink\.targets: expected one entry per colour/);
    const t = await loadTarget(file(`${base}symlink: { path: /srv/app/current, targets: { blue: /srv/app/blue, green: /srv/app/green }, reload-command: systemctl reload php-fpm }\n`));
    expect(t.symlink?.reloadCommand?.argv).toEqual(['systemctl', 'reload', 'php-fpm']);
  });
});
