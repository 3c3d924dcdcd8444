import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InputError, type InputProblem } from './errors.ts';
import type { Logger } from './logger.ts';
import { formatBytes, formatDuration, parseBoolean, parseDuration, parseList, parseSize } from './parse.ts';
import { describeSecret, type SecretRegistry } from './secrets.ts';

/** A parser from the raw (non-empty, trimmed) input string to a typed value. */
export type RawSchema<V> = z.ZodType<V, string>;

interface InputOptions<V> {
  schema: RawSchema<V>;
  expected: string;
  defaultValue?: string | undefined;
  isRequired?: boolean;
  isSecret?: boolean;
  secretParts?: ((raw: string) => string[]) | undefined;
}

/**
 * One action input: how to parse it, what a valid value looks like, and whether it is
 * required, defaulted or secret. `Optional` is true while an empty input yields undefined.
 */
export class Input<V, Optional extends boolean = true> {
  readonly schema: RawSchema<V>;
  /** What a valid value looks like, phrased to follow "expected": `a duration such as 30s`. */
  readonly expected: string;
  readonly defaultValue: string | undefined;
  readonly isRequired: boolean;
  readonly isSecret: boolean;
  /** Extracts the secret parts of a value that is not secret as a whole (the password in a URL). */
  readonly secretParts: ((raw: string) => string[]) | undefined;
  declare readonly optional: Optional;

  constructor(options: InputOptions<V>) {
    this.schema = options.schema;
    this.expected = options.expected;
    this.defaultValue = options.defaultValue;
    this.isRequired = options.isRequired ?? false;
    this.isSecret = options.isSecret ?? false;
    this.secretParts = options.secretParts;
  }

