import type { ParsedLockfile } from '../types.ts';
import { LockfileBuilder } from './parsed-lockfile.ts';

/**
 * Gemfile.lock: the `specs:` of each GEM section are RubyGems releases (a platform suffix such as
 * `-x86_64-linux` is dropped from the version); GIT and PATH specs are not.
 */
export function parseGemfileLock(file: string, text: string): ParsedLockfile {
  const out = new LockfileBuilder(file, 'Gemfile.lock', 'RubyGems');
  let section = '';
  let inSpecs = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (/^\S/.test(raw)) {
      section = raw.trim();
      inSpecs = false;
      return;
    }
    if (/^ {2}specs:\s*$/.test(raw)) {
      inSpecs = true;
      return;
    }
    const spec = inSpecs ? raw.match(/^ {4}([^\s(]+) \(([^)]+)\)\s*$/) : null;
    if (!spec) return;
    const [, name = '', full = ''] = spec;
    if (section === 'GEM') out.add(name, full.split('-')[0] as string, index + 1);
    else out.skip(name, `a ${section} gem, not a rubygems.org release`, index + 1);
  });
  return out.build();
}
