// Secret scanning speed, side by side on two trees: a generated one (source-like filler with
// planted credentials among decoys) and one of real code (this workspace's installed packages,
// copied at run time). On each: @deploysafe/secret-scanner (what security-scan runs), the action
// bundle end to end, secretlint's recommended preset, and ripgrep running a comparable pattern
// set. Targets: at least 30x secretlint, within 20x of ripgrep. On the real tree every finding is
// a false positive except the few credentials this script appends to its largest and smallest files.
//   node_modules/.bin/node benchmarks/security-scan-secrets.ts [--tree synthetic|real|both] [--files N] [--runs N] [--all-versions]
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeString, scanDirectory } from '@deploysafe/secret-scanner';
import { plantedCorpus } from '@deploysafe/secret-scanner/testing';
import { buildRealCodeTree } from './real-code-tree.ts';
import { median } from './support.ts';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const sourceFiles = arg('files', 3000);
const runs = arg('runs', 3);
const treeArg = process.argv.includes('--tree') ? process.argv[process.argv.indexOf('--tree') + 1] : 'both';
const work = join(here, '.work');

// Ordinary source code: identifiers, strings and the words (token, key, secret, password) that
// make a keyword prefilter work for its living, but no credentials.
const WORDS = ['const', 'let', 'return', 'function', 'await', 'import', 'export', 'user', 'order', 'cart', 'price', 'total', 'items', 'request', 'response', 'config', 'token', 'key', 'secret', 'password', 'session', 'cache', 'query', 'result', 'error', 'logger', 'status', 'header', 'value', 'index', 'https://api.shop.test/v1/orders', 'process.env.API_TOKEN', 'sha256', 'map', 'filter'];
function sourceFile(seed: number): string {
  let state = seed * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state;
  };
  const lines: string[] = [];
  // Sizes like a real repository: mostly a few KiB, some much larger.
  const count = next() % 10 === 0 ? 400 + (next() % 1200) : 15 + (next() % 120);
  for (let i = 0; i < count; i++) {
    const n = 4 + (next() % 10);
    const words = Array.from({ length: n }, () => WORDS[next() % WORDS.length]);
    lines.push(`${"  ".repeat(next() % 4)}${words.join(" ")}${next() % 5 === 0 ? ` = "${words[0]} ${words[1]}";` : ";"}`);
  }
  return `${lines.join('\n')}\n`;
}

interface Tree {
  name: string;
  root: string;
  files: number;
  bytes: number;
  /** Credentials planted on purpose: every other finding is a false positive. */
  planted: Planted[];
}

/** A planted credential and the line it starts on (reports that never hold a secret are matched by file and line). */
interface Planted {
  file: string;
  secret: string;
  line: number;
}

function locate(root: string, file: string, secret: string): Planted {
  const text = readFileSync(join(root, file), 'latin1');
  return { file, secret, line: text.slice(0, text.indexOf(secret.split('\n')[0] as string)).split('\n').length };
}

function secretlintConfig(root: string): void {
  writeFileSync(join(root, '.secretlintrc.json'), JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
}

function buildSyntheticTree(): Tree {
  const root = join(work, 'security-scan-tree');
  rmSync(root, { recursive: true, force: true });
  let files = 0;
  let bytes = 0;
  const planted: { file: string; secret: string }[] = [];
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    files++;
    bytes += Buffer.byteLength(content);
  };
  for (let i = 0; i < sourceFiles; i++) write(`src/module${i % 40}/file${i}.ts`, sourceFile(i + 1));
  // One planted corpus (a few dozen credentials among decoys) per 300 source files.
  for (let c = 0; c < Math.max(1, Math.floor(sourceFiles / 300)); c++) {
    const corpus = plantedCorpus(`bench-${c}`);
    for (const [path, content] of corpus.files) if (!corpus.ignored.includes(path) && path !== '.gitignore') write(`corpus${c}/${path}`, content);
    planted.push(...corpus.planted.filter((p) => !p.allowedInline).map((p) => ({ file: `corpus${c}/${p.file}`, secret: p.secret })));
  }
  secretlintConfig(root);
  execFileSync('git', ['init', '-q', root]);
  return { name: 'synthetic', root, files, bytes, planted: planted.map((p) => locate(root, p.file, p.secret)) };
}

function textFiles(root: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '.git') visit(path);
      else if (entry.isFile() && /\.(?:js|cjs|mjs|ts|json|md)$/.test(entry.name)) out.push({ path, size: statSync(path).size });
    }
  };
  visit(root);
  return out.sort((a, b) => b.size - a.size);
}

