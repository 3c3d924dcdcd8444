// A local stand-in for GitHub's deployments REST API: the same paths and shapes, every call recorded.
import { createServer, type IncomingMessage, type Server } from 'node:http';

/** One request the API received. */
export interface GitHubApiCall {
  method: string;
  path: string;
  auth: string | undefined;
  body: Record<string, unknown>;
}

/** A local server with the shapes of GitHub's deployments REST API. */
export async function startGitHubApi(options: { failWith?: number } = {}): Promise<{ url: string; calls: GitHubApiCall[]; server: Server }> {
  const calls: GitHubApiCall[] = [];
  let nextId = 1000;
  const server = createServer(async (req: IncomingMessage, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    calls.push({ method: req.method ?? '', path: req.url ?? '', auth: req.headers.authorization, body });
    res.setHeader('content-type', 'application/json');
    if (options.failWith) {
      res.writeHead(options.failWith).end(JSON.stringify({ message: 'Resource not accessible by integration' }));
      return;
    }
    if (req.method === 'POST' && /^\/repos\/[^/]+\/[^/]+\/deployments$/.test(req.url ?? '')) {
      res.writeHead(201).end(JSON.stringify({ id: ++nextId, ref: body.ref, environment: body.environment, payload: body.payload }));
      return;
    }
    const status = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/.exec(req.url ?? '');
    if (req.method === 'POST' && status) {
      res.writeHead(201).end(JSON.stringify({ id: ++nextId, state: body.state, environment_url: body.environment_url ?? '' }));
      return;
    }
    res.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, calls, server };
}

