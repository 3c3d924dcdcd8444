/** Compares RubyGems versions as Gem::Version does: numeric segments, and letters start a prerelease. */
export function compareRubyVersions(a: string, b: string): number {
  const sa = segments(a);
  const sb = segments(b);
  for (let i = 0; i < Math.max(sa.length, sb.length); i++) {
    const x = sa[i] ?? 0;
    const y = sb[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'number') return -1;
    if (typeof x === 'number' && typeof y === 'string') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

function segments(version: string): (number | string)[] {
  const parts = version.trim().replace(/-/g, '.pre.').match(/[0-9]+|[a-z]+/gi) ?? [];
  const result = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  // Gem::Version drops trailing zeros before a prerelease, so 1.0.a == 1.a.
  while (result.length > 1 && result.at(-1) === 0) result.pop();
  return result;
}
