/**
 * The web inbox's own URLs (web-inbox/src/shell/routes.ts): the server answers each with the
 * inbox page, so a shared link or a reload opens the same screen. Only these exact shapes: the
 * API, the socket, the public form, webhooks, health, metrics and the queue dashboard keep their
 * own answers (an unknown /api path stays a JSON 404).
 */
export const INBOX_CLIENT_PATHS = [
  '/views/:view',
  '/cases/:reference',
  '/search',
  '/stats',
  '/exposure',
  '/admin/users',
  '/admin/categories',
  '/admin/templates',
  '/account',
  '/calls/new',
  '/calls/import',
] as const;
