// A throwaway sshd on a free port with its own host key and a generated user key, for testing the ssh transport.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { canConnect, hasCommand } from './requirements.ts';
import { freePort } from './nginx.ts';

/** True when sshd and ssh-keygen are installed and we may start sshd (root, as on CI). */
export function canRunSshd(): boolean {
  return existsSync('/usr/sbin/sshd') && hasCommand('ssh-keygen', ['-?']) && hasCommand('ssh', ['-V']) && process.getuid?.() === 0;
}

/** A running test sshd. */
export interface TestSshd {
  host: string;
  port: number;
  /** A known_hosts line for this server. */
  knownHosts: string;
  /** The user's private key (OpenSSH format). */
  key: string;
  stop(): void;
}

/** Starts sshd in `dir` on 127.0.0.1 and a free port, accepting only a freshly generated key. */
export async function startSshd(dir: string): Promise<TestSshd> {
  mkdirSync(dir, { recursive: true });
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'host_ed25519');
  const userKey = join(dir, 'user_ed25519');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', userKey]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${userKey}.pub`));
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  for (let i = 0; i < 100 && !(await canConnect('127.0.0.1', port, 200)); i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  return {
    host: `${userInfo().username}@127.0.0.1`,
    port,
    knownHosts: `[127.0.0.1]:${port} ${hostPub}`,
    key: readFileSync(userKey, 'utf8'),
    stop: () => child.kill('SIGTERM'),
  };
}
