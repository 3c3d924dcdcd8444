const STABILITY: Record<string, number> = { dev: 0, alpha: 1, a: 1, beta: 2, b: 2, rc: 3, '': 4, stable: 4, patch: 5, pl: 5, p: 5 };

/** Compares Packagist versions the way Composer normalizes them: `v` prefix, up to four numbers, then stability. */
export function compareComposerVersions(a: string, b: string): number {
  const x = normalize(a);
  const y = normalize(b);
  for (let i = 0; i < 4; i++) {
    const d = (x.numbers[i] ?? 0) - (y.numbers[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.stability !== y.stability) return Math.sign(x.stability - y.stability);
  return Math.sign(x.stabilityNumber - y.stabilityNumber);
}

function normalize(version: string): { numbers: number[]; stability: number; stabilityNumber: number } {
  const match = version.trim().toLowerCase().replace(/^v/, '').match(/^(\d+(?:\.\d+){0,3})(?:[-._]?([a-z]+)[-._]?(\d+)?)?/);
  if (!match) return { numbers: [], stability: 4, stabilityNumber: 0 };
  return {
    numbers: (match[1] as string).split('.').map(Number),
    stability: STABILITY[match[2] ?? ''] ?? 4,
    stabilityNumber: Number(match[3] ?? 0),
  };
}
