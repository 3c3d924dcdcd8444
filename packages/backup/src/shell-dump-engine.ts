// A test engine whose "dump" is a shell command, to exercise failures real tools rarely produce on demand.
import type { DatabaseEngine } from './engine.ts';
import { startTool } from './tool-process.ts';

/** An engine that dumps by running `sh -c script`; only the dump side is implemented. */
export function shellDumpEngine(script: string): DatabaseEngine {
  const unsupported = async (): Promise<never> => {
    throw new Error('not supported by the shell test engine');
  };
  return {
    kind: 'postgres',
    name: 'shelldb',
    display: 'shell test engine',
    formatSuffix: '.pgdump',
    prepareDump: async () => ({ serverVersion: '0', tool: { name: 'sh', version: '0', major: 0 } }),
    estimateSize: async () => undefined,
    startDump: async () => {
      const tool = startTool('sh', ['-c', script]);
      return { stream: tool.stdout, rowCounts: Promise.resolve({ exact: true, tables: {} }), close: async () => tool.kill() };
    },
    prepareRestore: unsupported,
    exists: unsupported,
    isEmpty: unsupported,
    restore: unsupported,
    countRows: unsupported,
    createScratch: unsupported,
    dispose: async () => {},
  };
}
