// Streams blob contents out of `git cat-file --batch`: one long-lived process instead of one per blob.
import { spawn } from 'node:child_process';
import { ConfigurationError } from '@deploysafe/action-kit';

/** One object as cat-file returned it; `bytes` is undefined when the object is missing. */
export interface GitBlob {
  id: string;
  bytes: Uint8Array | undefined;
}

/** Yields the contents of `ids` in order. The process is spawned with an argument array, never a shell. */
export async function* readBlobs(repo: string, ids: readonly string[]): AsyncGenerator<GitBlob> {
  if (ids.length === 0) return;
  const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  child.stdin.on('error', () => {});
  child.stdin.end(`${ids.join('\n')}\n`);

  let chunks: Buffer[] = [];
  let buffered = 0;
  let want: { id: string; size: number } | undefined;
  const take = (n: number): Buffer => {
    const all = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    chunks = rest.length > 0 ? [rest] : [];
    buffered = rest.length;
    return head;
  };
  const headerEnd = (): number => {
    let seen = 0;
    for (const c of chunks) {
      const i = c.indexOf(10);
      if (i >= 0) return seen + i;
      seen += c.length;
    }
    return -1;
  };
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      buffered += chunk.length;
      for (;;) {
        if (!want) {
          const nl = headerEnd();
          if (nl < 0) break;
          const header = take(nl + 1).toString('utf8').trim();
          const parts = header.split(' ');
          if (parts[1] === 'missing' || parts.length < 3) {
            yield { id: parts[0] as string, bytes: undefined };
            continue;
          }
          want = { id: parts[0] as string, size: Number(parts[2]) };
        }
        if (buffered < want.size + 1) break;
        // Copy into its own buffer so it can be transferred to a worker thread.
        const bytes = new Uint8Array(take(want.size + 1).subarray(0, want.size));
        const id = want.id;
        want = undefined;
        yield { id, bytes };
      }
    }
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0 && code !== null) throw new ConfigurationError(`\`git cat-file --batch\` in ${repo} exited with code ${code}: ${stderr.trim()}`);
}
