// A local HTTP server speaking the OSV API's shapes, for tests: `POST /v1/querybatch` and `GET /v1/vulns/{id}`.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { OsvVulnerability } from './osv-schema.ts';

/** The real advisory records kept as fixtures. */
export const OSV_FIXTURES = join(import.meta.dirname, '../../fixtures/osv');

/** Reads the fixture records by id. */
export function fixtureRecords(): Map<string, OsvVulnerability> {
  const records = new Map<string, OsvVulnerability>();
  for (const file of readdirSync(OSV_FIXTURES).filter((f) => f.endsWith('.json'))) {
    const record = JSON.parse(readFileSync(join(OSV_FIXTURES, file), 'utf8')) as OsvVulnerability;
    records.set(record.id, record);
  }
  return records;
}

/** What the server answers and what it saw. */
export interface OsvTestServer {
  url: string;
  /** Every request: method, path and, for querybatch, the number of queries and page tokens sent. */
  requests: { method: string; path: string; queries?: number; pageTokens?: string[] }[];
  /** Statuses answered before the real answer, per path (`POST /v1/querybatch`, `GET /v1/vulns/ID`), consumed in order. */
  failures: Map<string, number[]>;
  close(): Promise<void>;
}

/**
 * Starts the server on a free port. `matches` maps `ecosystem|name|version` to the ids the API
 * would return (as the real service decides, not recomputed here); `pageSize` splits long answers
 * into pages joined by `next_page_token`.
 */
export async function startOsvTestServer(options: { records: Map<string, OsvVulnerability>; matches: Record<string, string[]>; pageSize?: number }): Promise<OsvTestServer> {
  const requests: OsvTestServer['requests'] = [];
  const failures = new Map<string, number[]>();
  const pageSize = options.pageSize ?? 1000;
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    const body = await readBody(req);
    const key = `${req.method} ${path}`;
    const pending = failures.get(key);
    const entry: OsvTestServer['requests'][number] = { method: req.method ?? '', path };
    requests.push(entry);
    if (pending && pending.length > 0) {
      const status = pending.shift() as number;
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? { 'retry-after': '0' } : {}) });
      res.end(JSON.stringify({ code: status, message: 'simulated' }));
      return;
    }
    if (req.method === 'POST' && path === '/v1/querybatch') {
      const parsed = JSON.parse(body) as { queries: { package: { name: string; ecosystem: string }; version: string; page_token?: string }[] };
      entry.queries = parsed.queries.length;
      entry.pageTokens = parsed.queries.flatMap((q) => (q.page_token ? [q.page_token] : []));
      if (parsed.queries.length > 1000) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 3, message: 'Too many queries.' }));
        return;
      }
      const results = parsed.queries.map((q) => {
        const ids = options.matches[`${q.package.ecosystem}|${q.package.name}|${q.version}`] ?? [];
        const offset = q.page_token ? Number(q.page_token.replace('page-', '')) : 0;
        const page = ids.slice(offset, offset + pageSize).map((id) => ({ id, modified: options.records.get(id)?.modified ?? '2024-01-01T00:00:00Z' }));
        const more = offset + pageSize < ids.length;
        return { ...(page.length ? { vulns: page } : {}), ...(more ? { next_page_token: `page-${offset + pageSize}` } : {}) };
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ results }));
      return;
    }
    const vuln = req.method === 'GET' ? path.match(/^\/v1\/vulns\/([^/?]+)$/) : null;
    if (vuln) {
      const record = options.records.get(decodeURIComponent(vuln[1] as string));
      res.writeHead(record ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(record ?? { code: 5, message: 'Bug not found.' }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 5, message: 'Not Found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failures,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
