// Whether a value is made of words (an identifier, a header or input name, an enum value) rather
// than random characters. Built to be wrong rarely on random strings: a generated secret of 16
// characters or more passes for words well under 1% of the time (measured in words.test.ts).

const SEPARATORS = /[-_./:@?$# ]+/;
// camelCase pieces: an acronym before a capitalised word (SSE|Customer), a word, an acronym, digits.
const PIECE = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+/g;
const VOWEL = /[aeiouy]/i;
const CONSONANT_RUN = /[^aeiouy\d]{6,}/i;

function wordlike(part: string): boolean {
  if (/^\d+$/.test(part)) return true;
  // SCREAMING_CASE words, or a short acronym with a version (EC2, S3, SHA256)
  if (/^[A-Z]{1,12}$|^[A-Z]{1,5}\d{1,4}$/.test(part)) return true;
  // lower-case words, possibly numbered (objectkey2, devstoreaccount1), or short abbreviations (html, grpc)
  if (/^[a-z]+\d{0,4}$/.test(part)) return !CONSONANT_RUN.test(part) && (part.length < 5 || VOWEL.test(part));
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(part)) return false;
  // In identifiers digits end a word (Base64Encoded, OAuth2Token); random strings scatter them.
  if (/\d[a-z]/.test(part) || (part.match(/\d+/g) ?? []).length > 1) return false;
  let letters = 0;
  let words = 0;
  let acronyms = 0;
  for (const piece of part.match(PIECE) ?? []) {
    if (/^\d/.test(piece)) {
      if (piece.length > 4) return false;
      continue;
    }
    words++;
    letters += piece.length;
    if (/[a-z]/.test(piece)) {
      const lower = piece.replace(/^[A-Z]/, '');
      // a word has a vowel; a lone lower-case letter only as a capitalised word's tail (By, Id)
      if (lower.length < (piece === lower ? 2 : 1) || !VOWEL.test(piece) || CONSONANT_RUN.test(piece)) return false;
    } else if (piece.length > 4 || ++acronyms > 1) {
      return false;
    }
  }
  return words > 0 && letters / words >= 2.5;
}

/**
 * True when `value` is a compound of words: `use-credentials`, `x-amz-security-token`,
 * `Access-Control-Allow-Origin`, `__vite_ssr_exports__`, `CreateOAuth2TokenCommand`, `_randomIndex`.
 */
export function isWordCompound(value: string): boolean {
  const parts = value.split(SEPARATORS).filter((p) => p !== '');
  if (parts.length === 0) return false;
  // a word of four letters or more, or three words (`_tryToRun`)
  const words = value.match(/[A-Z]?[a-z]+|[A-Z]+/g) ?? [];
  if (!words.some((w) => w.length >= 4 && VOWEL.test(w)) && words.length < 3) return false;
  return parts.every(wordlike);
}
