import type { Express } from 'express';

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[]; router?: unknown };
  rawPath?: unknown;
}

const isMountedApp = (l: Layer) =>
  typeof l.handle === 'function' &&
  (Boolean((l.handle as { router?: unknown }).router) ||
    ['app', 'serveStatic', 'router'].includes((l.handle as unknown as { name: string }).name));

/**
 * Every route the app answers, from express's own router stack (`GET /api/cases/:id`): mounted
 * routers are walked, and a mounted app or static folder counts as one `USE <path>`.
 */
export function registeredRoutes(app: Express): string[] {
  const out = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const l of stack) {
      if (l.route) {
        const paths = Array.isArray(l.route.path) ? l.route.path : [l.route.path];
        for (const m of Object.keys(l.route.methods)) for (const p of paths) out.add(`${m.toUpperCase()} ${p}`);
      } else if (l.handle?.stack && (l.rawPath === '/' || l.rawPath === undefined)) {
        walk(l.handle.stack);
      } else if (typeof l.rawPath === 'string' && l.rawPath !== '/' && isMountedApp(l)) {
        out.add(`USE ${l.rawPath}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...out].sort();
}
