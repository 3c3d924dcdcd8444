import { describe, expect, it } from 'vitest';
import { MemoryLogger } from './logger.ts';
import { CommandFailedError, CommandNotFoundError, parseCommandLine, runCommand } from './run-command.ts';

describe('runCommand', () => {
  it('passes arguments verbatim, with no shell in between', async () => {
    const tricky = ['$(touch /tmp/pwned)', 'a b', "it's", '; rm -rf /', '`id`'];
    const result = await runCommand('printf', ['%s\\n', ...tricky]);
    expect(result.stdout.split('\n').slice(0, -1)).toEqual(tricky);
    expect(result.exitCode).toBe(0);
  });

  it('throws CommandFailedError with the last stderr line on a non-zero exit', async () => {
    const error = await runCommand('sh', ['-c', 'echo boom >&2; exit 3']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandFailedError);
    expect((error as CommandFailedError).message).toBe("`sh -c 'echo boom >&2; exit 3'` exited with code 3: boom");
    expect((error as CommandFailedError).result.exitCode).toBe(3);
  });

  it('returns the result instead when check is false', async () => {
    const result = await runCommand('sh', ['-c', 'exit 7'], { check: false });
    expect(result.exitCode).toBe(7);
  });

  it('names a missing program clearly', async () => {
    await expect(runCommand('definitely-not-a-program-xyz', [])).rejects.toThrow(CommandNotFoundError);
    await expect(runCommand('definitely-not-a-program-xyz', [])).rejects.toThrow('`definitely-not-a-program-xyz` was not found on PATH');
  });

  it('kills the whole process group on timeout, grandchildren included', async () => {
    const started = Date.now();
    // The grandchild holds stdout open; only a group kill lets this return promptly.
    const error = await runCommand('sh', ['-c', 'sleep 30 & sleep 30; echo never'], { timeoutMs: 300, killGraceMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandFailedError);
    expect((error as CommandFailedError).result.timedOut).toBe(true);
    expect((error as CommandFailedError).message).toMatch(/timed out after/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('streams output lines to the logger with a prefix, and feeds stdin', async () => {
    const logger = new MemoryLogger();
    await runCommand('sh', ['-c', 'cat; echo err >&2'], { input: 'one\ntwo', logger, logPrefix: '[x] ' });
    const lines = logger.of('info').map((e) => e.message);
    expect(lines).toContain('[x] one');
    expect(lines).toContain('[x] two');
    expect(lines).toContain('[x] err');
  });

  it('sets and removes environment variables', async () => {
    process.env.KIT_TEST_REMOVE = 'present';
    const result = await runCommand('sh', ['-c', 'echo "$KIT_A|${KIT_TEST_REMOVE:-gone}"'], { env: { KIT_A: 'x y', KIT_TEST_REMOVE: undefined } });
    expect(result.stdout.trim()).toBe('x y|gone');
    delete process.env.KIT_TEST_REMOVE;
  });
});

describe('parseCommandLine', () => {
  it('splits on whitespace and honours quotes and backslashes', () => {
    expect(parseCommandLine('nginx -t')).toEqual(['nginx', '-t']);
    expect(parseCommandLine(`./deploy.sh "two words" 'single $quoted' a\\ b ""`)).toEqual(['./deploy.sh', 'two words', 'single $quoted', 'a b', '']);
    expect(parseCommandLine('systemctl   reload    nginx ')).toEqual(['systemctl', 'reload', 'nginx']);
  });

  it.each([
    ['nginx -t && nginx -s reload', "'&'"],
    ['cat x | grep y', "'|'"],
    ['echo $HOME', "'$'"],
    ['echo "$(id)"', "'$'"],
    ['run > out.txt', "'>'"],
    ['a; b', "';'"],
  ])('refuses shell syntax in %j', (line, shown) => {
    expect(() => parseCommandLine(line, 'test-command')).toThrow(`uses shell syntax (${shown}); commands run without a shell`);
  });

  it('refuses unclosed quotes and empty commands', () => {
    expect(() => parseCommandLine('echo "oops')).toThrow('unclosed " quote');
    expect(() => parseCommandLine('   ')).toThrow('is empty');
  });
});
