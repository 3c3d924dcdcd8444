import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

describe('runAction', () => {
  it('does nothing inside a worker thread, so a bundle can start its own file as a worker', async () => {
    const entry = new URL('./entry.ts', import.meta.url).href;
    const code = `
      import { parentPort } from 'node:worker_threads';
      const { runAction, defineAction } = await import(${JSON.stringify(entry)});
      let ran = false;
      await runAction(defineAction({ name: 'probe', inputs: {}, outputs: [], run: async () => { ran = true; return { outputs: {} }; } }));
      parentPort.postMessage({ ran, exitCode: process.exitCode ?? 0 });
    `;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    const result = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(result).toEqual({ ran: false, exitCode: 0 });
  });
});
