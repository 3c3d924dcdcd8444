import { describe, expect, it } from 'vitest';
import { parseDotenv } from './dotenv-parser.ts';

function values(text: string): Record<string, string> {
  return Object.fromEntries(parseDotenv(text).entries.map((e) => [e.key, e.value]));
}

describe('parseDotenv', () => {
  it('reads plain, exported, quoted and commented assignments', () => {
    const text = [
      '# ═══ Production ═══ (généré, ne pas committer) ✓',
      'export APP_ENV=production',
      'NAME=hello world # inline comment',
      'HASH=abc#def',
      "SINGLE='literal \\n $HOME'",
      'DOUBLE="tab\\there \\"quoted\\""',
      'EMPTY=',
      'EMPTY_QUOTED=""',
      'URL=postgres://u:p@h/db?sslmode=require',
      'BACKTICK=`it\'s "both"`',
    ].join('\n');
    expect(values(text)).toEqual({
      APP_ENV: 'production',
      NAME: 'hello world',
      HASH: 'abc#def',
      SINGLE: 'literal \\n $HOME',
      DOUBLE: 'tab\there "quoted"',
      EMPTY: '',
      EMPTY_QUOTED: '',
      URL: 'postgres://u:p@h/db?sslmode=require',
      BACKTICK: 'it\'s "both"',
    });
    const parsed = parseDotenv(text);
    expect(parsed.issues).toEqual([]);
    expect(parsed.comments).toEqual([{ line: 1, text: '═══ Production ═══ (généré, ne pas committer) ✓' }]);
    expect(parsed.entries.find((e) => e.key === 'APP_ENV')).toMatchObject({ exported: true, line: 2, column: 8 });
    expect(parsed.entries.find((e) => e.key === 'NAME')?.comment).toBe('inline comment');
  });

  it('reads multi-line quoted values and keeps the lines of what follows right', () => {
    const text = 'PRIVATE_KEY="-----BEGIN KEY-----\nabc\n-----END KEY-----"\nNEXT=1\n';
    const parsed = parseDotenv(text);
    expect(parsed.entries[0]).toMatchObject({ key: 'PRIVATE_KEY', value: '-----BEGIN KEY-----\nabc\n-----END KEY-----', line: 1, endLine: 3 });
    expect(parsed.entries[1]).toMatchObject({ key: 'NEXT', line: 4 });
  });

  it('handles CRLF line endings and a byte-order mark', () => {
    const parsed = parseDotenv('\uFEFFA=1\r\nB="x"\r\n');
    expect(parsed.entries.map((e) => [e.key, e.value, e.line])).toEqual([
      ['A', '1', 1],
      ['B', 'x', 2],
    ]);
    expect(parsed.issues).toEqual([]);
  });

  it.each([
    ['MY-KEY=1', 'invalid-key', 1],
    ['1KEY=1', 'invalid-key', 1],
    ['=value', 'invalid-key', 1],
    ['db_host=x', 'lowercase-key', 1],
    ['KEY = value', 'space-around-equals', 1],
    ['KEY= value', 'space-around-equals', 1],
    ['KEY="never closed\nOTHER=1', 'unbalanced-quotes', 1],
    ["KEY=it's", 'unbalanced-quotes', 1],
    ['KEY="a"b', 'unexpected-text', 1],
    ['OK=1\nJUST_A_KEY', 'key-without-value', 2],
    ['KEY=value  ', 'trailing-whitespace', 1],
    ['A=1\n   \nB=2', 'trailing-whitespace', 2],
  ])('reports %j as %s on line %d', (text, rule, line) => {
    const issue = parseDotenv(text).issues.find((i) => i.rule === rule);
    expect(issue?.line).toBe(line);
  });

  it('resumes after an unbalanced quote so later lines keep their numbers', () => {
    const parsed = parseDotenv('KEY="never closed\nOTHER=1\n');
    expect(parsed.entries.map((e) => [e.key, e.line])).toEqual([
      ['KEY', 1],
      ['OTHER', 2],
    ]);
  });

  it('does not treat `export` alone or a key named export as a prefix', () => {
    expect(values('export=1')).toEqual({ export: '1' });
  });
});
