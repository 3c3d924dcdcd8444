// Local servers and certificates for tests of code that probes HTTP (this package, smoke-test, deploy-bluegreen).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A server listening on 127.0.0.1 on a free port. */
export interface TestServer {
  /** `http://127.0.0.1:PORT` (or https), no trailing slash. */
  origin: string;
  port: number;
  server: Server;
  /** Stops listening and destroys open connections. */
  close(): Promise<void>;
}

/** A request handler; a thrown error answers 500. */
export type TestHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Starts an HTTP (or, with `tls`, HTTPS) server on 127.0.0.1 port 0. */
export async function startTestServer(handler: TestHandler, options: { tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(error));
      });
  };
  const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A self-signed certificate (also usable as its own CA) and its key, in PEM. */
export interface TestCertificate {
  key: string;
  cert: string;
}

function opensslDate(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/**
 * Generates a self-signed certificate for `localhost` and 127.0.0.1 with the validity window given
 * (either end may be in the past, for expired certificates). Needs the `openssl` command.
 */
export async function createTestCertificate(options: { notBefore?: Date; notAfter: Date; hostnames?: readonly string[] }): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'probe-cert-'));
  try {
    const names = options.hostnames ?? ['localhost', '127.0.0.1'];
    const san = names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',');
    await mkdir(join(dir, 'db'));
    await writeFile(join(dir, 'db', 'index.txt'), '');
    await writeFile(join(dir, 'db', 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
    const config = [
      '[ ca ]',
      'default_ca = local',
      '[ local ]',
      `database = ${join(dir, 'db', 'index.txt')}`,
      `new_certs_dir = ${join(dir, 'db')}`,
      `serial = ${join(dir, 'db', 'serial')}`,
      'default_md = sha256',
      'policy = anything',
      'x509_extensions = ext',
      'unique_subject = no',
      '[ anything ]',
      'commonName = supplied',
      '[ ext ]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = digitalSignature,keyCertSign',
      'extendedKeyUsage = serverAuth',
      `subjectAltName = ${san}`,
      '',
    ].join('\n');
    await writeFile(join(dir, 'ca.cnf'), config);
    const key = join(dir, 'key.pem');
    const csr = join(dir, 'req.csr');
    const cert = join(dir, 'cert.pem');
    await run('openssl', ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${names[0] ?? 'localhost'}`]);
    const notBefore = options.notBefore ?? new Date(Math.min(Date.now() - 86_400_000, options.notAfter.getTime() - 86_400_000));
    await run('openssl', ['ca', '-batch', '-config', join(dir, 'ca.cnf'), '-selfsign', '-keyfile', key, '-in', csr, '-out', cert, '-notext', '-startdate', opensslDate(notBefore), '-enddate', opensslDate(options.notAfter)]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
