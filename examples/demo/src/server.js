// payments-api: a tiny stand-in for the real service. `npm start` serves it on :8080.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { health } from './api/health.js';
import { createCharge } from './api/charges.js';
import { createRefund } from './api/refunds.js';

const PORT = Number(process.env.PORT ?? 8080);

const routes = {
  'GET /health': health,
  'POST /v1/charges': createCharge,
  'POST /v1/refunds': createRefund,
};

export const server = createServer(async (req, res) => {
  const handler = routes[`${req.method} ${req.url}`];
  if (!handler) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
    return;
  }
  const { status, body } = await handler(req);
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  server.listen(PORT, () => process.stdout.write(`payments-api listening on :${PORT}\n`));
}
