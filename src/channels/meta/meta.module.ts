import { createHash } from 'node:crypto';
import type { SenderIdentity } from '../../../connectors/contract.ts';
import { createGraphClient } from '../../../connectors/meta/graph-client.ts';
import { createMetaConnector } from '../../../connectors/meta/meta.connector.ts';
import { type MetaChannel, type MetaPage, pageFinder } from '../../../connectors/meta/meta-page.ts';
import { ProbeFailure } from '../channel-health.ts';
import type { ChannelModule } from '../channel-module.ts';
import { createMetaRepository } from './meta.repository.ts';
import { metaApiRoutes } from './meta-api.routes.ts';
import { readMetaSettings } from './meta-config.ts';
import { createMetaProfileRepository } from './meta-profile.repository.ts';
import { createProfileFetcher } from './meta-profiles.ts';
import { metaWebhookRoutes } from './meta-webhook.routes.ts';

/** Which token Meta refused is remembered by this, never by the token itself. */
const fingerprint = (p: MetaPage) => createHash('sha256').update(p.accessToken).digest('hex').slice(0, 16);

/**
 * Facebook Messenger and Instagram Direct: Graph webhooks in (/webhooks/meta), Send API replies
 * out, inside Meta's messaging window. Inactive (adds nothing) when no Meta setting is present.
 */
export const metaModule: ChannelModule = {
  name: 'meta',
  init(ctx) {
    const settings = readMetaSettings(ctx.env, ctx.channelsFile);
    if (!settings) return {};
    const pages: ReadonlyMap<string, MetaPage> = new Map(settings.pages.map((p) => [p.pageId, p]));
    const repo = createMetaRepository(ctx.db);
    const graph = createGraphClient({
      baseUrl: settings.graphUrl,
      version: settings.graphVersion,
      appSecret: settings.appSecret,
    });
    const reauthReason = (p: MetaPage) => repo.reauthReason(p.pageId, fingerprint(p));
    const markReauth = async (pageId: string, reason: string) => {
      const page = pages.get(pageId);
      if (!page) return;
      await repo.markReauth(pageId, fingerprint(page), reason, new Date());
      ctx.log.error({ pageId }, 'Meta refused the page token: the page needs re-authorisation');
    };
    const connector = (channel: MetaChannel) =>
      createMetaConnector({
        channel,
        graph,
        pages,
        lastUserMessage: (to: SenderIdentity) => repo.lastUserMessage(to.kind, to.value, channel),
        reauthReason: async (pageId) => {
          const page = pages.get(pageId);
          return page ? reauthReason(page) : null;
        },
        markReauth,
        clearReauth: (pageId) => repo.clearReauth(pageId, new Date()),
      });
    const profiles = createProfileFetcher({
      repo: createMetaProfileRepository(ctx.db),
      graph,
      pages,
      retryMs: settings.profileRetrySec * 1000,
      caseSummary: (id) => ctx.cases.summary(id),
      publish: (events) => ctx.publisher.publish(events),
      markReauth,
      log: ctx.log,
    });
    ctx.log.info({ pages: settings.pages.map((p) => p.pageId) }, 'Meta channel configured');

    return {
      connectors: [connector('facebook'), connector('instagram')],
      publicRoutes: [
        metaWebhookRoutes({
          appSecret: settings.appSecret,
          verifyToken: settings.verifyToken,
          findPage: pageFinder(settings.pages),
          accept: ctx.accept,
          log: ctx.log,
        }),
      ],
      privateRoutes: [metaApiRoutes({ repo, pages, reauthReason })],
      // One probe per page, so /api/health names the page whose token Meta refused.
      health: settings.pages.map((p) => ({
        name: `meta:${p.pageId}`,
        async check() {
          const reason = await reauthReason(p);
          if (reason) throw new ProbeFailure('token-refused', `page ${p.pageId} needs re-authorisation: ${reason}`);
        },
      })),

      async onApplied(applied) {
        const env = applied.envelope;
        if (applied.outcome !== 'applied' || env.type === 'update' || !env.sender) return;
        if (env.channel !== 'facebook' && env.channel !== 'instagram') return;
        const pageId = env.message.fields?.pageId;
        profiles.notice(env.sender, typeof pageId === 'string' ? pageId : null);
      },

      async startWorker() {
        const sweep = () => void profiles.sweep().catch((err) => ctx.log.warn({ err }, 'profile sweep failed'));
        const timer = setInterval(sweep, settings.profileSweepSec * 1000);
        timer.unref();
        sweep();
        return async () => {
          clearInterval(timer);
          await profiles.idle();
        };
      },

      async stop() {
        graph.close();
      },
    };
  },
};
