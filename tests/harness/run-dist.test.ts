import { describe, expect, it } from 'vitest';
import { parseFileCommands, parseWorkflowCommands } from './run-dist.ts';

describe('the harness parsers', () => {
  it('reads plain and heredoc file commands', () => {
    const text = 'valid=false\nreport<<ghadelimiter_1\n{"a":\n1}\nghadelimiter_1\nerrors=3\n';
    expect(parseFileCommands(text)).toEqual({ valid: 'false', report: '{"a":\n1}', errors: '3' });
  });

  it('fails on an unterminated heredoc rather than guessing', () => {
    expect(() => parseFileCommands('x<<EOF\nvalue\n')).toThrow(/unterminated heredoc/);
  });

  it('unescapes workflow command properties and data', () => {
    const [cmd] = parseWorkflowCommands('::error file=a%2Cb.env,line=3,title=x%3Ay::50%25 done%0Anext');
    expect(cmd).toEqual({ command: 'error', properties: { file: 'a,b.env', line: '3', title: 'x:y' }, message: '50% done\nnext' });
  });
});
