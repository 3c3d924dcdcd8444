// Checks that each action's ESM bundle needs nothing at run time beyond Node's built-ins and dist/ itself:
// first statically (every require/import specifier), then by loading a copy of dist/ from an empty directory.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { actionDir, actionNames, readActionYml } from './actions.ts';

const builtins = new Set(builtinModules);
const SPECIFIERS = [
  /createRequire\(import\.meta\.url\)\("([^"]+)"\)/g,
  /\brequire\("([^"]+)"\)/g,
  /^\s*import\s[^;]*?from\s*"([^"]+)"/gm,
  /^\s*import\s*"([^"]+)"/gm,
  /\bimport\("([^"]+)"\)/g,
];

// True when the match sits inside a string literal on its line (an error message quoting `require("x")`).
function insideString(code: string, index: number): boolean {
  const prefix = code.slice(code.lastIndexOf('\n', index) + 1, index).replace(/\\./g, '');
  return ['`', '"', "'"].some((q) => prefix.split(q).length % 2 === 0);
}

function isAllowed(spec: string, dist: string): boolean {
  if (spec.startsWith('node:') || builtins.has(spec)) return true;
  if (spec.startsWith('./') || spec.startsWith('../')) return existsSync(resolve(dist, spec));
  return false;
}

let failed = false;
for (const name of actionNames()) {
  const yml = readActionYml(name);
  const dist = join(actionDir(name), 'dist');
  const problems: string[] = [];
  if (yml.runs.using !== 'node24') problems.push(`runs.using is ${yml.runs.using}, expected node24`);
  const entries = [yml.runs.main, yml.runs.post].filter((e): e is string => Boolean(e));
  for (const entry of entries) {
    const file = join(actionDir(name), entry);
    if (!existsSync(file)) {
      problems.push(`${entry} does not exist (run pnpm build)`);
      continue;
    }
    const code = readFileSync(file, 'utf8');
    for (const pattern of SPECIFIERS) {
      for (const m of code.matchAll(pattern)) {
        const spec = m[1] as string;
        if (!isAllowed(spec, dist) && !insideString(code, m.index ?? 0)) problems.push(`${entry} loads '${spec}' at run time, which is not a Node built-in nor inside dist/`);
      }
    }
  }
  if (problems.length === 0) {
    // Load the bundle from a directory with no node_modules above it; it must get as far as reading inputs.
    const sandbox = mkdtempSync(join(tmpdir(), `bundle-${name}-`));
    cpSync(dist, join(sandbox, 'dist'), { recursive: true });
    const run = spawnSync(process.execPath, [join(sandbox, yml.runs.main)], {
      cwd: sandbox,
      env: { PATH: process.env.PATH, HOME: sandbox, RUNNER_TEMP: sandbox },
      encoding: 'utf8',
      timeout: 30_000,
    });
    rmSync(sandbox, { recursive: true, force: true });
    const text = `${run.stdout}\n${run.stderr}`;
    if (/ERR_MODULE_NOT_FOUND|Cannot find (module|package)|ERR_REQUIRE_ESM/.test(text)) problems.push(`loading the bundle in isolation failed:\n${text.trim()}`);
    else if (run.status === null) problems.push(`the bundle did not finish in isolation (signal ${run.signal})`);
  }
  if (problems.length > 0) {
    failed = true;
    console.error(`actions/${name}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  } else {
    console.log(`actions/${name}: bundle is self-contained`);
  }
}
if (failed) process.exitCode = 1;
