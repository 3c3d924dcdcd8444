import { describe, expect, it } from 'vitest';
import { SecretDetector } from '../detector.ts';
import { ALPHABETS, fakeString } from '../fake-credentials.ts';
import { genericRules, looksLikeLiteralSecret } from './generic.ts';

const detector = new SecretDetector(genericRules);
const found = (text: string, path?: string) => detector.scan(text, path ? { path } : {}).map((m) => m.secret);

describe('generic-secret and the file type', () => {
  const value = fakeString('generic-file-1', 24);

  it('takes an unquoted value on a configuration line of a configuration file', () => {
    for (const path of ['.env', 'deploy/.env.production', 'config/app.ini', 'k8s/values.yaml', 'scripts/backup.sh', 'Dockerfile', 'notes.md']) {
      expect(found(`DB_PASSWORD=${value}\n`, path), path).toEqual([value]);
    }
    expect(found(`ENV DB_PASSWORD=${value}\n`, 'Dockerfile')).toEqual([value]);
    expect(found(`app:\n  db:\n    password: ${value} # rotated\n`, 'values.yaml')).toEqual([value]);
  });

  it('takes only quoted values in source code, JSON and TOML', () => {
    for (const path of ['src/db.ts', 'app/settings.py', 'main.go', 'dist/index.js', 'dist/index.js.map', 'package.json', 'pyproject.toml']) {
      expect(found(`DB_PASSWORD=${value}\n`, path), path).toEqual([]);
      expect(found(`password = "${value}"\n`, path), path).toEqual([value]);
    }
  });

  it('takes no unquoted value in the middle of a line of prose or code', () => {
    expect(found(`The token: ${value} is printed here`, 'README.md')).toEqual([]);
    expect(found(`return { token: ${value} };`)).toEqual([]);
    expect(found(`  token: ${value} && other`)).toEqual([]);
  });

  it('ignores secret words inside package names', () => {
    expect(found(`"@acme/secret-store": "${value}"`, 'package.json')).toEqual([]);
  });
});

describe('looksLikeLiteralSecret on random values', () => {
  // Identifier filters must not eat generated secrets: measure how many random values of each shape survive.
  const alphabets = { alnum: ALPHABETS.alnum, base64: ALPHABETS.base64, base64url: ALPHABETS.base64url, lowerAlnum: ALPHABETS.lowerAlnum, printable: `${ALPHABETS.alnum}!#%+-./:=?@^_~` };
  it.each(Object.entries(alphabets))('keeps at least 99%% of 16 to 40 character %s values', (name, alphabet) => {
    let kept = 0;
    const n = 3000;
    for (let i = 0; i < n; i++) if (looksLikeLiteralSecret(fakeString(`${name}-${i}`, 16 + (i % 25), alphabet))) kept++;
    expect(kept / n).toBeGreaterThanOrEqual(0.99);
  });
});
