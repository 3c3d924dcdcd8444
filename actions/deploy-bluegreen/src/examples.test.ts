// The sample workflows and the README's workflow snippets pass only inputs that the actions
// declare and read only outputs they declare (for every deploysafe action already in the repo).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionDir, readActionYml, repoRoot } from '../../../scripts/actions.ts';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

function steps(workflow: unknown): Step[] {
  const jobs = Object.values((workflow as { jobs?: Record<string, { steps?: Step[] }> }).jobs ?? {});
  return jobs.flatMap((j) => j.steps ?? []);
}

it('the deploy workflows use only declared inputs and outputs', () => {
  const files = ['deploy-bluegreen.yml', 'deploy-bluegreen-ssh.yml'].map((f) => readFileSync(join(repoRoot, 'workflows-examples', f), 'utf8'));
  const readme = readFileSync(join(actionDir('deploy-bluegreen'), 'README.md'), 'utf8');
  const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).filter((s) => s.includes('jobs:'));
  let checked = 0;
  for (const text of [...files, ...snippets]) {
    const all = steps(parse(text));
    const byId = new Map(all.filter((s) => s.id).map((s) => [s.id as string, s]));
    for (const step of all) {
      const name = /^deploysafe\/deploysafe\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1];
      if (!name || !existsSync(join(actionDir(name), 'action.yml'))) continue;
      const declared = Object.keys(readActionYml(name).inputs ?? {});
      for (const key of Object.keys(step.with ?? {})) expect(declared, `${name} input ${key}`).toContain(key);
      checked++;
    }
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const name = /actions\/([\w-]+)@/.exec(byId.get(m[1] as string)?.uses ?? '')?.[1];
      expect(name, `step ${m[1]}`).toBeDefined();
      if (existsSync(join(actionDir(name as string), 'action.yml'))) expect(Object.keys(readActionYml(name as string).outputs ?? {}), `${name} output ${m[2]}`).toContain(m[2]);
    }
  }
  expect(checked).toBeGreaterThanOrEqual(8);
});
