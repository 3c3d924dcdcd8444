import { posix } from 'node:path';
import type { ParsedLockfile } from '../types.ts';
import { LockfileBuilder, type RelatedFileReader } from './parsed-lockfile.ts';

interface Requirement {
  module: string;
  version: string;
  line: number;
}

/**
 * go.mod: every `require` (Go 1.17+ lists the whole build list, indirect ones included), with
 * `replace` applied: a replacement by a local path is skipped, by another module version is checked
 * as that module. Before Go 1.17 go.mod lists only direct requirements, so the highest version of
 * each other module that go.sum holds source for is added from go.sum.
 */
export async function parseGoMod(file: string, text: string, readRelated: RelatedFileReader): Promise<ParsedLockfile> {
  const out = new LockfileBuilder(file, 'go.mod', 'Go');
  const requires: Requirement[] = [];
  const replaces = new Map<string, { from?: string; to: string; toVersion?: string }[]>();
  let goVersion: string | undefined;
  let block: 'require' | 'replace' | 'other' | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) return;
    if (block) {
      if (line === ')') block = undefined;
      else if (block === 'require') readRequire(line, index + 1);
      else if (block === 'replace') readReplace(line);
      return;
    }
    const directive = line.match(/^(\w+)\s*(.*)$/);
    if (!directive) return;
    const [, verb, rest = ''] = directive;
    if (rest === '(') block = verb === 'require' || verb === 'replace' ? verb : 'other';
    else if (verb === 'go') goVersion = rest;
    else if (verb === 'require') readRequire(rest, index + 1);
    else if (verb === 'replace') readReplace(rest);
  });

  function readRequire(spec: string, line: number) {
    const [module, version] = spec.split(/\s+/);
    if (module && version) requires.push({ module, version, line });
  }
  function readReplace(spec: string) {
    const [left = '', right = ''] = spec.split('=>').map((s) => s.trim());
    const [from, fromVersion] = left.split(/\s+/);
    const [to, toVersion] = right.split(/\s+/);
    if (!from || !to) return;
    const list = replaces.get(from) ?? [];
    list.push({ ...(fromVersion ? { from: fromVersion } : {}), to, ...(toVersion ? { toVersion } : {}) });
    replaces.set(from, list);
  }

  for (const req of requires) {
    const replacement = replaces.get(req.module)?.find((r) => r.from === undefined || r.from === req.version);
    if (replacement && !replacement.toVersion) out.skip(req.module, `replaced by the local path ${replacement.to}`, req.line);
    else if (replacement?.toVersion) out.add(replacement.to, replacement.toVersion, req.line);
    else out.add(req.module, req.version, req.line);
  }

  if (goVersion && compareGoVersion(goVersion, '1.17') < 0) {
    const sumPath = posix.join(posix.dirname(file), 'go.sum');
    const sum = await readRelated(sumPath);
    if (sum !== undefined) {
      const listed = new Set(requires.map((r) => r.module));
      const highest = new Map<string, { version: string; line: number }>();
      sum.split(/\r?\n/).forEach((raw, index) => {
        const [module, version] = raw.trim().split(/\s+/);
        if (!module || !version || version.endsWith('/go.mod') || listed.has(module)) return;
        const current = highest.get(module);
        if (!current || compareGoVersion(version.replace(/^v/, ''), current.version.replace(/^v/, '')) > 0) highest.set(module, { version, line: index + 1 });
      });
      for (const [module, { version, line }] of highest) out.add(module, version, line, { file: sumPath });
    }
  }
  return out.build();
}

function compareGoVersion(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
