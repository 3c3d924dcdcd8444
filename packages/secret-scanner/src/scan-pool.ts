// Scans file and blob contents on worker threads (one per core). The worker runs this same
// module: in a bundle that is the bundle itself, whose action entry does nothing off the main thread.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SecretDetector, type SecretMatch } from './detector.ts';
import { isBinary } from './file-filter.ts';

const WORKER_ROLE = 'deploysafe-secret-scanner';
// Files read at once when scanning on the calling thread.
const INLINE_READS = 8;

/** Content to scan: a file read by the worker, or bytes already in memory (a git blob, with its path when known). */
export type ScanTask = { path: string } | { bytes: Uint8Array; path?: string };

/** What scanning one task found. */
export interface ScanOutcome {
  matches: SecretMatch[];
  bytes: number;
  /** Why the content was not scanned: `binary`, `too-large` or `unreadable: <code>`. */
  skipped?: string;
}

interface BatchMessage {
  batch: number;
  tasks: ScanTask[];
}
interface BatchReply {
  batch: number;
  outcomes: ScanOutcome[];
}

/** Scans one buffer: binary and size checks, then the detector on its text. */
export function scanBytes(detector: SecretDetector, bytes: Uint8Array, maxBytes: number, path?: string): ScanOutcome {
  if (bytes.length > maxBytes) return { matches: [], bytes: 0, skipped: 'too-large' };
  if (isBinary(bytes)) return { matches: [], bytes: 0, skipped: 'binary' };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // latin1 maps each byte to one character: fast, and offsets are byte offsets.
  const matches = detector.scan(buffer.toString('latin1'), { bytes: buffer, ...(path ? { path } : {}) });
  return { matches, bytes: bytes.length };
}

