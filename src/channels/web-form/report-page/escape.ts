/** The one HTML escape of the public pages (the report form, the status page, the institutions' reply page). */
export { escapeHtml } from '../../../http/escape-html.ts';