  /** The value used when the input is empty; must be the same string as the default in action.yml. */
  default(raw: string): Input<V, false> {
    return new Input<V, false>({ ...this.#options(), defaultValue: raw });
  }

  /** Fails when the input is empty. */
  required(): Input<V, false> {
    return new Input<V, false>({ ...this.#options(), isRequired: true });
  }

  /** Masks the value before anything can print it, and never repeats it in an error. */
  secret(): Input<V, Optional> {
    return new Input<V, Optional>({ ...this.#options(), isSecret: true });
  }

  /**
   * Masks the parts `extract` finds (such as the password of a database URL) before the value
   * is validated, and hides them in errors; the rest of the value stays readable.
   */
  withSecretParts(extract: (raw: string) => string[]): Input<V, Optional> {
    return new Input<V, Optional>({ ...this.#options(), secretParts: extract });
  }

  #options(): InputOptions<V> {
    return {
      schema: this.schema,
      expected: this.expected,
      defaultValue: this.defaultValue,
      isRequired: this.isRequired,
      isSecret: this.isSecret,
      secretParts: this.secretParts,
    };
  }
}

/** Any input definition. */
export type AnyInput = Input<any, boolean>;

/** An action's inputs by their kebab-case names, as in action.yml. */
export type InputSpec = Record<string, AnyInput>;

type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** The typed values `readInputs` returns for a spec: camelCase keys, undefined only for optional inputs. */
export type InputsOf<S extends InputSpec> = {
  [K in keyof S & string as CamelCase<K>]: S[K] extends Input<infer V, infer O> ? (O extends true ? V | undefined : V) : never;
};

/** Converts an input name such as `fail-on` to the key `readInputs` uses for it: `failOn`. */
export function inputKey(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function fromString<V>(expected: string, convert: (raw: string) => V | undefined): Input<V> {
  const schema = z.string().transform((raw, ctx) => {
    const value = convert(raw);
    if (value === undefined) {
      ctx.addIssue({ code: 'custom', message: expected });
      return z.NEVER;
    }
    return value;
  });
  return new Input<V>({ schema, expected });
}

function withBounds(base: Input<number>, kind: string, min: number | undefined, max: number | undefined, show: (n: number) => string): Input<number> {
  if (min === undefined && max === undefined) return base;
  const range =
    min !== undefined && max !== undefined
      ? `${kind} between ${show(min)} and ${show(max)}`
      : min !== undefined
        ? `${kind} of at least ${show(min)}`
        : `${kind} of at most ${show(max as number)}`;
  const schema = base.schema.transform((value, ctx) => {
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
      ctx.addIssue({ code: 'custom', message: range });
      return z.NEVER;
    }
    return value;
  });
  return new Input<number>({ schema, expected: range });
}

/** Builders for every input shape the actions accept. Each returns an optional input; chain `.default()` or `.required()`. */
export const input = {
  /** Free text, optionally constrained by a pattern. */
  string(options: { pattern?: RegExp; expected?: string } = {}): Input<string> {
    const expected = options.expected ?? 'a non-empty string';
    const pattern = options.pattern;
    return fromString(expected, (raw) => (pattern && !pattern.test(raw) ? undefined : raw));
  },

  /** A secret string: masked as soon as it is read, never shown in errors. */
  secret(options: { minLength?: number } = {}): Input<string> {
    const min = options.minLength ?? 1;
    return fromString(min > 1 ? `a secret of at least ${min} characters` : 'a secret value', (raw) => (raw.length >= min ? raw : undefined)).secret();
  },

  /** A YAML 1.2 boolean, as the runner's `getBooleanInput` accepts. */
  boolean(): Input<boolean> {
    return fromString('true or false', parseBoolean);
  },

  /** A whole number, optionally bounded. */
  integer(options: { min?: number; max?: number } = {}): Input<number> {
    const base = fromString('a whole number', (raw) => (/^-?\d+$/.test(raw) ? Number(raw) : undefined));
    return withBounds(base, 'a whole number', options.min, options.max, String);
  },

  /** A positive decimal number such as `1.5`, optionally bounded. */
  number(options: { min?: number; max?: number } = {}): Input<number> {
    const base = fromString('a number such as 1.5', (raw) => (/^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined));
    return withBounds(base, 'a number', options.min, options.max, String);
  },

  /** A duration such as `500ms`, `30s`, `5m`, `1h` or `1m30s` (a bare number means seconds); yields milliseconds. */
  duration(options: { min?: number; max?: number } = {}): Input<number> {
    const base = fromString('a duration such as 500ms, 30s or 5m', parseDuration);
    return withBounds(base, 'a duration', options.min, options.max, formatDuration);
  },

  /** A size such as `512KiB`, `10MB` or `1G`; yields bytes. */
  size(options: { min?: number; max?: number } = {}): Input<number> {
    const base = fromString('a size such as 512KiB, 10MB or 1G', parseSize);
    return withBounds(base, 'a size', options.min, options.max, formatBytes);
  },

  /** One of a fixed set of words. */
  enum<const T extends readonly [string, ...string[]]>(values: T): Input<T[number]> {
    return fromString(`one of ${values.join(', ')}`, (raw) => (values.includes(raw) ? (raw as T[number]) : undefined));
  },

  /** A comma- or newline-separated list; with `values`, every item must be one of them. */
  list<const T extends readonly string[] = readonly string[]>(options: { values?: T; minItems?: number } = {}): Input<(T extends readonly [] ? string : T[number])[]> {
    const { values, minItems = 1 } = options;
    const expected = values ? `a comma-separated list of ${values.join(', ')}` : 'a comma- or newline-separated list';
    const schema = z.string().transform((raw, ctx) => {
      const items = parseList(raw);
      const unknown = values ? items.filter((i) => !values.includes(i)) : [];
      if (unknown.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${expected} (unknown: ${unknown.join(', ')})` });
        return z.NEVER;
      }
      if (items.length < minItems) {
        ctx.addIssue({ code: 'custom', message: expected });
        return z.NEVER;
      }
      return items as (T extends readonly [] ? string : T[number])[];
    });
    return new Input({ schema, expected });
  },

  /** A file system path, resolved against the working directory (the workspace on a runner). */
  path(options: { mustExist?: 'file' | 'directory' } = {}): Input<string> {
    const { mustExist } = options;
    const expected = mustExist ? `the path of an existing ${mustExist}` : 'a file path';
    return fromString(expected, (raw) => {
      if (raw.includes('\0')) return undefined;
      const full = resolve(raw);
      if (mustExist) {
        if (!existsSync(full)) return undefined;
        const isDir = statSync(full).isDirectory();
        if ((mustExist === 'directory') !== isDir) return undefined;
      }
      return full;
    });
  },

  /** An absolute URL with one of the allowed schemes (default http and https). */
  url(options: { schemes?: readonly string[] } = {}): Input<URL> {
    const schemes = options.schemes ?? ['http', 'https'];
    return fromString(`an absolute ${schemes.join(' or ')} URL such as ${schemes[0]}://example.com/`, (raw) => {
      if (!URL.canParse(raw)) return undefined;
      const url = new URL(raw);
      return schemes.includes(url.protocol.replace(/:$/, '')) && url.hostname !== '' ? url : undefined;
    });
  },

  /** Any other shape, from a zod schema over the raw string; its issue messages become the `expected` text. */
  custom<V>(schema: RawSchema<V>, expected: string): Input<V> {
    return new Input<V>({ schema, expected });
  },
};

/** Where `readInputs` gets raw values: the runner's `core.getInput` or, in tests, a plain object. */
export type InputSource = (name: string) => string;

/** Options for `readInputs`. */
export interface ReadInputsOptions {
  /** Registers secret inputs for masking before they are validated or logged. */
  secrets?: SecretRegistry;
  /** Receives one debug line per resolved input (secrets shown redacted). */
  logger?: Logger;
}

function quoteGot(raw: string, secret: boolean, secretParts: string[] = []): string {
  if (secret) return `(secret, ${describeSecret(raw)})`;
  let visible = raw;
  for (const part of secretParts) if (part !== '') visible = visible.split(part).join('***');
  const shown = visible.length > 80 ? `${visible.slice(0, 77)}...` : visible;
  return JSON.stringify(shown);
}

function showValue(value: unknown): string {
  if (value instanceof URL) {
    if (!value.password) return value.href;
    const shown = new URL(value.href);
    shown.password = '***';
    return shown.href;
  }
  return JSON.stringify(value);
}

/**
 * Reads and validates every input of `spec` before any work starts. Secret inputs are
 * registered for masking first. All problems are reported together in one InputError.
 */
export function readInputs<S extends InputSpec>(spec: S, source: InputSource, options: ReadInputsOptions = {}): InputsOf<S> {
  const values: Record<string, unknown> = {};
  const problems: InputProblem[] = [];
  for (const [name, def] of Object.entries(spec)) {
    let raw = source(name).trim();
    if (def.isSecret) options.secrets?.add(raw);
    const parts = def.secretParts ? safeParts(def.secretParts, raw) : [];
    for (const part of parts) options.secrets?.add(part);
    if (raw === '' && def.defaultValue !== undefined) raw = def.defaultValue;
    if (raw === '') {
      if (def.isRequired) problems.push({ input: name, got: undefined, expected: def.expected });
      values[inputKey(name)] = undefined;
      continue;
    }
    const parsed = def.schema.safeParse(raw);
    if (!parsed.success) {
      const custom = parsed.error.issues.find((i) => i.code === 'custom');
      problems.push({ input: name, got: quoteGot(raw, def.isSecret, parts), expected: custom?.message ?? def.expected });
      continue;
    }
    values[inputKey(name)] = parsed.data;
    // A password in a URL (https://user:pass@host, postgres://...) is a secret whatever the input is.
    if (parsed.data instanceof URL && parsed.data.password) {
      options.secrets?.add(parsed.data.password);
      options.secrets?.add(decodeURIComponent(parsed.data.password));
    }
    options.logger?.debug(`input ${name} = ${def.isSecret ? describeSecret(raw) : parts.length > 0 ? quoteGot(raw, false, parts) : showValue(parsed.data)}`);
  }
  if (problems.length > 0) throw new InputError(problems);
  return values as InputsOf<S>;
}

function safeParts(extract: (raw: string) => string[], raw: string): string[] {
  try {
    return extract(raw).filter((p) => p !== '');
  } catch {
    return [];
  }
}

/** Reads inputs from a plain object, as tests and scripts do; missing names read as empty. */
export function objectSource(values: Record<string, string | number | boolean | undefined>): InputSource {
  return (name) => {
    const v = values[name];
    return v === undefined ? '' : String(v);
  };
}
