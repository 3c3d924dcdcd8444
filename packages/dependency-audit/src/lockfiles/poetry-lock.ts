import type { ParsedLockfile } from '../types.ts';
import { field, LockfileBuilder, stringField } from './parsed-lockfile.ts';
import { parseTomlPackages } from './toml-packages.ts';

const LOCAL_SOURCES = new Set(['git', 'directory', 'file', 'url']);

/** poetry.lock, lock-version 1.x (`category`) and 2.x (`groups`); git, path and URL sources are not registry releases. */
export function parsePoetryLock(file: string, text: string): ParsedLockfile {
  const out = new LockfileBuilder(file, 'poetry.lock', 'PyPI');
  for (const { table, line } of parseTomlPackages(file, text).packages) {
    const name = stringField(table, 'name') ?? '(unnamed)';
    const version = stringField(table, 'version');
    const sourceType = stringField(field(table, 'source'), 'type');
    const groups = field(table, 'groups');
    const dev = stringField(table, 'category') === 'dev' || (Array.isArray(groups) && !groups.includes('main'));
    if (sourceType && LOCAL_SOURCES.has(sourceType)) out.skip(name, `a ${sourceType} source, not a registry release`, line);
    else if (!version) out.skip(name, 'no version recorded', line);
    else out.add(name, version, line, { dev });
  }
  return out.build();
}
