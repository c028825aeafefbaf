import { Router } from 'express';
import { z } from 'zod';
import type { InboxAttachmentService } from '../../domain/inbox-attachments.service.ts';
import { actorOf, requireUser } from '../session.ts';

export const idParam = z.object({ id: z.uuid() });
export const linkParams = z.object({ id: z.uuid(), index: z.coerce.number().int().min(0).max(99) });

/** RFC 6266 filename*: the name travels, but never as something a browser could render. */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function inboxAttachmentRoutes(service: InboxAttachmentService): Router {
  const r = Router();
  r.use(['/api/attachments', '/api/messages'], requireUser);

  /** POST, not GET: a reveal is an act that is audited, never a prefetch or a stray <img>. */
  r.post('/api/attachments/:id/reveal', async (req, res) => {
    const { id } = idParam.parse(req.params);
    const f = await service.revealFile(actorOf(req), id);
    res
      .status(200)
      .set({
        // Always a download: the browser must not sniff or render it inside the inbox.
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': disposition(f.fileName),
        'X-Content-Type-Options': 'nosniff',
        // Opened by mistake in a tab, it runs nothing and loads nothing.
        'Content-Security-Policy': "sandbox; default-src 'none'",
        'Cache-Control': 'no-store',
        'X-Original-Content-Type': f.contentType.replace(/[^\x20-\x7e]/g, ''),
        'X-Detected-Content-Type': f.detectedType ?? 'unknown',
      })
      .send(f.bytes);
  });

  r.post('/api/messages/:id/links/:index/reveal', async (req, res) => {
    const { id, index } = linkParams.parse(req.params);
    res.set('Cache-Control', 'no-store').json(await service.revealLink(actorOf(req), id, index));
  });

  return r;
}
