const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/**
 * Escape text for HTML element content and quoted attribute values. Every value that is
 * interpolated into a server-rendered public page goes through here, including our own dictionary
 * strings, so a translation can never inject markup either. The backtick is escaped for old IE
 * attribute parsing and for any template that might one day be unquoted.
 */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => ENTITIES[ch] ?? ch);
}
