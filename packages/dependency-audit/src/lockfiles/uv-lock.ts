import type { ParsedLockfile } from '../types.ts';
import { field, LockfileBuilder, stringField } from './parsed-lockfile.ts';
import { parseTomlPackages } from './toml-packages.ts';

/** uv.lock: only `source = { registry = ... }` packages are releases; the project itself is `virtual` or `editable`. */
export function parseUvLock(file: string, text: string): ParsedLockfile {
  const out = new LockfileBuilder(file, 'uv.lock', 'PyPI');
  for (const { table, line } of parseTomlPackages(file, text).packages) {
    const name = stringField(table, 'name') ?? '(unnamed)';
    const version = stringField(table, 'version');
    const source = field(table, 'source');
    const kind = source && typeof source === 'object' ? Object.keys(source)[0] : undefined;
    if (kind !== 'registry') out.skip(name, `a ${kind ?? 'local'} source, not a registry release`, line);
    else if (!version) out.skip(name, 'no version recorded', line);
    else out.add(name, version, line);
  }
  return out.build();
}
