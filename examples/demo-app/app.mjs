// One colour of the demo shop: node app.mjs <port> <release> <color> <database file>
import { createServer } from 'node:http';
import { DatabaseSync } from 'node:sqlite';

const [port, release, color, database] = process.argv.slice(2);

function countOrders() {
  // Opened per request so a database restored by rollback (a new file renamed over the old) is seen at once.
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return db.prepare('select count(*) as n from orders').get().n;
  } finally {
    db.close();
  }
}

const server = createServer((req, res) => {
  const send = (status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  if (req.url === '/health') return send(200, { status: 'healthy', release, color, database: 'connected' });
  if (req.url === '/api/orders') return send(200, { release, count: countOrders() });
  return send(200, { shop: 'demo', release, color });
});
server.keepAliveTimeout = 2000;
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
