// Regenerates the secret rule tables in the READMEs from the rules themselves (ids, severities,
// descriptions, prefilter keywords). With --check, changes nothing and fails when a table is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretRules } from '../packages/secret-scanner/src/rules/index.ts';
import { repoRoot } from './actions.ts';

const FILES = ['actions/security-scan/README.md', 'packages/secret-scanner/README.md'];
const START = '<!-- secret-rules -->';
const END = '<!-- /secret-rules -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The rule table in Markdown. */
export function renderRules(): string {
  const rows = secretRules.map((r) => `| \`${r.id}\` | ${cell(r.title)} | ${r.severity} | ${cell(r.description)} | ${r.keywords.map((k) => `\`${cell(k)}\``).join(' ')} |`);
  return [`${secretRules.length} rules. Where two rules match the same text, the one listed first wins.`, '', '| Rule id | Credential | Severity | What it means | Prefilter keywords |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const check = process.argv.includes('--check');
let stale = 0;
for (const rel of FILES) {
  const file = join(repoRoot, rel);
  const text = readFileSync(file, 'utf8');
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  if (i < 0 || j < i) {
    console.error(`${rel} lacks the markers ${START} ... ${END}`);
    stale++;
    continue;
  }
  const next = `${text.slice(0, i + START.length)}\n${renderRules()}\n${text.slice(j)}`;
  if (next === text) continue;
  if (check) {
    console.error(`${rel}: the secret rule table is out of date: run \`pnpm docs\` and commit the result.`);
    stale++;
  } else {
    writeFileSync(file, next);
    console.log(`updated the secret rule table in ${rel}`);
  }
}
if (stale > 0) process.exitCode = 1;
else if (check) console.log('secret rule tables match the rules');
