// Every sample workflow and every workflow snippet in the READMEs passes only inputs the
// deploysafe actions declare (and all their required ones), and reads only outputs they declare.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionDir, actionNames, readActionYml, repoRoot } from '../scripts/actions.ts';

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

/** The steps of a workflow, of a job, or of a snippet that is a list of steps or one step. */
function stepsOf(doc: unknown): Step[] {
  if (Array.isArray(doc)) return doc.filter((s): s is Step => typeof s === 'object' && s !== null);
  if (typeof doc !== 'object' || doc === null) return [];
  const d = doc as { jobs?: Record<string, { steps?: Step[] }>; steps?: Step[]; uses?: string };
  if (d.jobs) return Object.values(d.jobs).flatMap((j) => j.steps ?? []);
  if (d.steps) return d.steps;
  return d.uses ? [d as Step] : [];
}

const actionOf = (step: Step) => /^deploysafe\/deploysafe\/actions\/([\w-]+)@/.exec(step.uses ?? '')?.[1];

/** Checks one YAML text; returns how many deploysafe steps it held. `strict` also requires every referenced step id to exist. */
function check(text: string, where: string, strict: boolean): number {
  const steps = stepsOf(parse(text));
  const byId = new Map<string, string>();
  let count = 0;
  for (const step of steps) {
    const name = actionOf(step);
    if (!name) continue;
    expect(existsSync(join(actionDir(name), 'action.yml')), `${where}: unknown action ${name}`).toBe(true);
    const inputs = readActionYml(name).inputs ?? {};
    for (const key of Object.keys(step.with ?? {})) expect(Object.keys(inputs), `${where}: ${name} has no input ${key}`).toContain(key);
    for (const [key, field] of Object.entries(inputs)) if (field.required) expect(Object.keys(step.with ?? {}), `${where}: ${name} needs ${key}`).toContain(key);
    if (step.id) byId.set(step.id, name);
    count++;
  }
  for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    const name = byId.get(m[1] as string);
    if (!name) {
      if (strict && steps.some((s) => s.id === m[1])) continue; // another action's step (upload-sarif and the like)
      if (strict) expect.fail(`${where}: steps.${m[1]} is not a step of this workflow`);
      continue;
    }
    expect(Object.keys(readActionYml(name).outputs ?? {}), `${where}: ${name} has no output ${m[2]}`).toContain(m[2]);
  }
  return count;
}

describe('workflows-examples', () => {
  const files = readdirSync(join(repoRoot, 'workflows-examples')).filter((f) => f.endsWith('.yml'));
  it.each(files)('%s uses only declared inputs and outputs', (file) => {
    expect(check(readFileSync(join(repoRoot, 'workflows-examples', file), 'utf8'), file, true)).toBeGreaterThan(0);
  });
});

describe('README snippets', () => {
  const readmes = [join(repoRoot, 'README.md'), ...actionNames().map((n) => join(actionDir(n), 'README.md'))];
  it.each(readmes.map((r) => [r.slice(repoRoot.length + 1), r]))('%s uses only declared inputs and outputs', (rel, path) => {
    const text = readFileSync(path, 'utf8');
    let steps = 0;
    for (const [i, m] of [...text.matchAll(/```ya?ml\n([\s\S]*?)```/g)].entries()) {
      const body = m[1] as string;
      if (!body.includes('deploysafe/deploysafe/actions/')) continue;
      steps += check(body, `${rel} snippet ${i + 1}`, false);
    }
    if (rel !== 'README.md') expect(steps, `${rel} shows its action in use`).toBeGreaterThan(0);
  });
});
