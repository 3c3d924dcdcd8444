// A local stand-in for GitHub's artifact service, for tests: the Twirp JSON API of the results
// service (CreateArtifact, FinalizeArtifact, ListArtifacts, GetSignedArtifactURL, DeleteArtifact)
// that @actions/artifact calls for the current run, and the Azure block-blob calls (Put Block,
// Put Block List, Get Blob) its signed URLs lead to. Artifacts exist only once finalized, as on GitHub.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredArtifact {
  id: number;
  name: string;
  run: string;
  finalized: boolean;
  blocks: Map<string, Buffer>;
  content: Buffer | undefined;
  size: number;
  createdAt: string;
}

/** A running fake artifact service; `env` holds the variables the runner would set. */
export interface LocalArtifactService {
  env: { ACTIONS_RUNTIME_TOKEN: string; ACTIONS_RESULTS_URL: string };
  /** Names of the finalized artifacts. */
  names(): string[];
  /** Artifacts created but never finalized (an interrupted upload). */
  pending(): string[];
  close(): Promise<void>;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

function json(res: ServerResponse, status: number, data: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(data));
}

/** Starts the fake service on 127.0.0.1:0 for one workflow run. */
export async function startLocalArtifactService(): Promise<LocalArtifactService> {
  const run = 'b4ckend-run-0001';
  const job = 'b4ckend-job-0001';
  const artifacts = new Map<number, StoredArtifact>();
  let nextId = 1000;
  let origin = '';
  const find = (name: string) => [...artifacts.values()].find((a) => a.name === name && a.finalized);

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin);
      const twirp = /^\/twirp\/github\.actions\.results\.api\.v1\.ArtifactService\/(\w+)$/.exec(url.pathname);
      if (twirp && req.method === 'POST') {
        if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { code: 'unauthenticated', msg: 'bad token' });
        const input = JSON.parse((await body(req)).toString('utf8') || '{}') as Record<string, string | undefined>;
        if (input.workflow_run_backend_id !== run || input.workflow_job_run_backend_id !== job) return json(res, 400, { code: 'invalid_argument', msg: 'unknown run' });
        switch (twirp[1]) {
          case 'CreateArtifact': {
            if (find(input.name ?? '')) return json(res, 409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
            const id = nextId++;
            artifacts.set(id, { id, name: input.name ?? '', run, finalized: false, blocks: new Map(), content: undefined, size: 0, createdAt: new Date().toISOString() });
            return json(res, 200, { ok: true, signed_upload_url: `${origin}/blob/${id}?sv=2023&sig=test` });
          }
          case 'FinalizeArtifact': {
            const a = [...artifacts.values()].find((x) => x.name === input.name && !x.finalized);
            if (!a?.content) return json(res, 404, { code: 'not_found', msg: 'nothing uploaded' });
            a.finalized = true;
            return json(res, 200, { ok: true, artifact_id: String(a.id) });
          }
          case 'ListArtifacts': {
            const list = [...artifacts.values()].filter(
              (a) => a.finalized && (input.name_filter === undefined || a.name === input.name_filter) && (input.id_filter === undefined || String(a.id) === input.id_filter),
            );
            return json(res, 200, {
              artifacts: list.map((a) => ({ workflow_run_backend_id: run, workflow_job_run_backend_id: job, database_id: String(a.id), name: a.name, size: String(a.size), created_at: a.createdAt })),
            });
          }
          case 'GetSignedArtifactURL': {
            const a = find(input.name ?? '');
            if (!a) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
            return json(res, 200, { signed_url: `${origin}/blob/${a.id}?sv=2023&sig=test&download=1` });
          }
          case 'DeleteArtifact': {
            const a = find(input.name ?? '');
            if (!a) return json(res, 404, { code: 'not_found', msg: 'no such artifact' });
            artifacts.delete(a.id);
            return json(res, 200, { ok: true, artifact_id: String(a.id) });
          }
          default:
            return json(res, 404, { code: 'bad_route', msg: twirp[1] });
        }
      }
      const blob = /^\/blob\/(\d+)$/.exec(url.pathname);
      const artifact = blob ? artifacts.get(Number(blob[1])) : undefined;
      if (!artifact || url.searchParams.get('sig') !== 'test') {
        res.writeHead(403).end();
        return;
      }
      const headers = { 'x-ms-request-id': `req-${Date.now()}`, 'x-ms-version': '2023-11-03', date: new Date().toUTCString() };
      const comp = url.searchParams.get('comp');
      if (req.method === 'PUT' && comp === 'block') {
        artifact.blocks.set(url.searchParams.get('blockid') ?? '', await body(req));
        res.writeHead(201, headers).end();
        return;
      }
      if (req.method === 'PUT' && comp === 'blocklist') {
        const ids = [...(await body(req)).toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1] as string);
        const missing = ids.filter((id) => !artifact.blocks.has(id));
        if (missing.length > 0) {
          res.writeHead(400, headers).end('InvalidBlockList');
          return;
        }
        artifact.content = Buffer.concat(ids.map((id) => artifact.blocks.get(id) as Buffer));
        artifact.size = artifact.content.length;
        artifact.blocks.clear();
        res.writeHead(201, { ...headers, etag: `"0x${artifact.id}"`, 'last-modified': new Date().toUTCString() }).end();
        return;
      }
      if (req.method === 'PUT') {
        // Put Blob (a single-shot upload of a small body).
        artifact.content = await body(req);
        artifact.size = artifact.content.length;
        res.writeHead(201, { ...headers, etag: `"0x${artifact.id}"`, 'last-modified': new Date().toUTCString() }).end();
        return;
      }
      if (req.method === 'GET' && artifact.finalized && artifact.content) {
        res.writeHead(200, { ...headers, 'content-type': 'application/zip', 'content-length': String(artifact.content.length) });
        res.end(artifact.content);
        return;
      }
      res.writeHead(404, headers).end();
    } catch (error) {
      json(res, 500, { code: 'internal', msg: (error as Error).message });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ scp: `Actions.GenericRead Actions.Results:${run}:${job}` })}.sig`;
  return {
    env: { ACTIONS_RUNTIME_TOKEN: token, ACTIONS_RESULTS_URL: `${origin}/` },
    names: () => [...artifacts.values()].filter((a) => a.finalized).map((a) => a.name).sort(),
    pending: () => [...artifacts.values()].filter((a) => !a.finalized).map((a) => a.name).sort(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
