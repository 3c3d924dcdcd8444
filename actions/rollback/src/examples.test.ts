// workflows-examples/rollback.yml and the README's workflow snippets pass only inputs that the
// actions they use declare, and read only outputs those actions declare.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { readActionYml } from '../../../scripts/actions.ts';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

function deploysafeSteps(workflow: unknown): { action: string; step: Step }[] {
  const jobs = Object.values((workflow as { jobs?: Record<string, { steps?: Step[] }> }).jobs ?? {});
  return jobs
    .flatMap((j) => j.steps ?? [])
    .flatMap((step) => {
      const action = /^deploysafe\/deploysafe\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1];
      return action ? [{ action, step }] : [];
    });
}

it('the rollback example workflow and README snippets use only declared inputs and outputs', () => {
  const example = readFileSync(join(import.meta.dirname, '../../../workflows-examples/rollback.yml'), 'utf8');
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).filter((s) => s.includes('jobs:'));
  const texts = [example, ...snippets];
  expect(texts.length).toBeGreaterThanOrEqual(2);
  for (const text of texts) {
    const steps = deploysafeSteps(parse(text));
    expect(steps.some((s) => s.action === 'rollback')).toBe(true);
    const byId = new Map<string, string>();
    for (const { action, step } of steps) {
      const yml = readActionYml(action);
      for (const key of Object.keys(step.with ?? {})) expect(Object.keys(yml.inputs ?? {}), `${action} input ${key}`).toContain(key);
      const required = Object.entries(yml.inputs ?? {}).filter(([, f]) => f.required).map(([k]) => k);
      for (const key of required) expect(Object.keys(step.with ?? {}), `${action} needs ${key}`).toContain(key);
      if (step.id) byId.set(step.id, action);
    }
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      const action = byId.get(m[1] as string);
      expect(action, `step ${m[1]}`).toBeDefined();
      expect(Object.keys(readActionYml(action as string).outputs ?? {}), `${action} output ${m[2]}`).toContain(m[2]);
    }
  }
});
