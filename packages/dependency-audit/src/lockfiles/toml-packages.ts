import { parse, TomlError } from 'smol-toml';
import { LockfileError } from './lockfile-error.ts';

/** A TOML lockfile's `[[package]]` tables with the line of each table's header. */
export interface TomlPackages {
  document: Record<string, unknown>;
  packages: { table: Record<string, unknown>; line: number | undefined }[];
}

/** Parses a TOML lockfile whose packages are `[[package]]` tables (Cargo.lock, poetry.lock, uv.lock). */
export function parseTomlPackages(file: string, text: string): TomlPackages {
  let document: Record<string, unknown>;
  try {
    document = parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    throw new LockfileError(file, `is not valid TOML (${(error as Error).message.split('\n')[0]})`, line);
  }
  // The n-th `[[package]]` header opens the n-th element of the array, so header lines map by index.
  const headerLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*\[\[\s*package\s*\]\]\s*(#.*)?$/.test(line)) headerLines.push(index + 1);
  });
  const raw = document.package;
  const tables = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : [];
  return { document, packages: tables.map((table, i) => ({ table, line: headerLines[i] })) };
}
