// The Quick start's `npm run demo`: the whole pipeline, from config-validate to a rollback with the
// database restored, on the demo shop behind its router, with load counting failed requests.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../scripts/actions.ts';

it('runs the demo pipeline end to end with no failed request', () => {
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'demo.ts')], { cwd: repoRoot, encoding: 'utf8', timeout: 240_000 });
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, output).toBe(0);
  const steps = output.split('\n').filter((l) => /^(✅|🛑|❌) /.test(l));
  expect(steps.map((l) => l.slice(0, 2).trim())).toEqual(['✅', '✅', '✅', '✅', '✅', '✅', '✅', '✅', '🛑', '✅', '✅']);
  expect(output).toContain('error: orders are all there: json count >= 5: got 2');
  expect(output).toMatch(/Load through the router during the pipeline: \d+ requests, 0 failed \(v1: \d+, v2: \d+\)/);
  expect(output).toContain('Rolled back v2 → v1: v1 is live on blue');
}, 300_000);
