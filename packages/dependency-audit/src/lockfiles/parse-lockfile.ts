import { posix } from 'node:path';
import { ConfigurationError } from '@deploysafe/action-kit';
import type { LockfileFormat, ParsedLockfile } from '../types.ts';
import { parseCargoLock } from './cargo-lock.ts';
import { parseComposerLock } from './composer-lock.ts';
import { parseGemfileLock } from './gemfile-lock.ts';
import { parseGoMod } from './go-mod.ts';
import { parsePackageLock } from './package-lock.ts';
import type { RelatedFileReader } from './parsed-lockfile.ts';
import { parsePipfileLock } from './pipfile-lock.ts';
import { parsePnpmLock } from './pnpm-lock.ts';
import { parsePoetryLock } from './poetry-lock.ts';
import { parseRequirements } from './requirements-txt.ts';
import { parseUvLock } from './uv-lock.ts';
import { parseYarnLock } from './yarn-lock.ts';

const EXACT_NAMES: Record<string, LockfileFormat> = {
  'package-lock.json': 'package-lock.json',
  'npm-shrinkwrap.json': 'npm-shrinkwrap.json',
  'pnpm-lock.yaml': 'pnpm-lock.yaml',
  'yarn.lock': 'yarn.lock',
  'poetry.lock': 'poetry.lock',
  'Pipfile.lock': 'Pipfile.lock',
  'uv.lock': 'uv.lock',
  'composer.lock': 'composer.lock',
  'go.mod': 'go.mod',
  'Cargo.lock': 'Cargo.lock',
  'Gemfile.lock': 'Gemfile.lock',
  'gems.locked': 'Gemfile.lock',
};

/** The format of a lockfile from its path, or undefined when the file is not one. */
export function lockfileFormat(path: string): LockfileFormat | undefined {
  const name = posix.basename(path.replaceAll('\\', '/'));
  const exact = EXACT_NAMES[name];
  if (exact) return exact;
  if (/^requirements([-_.][\w.-]+)?\.txt$/i.test(name)) return 'requirements.txt';
  if (/(^|\/)requirements\/[^/]+\.txt$/i.test(path)) return 'requirements.txt';
  return undefined;
}

/**
 * Parses one lockfile. `file` is its path relative to the scanned root (used in every location);
 * `readRelated` reads files it refers to (requirements includes, go.sum), by root-relative path.
 */
export async function parseLockfile(file: string, text: string, readRelated: RelatedFileReader, format = lockfileFormat(file)): Promise<ParsedLockfile> {
  switch (format) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return parsePackageLock(file, text, format);
    case 'pnpm-lock.yaml':
      return parsePnpmLock(file, text);
    case 'yarn.lock':
      return parseYarnLock(file, text);
    case 'requirements.txt':
      return parseRequirements(file, text, readRelated);
    case 'poetry.lock':
      return parsePoetryLock(file, text);
    case 'Pipfile.lock':
      return parsePipfileLock(file, text);
    case 'uv.lock':
      return parseUvLock(file, text);
    case 'composer.lock':
      return parseComposerLock(file, text);
    case 'go.mod':
      return parseGoMod(file, text, readRelated);
    case 'Cargo.lock':
      return parseCargoLock(file, text);
    case 'Gemfile.lock':
      return parseGemfileLock(file, text);
    default:
      throw new ConfigurationError(`${file} is not a lockfile this audit reads (expected one of ${[...new Set(Object.values(EXACT_NAMES))].join(', ')} or requirements*.txt)`);
  }
}