// Synchronous reads: a scanning thread has nothing else to do while it waits, and for the many small
// files of a source tree open/fstat/read/close without the promise and thread-pool round trips of
// fs/promises take about a third of the time. A file over the limit is never read.
function readFileUpTo(path: string, maxBytes: number): Buffer | 'too-large' {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return 'too-large';
    const buffer = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const n = readSync(fd, buffer, filled, size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    return filled === size ? buffer : buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

async function runTask(detector: SecretDetector, task: ScanTask, maxBytes: number): Promise<ScanOutcome> {
  if ('bytes' in task) return scanBytes(detector, task.bytes, maxBytes, task.path);
  try {
    const bytes = readFileUpTo(task.path, maxBytes);
    return bytes === 'too-large' ? { matches: [], bytes: 0, skipped: 'too-large' } : scanBytes(detector, bytes, maxBytes, task.path);
  } catch (error) {
    return { matches: [], bytes: 0, skipped: `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) {
  const detector = new SecretDetector();
  const maxBytes = (workerData as { maxBytes: number }).maxBytes;
  parentPort?.on('message', async (message: BatchMessage) => {
    const outcomes: ScanOutcome[] = [];
    for (const task of message.tasks) outcomes.push(await runTask(detector, task, maxBytes));
    parentPort?.postMessage({ batch: message.batch, outcomes } satisfies BatchReply);
  });
}

interface Pending {
  task: ScanTask;
  size: number;
  resolve: (outcome: ScanOutcome) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Map<number, Pending[]>;
}

/** Options for a ScanPool. */
export interface ScanPoolOptions {
  /** Worker threads; 0 scans on the calling thread. Default: one per available core. */
  workers?: number;
  /** Larger contents are skipped as `too-large` (default 10 MiB). */
  maxFileBytes?: number;
}

/** A pool of scanning threads; `submit` queues one file or blob and resolves with what was found. */
export class ScanPool {
  readonly workerCount: number;
  readonly maxFileBytes: number;
  readonly #workers: PoolWorker[] = [];
  readonly #queue: Pending[] = [];
  #detector: SecretDetector | undefined;
  #nextBatch = 0;
  #failure: Error | undefined;
  #closing = false;
  #inlineRunning = 0;
  #waiters: { limit: number; resolve: () => void }[] = [];

  constructor(options: ScanPoolOptions = {}) {
    this.workerCount = Math.max(0, options.workers ?? availableParallelism());
    this.maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
    for (let i = 0; i < this.workerCount; i++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { role: WORKER_ROLE, maxBytes: this.maxFileBytes } });
      const entry: PoolWorker = { worker, inFlight: new Map() };
      worker.on('message', (reply: BatchReply) => {
        const pending = entry.inFlight.get(reply.batch) ?? [];
        entry.inFlight.delete(reply.batch);
        pending.forEach((p, j) => p.resolve(reply.outcomes[j] as ScanOutcome));
        this.#pump();
        this.#wake();
      });
      worker.on('error', (error) => this.#fail(error));
      worker.on('exit', (code) => {
        if (entry.inFlight.size > 0 || (code !== 0 && !this.#closing)) this.#fail(new Error(`a scanning thread exited with code ${code}`));
      });
      this.#workers.push(entry);
    }
  }

  /** Tasks queued or being scanned. */
  get pending(): number {
    let n = this.#queue.length + this.#inlineRunning;
    for (const w of this.#workers) for (const batch of w.inFlight.values()) n += batch.length;
    return n;
  }

  /** Resolves once at most `limit` tasks are pending, so a producer can keep memory bounded. */
  whenBelow(limit: number): Promise<void> {
    if (this.pending <= limit || this.#failure) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ limit, resolve }));
  }

  #wake(): void {
    const pending = this.pending;
    this.#waiters = this.#waiters.filter((w) => {
      if (pending > w.limit && !this.#failure) return true;
      w.resolve();
      return false;
    });
  }

  /** Queues one task. */
  submit(task: ScanTask): Promise<ScanOutcome> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => {
      this.#queue.push({ task, size: 'bytes' in task ? task.bytes.length : 0, resolve, reject });
      this.#pump();
    });
  }

  #pump(): void {
    // On the calling thread a few files are read at once, never the whole tree (that runs out of file descriptors).
    if (this.workerCount === 0) {
      this.#detector ??= new SecretDetector();
      while (this.#inlineRunning < INLINE_READS && this.#queue.length > 0) {
        const next = this.#queue.shift() as Pending;
        this.#inlineRunning++;
        runTask(this.#detector, next.task, this.maxFileBytes)
          .then(next.resolve, next.reject)
          .finally(() => {
            this.#inlineRunning--;
            this.#pump();
            this.#wake();
          });
      }
      return;
    }
    for (const w of this.#workers) {
      while (w.inFlight.size < 2 && this.#queue.length > 0) {
        const batch: Pending[] = [];
        let bytes = 0;
        while (this.#queue.length > 0 && batch.length < 64 && bytes < 4 * 1024 * 1024) {
          const next = this.#queue.shift() as Pending;
          batch.push(next);
          bytes += next.size;
        }
        const id = this.#nextBatch++;
        w.inFlight.set(id, batch);
        const transfer = batch.flatMap((p) => ('bytes' in p.task ? [p.task.bytes.buffer as ArrayBuffer] : []));
        w.worker.postMessage({ batch: id, tasks: batch.map((p) => p.task) } satisfies BatchMessage, transfer);
      }
    }
  }

  #fail(error: Error): void {
    if (this.#failure) return;
    this.#failure = new Error(`Secret scanning failed: ${error.message}`);
    for (const w of this.#workers) {
      for (const batch of w.inFlight.values()) for (const p of batch) p.reject(this.#failure);
      w.inFlight.clear();
    }
    for (const p of this.#queue.splice(0)) p.reject(this.#failure);
    this.#wake();
  }

  /** Stops the threads. */
  async close(): Promise<void> {
    this.#closing = true;
    await Promise.all(this.#workers.map((w) => w.worker.terminate()));
  }
}
