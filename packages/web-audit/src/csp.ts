/** One Content-Security-Policy: directive name (lower case) to its source list. */
export type CspPolicy = Map<string, string[]>;

/**
 * Parses a Content-Security-Policy header value. Several policies (repeated headers, which the
 * probe joins with `, `) are returned separately: each is enforced. The first occurrence of a
 * directive wins, as browsers do. Undefined when nothing parses.
 */
export function parseCsp(value: string): CspPolicy[] | undefined {
  const policies: CspPolicy[] = [];
  for (const text of value.split(',')) {
    const policy: CspPolicy = new Map();
    for (const directive of text.split(';')) {
      const tokens = directive.trim().split(/\s+/).filter(Boolean);
      const name = tokens.shift()?.toLowerCase();
      if (!name) continue;
      if (!/^[a-z-]+$/.test(name)) return undefined;
      if (!policy.has(name)) policy.set(name, tokens);
    }
    if (policy.size > 0) policies.push(policy);
  }
  return policies.length > 0 ? policies : undefined;
}

const FETCH_FALLBACK: Record<string, string[]> = {
  'script-src': ['script-src', 'default-src'],
  'style-src': ['style-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'media-src': ['media-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
  'connect-src': ['connect-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
};

/** The source list that governs `directive` (falling back to default-src), or undefined when nothing restricts it. */
export function effectiveSources(policy: CspPolicy, directive: string): string[] | undefined {
  for (const name of FETCH_FALLBACK[directive] ?? [directive]) {
    const sources = policy.get(name);
    if (sources) return sources.map((s) => s.toLowerCase());
  }
  return undefined;
}

const NONCE_OR_HASH = /^'(nonce-|sha256-|sha384-|sha512-)/;

/** What a set of policies allows, in the terms Observatory grades. */
export interface CspAnalysis {
  /** Inline scripts run: `'unsafe-inline'` without a nonce or hash, or no script-src/default-src at all. */
  unsafeInlineScripts: boolean;
  /** Script sources so broad they allow any script: `*`, `http:`, `https:`, `data:`. */
  broadScriptSources: string[];
  unsafeEval: boolean;
  unsafeInlineStyles: boolean;
  /** Directives allowing `http:` or `http://` sources for active content (scripts, styles, objects, frames, connections). */
  insecureActive: string[];
  /** Directives allowing `http:` sources for passive content (images, media, fonts). */
  insecurePassive: string[];
  defaultSrcNone: boolean;
  /** frame-ancestors is set (clickjacking protection). */
  frameAncestors: boolean;
  /** object-src resolves to 'none'. */
  objectSrcNone: boolean;
}

/** A source is allowed by a set of policies only if every policy allows it, so each property needs all policies to agree. */
export function analyzeCsp(policies: readonly CspPolicy[]): CspAnalysis {
  const every = (test: (p: CspPolicy) => boolean) => policies.every(test);
  const some = (test: (p: CspPolicy) => boolean) => policies.some(test);
  const scripts = (p: CspPolicy) => effectiveSources(p, 'script-src');
  const broad = new Set<string>();
  for (const p of policies) for (const s of scripts(p) ?? ['*']) if (['*', 'http:', 'https:', 'data:'].includes(s) && every((q) => (scripts(q) ?? ['*']).includes(s))) broad.add(s);
  const insecure = (directives: string[]) => directives.filter((d) => every((p) => (effectiveSources(p, d) ?? []).some((s) => s === 'http:' || s.startsWith('http://'))));
  return {
    unsafeInlineScripts: every((p) => {
      const s = scripts(p);
      return s === undefined || (s.includes("'unsafe-inline'") && !s.some((x) => NONCE_OR_HASH.test(x)));
    }),
    broadScriptSources: [...broad],
    unsafeEval: every((p) => {
      const s = scripts(p);
      return s === undefined || s.includes("'unsafe-eval'");
    }),
    unsafeInlineStyles: every((p) => {
      const s = effectiveSources(p, 'style-src');
      return s === undefined || s.includes("'unsafe-inline'");
    }),
    insecureActive: insecure(['script-src', 'style-src', 'object-src', 'frame-src', 'connect-src']),
    insecurePassive: insecure(['img-src', 'media-src', 'font-src']),
    defaultSrcNone: some((p) => {
      const d = p.get('default-src');
      return d !== undefined && d.length === 1 && d[0] === "'none'";
    }),
    frameAncestors: some((p) => p.has('frame-ancestors')),
    objectSrcNone: some((p) => {
      const o = effectiveSources(p, 'object-src');
      return o !== undefined && o.length === 1 && o[0] === "'none'";
    }),
  };
}
