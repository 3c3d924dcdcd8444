import type { Ecosystem, LockedPackage, LockfileFormat, ParsedLockfile, SkippedEntry, UnpinnedRequirement } from '../types.ts';

/** Reads a file the lockfile refers to (an included requirements file, go.sum), by its path relative to the scanned root; undefined when it does not exist. */
export type RelatedFileReader = (relativePath: string) => Promise<string | undefined>;

/** Collects what one lockfile yields, so each parser only says what it found. */
export class LockfileBuilder {
  readonly file: string;
  readonly format: LockfileFormat;
  readonly ecosystem: Ecosystem;
  readonly #packages: LockedPackage[] = [];
  readonly #unpinned: UnpinnedRequirement[] = [];
  readonly #skipped: SkippedEntry[] = [];

  constructor(file: string, format: LockfileFormat, ecosystem: Ecosystem) {
    this.file = file;
    this.format = format;
    this.ecosystem = ecosystem;
  }

  add(name: string, version: string, line: number | undefined, options: { dev?: boolean; file?: string } = {}): void {
    const entry: LockedPackage = { name, version, ecosystem: this.ecosystem, file: options.file ?? this.file };
    if (line !== undefined) entry.line = line;
    if (options.dev) entry.dev = true;
    this.#packages.push(entry);
  }

  unpinned(name: string, specifier: string, line: number, file = this.file): void {
    this.#unpinned.push({ name, specifier, ecosystem: this.ecosystem, file, line });
  }

  skip(name: string, reason: string, line: number | undefined, file = this.file): void {
    const entry: SkippedEntry = { name, reason, file };
    if (line !== undefined) entry.line = line;
    this.#skipped.push(entry);
  }

  build(): ParsedLockfile {
    return { file: this.file, format: this.format, packages: this.#packages, unpinned: this.#unpinned, skipped: this.#skipped };
  }
}

/** Reads `value[key]` when value is an object. */
export function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** `value[key]` when it is a string. */
export function stringField(value: unknown, key: string): string | undefined {
  const v = field(value, key);
  return typeof v === 'string' ? v : undefined;
}

/** The entries of an object (none for anything else). */
export function entriesOf(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}
