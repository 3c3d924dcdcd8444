import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanDirectory } from './directory-scan.ts';
import { fakeString, join as joinParts } from './fake-credentials.ts';
import { SecretDetector } from './detector.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(tmpdir(), 'secret-tree-'));
  dirs.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const token = (seed: string) => `${joinParts('gh', 'p_')}${fakeString(seed, 36)}`;

describe('scanDirectory outside a git work tree', () => {
  it('applies root and nested .gitignore files itself', async () => {
    const root = tree({
      '.gitignore': 'secrets/\n*.local\n',
      'app/.gitignore': 'generated.txt\n',
      'app/main.txt': `t=${token('a')}\n`,
      'app/generated.txt': `t=${token('b')}\n`,
      'secrets/x.txt': `t=${token('c')}\n`,
      'conf.local': `t=${token('d')}\n`,
    });
    const scan = await scanDirectory(root, { workers: 0 });
    expect(scan.ignoredBy).toBe('gitignore');
    expect(scan.findings.map((f) => f.file)).toEqual(['app/main.txt']);
  });

  it('skips binary and oversized content and lists what it could not read', async () => {
    const root = tree({
      'image.dat2': Buffer.concat([Buffer.from([0x00, 0x01]), Buffer.from(token('e'))]),
      'big.txt': `${'a'.repeat(2048)}\n${token('f')}\n`,
      'small.txt': `${token('g')}\n`,
    });
    const scan = await scanDirectory(root, { workers: 1, maxFileBytes: 1024 });
    expect(scan.findings.map((f) => f.file)).toEqual(['small.txt']);
    expect(scan.skipped.counts).toMatchObject({ binary: 1, 'too-large': 1 });
    expect(scan.skipped.unread).toEqual([{ file: 'big.txt', reason: 'too-large' }]);
  });

  it('finds the same on worker threads as on the calling thread', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`src/f${i}.txt`] = i % 7 === 0 ? `key=${token(`w${i}`)}\n` : `nothing ${i}\n`;
    const root = tree(files);
    const inline = await scanDirectory(root, { workers: 0 });
    const threaded = await scanDirectory(root, { workers: 2 });
    expect(threaded.findings).toEqual(inline.findings);
    expect(threaded.findings).toHaveLength(43);
    expect(threaded.filesScanned).toBe(300);
  });

  it('reads a few files at a time on the calling thread, so a tree larger than the file descriptor limit is read whole', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`src/f${i}.txt`] = `key=${token(`fd${i}`)}\n`;
    const root = tree(files);
    const script = `import { scanDirectory } from ${JSON.stringify(join(import.meta.dirname, 'directory-scan.ts'))};
      const scan = await scanDirectory(process.argv[1], { workers: 0 });
      console.log(JSON.stringify({ found: scan.findings.length, skipped: scan.skipped.counts }));`;
    // 64 descriptors: once, every file was opened at the same time and most failed with EMFILE.
    const out = execFileSync('sh', ['-c', 'ulimit -n 64 && exec "$0" --input-type=module -e "$1" "$2"', process.execPath, script, root], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ found: 300, skipped: {} });
  });
});

describe('scanDirectory in a git work tree', () => {
  it('says it left a submodule to its own repository instead of passing over it silently', async () => {
    const root = tree({ 'app.txt': `t=${token('sub')}\n`, 'vendorlib/readme.txt': 'a submodule checkout\n' });
    execFileSync('git', ['init', '-q', root]);
    execFileSync('git', ['-C', root, 'update-index', '--add', '--cacheinfo', `160000,${'a'.repeat(40)},vendorlib`]);
    const scan = await scanDirectory(root, { workers: 0 });
    expect(scan.ignoredBy).toBe('git');
    expect(scan.findings.map((f) => f.file)).toEqual(['app.txt']);
    expect(scan.skipped.counts).toMatchObject({ submodule: 1 });
  });
});

describe('SecretDetector', () => {
  const detector = new SecretDetector();

  it('honours security-scan:allow on the line or the line before', () => {
    const text = `a=${token('h')} # security-scan:allow fixture\n# security-scan:allow\nb=${token('i')}\n\nc=${token('j')}\n`;
    expect(detector.scan(text).map((f) => [f.line, f.allowedInline])).toEqual([
      [1, true],
      [3, true],
      [5, false],
    ]);
  });

  it('reports multi-line keys with their last line', () => {
    const found = detector.scan(`x\n${joinParts('-----BEGIN', ' OPENSSH PRIVATE KEY-----')}\n${fakeString('k1', 70)}\n${fakeString('k2', 70)}\n-----END OPENSSH PRIVATE KEY-----\n`);
    expect(found.map((f) => [f.ruleId, f.line, f.endLine])).toEqual([['openssh-private-key', 2, 5]]);
  });

  it('lets the specific rule win over the generic one on the same text', () => {
    expect(detector.scan(`GITHUB_TOKEN=${token('k')}`).map((f) => f.ruleId)).toEqual(['github-pat']);
  });
});
