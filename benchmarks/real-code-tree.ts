// A tree of real third-party code, copied at run time from the workspace's installed packages
// (node_modules/.pnpm), renamed so the scanners read it: a negative corpus in which every finding
// is a false positive, and a benchmark tree with real file sizes and real code.
//   node_modules/.bin/node benchmarks/real-code-tree.ts <dir> [--all-versions]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
// Native binaries and the Node runtime: no code to read, only bytes the scanners skip.
const LEFT_OUT = /^(node|@rolldown\+binding-.*|lightningcss-[a-z]+-.*)@/;

/** One installed package: `name@version` and where pnpm keeps it. */
export interface InstalledPackage {
  id: string;
  dir: string;
}

function versionKey(id: string): number[] {
  return (/@(\d+)\.(\d+)\.(\d+)/.exec(id.slice(1)) ?? []).slice(1).map(Number);
}

/** The packages pnpm installed for this workspace; one version of each unless `allVersions`. */
export function installedPackages(allVersions = false): InstalledPackage[] {
  const store = join(repoRoot, 'node_modules', '.pnpm');
  const byName = new Map<string, InstalledPackage[]>();
  for (const entry of readdirSync(store)) {
    if (entry === 'node_modules' || entry.endsWith('.yaml') || LEFT_OUT.test(entry)) continue;
    const modules = join(store, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const name of readdirSync(modules)) {
      const paths = name.startsWith('@') ? readdirSync(join(modules, name)).map((n) => `${name}/${n}`) : [name];
      for (const path of paths) {
        const dir = join(modules, path);
        // Dependencies are symlinks to their own store entry; the real directory is the package itself.
        if (lstatSync(dir).isSymbolicLink()) continue;
        const list = byName.get(path) ?? [];
        list.push({ id: entry.split('_')[0] as string, dir });
        byName.set(path, list);
      }
    }
  }
  const out: InstalledPackage[] = [];
  for (const list of byName.values()) {
    list.sort((a, b) => {
      const [x, y] = [versionKey(a.id), versionKey(b.id)];
      return (y[0] ?? 0) - (x[0] ?? 0) || (y[1] ?? 0) - (x[1] ?? 0) || (y[2] ?? 0) - (x[2] ?? 0);
    });
    out.push(...(allVersions ? list : list.slice(0, 1)));
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Copies the installed packages into `dest/<name@version>/` (a fresh git work tree) and returns its size. */
export function buildRealCodeTree(dest: string, options: { allVersions?: boolean } = {}): { packages: number; files: number; bytes: number } {
  rmSync(dest, { recursive: true, force: true });
  const packages = installedPackages(options.allVersions);
  let files = 0;
  let bytes = 0;
  for (const pkg of packages) {
    cpSync(pkg.dir, join(dest, pkg.id.replace('/', '+')), {
      recursive: true,
      // Symlinks (bin links, nested deps) point outside the copy; real files only.
      filter: (src) => {
        const stat = lstatSync(src);
        if (stat.isSymbolicLink()) return false;
        if (stat.isFile()) {
          files++;
          bytes += stat.size;
        }
        return true;
      },
    });
  }
  execFileSync('git', ['init', '-q', dest]);
  return { packages: packages.length, files, bytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dest = process.argv[2];
  if (!dest) throw new Error('usage: real-code-tree.ts <dir> [--all-versions]');
  if (existsSync(dest) && statSync(dest).isDirectory() && readdirSync(dest).length > 0 && !existsSync(join(dest, '.git'))) throw new Error(`${dest} is not empty and not a tree this script built`);
  const built = buildRealCodeTree(dest, { allVersions: process.argv.includes('--all-versions') });
  console.log(`${dest}: ${built.packages} packages, ${built.files} files, ${(built.bytes / 1024 / 1024).toFixed(1)} MiB`);
}
