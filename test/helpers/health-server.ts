// A real HTTP health endpoint on 127.0.0.1 for run tests: `/healthy` answers 200, `/error`
// 500, `/hang` never answers, `/flaky/N` answers 500 N times and then 200. It counts hits.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HealthServer = {
  url: (path: string) => string;
  hits: (path: string) => number;
  close: () => Promise<void>;
};

export async function startHealthServer(): Promise<HealthServer> {
  const hits = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    const flaky = /^\/flaky\/(\d+)$/.exec(path);
    if (path === '/healthy') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/error') {
      res.writeHead(500).end('boom');
    } else if (path === '/hang') {
      hanging.add(res); // never answered; closed with the server
    } else if (flaky) {
      const failures = Number(flaky[1]);
      res.writeHead(count <= failures ? 500 : 200).end(count <= failures ? 'not yet' : 'ok');
    } else {
      res.writeHead(404).end('no such path');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
