// The symlink and command providers on this machine (nginx has its end-to-end test in the action).
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '@deploysafe/action-kit';
import { CommandProvider } from './command-provider.ts';
import { LocalTransport } from './local-transport.ts';
import { SwitchError } from './provider.ts';
import { NginxProvider } from './nginx-provider.ts';
import { SymlinkProvider } from './symlink-provider.ts';
import { loadTarget } from './target-file.ts';

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

const colors = 'colors:\n  blue: { url: http://127.0.0.1:9001 }\n  green: { url: http://127.0.0.1:9002 }\n';

describe('the symlink provider', () => {
  async function setup(reload: string) {
    const dir = mkdtempSync(join(tmpdir(), 'symlink-provider-'));
    for (const c of ['blue', 'green']) mkdirSync(join(dir, c));
    const reloadScript = script(join(dir, 'reload.sh'), reload);
    const file = join(dir, 'target.yml');
    writeFileSync(
      file,
      `provider: symlink\nstate-dir: ${dir}/state\n${colors}deploy-command: /bin/true\nsymlink:\n  path: ${dir}/current\n  targets: { blue: ${dir}/blue, green: ${dir}/green }\n  reload-command: ${reloadScript}\n`,
    );
    const target = await loadTarget(file);
    const logger = new MemoryLogger();
    return { dir, target, logger, provider: new SymlinkProvider({ target, transport: new LocalTransport(), logger }) };
  }

  it('reads the live colour from the link and switches it atomically, then reloads', async () => {
    const { dir, target, provider, logger } = await setup(`echo "reloaded for $DEPLOY_COLOR" >> ${'$(dirname "$0")'}/reloads`);
    expect((await provider.readLiveColor()).color).toBeUndefined();
    await provider.switchTo({ to: target.colors[0]!, from: undefined, release: 'v1' });
    expect(readlinkSync(join(dir, 'current'))).toBe(join(dir, 'blue'));
    expect((await provider.readLiveColor()).color).toBe('blue');
    await provider.switchTo({ to: target.colors[1]!, from: target.colors[0], release: 'v2' });
    expect((await provider.readLiveColor()).color).toBe('green');
    expect(logger.text()).toMatch(/Pointed .*current at .*green/);
  });

  it('puts the old link back when the reload fails', async () => {
    const { dir, target, provider } = await setup('[ -f "$(dirname "$0")/broken" ] && exit 1; exit 0');
    symlinkSync(join(dir, 'blue'), join(dir, 'current'));
    writeFileSync(join(dir, 'broken'), '');
    const error = await provider.switchTo({ to: target.colors[1]!, from: target.colors[0], release: 'v2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchError);
    expect((error as Error).message).toMatch(/reload command failed; .*current points at .*blue again/);
    expect(readlinkSync(join(dir, 'current'))).toBe(join(dir, 'blue'));
  });

  it('refuses a link that points at neither colour', async () => {
    const { dir, provider } = await setup('exit 0');
    symlinkSync('/srv/elsewhere', join(dir, 'current'));
    await expect(provider.readLiveColor()).rejects.toThrow(/points at \/srv\/elsewhere, which is none of symlink\.targets/);
  });
});

describe('the command provider', () => {
  async function setup(switchBody: string, read = true) {
    const dir = mkdtempSync(join(tmpdir(), 'command-provider-'));
    const sw = script(join(dir, 'switch.sh'), switchBody);
    const live = script(join(dir, 'live.sh'), `cat "$(dirname "$0")/live" 2>/dev/null || true`);
    const file = join(dir, 'target.yml');
    writeFileSync(file, `provider: command\nstate-dir: ${dir}/state\n${colors}deploy-command: /bin/true\ncommand:\n  switch: ${sw}\n${read ? `  read-live-color: ${live}\n` : ''}`);
    const target = await loadTarget(file);
    return { dir, target, provider: new CommandProvider({ target, transport: new LocalTransport(), logger: new MemoryLogger() }) };
  }

  it('switches with the user command and reads the colour it prints', async () => {
    const { dir, target, provider } = await setup('echo "$DEPLOY_COLOR" > "$(dirname "$0")/live"');
    expect(await provider.readLiveColor()).toMatchObject({ color: undefined, authoritative: true });
    await provider.switchTo({ to: target.colors[1]!, from: undefined, release: 'v1' });
    expect(readFileSync(join(dir, 'live'), 'utf8')).toBe('green\n');
    expect(await provider.readLiveColor()).toMatchObject({ color: 'green', authoritative: true });
  });

  it('without read-live-color, the release record is trusted', async () => {
    const { provider } = await setup('exit 0', false);
    expect(await provider.readLiveColor()).toMatchObject({ color: undefined, authoritative: false });
  });

  it('runs the switch for the previous colour when the switch fails', async () => {
    const { dir, target, provider } = await setup('[ "$DEPLOY_COLOR" = green ] && exit 3; echo "$DEPLOY_COLOR" > "$(dirname "$0")/live"');
    writeFileSync(join(dir, 'live'), 'blue\n');
    const error = await provider.switchTo({ to: target.colors[1]!, from: target.colors[0], release: 'v2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchError);
    expect((error as SwitchError).restored).toBe(true);
    expect((error as Error).message).toMatch(/switch command failed; switched back to blue/);
    expect(readFileSync(join(dir, 'live'), 'utf8')).toBe('blue\n');
  });

  it('refuses a colour it does not know', async () => {
    const { dir, provider } = await setup('exit 0');
    writeFileSync(join(dir, 'live'), 'purple\n');
    await expect(provider.readLiveColor()).rejects.toThrow(/printed "purple", expected one of blue, green or nothing/);
  });
});

describe('the nginx provider (without a running nginx)', () => {
  async function setup(upstream: string | undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'nginx-provider-'));
    const file = join(dir, 'target.yml');
    if (upstream !== undefined) writeFileSync(join(dir, 'upstream.conf'), upstream);
    writeFileSync(
      file,
      `provider: nginx\nstate-dir: ${dir}/state\n${colors}deploy-command: /bin/true\nnginx:\n  upstream-file: ${dir}/upstream.conf\n  upstream-name: app\n  test-command: /bin/true\n  reload-command: /bin/true\n  pid-file: ${dir}/none.pid\n`,
    );
    const target = await loadTarget(file);
    return { dir, target, provider: new NginxProvider({ target, transport: new LocalTransport(), logger: new MemoryLogger() }) };
  }

  it('on a first deploy there is no upstream file: nothing is live, and the switch writes one', async () => {
    const { dir, target, provider } = await setup(undefined);
    expect(await provider.readLiveColor()).toMatchObject({ color: undefined, authoritative: true });
    await provider.switchTo({ to: target.colors[0]!, from: undefined, release: 'v1' });
    expect(readFileSync(join(dir, 'upstream.conf'), 'utf8')).toMatch(/upstream app \{\n {4}server 127\.0\.0\.1:9001;/);
    expect((await provider.readLiveColor()).color).toBe('blue');
  });

  it('refuses an upstream it cannot map to one colour, naming the file and line', async () => {
    const unknown = await setup('upstream app {\n  server 10.0.0.5:80;\n}\n');
    await expect(unknown.provider.readLiveColor()).rejects.toThrow(/upstream\.conf:2: server 10\.0\.0\.5:80 is not one of the colours .*colors\.<name>\.upstream/);
    const both = await setup('upstream app {\n  server 127.0.0.1:9001;\n  server 127.0.0.1:9002;\n}\n');
    await expect(both.provider.readLiveColor()).rejects.toThrow(/sends traffic to both colours \(blue, green\)/);
    const missing = await setup('upstream other { server 127.0.0.1:9001; }\n');
    await expect(missing.provider.readLiveColor()).rejects.toThrow(/has no `upstream app \{ \.\.\. \}` block/);
  });
});
