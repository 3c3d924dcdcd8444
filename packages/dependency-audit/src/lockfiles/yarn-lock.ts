import semver from 'semver';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { ParsedLockfile } from '../types.ts';
import { LockfileError } from './lockfile-error.ts';
import { LockfileBuilder, stringField } from './parsed-lockfile.ts';

const NON_REGISTRY_RANGE = /^(file:|link:|portal:|workspace:|patch:|exec:|git\+|git:|github:|https?:)/;

/** yarn.lock: classic (v1, its own format) and berry (2+, YAML with `__metadata`). */
export function parseYarnLock(file: string, text: string): ParsedLockfile {
  return /^__metadata:/m.test(text) ? parseBerry(file, text) : parseClassic(file, text);
}

/** Splits `name@range` (the name may be scoped); an `npm:` alias resolves to the real package name. */
function splitDescriptor(descriptor: string): { name: string; range: string } {
  const at = descriptor.indexOf('@', 1);
  if (at < 0) return { name: descriptor, range: '' };
  let name = descriptor.slice(0, at);
  let range = descriptor.slice(at + 1);
  if (range.startsWith('npm:')) {
    range = range.slice(4);
    const inner = range.lastIndexOf('@');
    if (inner > 0) {
      name = range.slice(0, inner);
      range = range.slice(inner + 1);
    }
  }
  return { name, range };
}

function parseClassic(file: string, text: string): ParsedLockfile {
  const out = new LockfileBuilder(file, 'yarn.lock', 'npm');
  let current: { descriptor: string; line: number; version?: string; resolved?: string } | undefined;
  const flush = () => {
    if (!current) return;
    const { name, range } = splitDescriptor(current.descriptor);
    if (NON_REGISTRY_RANGE.test(range) || (current.resolved && !/^https?:\/\//.test(current.resolved))) {
      out.skip(name, `not from the registry (${current.resolved ?? range})`, current.line);
    } else if (!current.version || !semver.valid(current.version)) {
      out.skip(name, `version ${current.version ?? '(none)'} is not a registry version`, current.line);
    } else {
      out.add(name, current.version, current.line);
    }
    current = undefined;
  };
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    if (!raw.startsWith(' ')) {
      flush();
      if (!raw.endsWith(':')) throw new LockfileError(file, `unexpected line \`${raw.slice(0, 80)}\``, index + 1);
      const first = raw.slice(0, -1).split(/,\s*/)[0] ?? '';
      current = { descriptor: first.replace(/^"|"$/g, ''), line: index + 1 };
      return;
    }
    const property = raw.match(/^ {2}(version|resolved) "?([^"]*)"?\s*$/);
    if (property && current) current[property[1] as 'version' | 'resolved'] = property[2];
  });
  flush();
  return out.build();
}

function parseBerry(file: string, text: string): ParsedLockfile {
  const out = new LockfileBuilder(file, 'yarn.lock', 'npm');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    throw new LockfileError(file, `is not valid YAML (${error.message.split('\n')[0]})`, lineCounter.linePos(error.pos[0]).line);
  }
  if (!isMap(doc.contents)) throw new LockfileError(file, 'is not a yarn lockfile');
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === '__metadata') continue;
    const line = isScalar(pair.key) && pair.key.range ? lineCounter.linePos(pair.key.range[0]).line : undefined;
    const entry = isMap(pair.value) ? pair.value.toJSON() : undefined;
    const resolution = stringField(entry, 'resolution') ?? '';
    const version = stringField(entry, 'version') ?? String((entry as Record<string, unknown> | undefined)?.version ?? '');
    const at = resolution.indexOf('@', 1);
    const name = at > 0 ? resolution.slice(0, at) : key;
    const protocol = at > 0 ? resolution.slice(at + 1) : '';
    if (!protocol.startsWith('npm:')) {
      out.skip(name, protocol.startsWith('patch:') ? 'a patched copy (the original is listed separately)' : `not from the registry (${resolution})`, line);
    } else if (!semver.valid(version)) {
      out.skip(name, `version ${version} is not a registry version`, line);
    } else {
      out.add(name, version, line);
    }
  }
  return out.build();
}
