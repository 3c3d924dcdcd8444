// `npm run demo`: runs the built actions the way the runner does, on example files, and prints
// what a person would see in GitHub (annotations, outputs, the job summary).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDist, type DistRun } from '../tests/harness/run-dist.ts';
import { repoRoot } from './actions.ts';

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

function show(title: string, run: DistRun): void {
  console.log(`\n${bold(`━━ ${title}`)}`);
  console.log(`exit code ${run.exitCode} in ${run.durationMs}ms`);
  for (const a of run.annotations) console.log(`  ${a.level.padEnd(7)} ${a.file ? `${a.file}:${a.line ?? ''} ` : ''}${a.message}`);
  console.log(`outputs: ${JSON.stringify(run.outputs)}`);
  console.log('job summary:');
  console.log(run.summary.replace(/<details>[\s\S]*?<\/details>/g, '(details collapsed)').replace(/^/gm, '  │ '));
}

const template = readFileSync(join(repoRoot, 'actions', 'config-validate', 'fixtures', 'handwritten.env.production'), 'utf8');

const bad = mkdtempSync(join(tmpdir(), 'demo-bad-'));
writeFileSync(join(bad, '.env.production'), template);
show('config-validate on a typical hand-written .env.production (placeholders left in)', await runDist('config-validate', { workspace: bad }));

const token = (n: number) => randomBytes(n).toString('base64url').slice(0, n);
const good = mkdtempSync(join(tmpdir(), 'demo-good-'));
writeFileSync(
  join(good, '.env.production'),
  template
    .replace('GENERATE_NEW_64_CHAR_KEY_HERE', randomBytes(32).toString('hex'))
    .replace('YOUR_PRODUCTION_JWT_SECRET_KEY', token(43))
    .replace('STRONG_PASSWORD_HERE', token(24))
    .replace('YOUR_PRODUCTION_STRIPE_KEY', `sk_live_${token(24)}`)
    .replace('your_app_password', token(20)),
);
show('config-validate on the same file with real (random) secrets filled in', await runDist('config-validate', { workspace: good }));
