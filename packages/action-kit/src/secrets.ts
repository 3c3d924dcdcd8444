/** Where secrets are registered so that nothing the action writes can carry them. */
export class SecretRegistry {
  readonly #values = new Set<string>();
  readonly #onRegister: (value: string) => void;
  #sorted: string[] | undefined;

  /** `onRegister` is called once per new value; the entry wrapper passes `core.setSecret`. */
  constructor(onRegister: (value: string) => void = () => {}) {
    this.#onRegister = onRegister;
  }

  /** Registers a secret (and each of its lines, as the runner masks line by line) before anything can print it. */
  add(value: string | undefined): void {
    if (!value) return;
    const parts = [value, ...value.split(/\r?\n/).map((l) => l.trim())];
    for (const part of parts) {
      if (part.length < 3 || this.#values.has(part)) continue;
      this.#values.add(part);
      this.#sorted = undefined;
      this.#onRegister(part);
    }
  }

  /** Number of distinct registered values. */
  get size(): number {
    return this.#values.size;
  }

  /** Replaces every registered secret in `text` with `***`. */
  redact(text: string): string {
    if (this.#values.size === 0 || text === '') return text;
    this.#sorted ??= [...this.#values].sort((a, b) => b.length - a.length);
    let out = text;
    for (const secret of this.#sorted) {
      if (out.includes(secret)) out = out.split(secret).join('***');
    }
    return out;
  }

  /** True when `text` contains a registered secret. */
  leaks(text: string): boolean {
    for (const secret of this.#values) if (text.includes(secret)) return true;
    return false;
  }
}

/** A printable stand-in for a secret: `••••(64 chars)`, or with `reveal` leading characters `sk_l…(32 chars)`. */
export function describeSecret(value: string, reveal = 0): string {
  const length = [...value].length;
  if (length === 0) return '(empty)';
  const shown = reveal > 0 && length > reveal * 2 ? [...value].slice(0, reveal).join('') : '';
  return shown ? `${shown}…(${length} chars)` : `••••(${length} chars)`;
}
