// Regenerates the usage block and the inputs/outputs tables of each action's README from its action.yml.
// With --check, changes nothing and fails when a README is out of date (CI runs it that way).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionDir, actionNames, readActionYml, usesRef, type ActionYml, type ActionYmlField } from './actions.ts';

function cell(text: string): string {
  return text.trim().replace(/\|/g, '\\|').replace(/\r?\n\s*\r?\n/g, '<br><br>').replace(/\r?\n/g, ' ');
}

function defaultText(field: ActionYmlField): string {
  if (field.default === undefined || field.default === '') return '';
  return `\`${String(field.default).replace(/\|/g, '\\|')}\``;
}

function usage(name: string, yml: ActionYml): string {
  const lines = ['```yaml', `- uses: ${usesRef(name)}`];
  const inputs = Object.entries(yml.inputs ?? {});
  if (inputs.length > 0) lines.push('  with:');
  for (const [input, field] of inputs) {
    for (const line of (field.description ?? '').trim().split('\n')) lines.push(`    # ${line}`.trimEnd());
    if (field.required) lines.push('    # Required.');
    if (field.default !== undefined && field.default !== '') lines.push(`    # Default: ${String(field.default)}`);
    lines.push(`    ${input}: ''`, '');
  }
  if (lines.at(-1) === '') lines.pop();
  lines.push('```');
  return lines.join('\n');
}

function inputsTable(yml: ActionYml): string {
  const rows = Object.entries(yml.inputs ?? {}).map(
    ([input, f]) => `| \`${input}\` | ${cell(f.description ?? '')} | ${f.required ? 'yes' : 'no'} | ${defaultText(f)} |`,
  );
  if (rows.length === 0) return '_This action has no inputs._';
  return ['| Input | Description | Required | Default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

function outputsTable(yml: ActionYml): string {
  const rows = Object.entries(yml.outputs ?? {}).map(([output, f]) => `| \`${output}\` | ${cell(f.description ?? '')} |`);
  if (rows.length === 0) return '_This action has no outputs._';
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBlock(text: string, marker: string, content: string, file: string): string {
  const start = `<!-- action-docs:${marker} -->`;
  const end = `<!-- /action-docs:${marker} -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${file} lacks the markers ${start} ... ${end}`);
  return `${text.slice(0, i + start.length)}\n${content}\n${text.slice(j)}`;
}

/** The README text with its generated blocks brought up to date. */
export function renderReadme(name: string, current: string, file: string): string {
  const yml = readActionYml(name);
  let text = replaceBlock(current, 'usage', usage(name, yml), file);
  text = replaceBlock(text, 'inputs', inputsTable(yml), file);
  text = replaceBlock(text, 'outputs', outputsTable(yml), file);
  return text;
}

const check = process.argv.includes('--check');
let stale = 0;
for (const name of actionNames()) {
  const file = join(actionDir(name), 'README.md');
  const rel = `actions/${name}/README.md`;
  let current: string;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    console.error(`${rel} is missing`);
    stale++;
    continue;
  }
  let next: string;
  try {
    next = renderReadme(name, current, rel);
  } catch (error) {
    console.error((error as Error).message);
    stale++;
    continue;
  }
  if (next === current) continue;
  if (check) {
    console.error(`${rel} does not match action.yml: run \`pnpm run docs\` and commit the result.`);
    stale++;
  } else {
    writeFileSync(file, next);
    console.log(`updated ${rel}`);
  }
}
if (stale > 0) process.exitCode = 1;
else if (check) console.log('action READMEs match action.yml');
