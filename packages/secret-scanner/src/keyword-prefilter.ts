// Finds which rule keywords occur in a text in one pass over its bytes: each pair of adjacent
// (lower-cased) bytes indexes a table of the keywords starting with that pair. About three
// times faster than one `includes` per keyword, and its cost does not grow with the rule count.

const LOWER = new Uint8Array(256);
for (let i = 0; i < 256; i++) LOWER[i] = i >= 65 && i <= 90 ? i + 32 : i;

/** The keywords of a rule set, indexed by their first two bytes. */
export class KeywordPrefilter {
  readonly keywords: readonly string[];
  readonly #bytes: Uint8Array[];
  readonly #table = new Int16Array(65536).fill(-1);
  readonly #buckets: number[][] = [];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    this.#bytes = keywords.map((k) => {
      if (k.length < 2 || k !== k.toLowerCase() || /[^\x20-\x7e]/.test(k)) throw new Error(`keyword ${JSON.stringify(k)} must be lower-case ASCII of at least 2 characters`);
      return Buffer.from(k, 'latin1');
    });
    keywords.forEach((k, i) => {
      const key = (k.charCodeAt(0) << 8) | k.charCodeAt(1);
      if (this.#table[key] === -1) {
        this.#table[key] = this.#buckets.length;
        this.#buckets.push([]);
      }
      (this.#buckets[this.#table[key] as number] as number[]).push(i);
    });
  }

  /** For each keyword (by index), 1 when it occurs in `bytes` (case-insensitively), else 0. */
  find(bytes: Uint8Array): Uint8Array {
    const found = new Uint8Array(this.keywords.length);
    const table = this.#table;
    const n = bytes.length - 1;
    let prev = LOWER[bytes[0] ?? 0] as number;
    for (let i = 0; i < n; i++) {
      const cur = LOWER[bytes[i + 1] as number] as number;
      const slot = table[(prev << 8) | cur] as number;
      prev = cur;
      if (slot < 0) continue;
      for (const k of this.#buckets[slot] as number[]) {
        if (found[k] === 1) continue;
        const kb = this.#bytes[k] as Uint8Array;
        let j = 2;
        while (j < kb.length && LOWER[bytes[i + j] as number] === kb[j]) j++;
        if (j === kb.length) found[k] = 1;
      }
    }
    return found;
  }
}
