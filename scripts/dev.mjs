#!/usr/bin/env node
// Behind `npm test` and `npm run demo`: works on a fresh clone with only Node.js and npm.
// Installs the workspace on first use (pnpm through npx if pnpm is not installed), then runs
// the command with node_modules/.bin first on PATH, which puts Node 24 (the `node` package) in charge.
// Plain JavaScript on purpose: it runs on whatever Node the machine has, before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'node_modules', '.bin');
const [command, ...rest] = process.argv.slice(2);
const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };

function run(file, args, options = {}) {
  const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env, ...options });
  if (result.error) {
    console.error(`Could not run ${file}: ${result.error.message}`);
    process.exit(1);
  }
  return result.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0) return ['pnpm', []];
  const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager ?? 'pnpm@10';
  return ['npx', ['--yes', wanted]];
}

function ensureInstalled() {
  if (existsSync(join(root, 'node_modules', '.modules.yaml')) && existsSync(join(bin, 'vitest'))) return;
  console.log('Installing the workspace (first run only)...');
  const [file, prefix] = pnpmCommand();
  const status = run(file, [...prefix, 'install', '--frozen-lockfile']);
  if (status !== 0) process.exit(status);
}

ensureInstalled();
switch (command) {
  case 'test':
    process.exit(run(join(bin, 'vitest'), ['run', ...rest]));
    break;
  case 'demo':
    process.exit(run(join(bin, 'node'), [join(root, 'scripts', 'demo.ts'), ...rest]));
    break;
  default:
    console.error('usage: node scripts/dev.mjs test|demo [args...]');
    process.exit(2);
}
