import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer } from '../../src/http/http-server.ts';

/** What node made before express saw the request: the prototypes the objects were born with. */
async function bornWith(server: http.Server, app: express.Express) {
  const seen: { request: boolean; response: boolean }[] = [];
  server.prependListener('request', (req, res) => {
    seen.push({
      request: Object.getPrototypeOf(req) === app.request,
      response: Object.getPrototypeOf(res) === app.response,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function appUnderTest() {
  const app = express();
  app.post('/echo', express.json(), (req, res) => {
    res.status(201).json({
      body: req.body as unknown,
      header: req.get('x-probe'),
      // express's own request property and node's class, both still there
      path: req.path,
      incoming: req instanceof http.IncomingMessage,
      outgoing: res instanceof http.ServerResponse,
    });
  });
  return app;
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('createHttpServer: requests born with the app’s prototypes', () => {
  it('gives node’s request and response express’s prototypes from the start, and express works as before', async () => {
    const app = appUnderTest();
    const server = createHttpServer(app);
    servers.push(server);
    const { url, seen } = await bornWith(server, app);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/echo?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-probe': `p${i}` },
        body: JSON.stringify({ n: i }),
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({
        body: { n: i },
        header: `p${i}`,
        path: '/echo',
        incoming: true,
        outgoing: true,
      });
    }
    expect(seen).toEqual(Array.from({ length: 3 }, () => ({ request: true, response: true })));
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
  });

  it('differs from a plain http.createServer(app), whose objects express has to re-prototype', async () => {
    const app = appUnderTest();
    const server = http.createServer(app);
    servers.push(server);
    const { url, seen } = await bornWith(server, app);
    const res = await fetch(`${url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(res.status).toBe(201);
    expect(seen).toEqual([{ request: false, response: false }]);
  });
});
