import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RULES } from './rules.ts';

it('the README lists every rule with its group, severity and description', () => {
  const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (\w+) \| (\w+) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3], (m[4] as string).replace(/\\\|/g, '|')]);
  expect(rows).toEqual(Object.entries(RULES).map(([id, r]) => [id, r.group, r.severity, r.description]));
});
