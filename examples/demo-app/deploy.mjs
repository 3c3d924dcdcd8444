// The demo's deploy-command: puts DEPLOY_RELEASE on DEPLOY_COLOR (at DEPLOY_URL) and returns once
// it is started; deploy-bluegreen does the health check. Usage: node deploy.mjs <workspace>
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';

const { DEPLOY_COLOR: color, DEPLOY_RELEASE: release, DEPLOY_URL: url } = process.env;
const workspace = process.argv[2];
const run = join(workspace, 'run');
mkdirSync(run, { recursive: true });
const pidFile = join(run, `${color}.pid`);
const port = new URL(url).port;
console.log(`deploying ${release} to ${color} on port ${port}`);

// Stop what ran on this colour before; it is idle, traffic is on the other colour.
if (existsSync(pidFile)) {
  const pid = Number(readFileSync(pidFile, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100; i++) {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 20));
    }
  } catch {
    // Gone.
  }
  rmSync(pidFile, { force: true });
}

// Release v2 ships a migration with a bug: it "archives" orders by deleting them.
if (release === 'v2') {
  const db = new DatabaseSync(join(workspace, 'shop.db'));
  const { changes } = db.prepare('delete from orders where id > 2').run();
  db.close();
  console.log(`migration 002_archive_orders: ${changes} rows affected`);
}

const log = openSync(join(run, `${color}.log`), 'a');
const app = join(dirname(fileURLToPath(import.meta.url)), 'app.mjs');
const child = spawn(process.execPath, [app, port, release, color, join(workspace, 'shop.db')], { detached: true, stdio: ['ignore', log, log] });
writeFileSync(pidFile, String(child.pid));
child.unref();
console.log(`started ${release} on ${color} (pid ${child.pid})`);
