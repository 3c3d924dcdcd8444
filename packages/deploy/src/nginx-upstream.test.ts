import { describe, expect, it } from 'vitest';
import { activeServers, parseUpstream, rewriteUpstream } from './nginx-upstream.ts';

const handWritten = `# app upstream, set up by hand
upstream other { server 10.0.0.9:80; }
upstream app {
    # the blue colour
    server 127.0.0.1:8001 max_fails=3;
    server 127.0.0.1:8002 down;
    keepalive 32;
}
`;

describe('the upstream file', () => {
  it('finds the named block, its servers and their lines, ignoring comments', () => {
    const parsed = parseUpstream(handWritten, 'app');
    expect(parsed?.servers.map((s) => [s.address, s.params, s.line])).toEqual([
      ['127.0.0.1:8001', ['max_fails=3'], 5],
      ['127.0.0.1:8002', ['down'], 6],
    ]);
    expect(activeServers(parsed!).map((s) => s.address)).toEqual(['127.0.0.1:8001']);
    expect(parseUpstream(handWritten, 'missing')).toBeUndefined();
    expect(parseUpstream('# upstream app { server 1.2.3.4:5; }\n', 'app')).toBeUndefined();
  });

  it('rewrites only the servers of the block, keeping other directives and blocks', () => {
    const next = rewriteUpstream(handWritten, 'app', '127.0.0.1:8002', 'live colour green');
    expect(next).toContain('upstream other { server 10.0.0.9:80; }');
    expect(next).toContain('keepalive 32;');
    expect(next).toContain('# the blue colour');
    expect(activeServers(parseUpstream(next, 'app')!).map((s) => s.address)).toEqual(['127.0.0.1:8002']);
    expect(parseUpstream(next, 'app')!.servers).toHaveLength(1);
    // Rewriting again is stable.
    const again = rewriteUpstream(next, 'app', '127.0.0.1:8001', 'live colour blue');
    expect(parseUpstream(again, 'app')!.servers.map((s) => s.address)).toEqual(['127.0.0.1:8001']);
    expect(again.match(/keepalive 32;/g)).toHaveLength(1);
  });

  it('writes a fresh file when there is none', () => {
    const fresh = rewriteUpstream(undefined, 'app', '127.0.0.1:8001', 'live colour blue');
    expect(fresh).toMatch(/^# Managed by deploysafe/);
    expect(parseUpstream(fresh, 'app')!.servers.map((s) => s.address)).toEqual(['127.0.0.1:8001']);
  });
});
