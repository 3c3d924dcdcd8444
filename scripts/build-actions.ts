// Builds every action's dist/ with ncc (or only the actions named on the command line).
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { actionDir, actionNames, repoRoot } from './actions.ts';

const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : actionNames().filter((n) => existsSync(join(actionDir(n), 'src', 'main.ts')));
const ncc = join(repoRoot, 'node_modules', '.bin', 'ncc');

function build(name: string): Promise<void> {
  const out = join(actionDir(name), 'dist');
  rmSync(out, { recursive: true, force: true });
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // From the root: ncc reads tsconfig.json from its working directory.
    const rel = `actions/${name}`;
    const child = spawn(ncc, ['build', `${rel}/src/main.ts`, '-o', `${rel}/dist`, '--license', 'licenses.txt', '--quiet'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`ncc failed for ${name} (exit ${code})`));
      else {
        console.log(`built actions/${name}/dist in ${((Date.now() - started) / 1000).toFixed(1)}s`);
        resolve();
      }
    });
  });
}

// Two at a time: ncc is mostly single-threaded and the machines have two cores.
const queue = [...names];
const workers = Array.from({ length: Math.min(2, queue.length) }, async () => {
  for (let name = queue.shift(); name; name = queue.shift()) await build(name);
});
try {
  await Promise.all(workers);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
