import { posix } from 'node:path';
import type { ParsedLockfile } from '../types.ts';
import { LockfileError } from './lockfile-error.ts';
import { LockfileBuilder, type RelatedFileReader } from './parsed-lockfile.ts';

const REQUIREMENT = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/;
const IGNORED_OPTIONS = /^(-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--pre|--no-binary|--only-binary|--prefer-binary|--require-hashes|--no-index|--use-feature|-c|--constraint)\b/;

/**
 * requirements.txt as pip reads it: continuations, comments, `-r` includes (followed), options
 * (ignored), environment markers and `--hash`. Only `==`/`===` pins can be checked; anything else is
 * reported as unpinned. Constraint files (`-c`) pin nothing by themselves and are not followed.
 */
export async function parseRequirements(file: string, text: string, readRelated: RelatedFileReader): Promise<ParsedLockfile> {
  const out = new LockfileBuilder(file, 'requirements.txt', 'PyPI');
  const seen = new Set<string>([file]);
  await parseInto(out, file, text, readRelated, seen);
  return out.build();
}

async function parseInto(out: LockfileBuilder, file: string, text: string, readRelated: RelatedFileReader, seen: Set<string>): Promise<void> {
  for (const { content, line } of logicalLines(text)) {
    const include = content.match(/^(?:-r|--requirement)(?:\s+|=)(\S+)/);
    if (include) {
      const target = posix.normalize(posix.join(posix.dirname(file), include[1] as string));
      if (seen.has(target)) continue;
      seen.add(target);
      const related = await readRelated(target);
      if (related === undefined) throw new LockfileError(file, `includes ${include[1]}, which does not exist`, line);
      await parseInto(out, target, related, readRelated, seen);
      continue;
    }
    if (/^(-e|--editable)\b/.test(content)) {
      out.skip(content.replace(/^(-e|--editable)[\s=]+/, ''), 'an editable install, not a registry release', line, file);
      continue;
    }
    if (content.startsWith('-') || IGNORED_OPTIONS.test(content)) continue;
    if (/^(https?|git\+|file):/.test(content) || content.startsWith('.') || content.startsWith('/')) {
      out.skip(content, 'a URL or path, not a registry release', line, file);
      continue;
    }
    const match = content.match(REQUIREMENT);
    if (!match) throw new LockfileError(file, `cannot read the requirement \`${content.slice(0, 80)}\``, line);
    const name = match[1] as string;
    const rest = (match[3] ?? '').split(';')[0]!.replace(/\s--hash[=\s]\S+/g, '').trim();
    if (rest.startsWith('@')) {
      out.skip(name, `a direct reference (${rest.slice(1).trim()}), not a registry release`, line, file);
      continue;
    }
    const pin = rest.match(/^={2,3}\s*([^\s,*]+)$/);
    if (pin) out.add(name, pin[1] as string, line, { file });
    else out.unpinned(name, rest, line, file);
  }
}

/** Joins backslash continuations and strips comments, keeping the line each requirement starts on. */
function logicalLines(text: string): { content: string; line: number }[] {
  const result: { content: string; line: number }[] = [];
  let buffer = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (buffer === '') start = index + 1;
    const withoutComment = raw.replace(/(^|\s)#.*$/, '');
    if (withoutComment.endsWith('\\')) {
      buffer += `${withoutComment.slice(0, -1)} `;
      return;
    }
    const content = (buffer + withoutComment).trim();
    buffer = '';
    if (content) result.push({ content, line: start });
  });
  if (buffer.trim()) result.push({ content: buffer.trim(), line: start });
  return result;
}
