// Deterministic fake credentials for samples, tests and benchmarks: built at run time so no
// credential-shaped literal is committed (push protection and other scanners stay quiet).

/** Character sets for `fakeString`. */
export const ALPHABETS = {
  upperDigits: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  lowerHex: '0123456789abcdef',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  digits: '0123456789',
  lowerAlnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
} as const;

function hashSeed(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A pseudo-random string of `length` characters from `alphabet`, the same for the same seed. */
export function fakeString(seed: string, length: number, alphabet: string = ALPHABETS.alnum): string {
  let state = hashSeed(seed) || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out += alphabet[Math.floor(r * alphabet.length)];
  }
  return out;
}

/** Joins parts at run time; used for prefixes that scanners would flag as literals. */
export function join(...parts: string[]): string {
  return parts.join('');
}

const b64url = (text: string) => Buffer.from(text).toString('base64url');

/** A structurally valid fake JWT (header.payload.signature). */
export function fakeJwt(seed: string): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ sub: fakeString(`${seed}-sub`, 12, ALPHABETS.digits), name: 'Deploy Bot', iat: 1_700_000_000 }));
  return `${header}.${payload}.${fakeString(`${seed}-sig`, 43, ALPHABETS.base64url)}`;
}

/** A fake PEM private key block (random base64 body, not a usable key). */
export function fakePem(seed: string, label = 'RSA PRIVATE KEY', lineCount = 12, newline = '\n'): string {
  const lines = Array.from({ length: lineCount }, (_, i) => fakeString(`${seed}-${i}`, 64, ALPHABETS.base64));
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(newline);
}
