import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { ConfigurationError } from './errors.ts';

/** One problem in a configuration file, with the line it is on (1-based) when known. */
export interface ConfigProblem {
  file: string;
  line: number | undefined;
  column: number | undefined;
  /** Dotted path of the key, such as `colors.blue.url` or `checks[2].expect.status`. */
  path: string;
  message: string;
}

/** A YAML configuration file that is malformed or does not match its schema; names each bad key and line. */
export class ConfigFileError extends ConfigurationError {
  override name = 'ConfigFileError';
  readonly problems: readonly ConfigProblem[];

  constructor(what: string, problems: readonly ConfigProblem[]) {
    const lines = problems.slice(0, 20).map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    const more = problems.length > 20 ? `\n  ... and ${problems.length - 20} more` : '';
    super(lines.length === 1 ? `Invalid ${what}: ${lines[0]}` : `Invalid ${what} (${problems.length} problems):\n${lines.map((l) => `  - ${l}`).join('\n')}${more}`);
    this.problems = problems;
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function locate(doc: Document, counter: LineCounter, path: readonly PropertyKey[], key?: string): { line?: number; col?: number } {
  const keys = path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
  let node: unknown = keys.length === 0 ? doc.contents : doc.getIn(keys, true);
  // Walk up until a node with a position is found (a missing key points at its parent).
  for (let depth = keys.length; node === undefined && depth > 0; depth--) node = depth - 1 === 0 ? doc.contents : doc.getIn(keys.slice(0, depth - 1), true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return {};
  const pos = counter.linePos(range[0]);
  return { line: pos.line, col: pos.col };
}

/** Parses YAML text and validates it with a zod schema; problems carry file and line. */
export function parseYamlConfig<T>(text: string, schema: z.ZodType<T>, options: { file: string; what: string }): T {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigFileError(
      options.what,
      doc.errors.map((e) => {
        const pos = counter.linePos(e.pos[0]);
        return { file: options.file, line: pos.line, column: pos.col, path: '', message: e.message.split('\n')[0] as string };
      }),
    );
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const problems: ConfigProblem[] = [];
  for (const issue of result.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const key of keys) {
      const where = locate(doc, counter, issue.path, key);
      const path = formatPath(key === undefined ? issue.path : [...issue.path, key]);
      const message = issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message;
      problems.push({ file: options.file, line: where.line, column: where.col, path, message });
    }
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  throw new ConfigFileError(options.what, problems);
}

/** Reads a YAML file and validates it; a missing file is a ConfigurationError naming it. */
export async function readYamlConfig<T>(path: string, schema: z.ZodType<T>, options: { what: string; displayPath?: string }): Promise<T> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigurationError(`Cannot read the ${options.what} ${options.displayPath ?? path}: ${code === 'ENOENT' ? 'no such file' : String(code)}.`);
  }
  return parseYamlConfig(text, schema, { file: options.displayPath ?? path, what: options.what });
}