// Real code: no credentials but those appended here, to the three largest files and three small ones,
// so the table also shows which tools read a whole 9 MB file.
function buildRealTree(): Tree {
  const root = join(work, 'security-scan-real-tree');
  const built = buildRealCodeTree(root, { allVersions: process.argv.includes('--all-versions') });
  const files = textFiles(root);
  const targets = [...files.slice(0, 3), ...files.filter((f) => f.size > 2000 && f.size < 4000).slice(0, 3)];
  const planted = targets.map((t, i) => {
    const secret = `${['gh', 'p_'].join('')}${fakeString(`real-tree-${i}`, 36)}`;
    appendFileSync(t.path, `\nconst deployToken = "${secret}";\n`);
    return locate(root, relative(root, t.path), secret);
  });
  secretlintConfig(root);
  return { name: 'real code', root, files: built.files, bytes: built.bytes, planted };
}

// A pattern set comparable to the scanner's rules, in ripgrep's regex syntax (no look-around).
const RG_PATTERNS = [
  String.raw`(AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`,
  String.raw`(?i)(aws.{0,20}secret|secret_?access_?key).{0,20}[:=]\s*["']?[A-Za-z0-9/+]{40}`,
  String.raw`AIza[\w-]{35}`,
  String.raw`"private_key_id"\s*:\s*"[a-f0-9]{40}"`,
  String.raw`(?i)AccountKey\s*=\s*[A-Za-z0-9+/]{86}==`,
  String.raw`(?i)SharedAccessKey\s*=\s*[A-Za-z0-9+/]{43}=`,
  String.raw`sv=\d{4}-\d\d-\d\d&[^\s"']*sig=[A-Za-z0-9%+/]{40,}`,
  String.raw`[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}`,
  String.raw`gh[pousr]_[A-Za-z0-9]{36,}`,
  String.raw`github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}`,
  String.raw`glpat-[\w-]{20,}`,
  String.raw`(glptt-[0-9a-f]{40}|glrt-[\w-]{20,}|gldt-[\w-]{20,})`,
  String.raw`xox[bpaeor]-\d{6,15}-[\w-]{6,}`,
  String.raw`xapp-\d-[A-Z0-9]{6,}-\d{6,}-[a-z0-9]{20,}`,
  String.raw`https?://hooks\.slack\.com/(services|workflows|triggers)/[A-Za-z0-9+/_-]{30,}`,
  String.raw`https://(canary\.|ptb\.)?discord(app)?\.com/api/webhooks/\d{17,20}/[\w-]{60,68}`,
  String.raw`(?i)discord[\w.-]{0,30}\s*[:=]\s*["']?[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40}`,
  String.raw`[sr]k_(live|test)_[A-Za-z0-9]{24,}`,
  String.raw`whsec_[A-Za-z0-9]{32,}`,
  String.raw`SG\.[\w-]{22}\.[\w-]{43}`,
  String.raw`key-[0-9a-f]{32}`,
  String.raw`SK[0-9a-f]{32}`,
  String.raw`(?i)twilio[\w.-]{0,30}(auth|token|secret)[\w.-]{0,20}\s*[:=]\s*["']?[0-9a-f]{32}`,
  String.raw`sk-(proj|svcacct|admin)-[\w-]{40,}`,
  String.raw`sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`,
  String.raw`sk-ant-(api|admin|sid)\d\d-[\w-]{80,120}`,
  String.raw`hf_[A-Za-z]{34}`,
  String.raw`npm_[A-Za-z0-9]{36}`,
  String.raw`:_(authToken|auth|password)\s*=\s*[^\s"'$]{16,}`,
  String.raw`pypi-AgEIcHlwaS5vcmc[\w-]{50,}`,
  String.raw`-----BEGIN[ A-Z0-9_-]{0,20} PRIVATE KEY( BLOCK)?-----`,
  String.raw`eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{16,}`,
  String.raw`[a-z][a-z0-9+.-]{1,30}://[^\s:@/'"]{0,100}:[^\s:@/'"]{4,200}@[^\s/'"]+`,
  String.raw`(?i)(secret|passw(or)?d|passphrase|pwd|token|api[_.-]?key|access[_.-]?key|auth[_.-]?key|private[_.-]?key|credentials?)[\w.-]{0,30}["']?[ \t]*(:=|=>|=|:)[ \t]*["'\x60]?[^\s"'\x60;,<>(){}\[\]\\&|]{8,256}`,
];

async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const bundle = join(here, '..', 'actions', 'security-scan', 'dist', 'index.js');
const secretlintBin = join(here, 'node_modules', '.bin', 'secretlint');

