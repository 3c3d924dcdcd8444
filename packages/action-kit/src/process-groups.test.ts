import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('a cancelled action takes the process groups it started down with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kit-groups-'));
  const pidFile = join(dir, 'grandchild.pid');
  // The action: runs a program that starts a long-lived grandchild, and is cancelled meanwhile.
  const script = join(dir, 'action.ts');
  writeFileSync(
    script,
    `import { runCommand } from ${JSON.stringify(join(import.meta.dirname, 'index.ts'))};\n` +
      `await runCommand('sh', ['-c', 'sleep 60 & echo $! > ${pidFile}; wait']);\n`,
  );
  const action = spawn(process.execPath, [script], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(pidFile); i++) await sleep(50);
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  expect(alive(grandchild)).toBe(true);

  action.kill('SIGTERM');
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => action.once('exit', (_code, s) => resolve(s)));
  expect(signal).toBe('SIGTERM'); // it still dies of the signal, as the runner expects
  for (let i = 0; i < 40 && alive(grandchild); i++) await sleep(50);
  expect(alive(grandchild)).toBe(false);
});
