import semver from 'semver';
import type { ParsedLockfile } from '../types.ts';
import { parseJsonWithLines } from './json-lines.ts';
import { LockfileError } from './lockfile-error.ts';
import { entriesOf, field, LockfileBuilder, stringField } from './parsed-lockfile.ts';

const NON_REGISTRY = /^(git\+|git:|github:|gitlab:|bitbucket:|file:|link:|\.{1,2}\/|\/)/;

/** package-lock.json / npm-shrinkwrap.json, lockfileVersion 1 (nested `dependencies`) and 2-3 (`packages`). */
export function parsePackageLock(file: string, text: string, format: 'package-lock.json' | 'npm-shrinkwrap.json'): ParsedLockfile {
  const { value, lineOf } = parseJsonWithLines(file, text);
  const out = new LockfileBuilder(file, format, 'npm');
  const packages = field(value, 'packages');
  const dependencies = field(value, 'dependencies');
  if (packages !== undefined) {
    for (const [path, entry] of entriesOf(packages)) {
      if (path === '') continue;
      const line = lineOf(['packages', path]);
      const at = path.lastIndexOf('node_modules/');
      if (at < 0 || field(entry, 'link') === true) {
        out.skip(path, 'workspace package of this project', line);
        continue;
      }
      const name = stringField(entry, 'name') ?? path.slice(at + 'node_modules/'.length);
      addVersion(out, name, stringField(entry, 'version'), stringField(entry, 'resolved'), line, field(entry, 'dev') === true);
    }
  } else if (dependencies !== undefined) {
    const walk = (deps: unknown, prefix: string[]) => {
      for (const [key, entry] of entriesOf(deps)) {
        const path = [...prefix, 'dependencies', key];
        let name = key;
        let version = stringField(entry, 'version');
        // An alias (`"lodash-old": "npm:lodash@4.17.4"`) installs another package under a new name.
        const alias = version?.match(/^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/);
        if (alias) [, name, version] = alias as unknown as [string, string, string];
        addVersion(out, name, version, stringField(entry, 'resolved'), lineOf(path), field(entry, 'dev') === true);
        walk(field(entry, 'dependencies'), path);
      }
    };
    walk(dependencies, []);
  } else if (field(value, 'lockfileVersion') === undefined) {
    throw new LockfileError(file, 'has neither `packages` nor `dependencies`, so it is not an npm lockfile');
  }
  return out.build();
}

function addVersion(out: LockfileBuilder, name: string, version: string | undefined, resolved: string | undefined, line: number | undefined, dev: boolean): void {
  if (!version) {
    out.skip(name, 'no version recorded', line);
  } else if (NON_REGISTRY.test(version) || (resolved !== undefined && NON_REGISTRY.test(resolved))) {
    out.skip(name, `not from the registry (${resolved ?? version})`, line);
  } else if (!semver.valid(version)) {
    out.skip(name, `version ${version} is not a registry version`, line);
  } else {
    out.add(name, version, line, { dev });
  }
}
