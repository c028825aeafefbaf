import { Router } from 'express';
import { z } from 'zod';
import { identityKind } from '../../../connectors/meta/messaging-mapper.ts';
import { messagingWindow, TEXT_LIMIT } from '../../../connectors/meta/messaging-window.ts';
import { pageFor } from '../../../connectors/meta/meta.connector.ts';
import type { MetaChannel, MetaPage } from '../../../connectors/meta/meta-page.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { requireRole, requireUser } from '../../http/session.ts';
import type { MetaRepository } from './meta.repository.ts';
import { type MetaMessageKey, metaMessage } from './meta-messages.ts';

export interface MetaApiDeps {
  repo: MetaRepository;
  pages: ReadonlyMap<string, MetaPage>;
  /** Reason the page's current token was refused, or null. */
  reauthReason(page: MetaPage): Promise<string | null>;
  now?(): Date;
}

export const windowQuery = z.object({ caseId: z.uuid() });
const isMeta = (c: string): c is MetaChannel => c === 'facebook' || c === 'instagram';

/**
 * For the composer: can a reply go out on this case now, in which mode, until when, and if not,
 * why (a reason code and its text in the three languages). For admins: the pages and whether
 * any needs re-authorising.
 */
export function metaApiRoutes(deps: MetaApiDeps): Router {
  const r = Router();

  r.get('/api/channels/meta/window', requireUser, async (req, res) => {
    const { caseId } = windowQuery.parse(req.query);
    const c = await deps.repo.caseReplyContext(caseId);
    if (!c) throw new NotFoundError('case');
    if (!isMeta(c.channel)) {
      res.json({ applicable: false, channel: c.channel });
      return;
    }
    const kind = identityKind(c.channel);
    const to = c.anonymous ? undefined : c.identities.find((i) => i.kind === kind);
    const last = to ? await deps.repo.lastUserMessage(to.kind, to.value, c.channel) : null;
    const page = pageFor(deps.pages, last?.pageId);
    const reauth = page ? await deps.reauthReason(page) : null;
    const window = messagingWindow(last?.at ?? null, deps.now?.() ?? new Date(), page?.humanAgent ?? false);
    let reason: MetaMessageKey;
    if (!to) reason = 'no_meta_contact';
    else if (!page) reason = 'page_not_configured';
    else if (reauth) reason = 'page_needs_reauthorisation';
    else if (!window.canReply) reason = last ? 'outside_messaging_window' : 'never_wrote';
    else reason = window.mode === 'human_agent' ? 'human_agent' : 'response';
    const canReply = reason === 'response' || reason === 'human_agent';
    res.json({
      applicable: true,
      channel: c.channel,
      canReply,
      mode: canReply ? window.mode : 'closed',
      closesAt: window.closesAt?.toISOString() ?? null,
      lastUserMessageAt: last?.at.toISOString() ?? null,
      humanAgent: page?.humanAgent ?? false,
      maxText: TEXT_LIMIT[c.channel],
      reason,
      message: metaMessage(reason),
    });
  });

  r.get('/api/channels/meta/status', requireRole('admin'), async (_req, res) => {
    const pages = await Promise.all(
      [...deps.pages.values()].map(async (p) => {
        const reason = await deps.reauthReason(p);
        return {
          pageId: p.pageId,
          instagramId: p.instagramId ?? null,
          humanAgent: p.humanAgent,
          comments: p.comments,
          needsReauth: reason !== null,
          reason,
        };
      }),
    );
    res.json({ pages });
  });

  return r;
}
