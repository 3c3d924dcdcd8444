import type { ParsedLockfile } from '../types.ts';
import { parseJsonWithLines } from './json-lines.ts';
import { field, LockfileBuilder, stringField } from './parsed-lockfile.ts';

/** composer.lock: `packages` and `packages-dev`; branch checkouts (`dev-main`, `1.x-dev`) are not releases. */
export function parseComposerLock(file: string, text: string): ParsedLockfile {
  const { value, lineOf } = parseJsonWithLines(file, text);
  const out = new LockfileBuilder(file, 'composer.lock', 'Packagist');
  for (const section of ['packages', 'packages-dev'] as const) {
    const list = field(value, section);
    if (!Array.isArray(list)) continue;
    list.forEach((entry, index) => {
      const name = stringField(entry, 'name') ?? '(unnamed)';
      const version = stringField(entry, 'version');
      const line = lineOf([section, index, 'name']) ?? lineOf([section, index]);
      if (!version) out.skip(name, 'no version recorded', line);
      else if (/^dev-|-dev$/.test(version)) out.skip(name, `${version} is a development branch, not a release`, line);
      else out.add(name, version, line, { dev: section === 'packages-dev' });
    });
  }
  return out.build();
}
