// Every action's code declares the same inputs, defaults and outputs as its action.yml,
// and its README carries the generated blocks.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyInput } from '@deploysafe/action-kit';
import { actionDir, actionNames, readActionYml } from '../scripts/actions.ts';

const names = actionNames().filter((n) => existsSync(join(actionDir(n), 'src', 'inputs.ts')));

it('every action folder has its src/inputs.ts', () => {
  expect(names).toEqual(actionNames());
});

describe.each(names)('actions/%s', (name) => {
  const yml = readActionYml(name);

  it('declares in code the inputs of action.yml, with the same defaults and required flags', async () => {
    const mod = (await import(join(actionDir(name), 'src', 'inputs.ts'))) as { inputs: Record<string, AnyInput>; outputs: readonly string[] };
    const ymlInputs = yml.inputs ?? {};
    expect(Object.keys(mod.inputs)).toEqual(Object.keys(ymlInputs));
    for (const [input, def] of Object.entries(mod.inputs)) {
      const field = ymlInputs[input] ?? {};
      const ymlDefault = field.default === undefined || field.default === '' ? undefined : String(field.default);
      // A default that is a runner expression (the workflow token) is resolved by the runner, not the code.
      if (ymlDefault?.includes('${{')) expect(def.defaultValue, `default of ${input}`).toBeUndefined();
      else expect(def.defaultValue, `default of ${input}`).toBe(ymlDefault);
      expect(def.isRequired, `required flag of ${input}`).toBe(field.required === true);
      expect(field.description, `description of ${input}`).toBeTruthy();
    }
    expect([...mod.outputs].sort()).toEqual(Object.keys(yml.outputs ?? {}).sort());
  });

  it('runs on node24 from dist/', () => {
    expect(yml.runs.using).toBe('node24');
    expect(yml.runs.main).toBe('dist/index.js');
  });

  it('has a README with the generated usage, inputs and outputs blocks', () => {
    const readme = readFileSync(join(actionDir(name), 'README.md'), 'utf8');
    for (const block of ['usage', 'inputs', 'outputs']) {
      expect(readme).toContain(`<!-- action-docs:${block} -->`);
      expect(readme).toContain(`<!-- /action-docs:${block} -->`);
    }
  });
});
