import http from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

/**
 * An HTTP server for an express app whose requests and responses are born with the app's own
 * prototypes (app.request, app.response).
 *
 * Express gives every request and response those prototypes on arrival (Object.setPrototypeOf).
 * In V8 that change is costly beyond its time: the objects of a request so changed outlived the
 * young generation, and the old generation filled with request garbage that only a mark-compact
 * cycle clears. Measured on this build (500 webhooks/s for 10 s, V8's GC trace): a bare express
 * route promoted 47.6 MB, against 9.3 MB through this server and 0.1 MB for a plain node:http
 * handler; Kontakt's api process 79.7 MB against 38.3 MB, and ROLE=all 138–145 MB against
 * 89–107 MB. Mark-compact cycles are what pushes the acknowledgement's p99 up (README). Born with
 * the prototype, express's own change is a no-op: V8 leaves an object alone whose prototype is
 * already the one asked for.
 */
export function createHttpServer(app: Express): http.Server {
  // Constructors in the old style on purpose: `new AppRequest(socket)` makes node's own object with
  // AppRequest.prototype, which is app.request (a class's prototype property cannot be replaced).
  function AppRequest(socket: Socket) {
    return Reflect.construct(http.IncomingMessage, [socket], AppRequest) as http.IncomingMessage;
  }
  AppRequest.prototype = app.request;
  function AppResponse(req: http.IncomingMessage, options?: unknown) {
    return Reflect.construct(http.ServerResponse, [req, options], AppResponse) as http.ServerResponse;
  }
  AppResponse.prototype = app.response;
  return http.createServer(
    {
      IncomingMessage: AppRequest as unknown as typeof http.IncomingMessage,
      ServerResponse: AppResponse as unknown as typeof http.ServerResponse,
    },
    app,
  );
}
