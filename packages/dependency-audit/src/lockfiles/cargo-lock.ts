import type { ParsedLockfile } from '../types.ts';
import { LockfileBuilder, stringField } from './parsed-lockfile.ts';
import { parseTomlPackages } from './toml-packages.ts';

const CRATES_IO = /^(registry\+https:\/\/github\.com\/rust-lang\/crates\.io-index|sparse\+https:\/\/index\.crates\.io\/)$/;

/** Cargo.lock (versions 1-4): crates from crates.io; path crates (no `source`), git and other registries are skipped. */
export function parseCargoLock(file: string, text: string): ParsedLockfile {
  const out = new LockfileBuilder(file, 'Cargo.lock', 'crates.io');
  for (const { table, line } of parseTomlPackages(file, text).packages) {
    const name = stringField(table, 'name') ?? '(unnamed)';
    const version = stringField(table, 'version');
    const source = stringField(table, 'source');
    if (!source) out.skip(name, 'a crate of this workspace', line);
    else if (!CRATES_IO.test(source)) out.skip(name, `not from crates.io (${source})`, line);
    else if (!version) out.skip(name, 'no version recorded', line);
    else out.add(name, version, line);
  }
  return out.build();
}
