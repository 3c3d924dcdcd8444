import semver from 'semver';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { ParsedLockfile } from '../types.ts';
import { LockfileError } from './lockfile-error.ts';
import { field, LockfileBuilder, stringField } from './parsed-lockfile.ts';

/**
 * pnpm-lock.yaml. Keys of `packages` are `/name/1.0.0_peer@2` (lockfile 5.x), `/name@1.0.0(peer@2)` (6.0)
 * and `name@1.0.0` (7.0 and 9.0, where peers moved to `snapshots`).
 */
export function parsePnpmLock(file: string, text: string): ParsedLockfile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    throw new LockfileError(file, `is not valid YAML (${error.message.split('\n')[0]})`, lineCounter.linePos(error.pos[0]).line);
  }
  const version = String(doc.get('lockfileVersion') ?? '');
  const major = Number.parseInt(version, 10);
  if (!Number.isFinite(major)) throw new LockfileError(file, 'has no lockfileVersion, so it is not a pnpm lockfile');
  const out = new LockfileBuilder(file, 'pnpm-lock.yaml', 'npm');
  const packages = doc.get('packages', true);
  if (!isMap(packages)) return out.build();
  for (const pair of packages.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const line = isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
    const entry = isMap(pair.value) ? pair.value.toJSON() : undefined;
    const parsed = major < 6 ? splitV5Key(key) : splitKey(key);
    const resolution = field(entry, 'resolution');
    const fromRegistry = resolution === undefined || (field(resolution, 'integrity') !== undefined && field(resolution, 'tarball') === undefined);
    const name = stringField(entry, 'name') ?? parsed?.name;
    const pinned = parsed && semver.valid(parsed.version) ? parsed.version : stringField(entry, 'version');
    if (!name || !pinned || !semver.valid(pinned)) {
      out.skip(name ?? key, 'not a registry package version', line);
    } else if (!fromRegistry) {
      out.skip(name, `not from the registry (${JSON.stringify(resolution)})`, line);
    } else {
      out.add(name, pinned, line, { dev: field(entry, 'dev') === true });
    }
  }
  return out.build();
}

function splitKey(key: string): { name: string; version: string } | undefined {
  const bare = key.startsWith('/') ? key.slice(1) : key;
  const at = bare.indexOf('@', 1);
  if (at < 0) return undefined;
  return { name: bare.slice(0, at), version: bare.slice(at + 1).replace(/\(.*$/, '') };
}

function splitV5Key(key: string): { name: string; version: string } | undefined {
  const parts = (key.startsWith('/') ? key.slice(1) : key).split('/');
  if (parts.length < 2) return undefined;
  const last = parts.pop() as string;
  return { name: parts.join('/'), version: last.replace(/_.*$/, '') };
}
