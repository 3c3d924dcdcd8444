// The README and the example workflow use only inputs and outputs that action.yml declares.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { readActionYml } from '../../../scripts/actions.ts';

const yml = readActionYml('security-scan');
const inputs = new Set(Object.keys(yml.inputs ?? {}));
const outputs = new Set(Object.keys(yml.outputs ?? {}));

function securityScanSteps(workflow: unknown): { with?: Record<string, unknown>; id?: string }[] {
  const jobs = Object.values((workflow as { jobs?: Record<string, { steps?: { uses?: string }[] }> }).jobs ?? {});
  return jobs.flatMap((j) => j.steps ?? []).filter((s) => s.uses?.startsWith('deploysafe/deploysafe/actions/security-scan@')) as { with?: Record<string, unknown> }[];
}

it('the example workflow and the README snippets pass only known inputs and read only known outputs', () => {
  const example = readFileSync(join(import.meta.dirname, '../../../workflows-examples/security-scan.yml'), 'utf8');
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const snippets = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] as string).filter((s) => s.includes('jobs:'));
  const workflows = [example, ...snippets].map((text) => parse(text) as unknown);
  expect(workflows.length).toBeGreaterThanOrEqual(3);
  for (const workflow of workflows) {
    const steps = securityScanSteps(workflow);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) for (const key of Object.keys(step.with ?? {})) expect(inputs, key).toContain(key);
  }
  for (const text of [example, readme]) for (const m of text.matchAll(/steps\.scan\.outputs\.([\w-]+)/g)) expect(outputs).toContain(m[1]);
});
