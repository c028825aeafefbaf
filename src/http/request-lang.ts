import type { Request } from 'express';
import { type Lang, pickLang } from '../i18n/messages.ts';

/** The language of a public page's request: ?lang=, then the form's `language` field, then Accept-Language. */
export function requestLang(req: Request): Lang {
  const fromQuery = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  const fromBody = typeof req.body?.language === 'string' ? (req.body.language as string) : undefined;
  return pickLang(fromQuery ?? fromBody, req.get('accept-language'));
}
