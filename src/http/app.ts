import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { AuthService } from '../domain/auth.service.ts';
import { errorHandler } from './errors.ts';
import { INBOX_CLIENT_PATHS } from './inbox-paths.ts';
import { openApiRoutes } from './openapi/openapi.routes.ts';
import { loadSession, requireJsonForWrites } from './session.ts';

export interface HttpAppOptions {
  log: Logger;
  auth: AuthService;
  trustProxy: boolean;
  /** Built web inbox (web-inbox/dist); absent until `npm run build`. */
  webInboxDir?: string;
  /** Routes that need no session: health, the public form, webhooks. */
  publicRoutes: Router[];
  /** Counselor routes: the session is loaded and writes must be JSON. */
  privateRoutes: Router[];
  /** Paths whose JSON body may be larger than the API's 256 kB (uploads): parsed for signed-in users only. */
  largeJsonRoutes?: { path: string; limitBytes: number }[];
}

export function createHttpApp(o: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', o.trustProxy ? 1 : false);
  app.set('query parser', 'simple');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(o.trustProxy && { upgradeInsecureRequests: [] }),
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: o.trustProxy,
    }),
  );

  // The API reference is public: it describes routes, never data.
  app.use(openApiRoutes());
  for (const r of o.publicRoutes) app.use(r);

  app.use('/api', loadSession(o.auth), requireJsonForWrites);
  for (const r of o.largeJsonRoutes ?? []) {
    const parse = express.json({ limit: r.limitBytes });
    // Nobody gets a large body parsed before the session is known.
    app.use(r.path, (req, res, next) => (req.user ? parse(req, res, next) : next()));
  }
  app.use('/api', express.json({ limit: '256kb' }));
  for (const r of o.privateRoutes) app.use(r);
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });

  const inboxIndex = o.webInboxDir ? path.resolve(o.webInboxDir, 'index.html') : null;
  const built = inboxIndex !== null && fs.existsSync(inboxIndex);
  if (o.webInboxDir && built) app.use(express.static(o.webInboxDir, { index: false, maxAge: 0 }));
  // The inbox's own URLs (/cases/KC-…, /stats, …) are the same page: its router shows the screen
  // once the session is known. The page holds nothing private; every datum comes from /api.
  // `/` too comes here (static has no index), so every URL of the page is cached alike.
  app.get(['/', ...INBOX_CLIENT_PATHS], (_req, res) => {
    if (inboxIndex && built) {
      res.sendFile(inboxIndex, { headers: { 'Cache-Control': 'no-cache' } });
      return;
    }
    res
      .type('text/plain; charset=utf-8')
      .send('Kontakt is running. The web inbox is not built yet: run `npm run build`. The public form is at /report.');
  });

  app.use(errorHandler(o.log));
  return app;
}