/** Runs the four scanners on one tree and prints times, findings, planted credentials found and the ratios. */
async function measure(tree: Tree): Promise<void> {
  const { root, planted } = tree;
  console.log(`\n== ${tree.name} tree: ${tree.files} files, ${(tree.bytes / 1024 / 1024).toFixed(1)} MiB, ${planted.length} planted credentials; ${availableParallelism()} cores; median of ${runs} runs`);
  const foundIn = (text: string) => planted.filter((p) => text.includes(p.secret)).length;
  const at = (file: string, line: number) => planted.some((p) => p.file === file && p.line === line);

  // The library in this process, both threads.
  const ours: number[] = [];
  let library = { findings: 0, planted: 0 };
  for (let i = 0; i < runs; i++) {
    ours.push(
      await time(async () => {
        const scan = await scanDirectory(root);
        library = { findings: scan.findings.length, planted: foundIn(scan.findings.map((f) => f.secret).join('\n')) };
      }),
    );
  }

  // The action as users run it: the bundle in its own process (Node start-up, git ls-files, both threads, SARIF and report).
  const outDir = join(work, 'security-scan-out');
  mkdirSync(outDir, { recursive: true });
  const reportPath = join(outDir, 'report.json');
  const actionEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? outDir,
    GITHUB_WORKSPACE: root,
    RUNNER_TEMP: outDir,
    INPUT_SCANNERS: 'secrets',
    INPUT_PATH: root,
    INPUT_HISTORY: 'none',
    'INPUT_FAIL-ON': 'high',
    INPUT_SARIF: join(outDir, 'scan.sarif'),
    INPUT_REPORT: reportPath,
    'INPUT_OSV-URL': 'https://api.osv.dev',
    'INPUT_ONLY-NEW': 'false',
  };
  const action: number[] = [];
  let actionResult = { findings: 0, planted: 0 };
  for (let i = 0; i < runs; i++) {
    action.push(
      await time(() => {
        rmSync(reportPath, { force: true });
        const out = spawnSync(process.execPath, [bundle], { cwd: root, env: actionEnv, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
        if (out.error) throw out.error;
        const report = JSON.parse(readFileSync(reportPath, 'utf8')) as { findings: { location: { file: string; line: number } }[] };
        actionResult = { findings: report.findings.length, planted: report.findings.filter((f) => at(f.location.file, f.location.line)).length };
      }),
    );
  }

  const rgArgs = ['--no-heading', '-n', '--no-config', '--hidden', '--glob', '!.git', ...RG_PATTERNS.flatMap((p) => ['-e', p]), '.'];
  const rg: number[] = [];
  let rgResult = { findings: 0, planted: 0 };
  for (let i = 0; i < runs; i++) {
    rg.push(
      await time(() => {
        const out = spawnSync('rg', rgArgs, { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
        if (out.error) throw new Error(`ripgrep is not installed: ${out.error.message}`);
        rgResult = { findings: out.stdout.split('\n').filter(Boolean).length, planted: foundIn(out.stdout) };
      }),
    );
  }

  const secretlint: number[] = [];
  let secretlintResult = { findings: 0, planted: 0 };
  for (let i = 0; i < runs; i++) {
    secretlint.push(
      await time(() => {
        const out = spawnSync(secretlintBin, ['**/*', '--format', 'compact', '--no-color'], { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}` } });
        if (out.error) throw out.error;
        const lines = out.stdout.split('\n').filter((l) => /: line \d+/.test(l));
        // secretlint masks what it prints: match planted credentials by file and line.
        const reported = new Set(lines.map((l) => /^(.*): line (\d+),/.exec(l)).filter((m) => m !== null).map((m) => `${relative(root, m[1] as string)}:${m[2]}`));
        secretlintResult = { findings: lines.length, planted: planted.filter((p) => reported.has(`${p.file}:${p.line}`)).length };
      }),
    );
  }

  const o = median(ours);
  const a = median(action);
  const r = median(rg);
  const s = median(secretlint);
  const row = (name: string, ms: number, result: { findings: number; planted: number }, what: string) =>
    console.log(`${name.padEnd(48)} ${`${(ms / 1000).toFixed(2)}s`.padStart(8)}  planted found ${`${result.planted}/${planted.length}`.padStart(7)}  ${String(result.findings).padStart(5)} ${what}`);
  row('security-scan action bundle (process, 2 threads)', a, actionResult, 'findings (SARIF and report written)');
  row('@deploysafe/secret-scanner in process', o, library, 'findings');
  row('ripgrep, comparable pattern set (process)', r, rgResult, 'matching lines (no filtering)');
  row('secretlint + preset-recommend (process)', s, secretlintResult, 'reported lines');
  console.log('');
  console.log(`secretlint / action   = ${(s / a).toFixed(1)}x faster   (target >= 30x: ${s / a >= 30 ? 'met' : 'NOT met'})`);
  console.log(`secretlint / library  = ${(s / o).toFixed(1)}x faster`);
  console.log(`action / ripgrep      = ${(a / r).toFixed(1)}x slower   (target <= 20x: ${a / r <= 20 ? 'met' : 'NOT met'})`);
  console.log(`library / ripgrep     = ${(o / r).toFixed(1)}x slower`);
  console.log(`secretlint / ripgrep  = ${(s / r).toFixed(1)}x: how much faster than secretlint a plain regex search is on this tree`);
}

if (treeArg === 'synthetic' || treeArg === 'both') await measure(buildSyntheticTree());
if (treeArg === 'real' || treeArg === 'both') await measure(buildRealTree());
