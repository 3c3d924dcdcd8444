import type { ParsedLockfile } from '../types.ts';
import { parseJsonWithLines } from './json-lines.ts';
import { entriesOf, field, LockfileBuilder, stringField } from './parsed-lockfile.ts';

/** Pipfile.lock: `default` and `develop` sections; entries without `==version` (git, path, editable) are skipped. */
export function parsePipfileLock(file: string, text: string): ParsedLockfile {
  const { value, lineOf } = parseJsonWithLines(file, text);
  const out = new LockfileBuilder(file, 'Pipfile.lock', 'PyPI');
  for (const section of ['default', 'develop'] as const) {
    for (const [name, entry] of entriesOf(field(value, section))) {
      const line = lineOf([section, name]);
      const pin = stringField(entry, 'version')?.match(/^={2,3}(.+)$/);
      if (pin) out.add(name, pin[1] as string, line, { dev: section === 'develop' });
      else out.skip(name, 'not a registry release (git, path or editable)', line);
    }
  }
  return out.build();
}
