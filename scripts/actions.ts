// The list of actions in this repository and what their action.yml says; shared by the scripts and tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** One input or output as action.yml declares it. */
export interface ActionYmlField {
  description?: string;
  required?: boolean;
  default?: string | number | boolean;
  deprecationMessage?: string;
}

/** The parts of action.yml the tooling reads. */
export interface ActionYml {
  name: string;
  description: string;
  inputs?: Record<string, ActionYmlField>;
  outputs?: Record<string, ActionYmlField>;
  runs: { using: string; main: string; post?: string; 'post-if'?: string };
}

/** Names of the actions (folders under actions/ that hold an action.yml). */
export function actionNames(): string[] {
  const dir = join(repoRoot, 'actions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'action.yml')))
    .sort();
}

/** The folder of one action. */
export function actionDir(name: string): string {
  return join(repoRoot, 'actions', name);
}

/** Parses one action's action.yml. */
export function readActionYml(name: string): ActionYml {
  return parse(readFileSync(join(actionDir(name), 'action.yml'), 'utf8')) as ActionYml;
}

/** How users reference an action in `uses:`. */
export function usesRef(name: string): string {
  return `deploysafe/deploysafe/actions/${name}@v1`;
}
