import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDirectory, type TreeScan } from './directory-scan.ts';
import { plantedCorpus } from './planted-corpus.ts';

const corpus = plantedCorpus();
let root: string;
let scan: TreeScan;

function writeTree(dir: string, files: Map<string, string>): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'secret-corpus-'));
  writeTree(root, corpus.files);
  execFileSync('git', ['init', '-q', root]);
  scan = await scanDirectory(root, { workers: 2 });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const key = (file: string, ruleId: string, secret: string) => `${file} ${ruleId} ${secret}`;

describe('the planted corpus', () => {
  it('is found with recall 1.0 and precision 1.0', () => {
    const expected = new Set(corpus.planted.filter((p) => !p.allowedInline).map((p) => key(p.file, p.ruleId, p.secret)));
    const reported = new Set(scan.findings.filter((f) => !f.allowedInline).map((f) => key(f.file, f.ruleId, f.secret)));
    const truePositives = [...reported].filter((r) => expected.has(r));
    const recall = truePositives.length / expected.size;
    const precision = truePositives.length / reported.size;
    const missed = [...expected].filter((e) => !reported.has(e)).map((e) => e.split(' ').slice(0, 2).join(' '));
    const extra = [...reported].filter((r) => !expected.has(r)).map((r) => r.split(' ').slice(0, 2).join(' '));
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(recall).toBe(1);
    expect(precision).toBe(1);
    expect(expected.size).toBeGreaterThanOrEqual(35);
  });

  it('covers every rule at least once', async () => {
    const { secretRules } = await import('./rules/index.ts');
    const planted = new Set(corpus.planted.map((p) => p.ruleId));
    expect(secretRules.map((r) => r.id).filter((id) => !planted.has(id))).toEqual([]);
  });

  it('marks findings accepted by an inline allow comment', () => {
    const allowed = scan.findings.filter((f) => f.allowedInline);
    expect(allowed.map((f) => f.file)).toEqual(corpus.planted.filter((p) => p.allowedInline).map((p) => p.file));
  });

  it('reads no ignored, vendored or lockfile content and says what it skipped', () => {
    const files = new Set(scan.findings.map((f) => f.file));
    for (const path of corpus.ignored) expect(files.has(path), path).toBe(false);
    expect(scan.ignoredBy).toBe('git');
    expect(scan.skipped.counts).toMatchObject({ vendored: 2, lockfile: 1 });
    expect(scan.filesScanned).toBe(corpus.files.size - corpus.ignored.length);
  });

  it('reports the line and column of each secret', () => {
    for (const f of scan.findings) {
      const lines = (corpus.files.get(f.file) as string).split('\n');
      expect(lines[f.line - 1]?.slice(f.column - 1)).toContain(f.secret.split('\n')[0]);
    }
  });
});

describe('the planted corpus under 100 seeds', () => {
  it('keeps recall and precision at 1.0 whatever the random credentials look like', async () => {
    const { SecretDetector } = await import('./detector.ts');
    const detector = new SecretDetector();
    let expectedCount = 0;
    const missed: string[] = [];
    const extra: string[] = [];
    for (let seed = 0; seed < 100; seed++) {
      const c = plantedCorpus(`seed-${seed}`);
      const expected = new Set(c.planted.map((p) => key(p.file, p.ruleId, p.secret)));
      expectedCount += expected.size;
      const reported = new Set<string>();
      for (const [path, content] of c.files) if (!c.ignored.includes(path)) for (const m of detector.scan(content, { path })) reported.add(key(path, m.ruleId, m.secret));
      for (const e of expected) if (!reported.has(e)) missed.push(`seed-${seed} ${e.split(' ').slice(0, 2).join(' ')}`);
      for (const r of reported) if (!expected.has(r)) extra.push(`seed-${seed} ${r.split(' ').slice(0, 2).join(' ')}`);
    }
    expect({ missed, extra }).toEqual({ missed: [], extra: [] });
    expect(expectedCount).toBeGreaterThan(4000);
  });
});
