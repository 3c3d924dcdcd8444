// A tiny web service for deploy tests: one process per colour, answering with its release.
// Usage: node sample-service.mjs PORT RELEASE COLOR. HEALTH=fail makes /health answer 503;
// FAIL_BEHIND_PROXY=1 makes /health fail only for requests that came through nginx (X-Via-Proxy).
import { createServer } from 'node:http';

const [port, release, color] = process.argv.slice(2);
const failHealth = process.env.HEALTH === 'fail';
const failBehindProxy = process.env.FAIL_BEHIND_PROXY === '1';

const server = createServer((req, res) => {
  const viaProxy = req.headers['x-via-proxy'] === '1';
  if (req.url === '/health') {
    const ok = !failHealth && !(failBehindProxy && viaProxy);
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: ok ? 'ok' : 'failing', release, color }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'x-release': release });
  res.end(`release=${release} color=${color}\n`);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(port), '127.0.0.1');
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
