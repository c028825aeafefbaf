/**
 * The web inbox's own URLs: the inbox router (web-inbox/src/shell/routes.ts) reads them, and the
 * server answers each with the inbox page, so a shared link or a reload opens the same screen. One
 * list for both; imports nothing, as the inbox bundles it. Only these exact shapes: the API, the
 * socket, the public form, webhooks, health, metrics and the queue dashboard keep their own
 * answers (an unknown /api path stays a JSON 404).
 */
export const SCREENS = [
  'stats',
  'exposure',
  'users',
  'categories',
  'templates',
  'account',
  'call-log',
  'call-import',
  'reports',
  'triage-feedback',
  'record-settings',
  'board',
  'handovers',
  'notifications',
  'outreach',
  'partner',
] as const;
export type Screen = (typeof SCREENS)[number];

/** Where each screen lives; the admin screens sit under /admin/ (never /admin/queues, the server's). */
export const SCREEN_PATHS: Record<Screen, string> = {
  stats: '/stats',
  exposure: '/exposure',
  users: '/admin/users',
  categories: '/admin/categories',
  templates: '/admin/templates',
  account: '/account',
  'call-log': '/calls/new',
  'call-import': '/calls/import',
  reports: '/reports',
  'triage-feedback': '/triage/feedback',
  'record-settings': '/admin/record',
  board: '/board',
  handovers: '/handovers',
  notifications: '/account/notifications',
  outreach: '/outreach',
  partner: '/partner',
};

/** Every path the server answers with the inbox page (besides `/`), as express patterns. */
export const INBOX_CLIENT_PATHS: readonly string[] = [
  '/views/:view',
  '/cases/:reference',
  '/search',
  '/contacts/:id',
  '/urls',
  '/urls/:id',
  ...SCREENS.map((s) => SCREEN_PATHS[s]),
];
