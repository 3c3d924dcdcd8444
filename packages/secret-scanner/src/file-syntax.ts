// What a file's type says about how a literal value is written in it.

// Languages (and data formats) in which a literal string is always quoted: an unquoted word after
// `key =` or `key:` is an identifier, an expression or a type, never a secret.
const QUOTED_LITERALS = new Set(
  ('js mjs cjs jsx ts mts cts tsx map vue svelte astro coffee py pyi rb go java kt kts scala groovy gradle cs fs vb ' +
    'php rs swift c h cc cpp cxx hpp hh m mm dart lua pl pm r jl ex exs erl hrl clj cljs elm hs ml nim zig sol ' +
    'json json5 jsonc toml').split(' '),
);

/** True when values in the file at `path` are literals only inside quotes (source code, JSON, TOML). */
export function literalsNeedQuotes(path: string | undefined): boolean {
  if (!path) return false;
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && QUOTED_LITERALS.has(name.slice(dot + 1).toLowerCase());
}
