import * as jsonc from 'jsonc-parser';
import { LockfileError } from './lockfile-error.ts';

/** A parsed JSON document that can tell the line of any property or array element. */
export interface JsonWithLines {
  value: unknown;
  /** 1-based line of the property (or the array element) at `path`. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

const SEP = '\u0000';

/** Parses strict JSON and records where every property and array element starts. */
export function parseJsonWithLines(file: string, text: string): JsonWithLines {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LockfileError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const lines = new Map<string, number>();
  const remember = (path: readonly (string | number)[], line: number) => {
    const key = path.join(SEP);
    if (!lines.has(key)) lines.set(key, line + 1);
  };
  jsonc.visit(text, {
    onObjectProperty: (property, _offset, _length, startLine, _char, pathSupplier) => remember([...pathSupplier(), property], startLine),
    onObjectBegin: (_offset, _length, startLine, _char, pathSupplier) => {
      const path = pathSupplier();
      if (typeof path.at(-1) === 'number') remember(path, startLine);
    },
  });
  return { value, lineOf: (path) => lines.get(path.join(SEP)) };
}
